import {
  CustomerSchema,
  DelegationKeySchema,
  MessageCategoryValues,
  OrgSchema,
  PocLinkRefSchema,
  PocSchema,
  type Customer,
} from '@regkit/arin-client/payloads';
import { z } from 'zod';
import { readWorldData } from '../http/worldFile.js';

const nonEmpty = z.string().min(1);
const ticketMessageSchema = z.strictObject({
  subject: z.string().optional(),
  text: z.array(z.string()).readonly(),
  category: z.enum(MessageCategoryValues).optional(),
  /**
   * `data` (base64), or only `sizeBytes`: deterministic content of that size is made on demand.
   * `sha256` (hex), when given, must be the digest of the content.
   */
  attachments: z
    .array(
      z.strictObject({
        filename: nonEmpty,
        data: z.base64().optional(),
        sizeBytes: z.number().int().nonnegative().optional(),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional(),
      }),
    )
    .readonly()
    .optional(),
});

/** A customer payload plus the net it was created under. */
const worldCustomer = z
  .looseObject({ createdUnder: nonEmpty })
  .transform((value, ctx): Customer & { createdUnder: string } => {
    const { createdUnder, ...payload } = value;
    const customer = CustomerSchema.safeParse(payload);
    if (customer.success) return { ...customer.data, createdUnder };
    for (const issue of customer.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });

/**
 * The schema of a world file: the payloads are checked by the client's generated schemas
 * (`PocSchema`, `OrgSchema`, …), the rest here; `checkReferences` then checks the handles.
 */
export const arinWorldSchema = z
  .strictObject({
    webUsers: z
      .array(z.strictObject({ id: nonEmpty, name: z.string(), pocs: z.array(nonEmpty).readonly() }))
      .readonly(),
    apiKeys: z
      .array(
        z.strictObject({
          key: nonEmpty,
          webUser: nonEmpty,
          active: z.boolean(),
          note: z.string().optional(),
        }),
      )
      .readonly(),
    pocs: z.array(PocSchema).readonly(),
    orgs: z.array(OrgSchema).readonly(),
    customers: z.array(worldCustomer).readonly(),
    nets: z
      .array(
        z.strictObject({
          handle: nonEmpty,
          netName: nonEmpty,
          type: nonEmpty,
          startAddress: nonEmpty,
          cidrLength: z.number().int().nonnegative(),
          parentNetHandle: z.string().optional(),
          orgHandle: z.string().optional(),
          customerHandle: z.string().optional(),
          pocLinks: z.array(PocLinkRefSchema).readonly().optional(),
          comment: z.array(z.string()).readonly().optional(),
          active: z.boolean().optional(),
        }),
      )
      .readonly(),
    delegations: z
      .array(
        z.strictObject({
          name: nonEmpty,
          netHandle: nonEmpty,
          nameservers: z.array(nonEmpty).readonly(),
          delegationKeys: z.array(DelegationKeySchema).readonly().optional(),
        }),
      )
      .readonly(),
    tickets: z
      .array(
        z.strictObject({
          ticketNo: nonEmpty,
          webTicketType: nonEmpty,
          webTicketStatus: nonEmpty,
          webTicketResolution: z.string().optional(),
          orgHandle: z.string().optional(),
          webUser: nonEmpty,
          createdDate: nonEmpty,
          messages: z.array(ticketMessageSchema).readonly(),
        }),
      )
      .readonly(),
    settings: z
      .strictObject({
        ticketAttachmentLimitBytes: z.number().int().nonnegative(),
        maxFieldLength: z.number().int().positive(),
        maxStoredBytes: z.number().int().nonnegative(),
      })
      .partial()
      .readonly()
      .optional(),
  })
  .readonly();

/** A JSON description of everything the ARIN mock starts with (`--world FILE`, `GET /__admin/world`). */
export type ArinWorld = z.output<typeof arinWorldSchema>;

/** The world the ARIN mock starts with (`worlds/arin.json`, documented in the README). */
export const defaultArinWorld: ArinWorld = readWorldData(
  new URL('../../worlds/arin.json', import.meta.url),
  arinWorldSchema,
  checkReferences,
);

/** Every handle a world refers to must exist; one error lists every problem. */
export function checkReferences(world: ArinWorld): void {
  const problems: string[] = [];
  const handles = (list: readonly { handle?: string }[], kind: string) => {
    const seen = new Set<string>();
    for (const { handle } of list) {
      if (!handle) problems.push(`a ${kind} has no handle`);
      else if (seen.has(handle)) problems.push(`${kind} ${handle} is defined twice`);
      else seen.add(handle);
    }
    return seen;
  };
  const pocs = handles(world.pocs, 'POC');
  const orgs = handles(world.orgs, 'org');
  const customers = handles(world.customers, 'customer');
  const nets = handles(world.nets, 'net');
  const users = new Set(world.webUsers.map((u) => u.id));
  const need = (set: Set<string>, value: string | undefined, what: string, where: string) => {
    if (value !== undefined && !set.has(value))
      problems.push(`${where} refers to ${what} ${value}, which the world does not define`);
  };
  for (const k of world.apiKeys) need(users, k.webUser, 'web user', `API key ${k.key.slice(0, 8)}…`);
  for (const u of world.webUsers) for (const p of u.pocs) need(pocs, p, 'POC', `web user ${u.id}`);
  for (const o of world.orgs)
    for (const l of o.pocLinks ?? []) need(pocs, l.handle, 'POC', `org ${o.handle}`);
  for (const c of world.customers) {
    need(orgs, c.parentOrgHandle, 'org', `customer ${c.handle}`);
    need(nets, c.createdUnder, 'net', `customer ${c.handle}`);
  }
  for (const n of world.nets) {
    need(nets, n.parentNetHandle, 'parent net', `net ${n.handle}`);
    need(orgs, n.orgHandle, 'org', `net ${n.handle}`);
    need(customers, n.customerHandle, 'customer', `net ${n.handle}`);
    for (const l of n.pocLinks ?? []) need(pocs, l.handle, 'POC', `net ${n.handle}`);
  }
  for (const d of world.delegations) need(nets, d.netHandle, 'net', `delegation ${d.name}`);
  for (const t of world.tickets) {
    need(orgs, t.orgHandle, 'org', `ticket ${t.ticketNo}`);
    need(users, t.webUser, 'web user', `ticket ${t.ticketNo}`);
  }
  if (problems.length) throw new Error(`world: ${problems.join('; ')}`);
}
