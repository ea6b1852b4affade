import type { Customer, DelegationKey, Org, Poc, PocLinkRef } from '@regkit/arin-client/payloads';
import { cidrRange, parseAddress } from './ipRange.js';
import { DEFAULT_ARIN_SETTINGS } from './limits.js';
import { childIndex, type ArinSettings, type ArinState, type NetRecord, type TicketRecord } from './state.js';

/** A JSON description of everything the ARIN mock starts with (`--world FILE`, `GET /__admin/world`). */
export interface ArinWorld {
  readonly webUsers: readonly { id: string; name: string; pocs: readonly string[] }[];
  readonly apiKeys: readonly { key: string; webUser: string; active: boolean; note?: string }[];
  readonly pocs: readonly Poc[];
  readonly orgs: readonly Org[];
  readonly customers: readonly (Customer & { createdUnder: string })[];
  readonly nets: readonly {
    handle: string;
    netName: string;
    type: string;
    startAddress: string;
    cidrLength: number;
    parentNetHandle?: string;
    orgHandle?: string;
    customerHandle?: string;
    pocLinks?: readonly PocLinkRef[];
    comment?: readonly string[];
    active?: boolean;
  }[];
  readonly delegations: readonly {
    name: string;
    netHandle: string;
    nameservers: readonly string[];
    delegationKeys?: readonly DelegationKey[];
  }[];
  readonly tickets: readonly {
    ticketNo: string;
    webTicketType: string;
    webTicketStatus: string;
    webTicketResolution?: string;
    orgHandle?: string;
    webUser: string;
    createdDate: string;
    messages: readonly {
      subject?: string;
      text: readonly string[];
      category?: 'NONE' | 'JUSTIFICATION';
      attachments?: readonly { filename: string; data?: string; sizeBytes?: number }[];
    }[];
  }[];
  readonly settings?: Partial<ArinSettings>;
}

const US = { code2: 'US', code3: 'USA', name: 'United States', e164: '1' };
const office = (number: string) => ({ type: { code: 'O' as const, description: 'OFFICE' }, number });
const DATE = '2019-06-10T11:36:55.136-04:00';
const link = (fn: PocLinkRef['function'], handle: string): PocLinkRef => ({
  function: fn,
  handle,
  description: { AD: 'Admin', AB: 'Abuse', N: 'NOC', T: 'Tech', R: 'Routing', D: 'DNS' }[fn],
});
const poc = (handle: string, contactType: 'PERSON' | 'ROLE', names: Partial<Poc>, email: string): Poc => ({
  handle,
  contactType,
  ...names,
  country: US,
  stateProvince: 'VA',
  streetAddress: ['3635 Example Pkwy'],
  city: 'Chantilly',
  postalCode: '20151',
  emails: [email],
  phones: [office('+1-703-555-0100')],
  registrationDate: DATE,
});

/** The default world, documented in the README. */
export const defaultArinWorld: ArinWorld = {
  webUsers: [
    { id: 'netops', name: 'Example Networks NetOps', pocs: ['JD1-ARIN', 'EXTEC1-ARIN'] },
    { id: 'outsider', name: 'Someone Else', pocs: ['OUT1-ARIN'] },
  ],
  apiKeys: [
    {
      key: 'API-1111-2222-3333-4444',
      webUser: 'netops',
      active: true,
      note: 'active key of the netops web user',
    },
    { key: 'API-DEAD-DEAD-DEAD-DEAD', webUser: 'netops', active: false, note: 'inactive key' },
    {
      key: 'API-9999-8888-7777-6666',
      webUser: 'outsider',
      active: true,
      note: 'active key of a web user with no rights on Example Networks',
    },
  ],
  pocs: [
    poc(
      'JD1-ARIN',
      'PERSON',
      { firstName: 'Jane', lastName: 'Doe', companyName: 'Example Networks' },
      'jdoe@example.net',
    ),
    poc(
      'EXTEC1-ARIN',
      'ROLE',
      { companyName: 'Example Networks', lastName: 'Network Operations' },
      'noc@example.net',
    ),
    poc('EXABU1-ARIN', 'ROLE', { companyName: 'Example Networks', lastName: 'Abuse' }, 'abuse@example.net'),
    poc('EXNOC1-ARIN', 'ROLE', { companyName: 'Example Networks', lastName: 'NOC' }, 'noc24@example.net'),
    poc('OUT1-ARIN', 'PERSON', { firstName: 'Olly', lastName: 'Outsider' }, 'olly@other.example'),
  ],
  orgs: [
    {
      handle: 'EXAMPLE-1',
      orgName: 'Example Networks LLC',
      country: US,
      stateProvince: 'VA',
      streetAddress: ['3635 Example Pkwy'],
      city: 'Chantilly',
      postalCode: '20151',
      registrationDate: '2011-11-07T14:04:28-05:00',
      pocLinks: [
        link('AD', 'JD1-ARIN'),
        link('T', 'EXTEC1-ARIN'),
        link('AB', 'EXABU1-ARIN'),
        link('N', 'EXNOC1-ARIN'),
      ],
    },
    {
      handle: 'OTHER-7',
      orgName: 'Other Org Inc',
      country: US,
      stateProvince: 'NY',
      streetAddress: ['1 Other Plaza'],
      city: 'New York',
      postalCode: '10001',
      registrationDate: '2015-01-02T10:00:00-05:00',
      pocLinks: [link('AD', 'OUT1-ARIN'), link('T', 'OUT1-ARIN'), link('AB', 'OUT1-ARIN')],
    },
  ],
  customers: [
    {
      handle: 'C00000001',
      customerName: 'Acme Dental',
      country: US,
      stateProvince: 'VA',
      streetAddress: ['12 Main St'],
      city: 'Herndon',
      postalCode: '20170',
      parentOrgHandle: 'EXAMPLE-1',
      privateCustomer: false,
      registrationDate: '2020-03-04T09:00:00-05:00',
      createdUnder: 'NET-10-0-0-0-1',
    },
  ],
  nets: [
    {
      handle: 'NET-10-0-0-0-1',
      netName: 'EXAMPLE-NET',
      type: 'DA',
      startAddress: '10.0.0.0',
      cidrLength: 16,
      orgHandle: 'EXAMPLE-1',
      comment: ['Core allocation'],
      pocLinks: [link('T', 'EXTEC1-ARIN')],
    },
    {
      handle: 'NET6-2001-DB8-1',
      netName: 'EXAMPLE-V6',
      type: 'DA',
      startAddress: '2001:db8::',
      cidrLength: 32,
      orgHandle: 'EXAMPLE-1',
    },
    {
      handle: 'NET-10-0-1-0-1',
      netName: 'ACME-DENTAL',
      type: 'S',
      startAddress: '10.0.1.0',
      cidrLength: 24,
      parentNetHandle: 'NET-10-0-0-0-1',
      customerHandle: 'C00000001',
    },
    {
      handle: 'NET-10-0-16-0-1',
      netName: 'EXAMPLE-REALLOC',
      type: 'A',
      startAddress: '10.0.16.0',
      cidrLength: 20,
      parentNetHandle: 'NET-10-0-0-0-1',
      orgHandle: 'EXAMPLE-1',
    },
    {
      handle: 'NET-10-0-17-0-1',
      netName: 'EXAMPLE-DOWNSTREAM',
      type: 'S',
      startAddress: '10.0.17.0',
      cidrLength: 24,
      parentNetHandle: 'NET-10-0-16-0-1',
      orgHandle: 'EXAMPLE-1',
    },
    {
      handle: 'NET-10-0-64-0-1',
      netName: 'EXAMPLE-INACTIVE',
      type: 'A',
      startAddress: '10.0.64.0',
      cidrLength: 20,
      parentNetHandle: 'NET-10-0-0-0-1',
      orgHandle: 'EXAMPLE-1',
      active: false,
    },
    {
      handle: 'NET-192-0-2-0-1',
      netName: 'OTHER-NET',
      type: 'DA',
      startAddress: '192.0.2.0',
      cidrLength: 24,
      orgHandle: 'OTHER-7',
    },
  ],
  delegations: [
    {
      name: '0.10.in-addr.arpa.',
      netHandle: 'NET-10-0-0-0-1',
      nameservers: ['ns1.example.net', 'ns2.example.net'],
    },
    {
      name: '8.b.d.0.1.0.0.2.ip6.arpa.',
      netHandle: 'NET6-2001-DB8-1',
      nameservers: ['ns1.example.net', 'ns2.example.net'],
      delegationKeys: [
        {
          algorithm: { value: '13', name: 'ECDSA Curve P-256 with SHA-256' },
          digest: '2BB183AF5F22588179A53B0A98631FAD1A292118C8B5E9CDC68E14A88E8B2C7D',
          digestType: { value: '2', name: 'SHA-256' },
          keyTag: '60485',
          ttl: '86400',
        },
      ],
    },
  ],
  tickets: [
    {
      ticketNo: '20261101-X1',
      webTicketType: 'QUESTION',
      webTicketStatus: 'PENDING_REVIEW',
      orgHandle: 'EXAMPLE-1',
      webUser: 'netops',
      createdDate: '2026-11-01T10:00:00.000-05:00',
      messages: [
        {
          subject: 'Question',
          text: ['How do I update our RWhois server?'],
          attachments: [{ filename: 'notes.txt', data: 'Uldob2lzIG5vdGVzCg==' }],
        },
      ],
    },
    {
      ticketNo: '20261102-X2',
      webTicketType: 'IPV4_SIMPLE_REASSIGN',
      webTicketStatus: 'RESOLVED',
      webTicketResolution: 'PROCESSED',
      orgHandle: 'EXAMPLE-1',
      webUser: 'netops',
      createdDate: '2026-11-02T09:00:00.000-05:00',
      messages: [{ subject: 'Reassignment', text: ['IPv4 simple reassignment of a /20.'] }],
    },
    {
      ticketNo: '20261103-X3',
      webTicketType: 'ORG_CREATE',
      webTicketStatus: 'CLOSED',
      webTicketResolution: 'ACCEPTED',
      orgHandle: 'EXAMPLE-1',
      webUser: 'netops',
      createdDate: '2026-11-03T09:00:00.000-05:00',
      messages: [],
    },
    {
      ticketNo: '20261104-X4',
      webTicketType: 'QUESTION',
      webTicketStatus: 'IN_PROGRESS',
      orgHandle: 'EXAMPLE-1',
      webUser: 'netops',
      createdDate: '2026-11-04T09:00:00.000-05:00',
      messages: [
        {
          subject: 'Network plan',
          text: ['Our plan is attached.'],
          category: 'JUSTIFICATION',
          attachments: [{ filename: 'network-plan.pdf', sizeBytes: 12 * 1024 * 1024 }],
        },
      ],
    },
  ],
};

function isoNow(): string {
  return new Date().toISOString().replace('Z', '-00:00');
}

/** Every handle a world refers to must exist; one error lists every problem. */
function checkReferences(world: ArinWorld): void {
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
    state.nets.set(n.handle, record);
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
          const data = a.data ?? '';
          return {
            id,
            filename: a.filename,
            data,
            sizeBytes: a.sizeBytes ?? Math.floor((data.length * 3) / 4),
          };
        }),
      })),
    };
    state.tickets.set(t.ticketNo, record);
  }
  return state;
}
