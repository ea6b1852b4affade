import { attachmentDigest, attachmentSeed } from './attachmentContent.js';
import { cidrRange, parseAddress } from '@regkit/arin-client/address';
import { DEFAULT_ARIN_SETTINGS } from './limits.js';
import {
  childIndex,
  putNet,
  type ArinSettings,
  type AttachmentRecord,
  type ArinState,
  type NetRecord,
  type TicketRecord,
} from './state.js';
import { checkReferences, defaultArinWorld, type ArinWorld } from './world.js';

/** Registration date of the nets a world seeds. */
const DATE = '2019-06-10T11:36:55.136-04:00';

function isoNow(): string {
  return new Date().toISOString().replace('Z', '-00:00');
}

/** Builds the mutable state of the mock from a world. Throws on an inconsistent world. */
export function createArinState(
  world: ArinWorld = defaultArinWorld,
  now: () => string = isoNow,
  settings: Partial<ArinSettings> = {},
): ArinState {
  const clone = <T>(v: T): T => structuredClone(v);
  const state: ArinState = {
    settings: { ...DEFAULT_ARIN_SETTINGS, ...world.settings, ...settings },
    webUsers: new Map(
      world.webUsers.map((u) => [u.id, { id: u.id, name: u.name, pocHandles: new Set(u.pocs) }]),
    ),
    apiKeys: new Map(
      world.apiKeys.map((k) => [k.key, { key: k.key, webUserId: k.webUser, active: k.active }]),
    ),
    pocs: new Map(world.pocs.map((p) => [p.handle as string, clone(p)])),
    orgs: new Map(world.orgs.map((o) => [o.handle as string, clone(o)])),
    customers: new Map(world.customers.map((c) => [c.handle as string, clone(c)])),
    nets: new Map(),
    holdings: new Map(),
    children: new Map(),
    delegations: new Map(
      world.delegations.map((d) => [
        d.name,
        {
          name: d.name,
          netHandle: d.netHandle,
          nameservers: d.nameservers.map((name) => ({ name })),
          delegationKeys: clone([...(d.delegationKeys ?? [])]),
        },
      ]),
    ),
    tickets: new Map(),
    counters: { handle: 100, ticket: 100, attachment: 1 },
    usage: { storedBytes: 0 },
    now,
  };
  checkReferences(world);
  for (const n of world.nets) {
    const address = parseAddress(n.startAddress);
    const range = address && cidrRange(address.version, address.value, n.cidrLength);
    if (!range)
      throw new Error(`world: net ${n.handle} has an invalid block ${n.startAddress}/${n.cidrLength}`);
    const record: NetRecord = {
      ...range,
      handle: n.handle,
      type: n.type,
      ...(n.parentNetHandle ? { parentNetHandle: n.parentNetHandle } : {}),
      ...(n.orgHandle ? { orgHandle: n.orgHandle } : {}),
      ...(n.customerHandle ? { customerHandle: n.customerHandle } : {}),
      netName: n.netName,
      comment: [...(n.comment ?? [])],
      pocLinks: clone([...(n.pocLinks ?? [])]),
      originASes: [],
      registrationDate: DATE,
      active: n.active ?? true,
    };
    putNet(state, record);
    if (n.parentNetHandle && !childIndex(state, n.parentNetHandle).insert(record))
      throw new Error(`world: net ${n.handle} overlaps a sibling`);
  }
  for (const t of world.tickets) {
    const record: TicketRecord = {
      ticketNo: t.ticketNo,
      webTicketType: t.webTicketType,
      webTicketStatus: t.webTicketStatus,
      ...(t.webTicketResolution ? { webTicketResolution: t.webTicketResolution } : {}),
      createdDate: t.createdDate,
      updatedDate: t.createdDate,
      ...(t.webTicketStatus === 'RESOLVED' || t.webTicketStatus === 'CLOSED'
        ? { resolvedDate: t.createdDate }
        : {}),
      ...(t.webTicketStatus === 'CLOSED' ? { closedDate: t.createdDate } : {}),
      ...(t.orgHandle ? { orgHandle: t.orgHandle } : {}),
      shared: false,
      webUserId: t.webUser,
      messages: t.messages.map((m, i) => ({
        messageId: i + 1,
        createdDate: t.createdDate,
        ...(m.subject ? { subject: m.subject } : {}),
        text: [...m.text],
        category: m.category ?? 'NONE',
        attachments: (m.attachments ?? []).map((a) => {
          const id = (state.counters.attachment++).toString(16).padStart(32, '0');
          const record: AttachmentRecord =
            a.data !== undefined
              ? { id, filename: a.filename, data: a.data, sizeBytes: Buffer.from(a.data, 'base64').length }
              : {
                  id,
                  filename: a.filename,
                  data: '',
                  sizeBytes: a.sizeBytes ?? 0,
                  seed: attachmentSeed(t.ticketNo, i, a.filename),
                };
          const where = `ticket ${t.ticketNo} message ${i + 1} attachment ${a.filename}`;
          if (a.data !== undefined && a.sizeBytes !== undefined && a.sizeBytes !== record.sizeBytes)
            throw new Error(
              `world: ${where} declares ${a.sizeBytes} bytes but its data has ${record.sizeBytes}`,
            );
          if (a.sha256 !== undefined && a.sha256 !== attachmentDigest(record))
            throw new Error(`world: ${where} declares sha256 ${a.sha256}, not the digest of its content`);
          return record;
        }),
      })),
    };
    state.tickets.set(t.ticketNo, record);
  }
  return state;
}
