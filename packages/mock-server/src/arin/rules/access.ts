import type { Org, Poc, PocFunction, PocLinkRef } from '@regkit/arin-client/payloads';
import { forbidden, invalidKey, notFound } from '../errors.js';
import type { ArinState, CustomerRecord, NetRecord, WebUser } from '../state.js';

/*
 * Who may act on what: the caller of a request, the objects its web user can use through its POC
 * links, and the lookups that answer 404 for a missing object and refuse one the caller cannot use.
 */

/** Who is calling: the web user behind the API key of the request. */
export interface Caller {
  readonly state: ArinState;
  readonly webUser: WebUser;
}

/** The caller of an API key: a missing, unknown or inactive key is ARIN's 400 "missing or invalid". */
export function callerOf(state: ArinState, apiKey: string | undefined): Caller {
  const record = apiKey === undefined ? undefined : state.apiKeys.get(apiKey);
  const webUser = record && state.webUsers.get(record.webUserId);
  if (!record || !record.active || !webUser) throw invalidKey();
  return { state, webUser };
}

export const linkedTo = (
  caller: Caller,
  links: readonly PocLinkRef[] | undefined,
  functions?: readonly PocFunction[],
) =>
  (links ?? []).some(
    (l) => caller.webUser.pocHandles.has(l.handle ?? '') && (!functions || functions.includes(l.function)),
  );

export function orgOfNet(state: ArinState, net: NetRecord): Org | undefined {
  for (
    let n: NetRecord | undefined = net;
    n;
    n = n.parentNetHandle ? state.nets.get(n.parentNetHandle) : undefined
  ) {
    if (n.orgHandle) return state.orgs.get(n.orgHandle);
  }
  return undefined;
}

export const canUseOrg = (caller: Caller, org: Org | undefined) => !!org && linkedTo(caller, org.pocLinks);

export function canUseNet(caller: Caller, net: NetRecord): boolean {
  for (
    let n: NetRecord | undefined = net;
    n;
    n = n.parentNetHandle ? caller.state.nets.get(n.parentNetHandle) : undefined
  ) {
    if (
      linkedTo(caller, n.pocLinks) ||
      (n.orgHandle && canUseOrg(caller, caller.state.orgs.get(n.orgHandle)))
    )
      return true;
  }
  return false;
}

export function canUsePoc(caller: Caller, poc: Poc & { createdBy?: string }): boolean {
  const handle = poc.handle ?? '';
  if (caller.webUser.pocHandles.has(handle) || poc.createdBy === caller.webUser.id) return true;
  for (const org of caller.state.orgs.values())
    if ((org.pocLinks ?? []).some((l) => l.handle === handle) && canUseOrg(caller, org)) return true;
  return false;
}

export const canUseCustomer = (caller: Caller, customer: CustomerRecord) =>
  canUseOrg(caller, customer.parentOrgHandle ? caller.state.orgs.get(customer.parentOrgHandle) : undefined);

/**
 * The parent net of a reassign, reallocate or recipient creation: 404 when it does not exist, 403
 * when the key may not act on it (not the generic 400 of a lookup).
 */
export function getParentNetOr404(caller: Caller, handle: string): NetRecord {
  const parent = caller.state.nets.get(handle);
  if (!parent) throw notFound('NET', handle);
  mayActOnParent(caller, parent);
  return parent;
}

/** Reassign, reallocate and recipient creation: linked to the parent's Tech POC or its org's Admin or Tech POC. */
function mayActOnParent(caller: Caller, parent: NetRecord): void {
  const org = orgOfNet(caller.state, parent);
  if (!linkedTo(caller, parent.pocLinks, ['T']) && !linkedTo(caller, org?.pocLinks, ['AD', 'T'])) {
    throw forbidden(
      `The API key is not authorized to act on ${parent.handle}: its web user must be linked to the Tech POC of the net or the Admin or Tech POC of its org.`,
    );
  }
}

export function getPocOr404(caller: Caller, handle: string) {
  const poc = caller.state.pocs.get(handle);
  if (!poc) throw notFound('POC', handle);
  if (!canUsePoc(caller, poc)) throw invalidKey();
  return poc;
}

export function getOrgOr404(caller: Caller, handle: string): Org {
  const org = caller.state.orgs.get(handle);
  if (!org) throw notFound('ORG', handle);
  if (!canUseOrg(caller, org)) throw invalidKey();
  return org;
}

export function getNetOr404(caller: Caller, handle: string): NetRecord {
  const net = caller.state.nets.get(handle);
  if (!net) throw notFound('NET', handle);
  if (!canUseNet(caller, net)) throw invalidKey();
  return net;
}

export function getCustomerOr404(caller: Caller, handle: string): CustomerRecord {
  const customer = caller.state.customers.get(handle);
  if (!customer) throw notFound('CUSTOMER', handle);
  if (!canUseCustomer(caller, customer)) throw invalidKey();
  return customer;
}
