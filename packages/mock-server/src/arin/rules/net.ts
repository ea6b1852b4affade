import type {
  Delegation,
  Net,
  NetInput,
  Org,
  OrgInput,
  PocFunction,
  PocLinkRef,
  TicketedRequest,
} from '@regkit/arin-client/payloads';
import { ArinRuleError, forbidden, Problems } from '../errors.js';
import { charge, refund, sizeOf } from '../limits.js';
import {
  cidrRange,
  contains,
  formatAddress,
  parseAddress,
  prefixLength,
  type IpRange,
} from '@regkit/arin-client/address';
import { childIndex, dropNet, holdingOf, putNet, type ArinState, type NetRecord } from '../state.js';
import { describeLink, netPayload } from './payloads.js';
import { getNetOr404, getParentNetOr404, orgOfNet, type Caller } from './access.js';
import { delegationPayload } from './delegation.js';
import { newOrgHandle, validateOrg } from './org.js';
import { openTicket, ticketPayload } from './ticket.js';

/** `NET-10-0-0-0-1` / `NET6-2001-DB8-1` style handle stem. */
function handleStem(range: IpRange): string {
  if (range.version === 4) return `NET-${formatAddress(4, range.start).replace(/\./g, '-')}`;
  return `NET6-${formatAddress(6, range.start).replace(/::$/, '').replace(/:+/g, '-').toUpperCase()}`;
}

const NET_NAME = /^[A-Za-z0-9 -]+$/;
/** The POC functions a net may link (ARIN's rule: not Admin, Routing or DNS). */
const NET_FUNCTIONS: readonly PocFunction[] = ['T', 'N', 'AB'];
const CIDR_LENGTH = /^(?:0|[1-9][0-9]{0,2})$/;
const CIDR_LENGTH_ELEMENT = /<(?:[A-Za-z0-9_-]+:)?cidrLength>([^<]*)</g;

/**
 * ARIN's schema has cidrLength as text that its entity rules parse as a plain decimal: a form the
 * codec would read as the same integer (" 24 ", "024", "+24") is refused, as are hex and exponents.
 * Checked on the payload's text, since the decoded number no longer shows the form.
 */
export function checkPrefixLengthText(xml: string): void {
  const problems = new Problems();
  for (const m of xml.matchAll(CIDR_LENGTH_ELEMENT))
    if (!CIDR_LENGTH.test(m[1] ?? ''))
      problems.add('cidrLength', `"${m[1]}" is not a decimal prefix length.`);
  problems.throwIfAny();
}

/** The one block of a reassign or reallocate payload, as a range. */
function requestedRange(net: NetInput, problems: Problems): IpRange | undefined {
  const blocks = net.netBlocks ?? [];
  if (blocks.length !== 1) {
    problems.add('netBlocks', 'Exactly one net block is required.');
    return undefined;
  }
  const block = blocks[0] as NonNullable<Net['netBlocks']>[number];
  const start = block.startAddress === undefined ? undefined : parseAddress(block.startAddress);
  if (!start) {
    problems.add('startAddress', `${block.startAddress ?? '(none)'} is not a valid IP address.`);
    return undefined;
  }
  let range: IpRange | undefined;
  if (block.cidrLength !== undefined) {
    range = cidrRange(start.version, start.value, block.cidrLength);
    if (!range)
      problems.add('cidrLength', `${block.startAddress}/${block.cidrLength} is not a valid CIDR block.`);
    if (range && block.endAddress !== undefined) {
      const end = parseAddress(block.endAddress);
      if (!end || end.version !== range.version || end.value !== range.end)
        problems.add(
          'endAddress',
          `${block.endAddress} is not the last address of ${block.startAddress}/${block.cidrLength}.`,
        );
    }
  } else if (block.endAddress !== undefined) {
    const end = parseAddress(block.endAddress);
    if (!end || end.version !== start.version || end.value < start.value)
      problems.add('endAddress', `${block.endAddress} is not a valid end address for ${block.startAddress}.`);
    else range = { version: start.version, start: start.value, end: end.value };
    if (range && prefixLength(range) === undefined) {
      problems.add('endAddress', 'The range must be a single CIDR block.');
      range = undefined;
    }
  } else {
    problems.add('netBlocks', 'Give endAddress or cidrLength.');
  }
  if (range && net.version !== undefined && Number(net.version) !== range.version)
    problems.add('version', `Version ${net.version} does not match the address ${block.startAddress}.`);
  if (range && block.type !== undefined && !['S', 'A'].includes(block.type))
    problems.add('type', `Net block type ${block.type} cannot be requested here.`);
  return range;
}

function hasIpv6(state: ArinState, recipient: { orgHandle?: string; customerHandle?: string }): boolean {
  return (
    (recipient.orgHandle !== undefined && holdingOf(state, `org:${recipient.orgHandle}`).ipv6 > 0) ||
    (recipient.customerHandle !== undefined &&
      holdingOf(state, `customer:${recipient.customerHandle}`).ipv6 > 0)
  );
}

function orgHasResources(state: ArinState, orgHandle: string): boolean {
  return holdingOf(state, `org:${orgHandle}`).nets > 0;
}

/** Creates the net if nothing overlaps it now; the check and the insert happen together. */
export function createChildNet(
  state: ArinState,
  parent: NetRecord,
  net: NetInput,
  range: IpRange,
  type: 'S' | 'A',
): NetRecord {
  const record: NetRecord = {
    ...range,
    handle: `${handleStem(range)}-${state.counters.handle++}`,
    type,
    parentNetHandle: parent.handle,
    ...(net.orgHandle ? { orgHandle: net.orgHandle } : {}),
    ...(net.customerHandle ? { customerHandle: net.customerHandle } : {}),
    netName: net.netName ?? '',
    comment: net.comment ?? [],
    pocLinks: [],
    originASes: [],
    registrationDate: state.now(),
    active: true,
  };
  charge(state, sizeOf(record));
  if (!childIndex(state, parent.handle).insert(record)) {
    refund(state, sizeOf(record));
    new Problems().add('startAddress', 'IP range overlaps with existing network(s).').throwIfAny();
  }
  putNet(state, record);
  return record;
}

function subdivide(
  caller: Caller,
  parentNetHandle: string,
  net: NetInput,
  kind: 'reassign' | 'reallocate',
): TicketedRequest {
  const state = caller.state;
  const parent = getParentNetOr404(caller, parentNetHandle);
  if (!parent.active)
    throw forbidden(
      `The net ${parent.handle} is not active and cannot be ${kind === 'reassign' ? 'reassigned' : 'reallocated'}.`,
    );
  if (parent.type !== 'DA' && parent.type !== 'A')
    throw forbidden(
      `The net ${parent.handle} is of type ${parent.type}; only DA and A nets can be ${kind === 'reassign' ? 'reassigned' : 'reallocated'}.`,
    );
  const problems = new Problems();
  const simple = kind === 'reassign' && net.customerHandle !== undefined;
  if (net.customerHandle !== undefined && net.orgHandle !== undefined)
    problems.add('customerHandle', 'Give customerHandle or orgHandle, not both.');
  if (kind === 'reallocate' && net.customerHandle !== undefined)
    problems.add('customerHandle', 'A reallocation goes to an org (orgHandle), not a customer.');
  if (net.customerHandle === undefined && net.orgHandle === undefined)
    problems.add(
      kind === 'reassign' ? 'customerHandle' : 'orgHandle',
      kind === 'reassign'
        ? 'A customerHandle (simple) or an orgHandle (detailed) is required.'
        : 'An orgHandle is required.',
    );
  if (simple && !state.customers.has(net.customerHandle ?? ''))
    problems.add('customerHandle', `The customer ${net.customerHandle} does not exist.`);
  if (net.orgHandle !== undefined) {
    const org = state.orgs.get(net.orgHandle);
    if (!org) problems.add('orgHandle', `The org ${net.orgHandle} does not exist.`);
    else {
      const fns = new Set((org.pocLinks ?? []).map((l) => l.function));
      if (!fns.has('AD') || !fns.has('T') || !fns.has('AB'))
        problems.add('orgHandle', `The org ${net.orgHandle} needs an Admin, a Tech and an Abuse POC.`);
    }
  }
  if (net.pocLinks?.length)
    problems.add('pocLinks', 'POC links cannot be given when reassigning or reallocating.');
  if (!net.netName || !NET_NAME.test(net.netName))
    problems.add('netName', 'Net name is required and may contain only letters, digits, hyphens and spaces.');
  if (net.parentNetHandle !== undefined && net.parentNetHandle !== parent.handle)
    problems.add('parentNetHandle', `parentNetHandle must be ${parent.handle}.`);
  const range = requestedRange(net, problems);
  if (range && range.version !== parent.version)
    problems.add('version', `The parent ${parent.handle} is IPv${parent.version}.`);
  if (range && range.version === 6 && (prefixLength(range) ?? 128) > 64)
    problems.add('cidrLength', 'IPv6 reassignments smaller than a /64 are not allowed.');
  problems.throwIfAny();
  const block = range as IpRange;
  if (!contains(parent, block)) {
    throw new ArinRuleError(
      409,
      'E_ENTITY_VALIDATION',
      `The range ${formatAddress(block.version, block.start)}-${formatAddress(block.version, block.end)} is not inside the parent net ${parent.handle}.`,
      [{ name: 'startAddress', message: 'The range is not within the parent net.' }],
    );
  }
  if (childIndex(state, parent.handle).overlapping(block.start, block.end).length)
    new Problems().add('startAddress', 'IP range overlaps with existing network(s).').throwIfAny();
  const prefix = prefixLength(block) ?? 0;
  const type = kind === 'reassign' ? 'S' : 'A';
  // ARIN's manual-review triggers: these requests become tickets.
  let review: string | undefined;
  if (kind === 'reassign' && simple && block.version === 4 && prefix <= 20) review = 'IPV4_SIMPLE_REASSIGN';
  else if (kind === 'reassign' && block.version === 6 && hasIpv6(state, net))
    review = 'IPV6_DETAILED_REASSIGN';
  else if (kind === 'reallocate' && block.version === 4 && prefix < 20) review = 'IPV4_REALLOCATE';
  else if (
    kind === 'reallocate' &&
    block.version === 6 &&
    net.orgHandle &&
    orgHasResources(state, net.orgHandle)
  )
    review = 'IPV6_REALLOCATE';
  if (review) {
    const ticket = openTicket(
      caller,
      review,
      { kind: 'createNet', parentNetHandle: parent.handle, net, type },
      orgOfNet(state, parent)?.handle,
      `${kind === 'reassign' ? 'Reassignment' : 'Reallocation'} of ${formatAddress(block.version, block.start)}/${prefix} from ${parent.handle}`,
    );
    return { kind: 'ticket', ticket: ticketPayload(ticket, 'summary') };
  }
  return { kind: 'net', net: netPayload(createChildNet(state, parent, net, block, type)) };
}

export const netRules = {
  get: (caller: Caller, handle: string): Net => netPayload(getNetOr404(caller, handle)),

  update(caller: Caller, handle: string, payload: NetInput): Net {
    const net = getNetOr404(caller, handle);
    const current = netPayload(net);
    const problems = new Problems();
    if (payload.handle !== handle)
      problems.add('handle', `The handle must be ${handle} and cannot be modified.`);
    for (const field of ['version', 'orgHandle', 'customerHandle', 'parentNetHandle'] as const) {
      if (payload[field] !== undefined && String(payload[field]) !== String(current[field]))
        problems.add(field, `${field} cannot be modified.`);
    }
    if (payload.netBlocks !== undefined) {
      const sent = payload.netBlocks.map((b) =>
        [parseAddress(b.startAddress ?? '')?.value, b.cidrLength ?? String(prefixLength(net))].join('/'),
      );
      if (sent.length !== 1 || sent[0] !== `${net.start}/${prefixLength(net)}`)
        problems.add('netBlocks', 'netBlocks cannot be modified.');
    }
    if (payload.netName !== undefined && !NET_NAME.test(payload.netName))
      problems.add('netName', 'Net name may contain only letters, digits, hyphens and spaces.');
    const links: PocLinkRef[] = payload.pocLinks ?? net.pocLinks;
    for (const l of links) {
      if (!NET_FUNCTIONS.includes(l.function))
        problems.add('pocLinks', 'Networks may only have Tech, NOC, and Abuse POCs.');
      if (!l.handle || !caller.state.pocs.has(l.handle))
        problems.add('pocLinkRef', `The POC ${l.handle ?? '(none)'} does not exist.`);
    }
    problems.throwIfAny();
    if (payload.netName !== undefined) net.netName = payload.netName;
    if (payload.comment !== undefined) net.comment = payload.comment;
    net.pocLinks = links.map(describeLink);
    return netPayload(net);
  },

  /** A20: only reallocations and reassignments; with child nets the deletion becomes a ticket. */
  delete(caller: Caller, handle: string): TicketedRequest {
    const net = getNetOr404(caller, handle);
    if (net.type !== 'A' && net.type !== 'S')
      new Problems()
        .add(
          'netBlocks',
          `Only reallocations (A) and reassignments (S) can be deleted; ${handle} is ${net.type}.`,
        )
        .throwIfAny();
    if (childIndex(caller.state, handle).size > 0) {
      const ticket = openTicket(
        caller,
        'NET_DELETE_REQUEST',
        { kind: 'deleteNet', netHandle: handle },
        orgOfNet(caller.state, net)?.handle,
        `Delete ${handle}`,
      );
      return { kind: 'ticket', ticket: ticketPayload(ticket, 'summary') };
    }
    const payload = netPayload(net);
    removeNet(caller.state, net);
    return { kind: 'net', net: payload };
  },

  /**
   * ARIN's "Remove NET": "only applicable for reallocations or reassignments. It differs from the
   * Delete NET call in that attachments can be sent using the NET payload." The payload names the
   * net being removed; the removal itself follows the delete rules (a ticket when it has children).
   */
  remove(caller: Caller, handle: string, payload: NetInput): TicketedRequest {
    const problems = new Problems();
    if (payload.handle !== undefined && payload.handle !== handle)
      problems.add('handle', `The payload names ${payload.handle}, not ${handle}.`);
    problems.throwIfAny();
    return netRules.delete(caller, handle);
  },

  createRecipientOrg(caller: Caller, parentNetHandle: string, payload: OrgInput): Org {
    getParentNetOr404(caller, parentNetHandle);
    if (payload.handle !== undefined)
      new Problems().add('handle', 'The handle is assigned by ARIN and cannot be sent.').throwIfAny();
    const valid = validateOrg(caller, payload);
    const org = { ...valid, handle: newOrgHandle(caller, valid), registrationDate: caller.state.now() };
    charge(caller.state, sizeOf(org));
    caller.state.orgs.set(org.handle, org);
    return org;
  },

  reassign: (caller: Caller, parent: string, net: NetInput) => subdivide(caller, parent, net, 'reassign'),
  reallocate: (caller: Caller, parent: string, net: NetInput) => subdivide(caller, parent, net, 'reallocate'),

  delegations(caller: Caller, handle: string): Delegation[] {
    getNetOr404(caller, handle);
    return [...caller.state.delegations.values()]
      .filter((d) => d.netHandle === handle)
      .map(delegationPayload);
  },
};

/** Removes the net and every net under it, so no descendant outlives its parent's registration. */
export function removeNetTree(state: ArinState, net: NetRecord): void {
  const stack = [net];
  const all: NetRecord[] = [];
  while (stack.length) {
    const n = stack.pop() as NetRecord;
    all.push(n);
    stack.push(...(state.children.get(n.handle)?.values() ?? []));
  }
  for (const n of all.reverse()) removeNet(state, n);
}

export function removeNet(state: ArinState, net: NetRecord): void {
  if (net.parentNetHandle) childIndex(state, net.parentNetHandle).remove(net);
  dropNet(state, net);
  refund(state, sizeOf(net));
  state.children.delete(net.handle);
  for (const [name, d] of state.delegations) if (d.netHandle === net.handle) state.delegations.delete(name);
}
