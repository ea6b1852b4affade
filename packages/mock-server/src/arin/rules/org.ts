import {
  PocFunctionValues,
  type Customer,
  type CustomerInput,
  type Org,
  type OrgInput,
  type PocLinkRef,
  type Ticket,
} from '@regkit/arin-client/payloads';
import { ArinRuleError, notFound, Problems } from '../errors.js';
import { charge, refund, sizeOf } from '../limits.js';
import { checkAddress, isOneOf, listOf } from './validation.js';
import { describeLink } from './payloads.js';
import { getCustomerOr404, getOrgOr404, getParentNetOr404, orgOfNet, type Caller } from './access.js';
import { nextHandle } from '../state.js';
import { openTicket, ticketPayload } from './ticket.js';

/** POC links of an org: exactly one Admin, at least one Tech and one Abuse, every POC existing. */
export function checkOrgLinks(caller: Caller, links: readonly PocLinkRef[], problems: Problems): void {
  const count = (fn: string) => links.filter((l) => l.function === fn).length;
  if (count('AD') !== 1) problems.add('pocLinks', 'An org needs exactly one Admin (AD) POC.');
  if (count('T') < 1) problems.add('pocLinks', 'An org needs at least one Tech (T) POC.');
  if (count('AB') < 1) problems.add('pocLinks', 'An org needs at least one Abuse (AB) POC.');
  for (const l of links) {
    if (!isOneOf(PocFunctionValues, l.function))
      problems.add('pocLinkRef', `Unknown POC function ${l.function}.`);
    if (!l.handle || !caller.state.pocs.has(l.handle))
      problems.add('pocLinkRef', `The POC ${l.handle ?? '(none)'} does not exist.`);
  }
}

export function validateOrg(caller: Caller, org: OrgInput): OrgInput {
  const problems = new Problems();
  const country = checkAddress(org, problems);
  if (!org.orgName?.trim()) problems.add('orgName', 'Org name is required.');
  if (country?.code2 === 'CA' && !org.taxId?.trim() && !org.handle)
    problems.add('taxId', 'A tax id is required for Canadian orgs.');
  checkOrgLinks(caller, org.pocLinks ?? [], problems);
  problems.throwIfAny();
  return { ...org, ...(country ? { country } : {}), pocLinks: (org.pocLinks ?? []).map(describeLink) };
}

/**
 * The org of an add or remove POC call, checked in ARIN's order: the org exists, the call names a
 * POC or a function ("optionally specify both the POC handle and the type …, but at least one of
 * those must be specified"), the POC exists, and the key may use the org.
 */
function orgOfPocCall(caller: Caller, orgHandle: string, pocHandle: string, fn: string | undefined): Org {
  const org = caller.state.orgs.get(orgHandle);
  if (!org) throw notFound('ORG', orgHandle);
  if (pocHandle === '' && fn === undefined)
    throw new ArinRuleError(
      400,
      'E_BAD_REQUEST',
      'Give the POC handle, the pocFunction matrix parameter, or both.',
    );
  if (pocHandle !== '' && !caller.state.pocs.has(pocHandle)) throw notFound('POC', pocHandle);
  getOrgOr404(caller, orgHandle);
  return org;
}

const badPocFunction = () =>
  new ArinRuleError(
    400,
    'E_BAD_REQUEST',
    `The pocFunction matrix parameter must be ${listOf(PocFunctionValues)}.`,
  );

function linkedResources(caller: Caller, orgHandle: string): boolean {
  return (
    [...caller.state.nets.values()].some((n) => n.orgHandle === orgHandle) ||
    [...caller.state.customers.values()].some((c) => c.parentOrgHandle === orgHandle)
  );
}

export const orgRules = {
  get: (caller: Caller, handle: string): Org => getOrgOr404(caller, handle),

  /** A10: org creation is reviewed by staff, so it returns an ORG_CREATE ticket. */
  create(caller: Caller, payload: OrgInput): Ticket {
    const valid = validateOrg(caller, { ...payload, handle: undefined });
    const ticket = openTicket(
      caller,
      'ORG_CREATE',
      { kind: 'createOrg', org: valid },
      undefined,
      `Create org ${valid.orgName}`,
    );
    return ticketPayload(ticket, 'summary');
  },

  update(caller: Caller, handle: string, payload: OrgInput): Org {
    const current = getOrgOr404(caller, handle);
    const problems = new Problems();
    if (payload.handle !== handle)
      problems.add('handle', `The handle must be ${handle} and cannot be modified.`);
    if (payload.orgName !== undefined && payload.orgName !== current.orgName)
      problems.add('orgName', 'The org name can only be changed through an ARIN Online ticket.');
    if ((payload.dbaName ?? current.dbaName) !== current.dbaName)
      problems.add('dbaName', 'dbaName cannot be modified.');
    if (payload.registrationDate !== undefined && payload.registrationDate !== current.registrationDate)
      problems.add('registrationDate', 'The registration date cannot be modified.');
    problems.throwIfAny();
    // POC links sent replace all current links; none sent keeps them.
    const merged = {
      ...payload,
      orgName: current.orgName,
      registrationDate: current.registrationDate,
      pocLinks: payload.pocLinks?.length ? payload.pocLinks : current.pocLinks,
    };
    const valid = { ...validateOrg(caller, merged), handle, registrationDate: current.registrationDate };
    caller.state.orgs.set(handle, valid);
    return valid;
  },

  delete(caller: Caller, handle: string): Org {
    const org = getOrgOr404(caller, handle);
    if (linkedResources(caller, handle))
      throw new ArinRuleError(
        409,
        'E_NOT_REMOVEABLE',
        `The org ${handle} cannot be removed while resources are linked to it.`,
      );
    caller.state.orgs.delete(handle);
    refund(caller.state, sizeOf(org));
    return org;
  },

  addPoc(caller: Caller, orgHandle: string, pocHandle: string, fn: string | undefined): Org {
    const org = orgOfPocCall(caller, orgHandle, pocHandle, fn);
    if (!isOneOf(PocFunctionValues, fn)) throw badPocFunction();
    const links = org.pocLinks ?? [];
    const link = describeLink({ function: fn, handle: pocHandle });
    const next =
      fn === 'AD'
        ? [...links.filter((l) => l.function !== 'AD'), link]
        : links.some((l) => l.function === fn && l.handle === pocHandle)
          ? links
          : [...links, link];
    org.pocLinks = next;
    return org;
  },

  removePoc(caller: Caller, orgHandle: string, pocHandle: string, fn: string | undefined): PocLinkRef[] {
    const org = orgOfPocCall(caller, orgHandle, pocHandle, fn);
    if (fn !== undefined && !isOneOf(PocFunctionValues, fn)) throw badPocFunction();
    const links = org.pocLinks ?? [];
    const matches = (l: PocLinkRef) =>
      (pocHandle === '' || l.handle === pocHandle) && (fn === undefined || l.function === fn);
    const removed = links.filter(matches);
    const remaining = links.filter((l) => !matches(l));
    if (removed.length) {
      const problems = new Problems();
      checkOrgLinks(caller, remaining, problems);
      problems.throwIfAny();
    }
    org.pocLinks = remaining;
    return removed.map(describeLink);
  },
};

export function validateCustomer(customer: CustomerInput): CustomerInput {
  const problems = new Problems();
  const country = checkAddress(customer, problems);
  if (!customer.customerName?.trim()) problems.add('customerName', 'Customer name is required.');
  problems.throwIfAny();
  return { ...customer, ...(country ? { country } : {}), privateCustomer: customer.privateCustomer ?? false };
}

const wireCustomer = ({ createdUnder: _u, ...customer }: Customer & { createdUnder?: string }): Customer =>
  customer;

export const customerRules = {
  get: (caller: Caller, handle: string): Customer => wireCustomer(getCustomerOr404(caller, handle)),

  create(caller: Caller, parentNetHandle: string, payload: CustomerInput): Customer {
    const parent = getParentNetOr404(caller, parentNetHandle);
    if (payload.handle !== undefined)
      new Problems().add('handle', 'The handle is assigned by ARIN and cannot be sent.').throwIfAny();
    const valid = validateCustomer(payload);
    const handle = `C${String(caller.state.counters.handle++).padStart(8, '0')}`;
    const customer = {
      ...valid,
      handle,
      parentOrgHandle: orgOfNet(caller.state, parent)?.handle,
      registrationDate: caller.state.now(),
      createdUnder: parent.handle,
    };
    charge(caller.state, sizeOf(customer));
    caller.state.customers.set(handle, customer);
    return wireCustomer(customer);
  },

  update(caller: Caller, handle: string, payload: CustomerInput): Customer {
    const current = getCustomerOr404(caller, handle);
    const problems = new Problems();
    if (payload.handle !== handle)
      problems.add('handle', `The handle must be ${handle} and cannot be modified.`);
    if (payload.customerName !== undefined && payload.customerName !== current.customerName)
      problems.add('customerName', 'The customer name cannot be modified.');
    problems.throwIfAny();
    const valid = validateCustomer({ ...payload, customerName: current.customerName });
    const updated = {
      ...valid,
      handle,
      parentOrgHandle: current.parentOrgHandle,
      registrationDate: current.registrationDate,
      createdUnder: current.createdUnder,
    };
    caller.state.customers.set(handle, updated);
    return wireCustomer(updated);
  },

  delete(caller: Caller, handle: string): Customer {
    const customer = getCustomerOr404(caller, handle);
    if ([...caller.state.nets.values()].some((n) => n.customerHandle === handle)) {
      throw new ArinRuleError(
        409,
        'E_NOT_REMOVEABLE',
        `The customer ${handle} cannot be removed while a net is reassigned to it.`,
      );
    }
    caller.state.customers.delete(handle);
    refund(caller.state, sizeOf(customer));
    return wireCustomer(customer);
  },
};

export const newOrgHandle = (caller: Caller, org: OrgInput) =>
  nextHandle(
    caller.state,
    (org.orgName ?? 'ORG')
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 8)
      .toUpperCase() || 'ORG',
  );
