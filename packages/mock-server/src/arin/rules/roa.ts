import { createPublicKey, verify } from 'node:crypto';
import {
  ResourceClassValues,
  type Roa,
  type RoaSpec,
  type RpkiTransaction,
  type TicketedRequest,
} from '@regkit/arin-client/payloads';
import { ArinRuleError, Problems } from '../errors.js';
import { cidrRange, formatArinAddress, parseAddress, type IpRange } from '@regkit/arin-client/address';
import { ROA_TEST_PUBLIC_KEY } from '../roaTestKey.js';
import type { ArinState } from '../state.js';
import { getOrgOr404, orgOfNet, type Caller } from './access.js';
import { planAspaChanges } from './aspa.js';
import { irrRules } from './irr.js';
import { coveringNets } from './netLookup.js';
import { openTicket, ticketPayload } from './ticket.js';
import { isOneOf, listOf } from './validation.js';

interface RoaPrefixRecord extends IpRange {
  readonly cidrLength: number;
  readonly maxLength: number;
  readonly autoLinked: boolean;
}

interface RoaRecord {
  readonly handle: string;
  readonly orgHandle: string;
  readonly name: string;
  readonly asNumber: number;
  readonly notValidBefore: string;
  readonly notValidAfter: string;
  readonly prefixes: readonly RoaPrefixRecord[];
}

/** ROAs live beside the state (a reset makes a new state, and with it an empty store). */
const stores = new WeakMap<ArinState, { roas: Map<string, RoaRecord>; next: number }>();
function store(state: ArinState) {
  let s = stores.get(state);
  if (!s) stores.set(state, (s = { roas: new Map(), next: 1 }));
  return s;
}

const MAX_AS = 4294967295;
const DAY_MS = 86_400_000;
const ROA_DATE = /^(\d{2})-(\d{2})-(\d{4})$/;

function parseRoaDate(text: string, field: string, problems: Problems): Date | undefined {
  const m = ROA_DATE.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]))) : undefined;
  if (!m || !d || d.getUTCMonth() !== Number(m[1]) - 1 || d.getUTCDate() !== Number(m[2])) {
    problems.add('roaData', `${field} ${text} is not a date of the form mm-dd-yyyy.`);
    return undefined;
  }
  return d;
}

function asNumberOf(text: string | number | undefined, problems: Problems): number {
  const n = typeof text === 'number' ? text : /^\d{1,10}$/.test(text ?? '') ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > MAX_AS)
    problems.add('asNumber', `${text ?? '(none)'} is not an AS number.`);
  return n;
}

/** One prefix: valid, aligned, maxLength within bounds, and registered to the org. */
function prefixOf(
  state: ArinState,
  orgHandle: string,
  start: string | undefined,
  cidr: string | number | undefined,
  max: string | number | undefined,
  problems: Problems,
): RoaPrefixRecord | undefined {
  const address = parseAddress(start ?? '');
  const cidrLength = Number(cidr);
  const range = address && cidr !== '' ? cidrRange(address.version, address.value, cidrLength) : undefined;
  if (!address || !range) {
    problems.add('resources', `${start ?? '(none)'}/${cidr ?? ''} is not a valid CIDR prefix.`);
    return undefined;
  }
  const bits = address.version === 4 ? 32 : 128;
  const maxLength = max === undefined || max === '' ? cidrLength : Number(max);
  if (!Number.isInteger(maxLength) || maxLength < cidrLength || maxLength > bits)
    problems.add('maxLength', `maxLength ${max} must be between ${cidrLength} and ${bits}.`);
  if (!coveringNets(state, range).some((n) => orgOfNet(state, n)?.handle === orgHandle))
    problems.add('resources', `${start}/${cidr} is not registered to ${orgHandle}.`);
  return { ...range, cidrLength, maxLength, autoLinked: false };
}

/** The fields of a ROA data line, or the problems found in it. */
function parseRoaData(state: ArinState, orgHandle: string, roaData: string, problems: Problems) {
  const fields = roaData.trim().split('|');
  if (fields.length < 10 || fields.pop() !== '' || (fields.length - 6) % 3 !== 0) {
    problems.add(
      'roaData',
      'The ROA data must be version|timestamp|name|originAS|start|end| and address|cidr|maxLength| per prefix.',
    );
    return undefined;
  }
  const [version, timestamp, name, origin, start, end] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (version !== '1') problems.add('roaData', `Version ${version} is not supported; use 1.`);
  if (!/^\d{1,12}$/.test(timestamp))
    problems.add('roaData', `Timestamp ${timestamp} is not seconds since 1970.`);
  if (!name.trim()) problems.add('roaData', 'The ROA name is required.');
  const asNumber = asNumberOf(origin, problems);
  const from = parseRoaDate(start, 'The validity start', problems);
  const to = parseRoaDate(end, 'The validity end', problems);
  if (from && to && to <= from) problems.add('roaData', 'The validity end must be after its start.');
  const prefixes: RoaPrefixRecord[] = [];
  for (let i = 6; i < fields.length; i += 3) {
    const p = prefixOf(state, orgHandle, fields[i], fields[i + 1], fields[i + 2], problems);
    if (p) prefixes.push(p);
  }
  return { name, asNumber, from, to, prefixes };
}

function roaSpecOf(roa: RoaRecord): RoaSpec {
  return {
    asNumber: roa.asNumber,
    name: roa.name,
    notValidAfter: roa.notValidAfter,
    notValidBefore: roa.notValidBefore,
    resources: roa.prefixes.map((p) => ({
      cidrLength: p.cidrLength,
      endAddress: formatArinAddress(p.version, p.end),
      ipVersion: p.version,
      maxLength: p.maxLength,
      startAddress: formatArinAddress(p.version, p.start),
      autoLinked: p.autoLinked,
    })),
    roaHandle: roa.handle,
    autoRenewed: true,
  };
}

function newHandle(state: ArinState): string {
  return (store(state).next++).toString(16).padStart(32, '0');
}

function signatureVerifies(roa: Roa): boolean {
  try {
    const signature = Buffer.from((roa.signature ?? '').replace(/\s/g, ''), 'base64');
    return verify(
      'sha256',
      Buffer.from(roa.roaData ?? '', 'utf8'),
      createPublicKey(ROA_TEST_PUBLIC_KEY),
      signature,
    );
  } catch {
    return false;
  }
}

export const roaRules = {
  /**
   * Signed ROA request: the signature must verify with the org's ROA request key over the exact
   * ROA data, and every prefix must be registered to the org.
   */
  createSigned(
    caller: Caller,
    orgHandle: string,
    resourceClass: string | undefined,
    roa: Roa,
  ): TicketedRequest {
    const org = getOrgOr404(caller, orgHandle);
    if (!isOneOf(ResourceClassValues, resourceClass))
      throw new ArinRuleError(
        400,
        'E_BAD_REQUEST',
        `The matrix parameter resourceClass must be ${listOf(ResourceClassValues)}.`,
      );
    const problems = new Problems();
    if (!roa.signature?.trim()) problems.add('signature', 'The signature is required.');
    if (!roa.roaData?.trim()) problems.add('roaData', 'The ROA data is required.');
    problems.throwIfAny();
    if (!signatureVerifies(roa))
      problems.add('signature', `The signature does not verify with the ROA request key of ${org.handle}.`);
    problems.throwIfAny();
    const data = parseRoaData(caller.state, org.handle as string, roa.roaData as string, problems);
    problems.throwIfAny();
    const { name, asNumber, from, to, prefixes } = data as NonNullable<typeof data>;
    const record: RoaRecord = {
      handle: newHandle(caller.state),
      orgHandle: org.handle as string,
      name,
      asNumber,
      notValidBefore: (from as Date).toISOString(),
      notValidAfter: (to as Date).toISOString(),
      prefixes,
    };
    store(caller.state).roas.set(record.handle, record);
    const ticket = openTicket(caller, 'CREATE_ROA', undefined, org.handle, `ROA ${name} for AS${asNumber}`);
    ticket.webTicketStatus = 'RESOLVED';
    ticket.webTicketResolution = 'PROCESSED';
    ticket.resolvedDate = ticket.createdDate;
    ticket.outcome = record.handle;
    return { kind: 'ticket', ticket: ticketPayload(ticket, 'summary') };
  },

  list(caller: Caller, orgHandle: string): RoaSpec[] {
    const org = getOrgOr404(caller, orgHandle);
    return [...store(caller.state).roas.values()].filter((r) => r.orgHandle === org.handle).map(roaSpecOf);
  },

  /** "create and delete ROAs and ASPAs in one transaction": validated whole, then deletions first, then additions. */
  transact(caller: Caller, orgHandle: string, tx: RpkiTransaction): void {
    const org = getOrgOr404(caller, orgHandle);
    const { roas } = store(caller.state);
    const problems = new Problems();
    const deletes = tx.roaSpecDelete ?? [];
    for (const ref of deletes) {
      const roa = roas.get(ref.handle ?? '');
      if (!roa || roa.orgHandle !== org.handle)
        throw new ArinRuleError(
          404,
          'E_OBJECT_NOT_FOUND',
          `The ROA ${ref.handle ?? ''} was not found for ${org.handle}.`,
        );
    }
    const adds = (tx.roaSpecAdd ?? []).map((spec) => {
      const asNumber = asNumberOf(spec.asNumber, problems);
      if (!spec.name?.trim()) problems.add('name', 'The ROA name is required.');
      if (!spec.resources?.length) problems.add('resources', 'A ROA needs at least one prefix.');
      const prefixes = (spec.resources ?? []).flatMap((r) => {
        const p = prefixOf(
          caller.state,
          org.handle as string,
          r.startAddress,
          r.cidrLength,
          r.maxLength,
          problems,
        );
        return p ? [{ ...p, autoLinked: spec.autoLink === true }] : [];
      });
      return { name: spec.name ?? '', asNumber, prefixes };
    });
    const applyAspas = planAspaChanges(caller.state, org.handle as string, tx, problems);
    if (!deletes.length && !adds.length && !tx.aspaAdd?.length && !tx.aspaDelete?.length)
      problems.add('rpkiTransaction', 'The transaction adds and deletes nothing.');
    problems.throwIfAny();
    applyAspas();
    for (const ref of deletes) roas.delete(ref.handle ?? '');
    const now = caller.state.now();
    for (const add of adds) {
      const handle = newHandle(caller.state);
      roas.set(handle, {
        handle,
        orgHandle: org.handle as string,
        ...add,
        notValidBefore: now,
        notValidAfter: new Date(Date.parse(now) + 90 * DAY_MS).toISOString(),
      });
      if (add.prefixes.some((p) => p.autoLinked))
        irrRules.linkRoa(caller.state, org.handle as string, handle, add.asNumber, add.prefixes);
    }
  },
};
