import { PocFunctionDescriptions, type Ticket } from '@regkit/arin-client/payloads';
import { ArinRuleError, notFound } from '../errors.js';
import { formatAddress, parseAddress } from '@regkit/arin-client/address';
import type { ArinState, NetRecord, TicketRecord } from '../state.js';
import { canUseNet, canUseOrg, orgOfNet, type Caller } from './access.js';
import { coveringNets, netsWithin } from './netLookup.js';
import { openTicket, ticketPayload } from './ticket.js';

interface PendingReport {
  readonly filename: string;
  readonly lines: readonly string[];
}

/** Reports wait beside the state until their ticket is resolved (a reset drops them with the state). */
const pending = new WeakMap<ArinState, Map<string, PendingReport>>();
const pendingOf = (state: ArinState) => {
  let map = pending.get(state);
  if (!map) pending.set(state, (map = new Map()));
  return map;
};

const netLine = (n: NetRecord) =>
  [
    n.handle,
    n.netName,
    formatAddress(n.version, n.start),
    formatAddress(n.version, n.end),
    n.type,
    n.orgHandle ?? n.customerHandle ?? '',
  ].join(',');
const NET_HEADER = 'handle,netName,startAddress,endAddress,type,holder';

/** "a Ticket Payload will be returned … check the status of the ticket and get the attached report" */
function requestReport(caller: Caller, type: string, subject: string, report: PendingReport): Ticket {
  const ticket = openTicket(caller, type, undefined, undefined, subject);
  pendingOf(caller.state).set(ticket.ticketNo, report);
  return ticketPayload(ticket, 'summary');
}

/** Called when a ticket is resolved: a report ticket gets a message with the report attached. */
export function deliverReport(state: ArinState, ticket: TicketRecord): void {
  const report = pendingOf(state).get(ticket.ticketNo);
  if (!report) return;
  pendingOf(state).delete(ticket.ticketNo);
  const data = Buffer.from(`${report.lines.join('\n')}\n`, 'utf8');
  ticket.messages.push({
    messageId: Math.max(0, ...ticket.messages.map((m) => m.messageId)) + 1,
    createdDate: state.now(),
    subject: 'Your report is ready',
    text: [`The report is attached as ${report.filename}.`],
    category: 'NONE',
    attachments: [
      {
        id: (state.counters.attachment++).toString(16).padStart(32, '0'),
        filename: report.filename,
        data: data.toString('base64'),
        sizeBytes: data.length,
      },
    ],
  });
}

export const reportRules = {
  /** "This call will allow you to request a WhoWas Report for the ASNUMBER you specify." */
  whoWasAsn(caller: Caller, asNumber: string): Ticket {
    const asn = /^(?:AS)?(\d{1,10})$/i.exec(asNumber)?.[1];
    if (asn === undefined || Number(asn) > 4294967295)
      throw new ArinRuleError(400, 'E_BAD_REQUEST', `${asNumber} is not an AS number.`);
    return requestReport(caller, 'WHOWAS_REPORT', `WhoWas report for AS${asn}`, {
      filename: `whowas-AS${asn}.csv`,
      lines: ['asNumber,event,date', `${asn},no registration history in this registry,`],
    });
  },

  /** "The address must be specified as an IPv4 or IPv6 address …, not as a handle … or as a CIDR prefix" */
  whoWasNet(caller: Caller, ipAddress: string): Ticket {
    const address = parseAddress(ipAddress);
    if (!address)
      throw new ArinRuleError(
        400,
        'E_BAD_REQUEST',
        `${ipAddress} is not an IP address; give an address, not a handle or a CIDR prefix.`,
      );
    const range = { version: address.version, start: address.value, end: address.value };
    const nets = coveringNets(caller.state, range);
    return requestReport(caller, 'WHOWAS_REPORT', `WhoWas report for ${ipAddress}`, {
      filename: `whowas-${formatAddress(address.version, address.value).replace(/:/g, '-')}.csv`,
      lines: [NET_HEADER, ...nets.map(netLine)],
    });
  },

  /** "A list of all POCs your ARIN Online account is linked to … the roles served by the POCs" */
  associations(caller: Caller): Ticket {
    const { state, webUser } = caller;
    const lines = ['poc,resource,role'];
    for (const org of state.orgs.values())
      for (const l of org.pocLinks ?? [])
        if (webUser.pocHandles.has(l.handle ?? ''))
          lines.push(`${l.handle},${org.handle},Org ${PocFunctionDescriptions[l.function] ?? l.function}`);
    for (const net of state.nets.values())
      for (const l of net.pocLinks)
        if (webUser.pocHandles.has(l.handle ?? ''))
          lines.push(
            `${l.handle},${net.handle},Resource ${PocFunctionDescriptions[l.function] ?? l.function}`,
          );
    return requestReport(caller, 'ASSOCIATIONS_REPORT', 'Associations report', {
      filename: 'associations.csv',
      lines,
    });
  },

  /**
   * "ARIN provides Reassignment Reports only for network types of Direct Allocation or
   * Reallocation"; "a non-authoritative API key will result in an HTTP 401".
   */
  reassignment(caller: Caller, netHandle: string): Ticket {
    const net = caller.state.nets.get(netHandle);
    if (!net) throw notFound('NET', netHandle);
    if (!canUseNet(caller, net) && !canUseOrg(caller, orgOfNet(caller.state, net)))
      throw new ArinRuleError(
        401,
        'E_AUTHENTICATION',
        `The API key is not linked to a POC authoritative for ${netHandle}.`,
      );
    if (net.type !== 'DA' && net.type !== 'A')
      throw new ArinRuleError(
        400,
        'E_BAD_REQUEST',
        `Reassignment reports are available for direct allocations and reallocations; ${netHandle} is ${net.type}.`,
      );
    const subs = netsWithin(caller.state, net).filter((n) => n !== net);
    return requestReport(caller, 'REASSIGNMENT_REPORT', `Reassignment report for ${netHandle}`, {
      filename: `reassignments-${netHandle}.csv`,
      lines: [NET_HEADER, ...subs.map(netLine)],
    });
  },
};
