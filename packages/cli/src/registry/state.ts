import type { ArinClient, Route } from '@regkit/arin-client';
import { HttpStatusError } from '@regkit/core';
import ipaddr from 'ipaddr.js';
import type { RegistryIntent } from '../swip/index.js';

/** What reads ARIN's registry: the client and the signal of the run. */
export interface RegistryReader {
  arin: ArinClient;
  signal: AbortSignal;
}

/** `10.0.0.0/16` as the URL of a route takes it. */
export function routePath(prefix: string): [string, number] {
  const slash = prefix.lastIndexOf('/');
  return [prefix.slice(0, slash), Number(prefix.slice(slash + 1))];
}

/** A prefix in one spelling whatever its input (`2001:DB8::/32` and `2001:0db8:0:0::/32` are one). */
export function prefixKey(prefix: string): string {
  const [address, length] = routePath(prefix);
  try {
    return `${ipaddr.parse(address).toNormalizedString()}/${length}`;
  } catch {
    return prefix;
  }
}

/** A set's members and a route's route-sets are compared without order or case. */
export const sameMembers = (a: readonly string[], b: readonly string[]) => {
  const norm = (l: readonly string[]) => [...new Set(l.map((m) => m.toUpperCase()))].sort().join(' ');
  return norm(a) === norm(b);
};

const notFound = (err: unknown) => err instanceof HttpStatusError && err.status === 404;

/** The route object at prefix and origin, or undefined when ARIN has none. */
export async function readRoute(
  r: RegistryReader,
  prefix: string,
  origin: string,
): Promise<Route | undefined> {
  const [address, length] = routePath(prefix);
  try {
    return await r.arin.irr.getRoute(address, length, origin, { signal: r.signal });
  } catch (err) {
    if (notFound(err)) return undefined;
    throw err;
  }
}

/** The members of an as-set or route-set, or undefined when ARIN has no such set. */
export async function readSetMembers(
  r: RegistryReader,
  kind: 'as-set' | 'route-set',
  name: string,
): Promise<string[] | undefined> {
  try {
    if (kind === 'as-set')
      return ((await r.arin.irr.getAsSet(name, { signal: r.signal })).members ?? []).map((m) => m.name);
    const set = await r.arin.irr.getRouteSet(name, { signal: r.signal });
    return [...(set.members ?? []), ...(set.mpMembers ?? [])].map((m) => m.name);
  } catch (err) {
    if (notFound(err)) return undefined;
    throw err;
  }
}

/** The providers of each customer AS that has an ASPA in the org. */
export async function readAspas(r: RegistryReader, org: string): Promise<Map<number, number[]>> {
  const list = await r.arin.roa.listAspas(org, { signal: r.signal });
  return new Map(list.map((a) => [a.customerAsId ?? 0, a.providerAsIds ?? []]));
}

/**
 * Whether ARIN holds what a registry write asked for: a create or modify read back and compared, a
 * delete by a 404, an ASPA by the org's list. Sending one again when it is not applied is harmless.
 */
export async function registryApplied(r: RegistryReader, intent: RegistryIntent): Promise<boolean> {
  switch (intent.op) {
    case 'routeCreate':
    case 'routeModify': {
      const route = await readRoute(r, intent.prefix, intent.origin);
      if (!route) return false;
      return (
        intent.op === 'routeCreate' ||
        ((route.description ?? []).join('\n') === intent.description.join('\n') &&
          sameMembers(
            (route.memberOf ?? []).map((m) => m.name),
            intent.memberOf,
          ))
      );
    }
    case 'routeDelete':
      return (await readRoute(r, intent.prefix, intent.origin)) === undefined;
    case 'setCreate':
    case 'setModify': {
      const members = await readSetMembers(r, intent.kind, intent.name);
      return members !== undefined && (intent.op === 'setCreate' || sameMembers(members, intent.members));
    }
    case 'setDelete':
      return (await readSetMembers(r, intent.kind, intent.name)) === undefined;
    case 'aspa': {
      const providers = (await readAspas(r, intent.org)).get(intent.customer);
      if (intent.providers === null) return providers === undefined;
      return providers !== undefined && sameMembers(providers.map(String), intent.providers.map(String));
    }
  }
}
