import type { Net } from '@regkit/arin-client/payloads';
import { ArinRuleError } from '../errors.js';
import { contains, formatAddress, parseAddress, type IpRange } from '@regkit/arin-client/address';
import { rootNets, type ArinState, type NetRecord } from '../state.js';
import { netPayload } from './payloads.js';
import { type Caller } from './access.js';

/** The range of a lookup URL: both ends valid, of one IP version, in order. */
export function lookupRange(startAddress: string, endAddress: string): IpRange {
  const start = parseAddress(startAddress);
  const end = parseAddress(endAddress);
  if (!start) throw badAddress(startAddress);
  if (!end) throw badAddress(endAddress);
  if (start.version !== end.version)
    throw new ArinRuleError(
      400,
      'E_BAD_REQUEST',
      `${startAddress} and ${endAddress} are not of the same IP version.`,
    );
  if (end.value < start.value)
    throw new ArinRuleError(400, 'E_BAD_REQUEST', `${endAddress} comes before ${startAddress}.`);
  return { version: start.version, start: start.value, end: end.value };
}

const badAddress = (text: string) =>
  new ArinRuleError(400, 'E_BAD_REQUEST', `${text} is not a valid IP address.`);

const noNet = (range: IpRange) =>
  new ArinRuleError(
    404,
    'E_OBJECT_NOT_FOUND',
    `No network was found for the range ${formatAddress(range.version, range.start)} - ${formatAddress(range.version, range.end)}.`,
  );

const roots = (state: ArinState) => rootNets(state);

/**
 * The nets covering the whole range, outermost first. Each level is one lookup in the parent's
 * interval index: children of one net are disjoint, so at most one of them covers the range.
 */
export function coveringNets(state: ArinState, range: IpRange): NetRecord[] {
  const chain: NetRecord[] = [];
  let level: readonly NetRecord[] = roots(state);
  for (;;) {
    const next = level.find((n) => contains(n, range));
    if (!next) return chain;
    chain.push(next);
    level = state.children.get(next.handle)?.overlapping(range.start, range.end) ?? [];
  }
}

/** Every net whose block lies inside the range, each before its children, ordered by start. */
export function netsWithin(state: ArinState, range: IpRange): NetRecord[] {
  const out: NetRecord[] = [];
  const visit = (candidates: readonly NetRecord[]) => {
    for (const net of [...candidates].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))) {
      if (net.version !== range.version) continue;
      if (contains(range, net)) out.push(net);
      visit(state.children.get(net.handle)?.overlapping(range.start, range.end) ?? []);
    }
  };
  visit(roots(state).filter((n) => n.start <= range.end && range.start <= n.end));
  return out;
}

const sameRange = (a: IpRange, b: IpRange) =>
  a.version === b.version && a.start === b.start && a.end === b.end;

/**
 * Lookups by address range (ARIN's parentNet, mostSpecificNet, netsByIpRange). They answer any
 * valid key: the nets are public in ARIN Whois.
 */
export const netLookupRules = {
  /** "finds the parent of the network represented by the start and end IP range" */
  parentNet(caller: Caller, startAddress: string, endAddress: string): Net {
    const range = lookupRange(startAddress, endAddress);
    const chain = coveringNets(caller.state, range);
    const deepest = chain[chain.length - 1];
    // a net registered for exactly this range represents it: its parent is the answer
    const parent = deepest && sameRange(deepest, range) ? chain[chain.length - 2] : deepest;
    if (!parent) throw noNet(range);
    return netPayload(parent);
  },

  /** "If multiple networks exist for the same IP range, then the most specific network is returned." */
  mostSpecificNet(caller: Caller, startAddress: string, endAddress: string): Net {
    const range = lookupRange(startAddress, endAddress);
    const chain = coveringNets(caller.state, range);
    const deepest = chain[chain.length - 1];
    if (!deepest) throw noNet(range);
    return netPayload(deepest);
  },

  /** "finds the network details related to the start and end IP range" */
  netsByIpRange(caller: Caller, startAddress: string, endAddress: string): Net[] {
    const range = lookupRange(startAddress, endAddress);
    const nets = netsWithin(caller.state, range);
    if (!nets.length) throw noNet(range);
    return nets.map(netPayload);
  },
};
