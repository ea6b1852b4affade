import type { RegistryIntent } from '../swip/index.js';
import type { DesiredAspas, DesiredIrr, DesiredSet } from './desired.js';
import {
  prefixKey,
  readAspas,
  readRoute,
  readSetMembers,
  sameMembers,
  type RegistryReader,
} from './state.js';

/**
 * What the plan says of one object: `create`, `change` and `delete` are sent by apply; `keep` (at ARIN,
 * not in the file, no --prune), `roa-owned` (a route of an auto-linked ROA) and `advanced` (an RPSL
 * object, managed in RPSL) are shown and left alone.
 */
export type RegistryAction = 'create' | 'change' | 'delete' | 'keep' | 'roa-owned' | 'advanced';

export interface RegistryChange {
  /** `route 10.0.0.0/16 AS64496`, `as-set AS-EXAMPLE`, `aspa AS64496`. */
  key: string;
  action: RegistryAction;
  /** What differs, or why it is left alone. */
  detail: string;
  /** The write apply sends (create, change and delete only). */
  intent?: RegistryIntent;
}

export const pending = (c: RegistryChange) => c.intent !== undefined;

const list = (l: readonly string[]) => (l.length ? l.join(', ') : '(none)');

/** Set writes: creations and member changes, and deletions of sets the file no longer lists. */
async function setChanges(
  r: RegistryReader,
  org: string,
  kind: 'as-set' | 'route-set',
  desired: DesiredSet[],
  refs: { name?: string; entry?: string }[],
  prune: boolean,
): Promise<{ early: RegistryChange[]; late: RegistryChange[] }> {
  const early: RegistryChange[] = [];
  const late: RegistryChange[] = [];
  const existing = new Map(refs.map((s) => [(s.name ?? '').toUpperCase(), s.entry]));
  for (const set of desired) {
    const key = `${kind} ${set.name}`;
    const entry = existing.get(set.name);
    if (entry === 'ADVANCED') {
      early.push({ key, action: 'advanced', detail: 'an RPSL (advanced) object: manage it in RPSL' });
      continue;
    }
    const base = { org, kind, name: set.name, members: set.members };
    if (!existing.has(set.name)) {
      early.push({
        key,
        action: 'create',
        detail: `members ${list(set.members)}`,
        intent: { op: 'setCreate', ...base, description: set.description },
      });
      continue;
    }
    const members = (await readSetMembers(r, kind, set.name)) ?? [];
    if (!sameMembers(members, set.members))
      early.push({
        key,
        action: 'change',
        detail: `members ${list(members)} → ${list(set.members)}`,
        intent: { op: 'setModify', ...base },
      });
  }
  const wanted = new Set(desired.map((s) => s.name));
  for (const [name, entry] of existing) {
    if (wanted.has(name)) continue;
    const key = `${kind} ${name}`;
    if (entry === 'ADVANCED')
      late.push({
        key,
        action: 'advanced',
        detail: 'not in the file; an RPSL (advanced) object, left alone',
      });
    else if (!prune) late.push({ key, action: 'keep', detail: 'not in the file; kept (--prune deletes it)' });
    else
      late.push({
        key,
        action: 'delete',
        detail: 'not in the file',
        intent: { op: 'setDelete', kind, name },
      });
  }
  return { early, late };
}

/**
 * `irr plan`: the file against the org's lists at ARIN, in the order apply sends them (sets before the
 * routes that join them, set deletions last). Unchanged objects are not listed.
 */
export async function planIrr(
  r: RegistryReader,
  desired: DesiredIrr,
  prune: boolean,
): Promise<RegistryChange[]> {
  const { org } = desired;
  const opts = { signal: r.signal };
  const [routes, asSets, routeSets] = await Promise.all([
    r.arin.irr.listOrgRoutes(org, opts),
    r.arin.irr.listOrgAsSets(org, opts),
    r.arin.irr.listOrgRouteSets(org, opts),
  ]);
  const rs = await setChanges(r, org, 'route-set', desired.routeSets, routeSets, prune);
  const as = await setChanges(r, org, 'as-set', desired.asSets, asSets, prune);
  const existing = new Map(
    routes.map((ref) => [`${prefixKey(ref.prefix ?? '')} ${(ref.originAS ?? '').toUpperCase()}`, ref]),
  );
  const deletes: RegistryChange[] = [];
  const writes: RegistryChange[] = [];
  const wanted = new Set<string>();
  for (const route of desired.routes) {
    const id = `${prefixKey(route.prefix)} ${route.origin}`;
    wanted.add(id);
    const key = `route ${route.prefix} ${route.origin}`;
    const ref = existing.get(id);
    const intent = {
      org,
      prefix: route.prefix,
      origin: route.origin,
      description: route.description,
      memberOf: route.routeSets,
    };
    if (!ref) {
      writes.push({
        key,
        action: 'create',
        detail: `"${route.description.join(' / ')}"${route.routeSets.length ? `, member of ${list(route.routeSets)}` : ''}`,
        intent: { op: 'routeCreate', ...intent },
      });
      continue;
    }
    if (ref.autoLinkedRoaHandle) {
      writes.push({
        key,
        action: 'roa-owned',
        detail: `owned by the auto-linked ROA ${ref.autoLinkedRoaHandle}; left alone`,
      });
      continue;
    }
    if (ref.entry === 'ADVANCED') {
      writes.push({ key, action: 'advanced', detail: 'an RPSL (advanced) object: manage it in RPSL' });
      continue;
    }
    const now = await readRoute(r, route.prefix, route.origin);
    const description = now?.description ?? [];
    const memberOf = (now?.memberOf ?? []).map((m) => m.name);
    const diffs = [
      ...(description.join('\n') !== route.description.join('\n')
        ? [`description "${description.join(' / ')}" → "${route.description.join(' / ')}"`]
        : []),
      ...(!sameMembers(memberOf, route.routeSets)
        ? [`member of ${list(memberOf)} → ${list(route.routeSets)}`]
        : []),
    ];
    if (diffs.length)
      writes.push({
        key,
        action: 'change',
        detail: diffs.join('; '),
        intent: { op: 'routeModify', ...intent },
      });
  }
  for (const [id, ref] of existing) {
    if (wanted.has(id)) continue;
    const key = `route ${ref.prefix ?? ''} ${ref.originAS ?? ''}`;
    if (ref.autoLinkedRoaHandle)
      deletes.push({
        key,
        action: 'roa-owned',
        detail: `not in the file; owned by the auto-linked ROA ${ref.autoLinkedRoaHandle}, left alone`,
      });
    else if (ref.entry === 'ADVANCED')
      deletes.push({
        key,
        action: 'advanced',
        detail: 'not in the file; an RPSL (advanced) object, left alone',
      });
    else if (!prune)
      deletes.push({ key, action: 'keep', detail: 'not in the file; kept (--prune deletes it)' });
    else
      deletes.push({
        key,
        action: 'delete',
        detail: 'not in the file',
        intent: { op: 'routeDelete', prefix: ref.prefix ?? '', origin: ref.originAS ?? '' },
      });
  }
  return [...rs.early, ...as.early, ...deletes, ...writes, ...as.late, ...rs.late];
}

const asList = (l: readonly number[]) => l.map((n) => `AS${n}`).join(', ');

/** `aspa plan`: the file's provider authorisations against the org's ASPAs. */
export async function planAspas(
  r: RegistryReader,
  desired: DesiredAspas,
  prune: boolean,
): Promise<RegistryChange[]> {
  const { org } = desired;
  const existing = await readAspas(r, org);
  const changes: RegistryChange[] = [];
  for (const { customer, providers } of desired.aspas) {
    const key = `aspa AS${customer}`;
    const now = existing.get(customer);
    if (!now)
      changes.push({
        key,
        action: 'create',
        detail: `providers ${asList(providers)}`,
        intent: { op: 'aspa', org, customer, providers },
      });
    else if (!sameMembers(now.map(String), providers.map(String)))
      changes.push({
        key,
        action: 'change',
        detail: `providers ${asList(now)} → ${asList(providers)}`,
        intent: { op: 'aspa', org, customer, providers, replace: true },
      });
  }
  const wanted = new Set(desired.aspas.map((a) => a.customer));
  for (const [customer, providers] of existing) {
    if (wanted.has(customer)) continue;
    const key = `aspa AS${customer}`;
    if (!prune)
      changes.push({
        key,
        action: 'keep',
        detail: `providers ${asList(providers)}; not in the file, kept (--prune deletes it)`,
      });
    else
      changes.push({
        key,
        action: 'delete',
        detail: `providers ${asList(providers)}; not in the file`,
        intent: { op: 'aspa', org, customer, providers: null },
      });
  }
  return changes;
}
