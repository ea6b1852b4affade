import type {
  AsSet,
  IrrEntry,
  PocFunction,
  IrrSetRef,
  Autnum,
  AutNumRef,
  Org,
  Route,
  RouteRef,
  RouteSet,
} from '@regkit/arin-client/payloads';
import { ArinRuleError, notFound, Problems } from '../errors.js';
import { cidrRange, contains, formatAddress, parseAddress, type IpRange } from '@regkit/arin-client/address';
import type { IrrElement, IrrPayload } from '../rpsl.js';
import type { ArinState } from '../state.js';
import { getNetOr404, getOrgOr404, orgOfNet, type Caller } from './access.js';
import { coveringNets } from './netLookup.js';

/** How an object was created (ARIN's simple and advanced objects) fixes how it may be managed. */
export type Representation = 'xml' | 'rpsl';
const entryOf = (r: Representation): IrrEntry => (r === 'xml' ? 'SIMPLE' : 'ADVANCED');

interface IrrRecord<T extends IrrPayload> {
  payload: T;
  readonly entry: IrrEntry;
  readonly creationDate: string;
  autoLinkedRoaHandle?: string;
}
type RouteRecord = IrrRecord<Route> & { readonly range: IpRange };

/**
 * The ASNs each org holds (on its resource certificate): the mock's world has no ASN registrations,
 * so the default world's orgs hold these.
 */
export const ORG_ASNS: Readonly<Record<string, readonly number[]>> = {
  'EXAMPLE-1': [64496, 64500],
  'OTHER-7': [64511],
};
export const orgHoldsAsn = (orgHandle: string, asn: number) => (ORG_ASNS[orgHandle] ?? []).includes(asn);

const stores = new WeakMap<
  ArinState,
  {
    routes: Map<string, RouteRecord>;
    autnums: Map<number, IrrRecord<Autnum>>;
    asSets: Map<string, IrrRecord<AsSet>>;
    routeSets: Map<string, IrrRecord<RouteSet>>;
  }
>();
function store(state: ArinState) {
  let s = stores.get(state);
  if (!s)
    stores.set(
      state,
      (s = { routes: new Map(), autnums: new Map(), asSets: new Map(), routeSets: new Map() }),
    );
  return s;
}

const entity = (name: string, message: string) => new Problems().add(name, message);
const MAX_AS = 4294967295;

/** `AS64496` as a number; undefined when it is not one. */
export function asnOf(text: string | undefined): number | undefined {
  const m = /^AS(\d{1,10})$/i.exec(text?.trim() ?? '');
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n <= MAX_AS ? n : undefined;
}

/** A CIDR prefix: undefined when malformed; `offBit` when host bits are set below the mask. */
function prefixOf(text: string): { range: IpRange; canonical: string } | 'offBit' | undefined {
  const slash = text.lastIndexOf('/');
  const address = parseAddress(slash > 0 ? text.slice(0, slash) : '');
  const length = Number(text.slice(slash + 1));
  if (!address || slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
  if (length > (address.version === 4 ? 32 : 128)) return undefined;
  const range = cidrRange(address.version, address.value, length);
  if (!range) return 'offBit';
  return { range, canonical: `${formatAddress(address.version, address.value)}/${length}` };
}

/** The POC functions IRR objects use: admin-c (Admin) and tech-c (Tech or Routing). */
const IRR_FUNCTIONS: readonly PocFunction[] = ['AD', 'T', 'R'];

/** The rules every IRR object shares: source, maintainer, contacts. */
function checkCommon(org: Org, value: IrrPayload, problems: Problems): void {
  if ((value.source ?? 'ARIN') !== 'ARIN')
    throw new ArinRuleError(400, 'E_SCHEMA_VALIDATION', 'Payload failed schema validation.', [
      { name: 'source', message: 'The source must be ARIN.' },
    ]);
  if (value.orgHandle !== org.handle)
    problems.add(
      'mnt-by',
      `The maintainer must be MNT-${org.handle}, the maintainer of the org that holds the resource.`,
    );
  if (!value.description?.length) problems.add('descr', 'The description is required.');
  const orgPocs = (fns: readonly PocFunction[]) =>
    new Set((org.pocLinks ?? []).filter((l) => fns.includes(l.function)).map((l) => l.handle));
  for (const link of value.pocLinks ?? []) {
    if (link.function === 'AD' && !orgPocs(['AD']).has(link.handle))
      problems.add('admin-c', `${link.handle ?? ''} is not an Admin POC of ${org.handle}.`);
    else if ((link.function === 'T' || link.function === 'R') && !orgPocs(['T', 'R']).has(link.handle))
      problems.add('tech-c', `${link.handle ?? ''} is not a Tech or Routing POC of ${org.handle}.`);
    else if (!IRR_FUNCTIONS.includes(link.function))
      problems.add('pocLinks', `The POC function ${link.function} is not used in IRR objects (AD, T or R).`);
  }
}

/** Reading or changing an object in the representation it was not created in. */
function checkEntry(record: { entry: IrrEntry }, representation: Representation, what: string): void {
  if (record.entry !== entryOf(representation))
    throw new ArinRuleError(
      503,
      'E_UNSUPPORTED_OPERATION',
      record.entry === 'SIMPLE'
        ? `The ${what} is a simple object: manage it with application/xml, not RPSL.`
        : `The ${what} is an advanced object: manage it with application/rpsl, not XML.`,
    );
}

function orgFor(caller: Caller, handle: string | undefined): Org {
  if (!handle) throw entity('mnt-by', 'The maintainer (MNT-orgHandle) is required.').error();
  return getOrgOr404(caller, handle);
}

const stamp = <T extends IrrPayload>(r: IrrRecord<T>, state: ArinState): T => ({
  ...r.payload,
  source: 'ARIN',
  creationDate: r.creationDate,
  lastModifiedDate: state.now(),
});

function routeKey(address: string, prefixLength: number, originAs: string) {
  const text = `${address}/${prefixLength}`;
  const prefix = prefixOf(text);
  if (prefix === 'offBit') throw offBit(text);
  const asn = asnOf(originAs);
  if (!prefix || asn === undefined) throw notFound('route', `${text} ${originAs}`);
  return { key: `${prefix.canonical} AS${asn}`, prefix, asn };
}

const offBit = (prefix: string) =>
  entity('prefix', `${prefix} has bits set below its mask (off-bit prefix).`).error();

function routeOut(r: RouteRecord, state: ArinState): Route {
  return {
    ...stamp(r, state),
    ...(r.autoLinkedRoaHandle ? { autoLinkedRoaHandle: r.autoLinkedRoaHandle } : {}),
  };
}

/** The arguments of a route creation or update: the route's URL, the payload and its representation. */
type RouteWrite = [
  address: string,
  prefixLength: number,
  originAs: string,
  route: Route,
  rep: Representation,
];

/** The route a URL names: 404 when missing, refused when the key may not use its org or representation. */
function routeOfUrl(
  caller: Caller,
  address: string,
  prefixLength: number,
  originAs: string,
  rep: Representation,
): RouteRecord {
  const { key } = routeKey(address, prefixLength, originAs);
  const record = store(caller.state).routes.get(key);
  if (!record) throw notFound('route', `${address}/${prefixLength} ${originAs}`);
  getOrgOr404(caller, record.payload.orgHandle ?? '');
  checkEntry(record, rep, 'route');
  return record;
}

/** Prefix, origin and resources of a route payload against the route of the path. */
function checkRoute(
  caller: Caller,
  path: { prefix: ReturnType<typeof routeKey>['prefix']; asn: number },
  route: Route,
  org: Org,
  problems: Problems,
): void {
  const asn = asnOf(route.originAS);
  if (asn === 0 || /^AS0+$/i.test(route.originAS ?? ''))
    problems.add('origin', 'exception.asZeroException: AS0 cannot be the origin of a route.');
  else if (asn === undefined)
    problems.add('origin', `${route.originAS ?? '(none)'} is not an AS number (AS64496).`);
  const prefix = prefixOf(route.prefix ?? '');
  if (prefix === 'offBit') problems.add('prefix', offBit(route.prefix ?? '').components[0]?.message ?? '');
  else if (!prefix) problems.add('prefix', `${route.prefix ?? '(none)'} is not a CIDR prefix.`);
  else {
    if (prefix.canonical !== path.prefix.canonical)
      problems.add('prefix', `The prefix ${route.prefix} differs from the prefix of the URL.`);
    if (
      !coveringNets(caller.state, prefix.range).some((n) => orgOfNet(caller.state, n)?.handle === org.handle)
    )
      problems.add('prefix', `${route.prefix} is not within the resources of ${org.handle}.`);
  }
  if (asn !== undefined && asn !== 0 && asn !== path.asn)
    problems.add('origin', `The origin ${route.originAS} differs from the origin AS of the URL.`);
}

function checkMemberOf(refs: readonly { name?: string }[] | undefined, problems: Problems): void {
  const names = (refs ?? []).map((r) => (r.name ?? '').toUpperCase());
  if (new Set(names).size !== names.length)
    problems.add('member-of', 'Duplicate member-of values are not allowed.');
}

const setStore = (state: ArinState, element: SetElement) =>
  (element === 'asSet' ? store(state).asSets : store(state).routeSets) as Map<
    string,
    IrrRecord<AsSet | RouteSet>
  >;
type IrrSet = AsSet | RouteSet;
type SetElement = 'asSet' | 'routeSet';
const SET_WHAT = { asSet: 'as-set', routeSet: 'route-set' } as const;

function checkSetName(element: SetElement, name: string | undefined, org: Org, problems: Problems) {
  const stem = element === 'asSet' ? 'AS-' : 'RS-';
  const m = /^(?:(AS\d{1,10}):)?([A-Z0-9][A-Z0-9_-]*)$/i.exec(name ?? '');
  if (!m || !(m[2] ?? '').toUpperCase().startsWith(stem))
    problems.add('name', `The ${SET_WHAT[element]} name must be ${stem}… or AS<n>:${stem}….`);
  else if (m[1] && !orgHoldsAsn(org.handle as string, asnOf(m[1]) as number))
    problems.add('name', `${m[1]} is not managed by ${org.handle}.`);
}

/** The set a URL names: 404 when missing, refused when the key may not use its org or representation. */
function setOfUrl(caller: Caller, element: SetElement, name: string, rep: Representation) {
  const record = setStore(caller.state, element).get(name.toUpperCase());
  if (!record) throw notFound(SET_WHAT[element], name);
  getOrgOr404(caller, record.payload.orgHandle ?? '');
  checkEntry(record, rep, SET_WHAT[element]);
  return record;
}

export const irrRules = {
  createRoute(caller: Caller, ...[address, prefixLength, originAs, route, rep]: RouteWrite): Route {
    const path = routeKey(address, prefixLength, originAs);
    const org = orgFor(caller, route.orgHandle);
    const problems = new Problems();
    checkCommon(org, route, problems);
    checkRoute(caller, path, route, org, problems);
    checkMemberOf(route.memberOf, problems);
    if (store(caller.state).routes.has(path.key))
      problems.add('route', `A route for ${route.prefix} with origin ${route.originAS} already exists.`);
    problems.throwIfAny();
    const record: RouteRecord = {
      payload: { ...route, prefix: path.prefix.canonical, originAS: `AS${path.asn}` },
      entry: entryOf(rep),
      creationDate: caller.state.now(),
      range: path.prefix.range,
    };
    store(caller.state).routes.set(path.key, record);
    return routeOut(record, caller.state);
  },

  getRoute: (caller: Caller, address: string, prefixLength: number, originAs: string, rep: Representation) =>
    routeOut(routeOfUrl(caller, address, prefixLength, originAs, rep), caller.state),

  updateRoute(caller: Caller, ...[address, prefixLength, originAs, route, rep]: RouteWrite): Route {
    const record = routeOfUrl(caller, address, prefixLength, originAs, rep);
    if (record.autoLinkedRoaHandle)
      throw entity(
        'route',
        `The route is managed by the auto-linked ROA ${record.autoLinkedRoaHandle}: change the ROA instead.`,
      ).error();
    const path = routeKey(address, prefixLength, originAs);
    if (
      asnOf(route.originAS) !== undefined &&
      asnOf(route.originAS) !== 0 &&
      asnOf(route.originAS) !== path.asn
    )
      throw entity(
        'origin',
        'The origin of an existing route cannot be changed: delete the route and create a new one.',
      ).error();
    const org = getOrgOr404(caller, record.payload.orgHandle ?? '');
    const problems = new Problems();
    checkCommon(org, route, problems);
    checkRoute(caller, path, route, org, problems);
    checkMemberOf(route.memberOf, problems);
    problems.throwIfAny();
    record.payload = { ...route, prefix: record.payload.prefix, originAS: record.payload.originAS };
    return routeOut(record, caller.state);
  },

  /** A route of an auto-linked ROA may be deleted on its own; the ROA stays. */
  deleteRoute(
    caller: Caller,
    address: string,
    prefixLength: number,
    originAs: string,
    rep: Representation,
  ): Route {
    const record = routeOfUrl(caller, address, prefixLength, originAs, rep);
    store(caller.state).routes.delete(routeKey(address, prefixLength, originAs).key);
    return routeOut(record, caller.state);
  },

  createAutNum(caller: Caller, asNumber: string, autnum: Autnum, rep: Representation): Autnum {
    const asn = asnOf(asNumber);
    const org = orgFor(caller, autnum.orgHandle);
    const problems = new Problems();
    checkCommon(org, autnum, problems);
    if (asn === undefined || asnOf(autnum.asNumber) !== asn)
      problems.add(
        'aut-num',
        `The ASN ${autnum.asNumber ?? '(none)'} of the payload differs from the ASN of the URL, ${asNumber}.`,
      );
    else if (!orgHoldsAsn(org.handle as string, asn))
      problems.add('aut-num', `${asNumber} is not registered to ${org.handle}.`);
    if (!autnum.asName?.trim()) problems.add('as-name', 'The as-name is required.');
    checkMemberOf(autnum.memberOf, problems);
    problems.throwIfAny();
    if (store(caller.state).autnums.has(asn as number))
      throw new ArinRuleError(400, 'E_BAD_REQUEST', `An aut-num for AS${asn} already exists.`);
    const record = {
      payload: { ...autnum, asNumber: `AS${asn}` },
      entry: entryOf(rep),
      creationDate: caller.state.now(),
    };
    store(caller.state).autnums.set(asn as number, record);
    return stamp(record, caller.state);
  },

  getAutNum(caller: Caller, asNumber: string, rep: Representation): Autnum {
    const record = autnumOr404(caller, asNumber);
    checkEntry(record, rep, 'aut-num');
    return stamp(record, caller.state);
  },

  updateAutNum(caller: Caller, asNumber: string, autnum: Autnum, rep: Representation): Autnum {
    const record = autnumOr404(caller, asNumber);
    checkEntry(record, rep, 'aut-num');
    const org = getOrgOr404(caller, record.payload.orgHandle ?? '');
    const problems = new Problems();
    checkCommon(org, autnum, problems);
    if (asnOf(autnum.asNumber) !== asnOf(asNumber))
      problems.add(
        'aut-num',
        `The ASN ${autnum.asNumber ?? '(none)'} of the payload differs from the ASN of the URL, ${asNumber}.`,
      );
    checkMemberOf(autnum.memberOf, problems);
    problems.throwIfAny();
    record.payload = { ...autnum, asNumber: record.payload.asNumber };
    return stamp(record, caller.state);
  },

  deleteAutNum(caller: Caller, asNumber: string, rep: Representation): Autnum {
    const record = autnumOr404(caller, asNumber);
    checkEntry(record, rep, 'aut-num');
    store(caller.state).autnums.delete(asnOf(asNumber) as number);
    return stamp(record, caller.state);
  },

  createSet<T extends IrrSet>(
    caller: Caller,
    element: SetElement,
    orgHandle: string,
    set: T,
    rep: Representation,
  ): T {
    const org = getOrgOr404(caller, orgHandle);
    const problems = new Problems();
    checkCommon(org, set, problems);
    checkSetName(element, set.name, org, problems);
    const sets = setStore(caller.state, element);
    if (sets.has((set.name ?? '').toUpperCase()))
      problems.add('name', `The ${SET_WHAT[element]} ${set.name} already exists.`);
    problems.throwIfAny();
    const record = { payload: set, entry: entryOf(rep), creationDate: caller.state.now() };
    sets.set((set.name as string).toUpperCase(), record);
    return stamp(record, caller.state) as T;
  },

  getSet: <T extends IrrSet>(caller: Caller, element: SetElement, name: string, rep: Representation): T =>
    stamp(setOfUrl(caller, element, name, rep), caller.state) as T,

  updateSet<T extends IrrSet>(
    caller: Caller,
    element: SetElement,
    name: string,
    set: T,
    rep: Representation,
  ): T {
    const record = setOfUrl(caller, element, name, rep);
    const org = getOrgOr404(caller, record.payload.orgHandle ?? '');
    const problems = new Problems();
    checkCommon(org, set, problems);
    if ((set.name ?? '').toUpperCase() !== name.toUpperCase())
      problems.add(
        'name',
        `The name ${set.name ?? '(none)'} of the payload differs from the name of the URL, ${name}.`,
      );
    problems.throwIfAny();
    record.payload = { ...set, name: record.payload.name };
    return stamp(record, caller.state) as T;
  },

  deleteSet<T extends IrrSet>(caller: Caller, element: SetElement, name: string, rep: Representation): T {
    const record = setOfUrl(caller, element, name, rep);
    setStore(caller.state, element).delete(name.toUpperCase());
    return stamp(record, caller.state) as T;
  },

  listOrgRoutes(caller: Caller, orgHandle: string): RouteRef[] {
    const org = getOrgOr404(caller, orgHandle);
    return [...store(caller.state).routes.values()]
      .filter((r) => r.payload.orgHandle === org.handle)
      .map(routeRef);
  },

  listNetRoutes(caller: Caller, netHandle: string, reassignments: boolean): RouteRef[] {
    const net = getNetOr404(caller, netHandle);
    return [...store(caller.state).routes.values()]
      .filter((r) => {
        if (!contains(net, r.range)) return false;
        if (reassignments) return true;
        return coveringNets(caller.state, r.range).at(-1)?.handle === net.handle;
      })
      .map(routeRef);
  },

  listOrgAutNums(caller: Caller, orgHandle: string): AutNumRef[] {
    const org = getOrgOr404(caller, orgHandle);
    return [...store(caller.state).autnums.values()]
      .filter((r) => r.payload.orgHandle === org.handle)
      .map((r) => ({ entry: r.entry, asNumber: r.payload.asNumber }));
  },

  listOrgSets(caller: Caller, element: SetElement, orgHandle: string): IrrSetRef[] {
    const org = getOrgOr404(caller, orgHandle);
    return [...setStore(caller.state, element).values()]
      .filter((r) => r.payload.orgHandle === org.handle)
      .map((r) => ({ name: r.payload.name, entry: r.entry }));
  },

  /**
   * ROAs added with autoLink: a route object per prefix (its origin the ROA's), created when none
   * exists, and linked to the ROA.
   */
  linkRoa(
    state: ArinState,
    orgHandle: string,
    roaHandle: string,
    asNumber: number,
    prefixes: readonly IpRange[],
  ): void {
    const { routes } = store(state);
    for (const range of prefixes) {
      const length =
        128 - (range.version === 4 ? 96 : 0) - (range.end - range.start + 1n).toString(2).length + 1;
      const canonical = `${formatAddress(range.version, range.start)}/${length}`;
      const key = `${canonical} AS${asNumber}`;
      const existing = routes.get(key);
      if (existing) existing.autoLinkedRoaHandle = roaHandle;
      else
        routes.set(key, {
          payload: {
            orgHandle,
            description: [`Managed by ROA ${roaHandle}`],
            prefix: canonical,
            originAS: `AS${asNumber}`,
          },
          entry: 'SIMPLE',
          creationDate: state.now(),
          range,
          autoLinkedRoaHandle: roaHandle,
        });
    }
  },
};

function autnumOr404(caller: Caller, asNumber: string): IrrRecord<Autnum> {
  const record = store(caller.state).autnums.get(asnOf(asNumber) ?? -1);
  if (!record) throw notFound('aut-num', asNumber);
  getOrgOr404(caller, record.payload.orgHandle ?? '');
  return record;
}

function routeRef(r: RouteRecord): RouteRef {
  return {
    entry: r.entry,
    orgHandle: r.payload.orgHandle,
    originAS: r.payload.originAS,
    prefix: r.payload.prefix,
    ...(r.autoLinkedRoaHandle ? { autoLinkedRoaHandle: r.autoLinkedRoaHandle } : {}),
  };
}

export type { IrrElement };
