import type { ArinOperationId, ArinOperationTypes } from '@regkit/arin-client';
import { ArinRuleError } from './errors.js';
import { getOrgOr404, type Caller } from './rules/access.js';
import { listAspas } from './rules/aspa.js';
import { delegationRules } from './rules/delegation.js';
import { irrRules } from './rules/irr.js';
import { netRules } from './rules/net.js';
import { netLookupRules } from './rules/netLookup.js';
import { customerRules, orgRules } from './rules/org.js';
import { pocRules } from './rules/poc.js';
import { reportRules } from './rules/reports.js';
import { roaRules } from './rules/roa.js';
import { ticketRules } from './rules/ticket.js';

export interface ArinHandlerContext {
  readonly caller: Caller;
  /** Response headers to add (the attachment's file name). */
  readonly headers: Record<string, string>;
  /** The IRR representation of the call: XML (simple objects) or RPSL (advanced ones). */
  readonly representation?: 'xml' | 'rpsl';
}

/** The rule of one operation: its generated input (body validated) in, its generated output out. */
export type ArinHandler<K extends ArinOperationId> = (
  input: ArinOperationTypes[K]['input'],
  ctx: ArinHandlerContext,
) => ArinOperationTypes[K]['output'];

export type ArinHandlers = { readonly [K in ArinOperationId]?: ArinHandler<K> };

/** A rule for every operation of the spec. */
type ArinHandlerTable = { readonly [K in ArinOperationId]: ArinHandler<K> };

/** ARIN's attachment download names the file in Content-Disposition. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

const rep = (c: ArinHandlerContext) => c.representation ?? 'xml';

/** The IRR operations: the rules see the representation of the call (simple XML or advanced RPSL objects). */
const irrHandlers = {
  createIrrRoute: (i, c) =>
    irrRules.createRoute(c.caller, i.address, i.prefixLength, i.originAs, i.body, rep(c)),
  getIrrRoute: (i, c) => irrRules.getRoute(c.caller, i.address, i.prefixLength, i.originAs, rep(c)),
  updateIrrRoute: (i, c) =>
    irrRules.updateRoute(c.caller, i.address, i.prefixLength, i.originAs, i.body, rep(c)),
  deleteIrrRoute: (i, c) => irrRules.deleteRoute(c.caller, i.address, i.prefixLength, i.originAs, rep(c)),
  createIrrAutNum: (i, c) => irrRules.createAutNum(c.caller, i.asNumber, i.body, rep(c)),
  getIrrAutNum: (i, c) => irrRules.getAutNum(c.caller, i.asNumber, rep(c)),
  updateIrrAutNum: (i, c) => irrRules.updateAutNum(c.caller, i.asNumber, i.body, rep(c)),
  deleteIrrAutNum: (i, c) => irrRules.deleteAutNum(c.caller, i.asNumber, rep(c)),
  createIrrAsSet: (i, c) => irrRules.createSet(c.caller, 'asSet', i.orgHandle, i.body, rep(c)),
  getIrrAsSet: (i, c) => irrRules.getSet(c.caller, 'asSet', i.asSetName, rep(c)),
  updateIrrAsSet: (i, c) => irrRules.updateSet(c.caller, 'asSet', i.asSetName, i.body, rep(c)),
  deleteIrrAsSet: (i, c) => irrRules.deleteSet(c.caller, 'asSet', i.asSetName, rep(c)),
  createIrrRouteSet: (i, c) => irrRules.createSet(c.caller, 'routeSet', i.orgHandle, i.body, rep(c)),
  getIrrRouteSet: (i, c) => irrRules.getSet(c.caller, 'routeSet', i.routeSetName, rep(c)),
  updateIrrRouteSet: (i, c) => irrRules.updateSet(c.caller, 'routeSet', i.routeSetName, i.body, rep(c)),
  deleteIrrRouteSet: (i, c) => irrRules.deleteSet(c.caller, 'routeSet', i.routeSetName, rep(c)),
  listNetRoutes: (i, c) => irrRules.listNetRoutes(c.caller, i.netHandle, i.reassignments ?? false),
  listOrgRoutes: (i, c) => irrRules.listOrgRoutes(c.caller, i.orgHandle),
  listOrgAutNums: (i, c) => irrRules.listOrgAutNums(c.caller, i.orgHandle),
  listOrgAsSets: (i, c) => irrRules.listOrgSets(c.caller, 'asSet', i.orgHandle),
  listOrgRouteSets: (i, c) => irrRules.listOrgSets(c.caller, 'routeSet', i.orgHandle),
} satisfies ArinHandlers;

/** The mock's rules by operationId. */
export const arinHandlers: ArinHandlers = {
  getPoc: (i, c) => pocRules.get(c.caller, i.pocHandle),
  createPoc: (i, c) => pocRules.create(c.caller, i.body, i.makeLink ?? false),
  updatePoc: (i, c) => pocRules.update(c.caller, i.pocHandle, i.body),
  deletePoc: (i, c) => pocRules.delete(c.caller, i.pocHandle),
  addPocPhone: (i, c) => pocRules.addPhone(c.caller, i.pocHandle, i.body),
  deletePocPhone: (i, c) => pocRules.deletePhone(c.caller, i.pocHandle, i.number, i.type),
  addPocEmail: (i, c) => pocRules.addEmail(c.caller, i.pocHandle, i.email),
  deletePocEmail: (i, c) => pocRules.deleteEmail(c.caller, i.pocHandle, i.email),
  getOrg: (i, c) => orgRules.get(c.caller, i.orgHandle),
  createOrg: (i, c) => orgRules.create(c.caller, i.body),
  updateOrg: (i, c) => orgRules.update(c.caller, i.orgHandle, i.body),
  deleteOrg: (i, c) => orgRules.delete(c.caller, i.orgHandle),
  addOrgPoc: (i, c) => orgRules.addPoc(c.caller, i.orgHandle, i.pocHandle, i.pocFunction),
  removeOrgPoc: (i, c) => orgRules.removePoc(c.caller, i.orgHandle, i.pocHandle, i.pocFunction),
  getCustomer: (i, c) => customerRules.get(c.caller, i.customerHandle),
  updateCustomer: (i, c) => customerRules.update(c.caller, i.customerHandle, i.body),
  deleteCustomer: (i, c) => customerRules.delete(c.caller, i.customerHandle),
  getNet: (i, c) => netRules.get(c.caller, i.netHandle),
  updateNet: (i, c) => netRules.update(c.caller, i.netHandle, i.body),
  deleteNet: (i, c) => netRules.delete(c.caller, i.netHandle),
  createRecipientOrg: (i, c) => netRules.createRecipientOrg(c.caller, i.parentNetHandle, i.body),
  createRecipientCustomer: (i, c) => customerRules.create(c.caller, i.parentNetHandle, i.body),
  reassignNet: (i, c) => netRules.reassign(c.caller, i.parentNetHandle, i.body),
  reallocateNet: (i, c) => netRules.reallocate(c.caller, i.parentNetHandle, i.body),
  listNetDelegations: (i, c) => netRules.delegations(c.caller, i.netHandle),
  getParentNet: (i, c) => netLookupRules.parentNet(c.caller, i.startAddress, i.endAddress),
  getMostSpecificNet: (i, c) => netLookupRules.mostSpecificNet(c.caller, i.startAddress, i.endAddress),
  listNetsByIpRange: (i, c) => netLookupRules.netsByIpRange(c.caller, i.startAddress, i.endAddress),
  removeNet: (i, c) => netRules.remove(c.caller, i.netHandle, i.body),
  createSignedRoa: (i, c) => roaRules.createSigned(c.caller, i.orgHandle, i.resourceClass, i.body),
  listRoas: (i, c) => roaRules.list(c.caller, i.orgHandle),
  submitRpkiTransaction: (i, c) => roaRules.transact(c.caller, i.orgHandle, i.body),
  listAspas: (i, c) => listAspas(c.caller.state, getOrgOr404(c.caller, i.orgHandle).handle as string),
  ...irrHandlers,
  requestWhoWasAsnReport: (i, c) => reportRules.whoWasAsn(c.caller, i.asNumber),
  requestWhoWasNetReport: (i, c) => reportRules.whoWasNet(c.caller, i.ipAddress),
  requestAssociationsReport: (_i, c) => reportRules.associations(c.caller),
  requestReassignmentReport: (i, c) => reportRules.reassignment(c.caller, i.netHandle),
  getDelegation: (i, c) => delegationRules.get(c.caller, i.name),
  updateDelegation: (i, c) => delegationRules.update(c.caller, i.name, i.body),
  addDelegationNameserver: (i, c) => {
    if (i.ttl !== undefined && i.ttl < 0)
      throw new ArinRuleError(400, 'E_BAD_REQUEST', 'The parameter ttl must be a number of seconds.');
    return delegationRules.addNameserver(c.caller, i.name, i.nameserver, i.ttl);
  },
  removeDelegationNameserver: (i, c) => delegationRules.removeNameserver(c.caller, i.name, i.nameserver),
  removeDelegationNameservers: (i, c) => delegationRules.removeNameservers(c.caller, i.name),
  listTicketSummaries: (i, c) => ticketRules.list(c.caller, i.ticketType, i.ticketStatus, false),
  listTickets: (i, c) => ticketRules.list(c.caller, i.ticketType, i.ticketStatus, true),
  getTicket: (i, c) => ticketRules.get(c.caller, i.ticketNo, i.msgRefs ?? false),
  getTicketSummary: (i, c) => ticketRules.summary(c.caller, i.ticketNo),
  getTicketMessage: (i, c) => ticketRules.message(c.caller, i.ticketNo, i.messageId),
  getTicketAttachment: (i, c) => {
    const { filename, bytes } = ticketRules.attachment(c.caller, i.ticketNo, i.messageId, i.attachmentId);
    c.headers['content-disposition'] = contentDisposition(filename);
    return bytes;
  },
  updateTicketStatus: (i, c) =>
    ticketRules.setStatus(c.caller, i.ticketNo, i.ticketStatus, i.msgRefs ?? false),
  addTicketMessage: (i, c) => ticketRules.addMessage(c.caller, i.ticketNo, i.body),
  updateTicket: (i, c) => ticketRules.update(c.caller, i.ticketNo, i.body),
} satisfies ArinHandlerTable;
