import type {
  Customer,
  DelegationKey,
  Message,
  MessageCategory,
  NetInput,
  Org,
  OrgInput,
  Poc,
  PocLinkRef,
} from '@regkit/arin-client/payloads';
import { IntervalIndex, type IpRange } from '@regkit/arin-client/address';

export interface WebUser {
  readonly id: string;
  readonly name: string;
  /** POCs linked to the web user: what its API keys may act for. */
  readonly pocHandles: Set<string>;
}

export interface ApiKeyRecord {
  readonly key: string;
  readonly webUserId: string;
  active: boolean;
}

export interface NetRecord extends IpRange {
  readonly handle: string;
  /** DA, DS, A (reallocation) or S (reassignment). */
  readonly type: string;
  readonly parentNetHandle?: string;
  readonly orgHandle?: string;
  readonly customerHandle?: string;
  netName: string;
  comment: string[];
  pocLinks: PocLinkRef[];
  originASes: string[];
  readonly registrationDate: string;
  active: boolean;
}

export interface CustomerRecord extends Customer {
  /** The net whose recipient the customer was created for. */
  readonly createdUnder: string;
}

export interface DelegationRecord {
  readonly name: string;
  readonly netHandle: string;
  nameservers: { name: string; ttl?: string }[];
  delegationKeys: DelegationKey[];
}

export interface AttachmentRecord {
  readonly id: string;
  readonly filename: string;
  /** base64 content (empty when the content is generated) */
  readonly data: string;
  readonly sizeBytes: number;
  /** Set when the world declared only a size: the seed of the generated content (`generatedAttachment`). */
  readonly seed?: string;
}

export interface MessageRecord {
  readonly messageId: number;
  readonly createdDate: string;
  readonly subject?: string;
  readonly text: string[];
  readonly category: MessageCategory;
  readonly attachments: AttachmentRecord[];
}

export type PendingAction =
  | {
      readonly kind: 'createNet';
      readonly parentNetHandle: string;
      readonly net: NetInput;
      readonly type: 'S' | 'A';
    }
  | { readonly kind: 'deleteNet'; readonly netHandle: string }
  | { readonly kind: 'createOrg'; readonly org: OrgInput };

export interface TicketRecord {
  readonly ticketNo: string;
  readonly webTicketType: string;
  webTicketStatus: string;
  webTicketResolution?: string;
  readonly createdDate: string;
  updatedDate: string;
  resolvedDate?: string;
  closedDate?: string;
  readonly orgHandle?: string;
  readonly shared: boolean;
  readonly webUserId: string;
  readonly messages: MessageRecord[];
  readonly pending?: PendingAction;
  /** What resolving the ticket produced (the created net's handle, …). */
  outcome?: string;
}

export interface ArinSettings {
  /** Total attachment bytes above which GET ticket answers 413 unless msgRefs=true. */
  readonly ticketAttachmentLimitBytes: number;
  /** Longest text value (or line of multi-line text) a payload may carry, in characters. */
  readonly maxFieldLength: number;
  /** Cap on the bytes the state may hold beyond its world (created objects, messages, attachments). */
  readonly maxStoredBytes: number;
}

export interface ArinState {
  readonly settings: ArinSettings;
  readonly webUsers: Map<string, WebUser>;
  readonly apiKeys: Map<string, ApiKeyRecord>;
  readonly pocs: Map<string, Poc & { createdBy?: string }>;
  readonly orgs: Map<string, Org>;
  readonly customers: Map<string, CustomerRecord>;
  readonly nets: Map<string, NetRecord>;
  /**
   * How many nets each org and customer holds (`org:HANDLE`, `customer:HANDLE`), IPv6 ones apart:
   * ARIN's review triggers ask this on every reassign, so it is kept up to date, not counted.
   * Changed only through `putNet` and `dropNet`.
   */
  readonly holdings: Map<string, { nets: number; ipv6: number }>;
  /** Child nets of each net, disjoint: the overlap check of a reassign is O(log n). */
  readonly children: Map<string, IntervalIndex<NetRecord>>;
  readonly delegations: Map<string, DelegationRecord>;
  readonly tickets: Map<string, TicketRecord>;
  readonly counters: { handle: number; ticket: number; attachment: number };
  /** Bytes stored by requests, counted against `settings.maxStoredBytes`. */
  readonly usage: { storedBytes: number };
  /** The clock, as ARIN formats dates. */
  now(): string;
}

const holdersOf = (net: NetRecord): string[] => [
  ...(net.orgHandle ? [`org:${net.orgHandle}`] : []),
  ...(net.customerHandle ? [`customer:${net.customerHandle}`] : []),
];

/** The nets without a parent (the registry's top-level blocks) of each state, kept by putNet and dropNet. */
const rootsOf = new WeakMap<ArinState, Map<string, NetRecord>>();

/** The nets without a parent: where every lookup by address starts, without a scan of every net. */
export function rootNets(state: ArinState): NetRecord[] {
  return [...(rootsOf.get(state)?.values() ?? [])];
}

/** Stores a net and counts it for its holder. */
export function putNet(state: ArinState, net: NetRecord): void {
  const old = state.nets.get(net.handle);
  if (old) dropNet(state, old);
  state.nets.set(net.handle, net);
  if (!net.parentNetHandle) {
    let roots = rootsOf.get(state);
    if (!roots) rootsOf.set(state, (roots = new Map()));
    roots.set(net.handle, net);
  }
  for (const key of holdersOf(net)) {
    const h = state.holdings.get(key) ?? { nets: 0, ipv6: 0 };
    h.nets++;
    if (net.version === 6) h.ipv6++;
    state.holdings.set(key, h);
  }
}

/** Forgets a net and uncounts it for its holder. */
export function dropNet(state: ArinState, net: NetRecord): void {
  if (!state.nets.delete(net.handle)) return;
  rootsOf.get(state)?.delete(net.handle);
  for (const key of holdersOf(net)) {
    const h = state.holdings.get(key);
    if (!h) continue;
    h.nets--;
    if (net.version === 6) h.ipv6--;
    if (h.nets === 0) state.holdings.delete(key);
  }
}

/** The nets an org (`org:HANDLE`) or customer (`customer:HANDLE`) holds. */
export const holdingOf = (state: ArinState, key: string) => state.holdings.get(key) ?? { nets: 0, ipv6: 0 };

export function childIndex(state: ArinState, parentHandle: string): IntervalIndex<NetRecord> {
  let index = state.children.get(parentHandle);
  if (!index) {
    index = new IntervalIndex<NetRecord>();
    state.children.set(parentHandle, index);
  }
  return index;
}

export type { Message };

/** The handle of a new object: the stem and the next number of the state's counter. */
export function nextHandle(state: ArinState, stem: string): string {
  return `${stem}-${state.counters.handle++}`;
}
