import { notFound, ArinRuleError, Problems } from '../errors.js';
import { parseAddress, cidrRange, prefixLength, type IpRange } from '@regkit/arin-client/address';
import type { ArinState, TicketRecord } from '../state.js';
import { describeLink } from './payloads.js';
import { createChildNet, removeNetTree } from './net.js';
import { deliverReport } from './reports.js';
import { ticketPayload } from './ticket.js';

function rangeOf(state: ArinState, ticket: TicketRecord): IpRange | undefined {
  if (ticket.pending?.kind !== 'createNet') return undefined;
  const block = ticket.pending.net.netBlocks?.[0];
  const start = parseAddress(block?.startAddress ?? '');
  if (!start) return undefined;
  if (block?.cidrLength !== undefined) return cidrRange(start.version, start.value, block.cidrLength);
  const end = parseAddress(block?.endAddress ?? '');
  void state;
  return end ? { version: start.version, start: start.value, end: end.value } : undefined;
}

/** Moves a ticket to RESOLVED; with PROCESSED or ACCEPTED, carries out what it asked for. */
export function resolveTicket(state: ArinState, ticketNo: string, resolution = 'PROCESSED') {
  const ticket = state.tickets.get(ticketNo);
  if (!ticket) throw notFound('ticket', ticketNo);
  if (ticket.webTicketStatus === 'RESOLVED' || ticket.webTicketStatus === 'CLOSED')
    throw new ArinRuleError(
      409,
      'E_ENTITY_VALIDATION',
      `Ticket ${ticketNo} is already ${ticket.webTicketStatus}.`,
    );
  let outcome = resolution;
  if (resolution === 'PROCESSED' || resolution === 'ACCEPTED') {
    const pending = ticket.pending;
    try {
      if (pending?.kind === 'createNet') {
        const parent = state.nets.get(pending.parentNetHandle);
        const range = rangeOf(state, ticket);
        if (!parent || !range || prefixLength(range) === undefined)
          throw new Problems().add('netBlocks', 'The request can no longer be processed.');
        ticket.outcome = createChildNet(state, parent, pending.net, range, pending.type).handle;
      } else if (pending?.kind === 'deleteNet') {
        const net = state.nets.get(pending.netHandle);
        if (net) removeNetTree(state, net);
        ticket.outcome = pending.netHandle;
      } else if (pending?.kind === 'createOrg') {
        const handle = `${
          (pending.org.orgName ?? 'ORG')
            .replace(/[^A-Za-z]/g, '')
            .slice(0, 8)
            .toUpperCase() || 'ORG'
        }-${state.counters.handle++}`;
        state.orgs.set(handle, {
          ...pending.org,
          handle,
          registrationDate: state.now(),
          pocLinks: (pending.org.pocLinks ?? []).map(describeLink),
        });
        ticket.outcome = handle;
      }
    } catch (error) {
      if (!(error instanceof ArinRuleError) && !(error instanceof Problems)) throw error;
      outcome = 'DENIED';
    }
  }
  const now = state.now();
  ticket.webTicketStatus = 'RESOLVED';
  ticket.webTicketResolution = outcome;
  ticket.resolvedDate = ticket.updatedDate = now;
  deliverReport(state, ticket);
  return { ticket: ticketPayload(ticket, 'summary'), outcome: ticket.outcome };
}

export function closeTicket(state: ArinState, ticketNo: string) {
  const ticket = state.tickets.get(ticketNo);
  if (!ticket) throw notFound('ticket', ticketNo);
  if (ticket.webTicketStatus !== 'CLOSED') {
    if (ticket.webTicketStatus !== 'RESOLVED') resolveTicket(state, ticketNo);
    ticket.webTicketStatus = 'CLOSED';
    ticket.closedDate = ticket.updatedDate = state.now();
  }
  return { ticket: ticketPayload(ticket, 'summary') };
}
