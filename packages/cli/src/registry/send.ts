import type { NamedRef } from '@regkit/arin-client';
import type { RegistryIntent } from '../swip/index.js';
import { routePath, type RegistryReader } from './state.js';

const refs = (names: readonly string[]): NamedRef[] => names.map((name) => ({ name }));

/** A route-set keeps IPv4 prefixes and set names in members, IPv6 prefixes in mp-members. */
function routeSetMembers(members: readonly string[]) {
  const mp = members.filter((m) => m.includes(':') && m.includes('/'));
  return {
    members: refs(members.filter((m) => !mp.includes(m))),
    ...(mp.length ? { mpMembers: refs(mp) } : {}),
  };
}

/** Sends the write of one registry intent (a modify reads the object first and keeps what it does not change). */
export async function sendRegistry(r: RegistryReader, intent: RegistryIntent): Promise<unknown> {
  const opts = { signal: r.signal };
  const irr = r.arin.irr;
  switch (intent.op) {
    case 'routeCreate':
    case 'routeModify': {
      const [address, length] = routePath(intent.prefix);
      const body = {
        orgHandle: intent.org,
        description: intent.description,
        source: 'ARIN',
        prefix: intent.prefix,
        originAS: intent.origin,
        ...(intent.memberOf.length ? { memberOf: refs(intent.memberOf) } : {}),
      };
      if (intent.op === 'routeCreate') return irr.createRoute(address, length, intent.origin, body, opts);
      const now = await irr.getRoute(address, length, intent.origin, opts);
      return irr.updateRoute(
        address,
        length,
        intent.origin,
        {
          ...body,
          ...(now.remarks ? { remarks: now.remarks } : {}),
          ...(now.pocLinks ? { pocLinks: now.pocLinks } : {}),
          ...(now.netHandle ? { netHandle: now.netHandle } : {}),
        },
        opts,
      );
    }
    case 'routeDelete': {
      const [address, length] = routePath(intent.prefix);
      return irr.deleteRoute(address, length, intent.origin, opts);
    }
    case 'setCreate':
    case 'setModify': {
      const asSet = intent.kind === 'as-set';
      const now =
        intent.op === 'setModify'
          ? await (asSet ? irr.getAsSet(intent.name, opts) : irr.getRouteSet(intent.name, opts))
          : undefined;
      const body = {
        orgHandle: intent.org,
        name: intent.name,
        description: now?.description ?? intent.description ?? [intent.name],
        source: 'ARIN',
        ...(now?.remarks ? { remarks: now.remarks } : {}),
        ...(now?.pocLinks ? { pocLinks: now.pocLinks } : {}),
        ...(now?.membersByRef ? { membersByRef: now.membersByRef } : {}),
        ...(asSet ? { members: refs(intent.members) } : routeSetMembers(intent.members)),
      };
      if (intent.op === 'setCreate')
        return asSet ? irr.createAsSet(intent.org, body, opts) : irr.createRouteSet(intent.org, body, opts);
      return asSet ? irr.updateAsSet(intent.name, body, opts) : irr.updateRouteSet(intent.name, body, opts);
    }
    case 'setDelete':
      return intent.kind === 'as-set'
        ? irr.deleteAsSet(intent.name, opts)
        : irr.deleteRouteSet(intent.name, opts);
    case 'aspa':
      // one RPKI transaction: replacing an ASPA deletes the old one in it, so it is all or nothing
      return r.arin.roa.transact(
        intent.org,
        {
          ...(intent.replace || intent.providers === null ? { aspaDelete: [intent.customer] } : {}),
          ...(intent.providers
            ? { aspaAdd: [{ customerAsId: intent.customer, providerAsIds: intent.providers }] }
            : {}),
        },
        opts,
      );
  }
}
