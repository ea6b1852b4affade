import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateAgainstArinXsd } from '../../../schemas/test/xsd.js';
import type { ArinMock } from '../src/index.js';
import { arin, arinBodies, OUTSIDER, startArin } from './arinHttp.js';

let mock: ArinMock;
beforeEach(async () => {
  mock = await startArin();
});
afterEach(() => mock.close());

const resolve = (ticketNo: string) =>
  fetch(`${mock.url}/__admin/tickets/${ticketNo}/resolve`, {
    method: 'POST',
    headers: { 'x-regkit-admin': '1' },
  });

/** The report attached to the ticket's last message, as text. */
async function reportOf(ticketNo: string): Promise<{ filename: string; text: string }> {
  const t = await arin(mock, 'GET', `/ticket/${ticketNo}`, { query: 'msgRefs=true' });
  const refs = (
    t.value as {
      messageReferences: {
        messageId: number;
        attachmentReferences: { attachmentId: string; attachmentFilename: string }[];
      }[];
    }
  ).messageReferences;
  const last = refs[refs.length - 1];
  const ref = last?.attachmentReferences[0];
  const res = await fetch(
    `${mock.baseUrl}/ticket/${ticketNo}/message/${last?.messageId}/attachment/${ref?.attachmentId}?apikey=API-1111-2222-3333-4444`,
  );
  return { filename: ref?.attachmentFilename ?? '', text: await res.text() };
}

describe('ARIN reports through tickets (beyond the source documents)', () => {
  it('Reassignment report: "lists all subdelegations for the requested NET handle", attached when the ticket is resolved', async () => {
    const r = await arin(mock, 'GET', '/report/reassignment/NET-10-0-0-0-1');
    expect([r.status, r.element]).toEqual([200, 'ticket']);
    const ticket = r.value as { ticketNo: string; webTicketType: string; webTicketStatus: string };
    expect([ticket.webTicketType, ticket.webTicketStatus]).toEqual(['REASSIGNMENT_REPORT', 'PENDING_REVIEW']);
    // asynchronous: no report before the ticket is resolved
    expect(
      mock
        .state()
        .tickets.get(ticket.ticketNo)
        ?.messages.flatMap((m) => m.attachments),
    ).toEqual([]);
    expect((await resolve(ticket.ticketNo)).status).toBe(200);
    const report = await reportOf(ticket.ticketNo);
    expect(report.filename).toBe('reassignments-NET-10-0-0-0-1.csv');
    expect(report.text.trim().split('\n')).toEqual([
      'handle,netName,startAddress,endAddress,type,holder',
      'NET-10-0-1-0-1,ACME-DENTAL,10.0.1.0,10.0.1.255,S,C00000001',
      'NET-10-0-16-0-1,EXAMPLE-REALLOC,10.0.16.0,10.0.31.255,A,EXAMPLE-1',
      'NET-10-0-17-0-1,EXAMPLE-DOWNSTREAM,10.0.17.0,10.0.17.255,S,EXAMPLE-1',
      'NET-10-0-64-0-1,EXAMPLE-INACTIVE,10.0.64.0,10.0.79.255,A,EXAMPLE-1',
    ]);
  });

  it('"only for network types of Direct Allocation or Reallocation": a reassignment is a 400', async () => {
    const r = await arin(mock, 'GET', '/report/reassignment/NET-10-0-1-0-1');
    expect([r.status, r.code]).toEqual([400, 'E_BAD_REQUEST']);
  });

  it('"a non-authoritative API key will result in an HTTP 401 … E_AUTHENTICATION"', async () => {
    const before = mock.state().tickets.size;
    const r = await arin(mock, 'GET', '/report/reassignment/NET-10-0-0-0-1', { key: OUTSIDER });
    expect([r.status, r.code]).toEqual([401, 'E_AUTHENTICATION']);
    expect(mock.state().tickets.size).toBe(before);
  });

  it('Associations report: the POCs of the account and the roles they serve', async () => {
    const r = await arin(mock, 'GET', '/report/associations');
    const { ticketNo, webTicketType } = r.value as { ticketNo: string; webTicketType: string };
    expect(webTicketType).toBe('ASSOCIATIONS_REPORT');
    await resolve(ticketNo);
    const lines = (await reportOf(ticketNo)).text.trim().split('\n');
    expect(lines[0]).toBe('poc,resource,role');
    expect(lines).toContain('EXTEC1-ARIN,NET-10-0-0-0-1,Resource Tech');
  });

  it('WhoWas NET: "The address must be specified as an IPv4 or IPv6 address … not as a handle … or as a CIDR prefix"', async () => {
    for (const bad of ['NET-192-0-2-0-1', encodeURIComponent('192.0.2.0/24')]) {
      const r = await arin(mock, 'GET', `/report/whoWas/net/${bad}`);
      expect([r.status, r.code], bad).toEqual([400, 'E_BAD_REQUEST']);
    }
    const r = await arin(mock, 'GET', '/report/whoWas/net/10.0.17.5');
    const { ticketNo } = r.value as { ticketNo: string };
    await resolve(ticketNo);
    expect((await reportOf(ticketNo)).text).toContain('NET-10-0-17-0-1,EXAMPLE-DOWNSTREAM');
  });

  it('WhoWas ASN: a ticket for an AS number; anything else is a 400', async () => {
    const r = await arin(mock, 'GET', '/report/whoWas/asn/64500');
    expect(r.value).toMatchObject({ webTicketType: 'WHOWAS_REPORT', webTicketStatus: 'PENDING_REVIEW' });
    expect((await arin(mock, 'GET', '/report/whoWas/asn/ASX')).code).toBe('E_BAD_REQUEST');
  });

  it('reports need a valid API key', async () => {
    const r = await arin(mock, 'GET', '/report/associations', { key: null });
    expect([r.status, r.code]).toEqual([400, 'E_AUTHENTICATION']);
  });
});

afterAll(async () => {
  const results = await validateAgainstArinXsd(
    arinBodies.map((b, i) => ({ name: `${i}-${b.name}`, xml: b.xml })),
  );
  expect(results.filter((r) => !r.valid).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
});
