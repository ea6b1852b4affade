import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalXml } from '../../core/test/xmlEquivalent.js';
import type { ArinClient } from '../src/index.js';
import { roleLinks, testAddress } from '../../mock-server/test/arinFixtures.js';
import { arinHarness, KEY } from './harness.js';

const CORE = '{http://www.arin.net/regrws/core/v1}';
const names = (list: readonly { name?: string }[] | undefined) => (list ?? []).map((n) => n.name);
let h: Awaited<ReturnType<typeof arinHarness>>;
let client: ArinClient;

beforeEach(async () => {
  h = await arinHarness();
  client = h.client;
});
afterEach(() => h.close());

/** The request body's elements, as `{name: text}` for the children of the root. */
function bodyFields(xml: string): Record<string, string> {
  const root = canonicalXml(xml)[0];
  if (!root) throw new Error('empty body');
  return Object.fromEntries(root.children.map((c) => [c.name.replace(CORE, ''), c.text]));
}
const rootOf = (xml: string) => canonicalXml(xml)[0]?.name;

describe('every request carries the API key, the XML content type and the user agent', () => {
  it('GET sends apikey in the query, Accept application/xml and a regkit user agent', async () => {
    await client.poc.get('JD1-ARIN');
    const e = h.last();
    expect(e.url.searchParams.get('apikey')).toBe(KEY);
    expect(e.headers.get('accept')).toBe('application/xml');
    expect(e.headers.get('user-agent')).toMatch(/^regkit-arin-client\/\d+\.\d+\.\d+/);
  });

  it('a body is sent as application/xml', async () => {
    await client.poc.addEmail('JD1-ARIN', 'second@example.net');
    await client.poc.addPhone('JD1-ARIN', { number: '+1-703-555-0199', type: { code: 'M' } });
    expect(h.last().headers.get('content-type')).toBe('application/xml');
  });

  it('the header placement sends Authorization: ApiKey and no query parameter', async () => {
    const hh = await arinHarness({ apiKeyPlacement: 'header' });
    try {
      await hh.client.poc.get('JD1-ARIN');
      const e = hh.last();
      expect(e.url.searchParams.has('apikey')).toBe(false);
      expect(e.headers.get('authorization')).toBe(`ApiKey ${KEY}`);
      expect(e.status).toBe(200);
    } finally {
      await hh.close();
    }
  });
});

describe('POC operations', () => {
  it('A1 getPoc: GET /poc/{handle} decodes the POC', async () => {
    const poc = await client.poc.get('JD1-ARIN');
    expect(h.line(h.last())).toBe('GET /poc/JD1-ARIN');
    expect(poc).toMatchObject({
      handle: 'JD1-ARIN',
      contactType: 'PERSON',
      firstName: 'Jane',
      lastName: 'Doe',
      emails: ['jdoe@example.net'],
      streetAddress: ['3635 Example Pkwy'],
    });
    expect(poc.phones?.[0]).toMatchObject({ number: '+1-703-555-0100', type: { code: 'O' } });
  });

  it('A2 createPoc: POST /poc;makeLink=true sends the POC without read-only fields', async () => {
    const poc = await client.poc.create(
      {
        contactType: 'ROLE',
        lastName: 'Peering',
        companyName: 'Example Networks',
        emails: ['peering@example.net'],
        phones: [{ number: '+1-703-555-0142', type: { code: 'O' } }],
        ...testAddress,
      },
      { makeLink: true },
    );
    const e = h.last();
    expect(h.line(e)).toBe('POST /poc;makeLink=true');
    expect(rootOf(e.body)).toBe(`${CORE}poc`);
    expect(bodyFields(e.body)).toMatchObject({ contactType: 'ROLE', lastName: 'Peering', city: 'Chantilly' });
    expect(bodyFields(e.body)).not.toHaveProperty('handle');
    expect(e.status).toBe(200);
    expect(poc.handle).toMatch(/-ARIN$/);
    expect((await client.poc.get(poc.handle!)).lastName).toBe('Peering');
  });

  it('A3 updatePoc: PUT /poc/{handle} replaces the record', async () => {
    const poc = await client.poc.get('EXNOC1-ARIN');
    const updated = await client.poc.update('EXNOC1-ARIN', { ...poc, city: 'Reston' });
    expect(h.line(h.last())).toBe('PUT /poc/EXNOC1-ARIN');
    expect(bodyFields(h.last().body)).toMatchObject({ handle: 'EXNOC1-ARIN', city: 'Reston' });
    expect(updated.city).toBe('Reston');
  });

  it('A4 deletePoc: DELETE /poc/{handle} returns the removed record; then 404', async () => {
    const created = await client.poc.create({
      contactType: 'ROLE',
      lastName: 'Temporary',
      companyName: 'Example Networks',
      emails: ['tmp@example.net'],
      phones: [{ number: '+1-703-555-0143', type: { code: 'O' } }],
      ...testAddress,
    });
    const removed = await client.poc.delete(created.handle!);
    expect(h.line(h.last())).toBe(`DELETE /poc/${created.handle}`);
    expect(removed.handle).toBe(created.handle);
    await expect(client.poc.get(created.handle!)).rejects.toMatchObject({
      status: 404,
      code: 'E_OBJECT_NOT_FOUND',
    });
  });

  it('A5 addPocPhone: PUT /poc/{handle}/phone', async () => {
    const phone = await client.poc.addPhone('JD1-ARIN', { number: '+1-703-555-0199', type: { code: 'M' } });
    const e = h.last();
    expect(h.line(e)).toBe('PUT /poc/JD1-ARIN/phone');
    expect(rootOf(e.body)).toBe(`${CORE}phone`);
    expect(phone).toMatchObject({ number: '+1-703-555-0199', type: { code: 'M' } });
    expect((await client.poc.get('JD1-ARIN')).phones).toHaveLength(2);
  });

  it('A6 deletePocPhone: DELETE /poc/{handle}/phone/{number};type=M percent-encodes + and returns an array', async () => {
    await client.poc.addPhone('JD1-ARIN', { number: '+1-703-555-0199', type: { code: 'M' } });
    const removed = await client.poc.deletePhone('JD1-ARIN', '+1-703-555-0199', { type: 'M' });
    expect(h.line(h.last())).toBe('DELETE /poc/JD1-ARIN/phone/%2B1-703-555-0199;type=M');
    expect(removed).toEqual([expect.objectContaining({ number: '+1-703-555-0199' })]);
    const none = await client.poc.deletePhone('JD1-ARIN', '+1-703-555-0000', { type: 'F' });
    expect(none).toEqual([]);
  });

  it('A6 deletePocPhone "with or without a phone number": an empty number removes every phone of the type', async () => {
    await client.poc.addPhone('JD1-ARIN', { number: '+1-703-555-0198', type: { code: 'F' } });
    await client.poc.addPhone('JD1-ARIN', { number: '+1-703-555-0197', type: { code: 'F' } });
    const removed = await client.poc.deletePhone('JD1-ARIN', '', { type: 'F' });
    expect(h.line(h.last())).toBe('DELETE /poc/JD1-ARIN/phone/;type=F');
    expect(removed.map((p) => p.number)).toEqual(['+1-703-555-0198', '+1-703-555-0197']);
    expect((await client.poc.get('JD1-ARIN')).phones?.map((p) => p.type?.code)).toEqual(['O']);
  });

  it('A7 addPocEmail: POST /poc/{handle}/email/{email} percent-encodes the address', async () => {
    const poc = await client.poc.addEmail('JD1-ARIN', 'jane+noc@example.net');
    expect(h.line(h.last())).toBe('POST /poc/JD1-ARIN/email/jane%2Bnoc%40example.net');
    expect(poc.emails).toEqual(['jdoe@example.net', 'jane+noc@example.net']);
  });

  it('A8 deletePocEmail: DELETE /poc/{handle}/email/{email}', async () => {
    await client.poc.addEmail('JD1-ARIN', 'second@example.net');
    const poc = await client.poc.deleteEmail('JD1-ARIN', 'second@example.net');
    expect(h.line(h.last())).toBe('DELETE /poc/JD1-ARIN/email/second%40example.net');
    expect(poc.emails).toEqual(['jdoe@example.net']);
  });
});

describe('Org operations', () => {
  it('A9 getOrg: GET /org/{handle} with its POC links', async () => {
    const org = await client.org.get('EXAMPLE-1');
    expect(h.line(h.last())).toBe('GET /org/EXAMPLE-1');
    expect(org.orgName).toBe('Example Networks LLC');
    expect(org.pocLinks?.map((l) => `${l.function}:${l.handle}`)).toEqual([
      'AD:JD1-ARIN',
      'T:EXTEC1-ARIN',
      'AB:EXABU1-ARIN',
      'N:EXNOC1-ARIN',
    ]);
  });

  it('A10 createOrg: POST /org answers with an ORG_CREATE ticket', async () => {
    const ticket = await client.org.create({
      orgName: 'New Org Inc',
      ...testAddress,
      pocLinks: [...roleLinks],
    });
    const e = h.last();
    expect(h.line(e)).toBe('POST /org');
    expect(rootOf(e.body)).toBe(`${CORE}org`);
    expect(ticket).toMatchObject({ webTicketType: 'ORG_CREATE', webTicketStatus: 'PENDING_REVIEW' });
    expect(ticket.ticketNo).toMatch(/^\d{8}-X\d+$/);
  });

  it('A11 updateOrg: PUT /org/{handle}', async () => {
    const org = await client.org.get('EXAMPLE-1');
    const updated = await client.org.update('EXAMPLE-1', { ...org, city: 'Reston' });
    expect(h.line(h.last())).toBe('PUT /org/EXAMPLE-1');
    expect(updated.city).toBe('Reston');
    expect(updated.pocLinks).toHaveLength(4);
  });

  it('A12 deleteOrg: DELETE /org/{handle} is refused with 409 while the org holds nets', async () => {
    await expect(client.org.delete('EXAMPLE-1')).rejects.toMatchObject({ status: 409 });
    expect(h.line(h.last())).toBe('DELETE /org/EXAMPLE-1');
    expect((await client.org.get('EXAMPLE-1')).handle).toBe('EXAMPLE-1');
  });

  it('A13 addOrgPoc: PUT /org/{org}/poc/{poc};pocFunction=R', async () => {
    const org = await client.org.addPoc('EXAMPLE-1', 'EXNOC1-ARIN', 'R');
    expect(h.line(h.last())).toBe('PUT /org/EXAMPLE-1/poc/EXNOC1-ARIN;pocFunction=R');
    expect(org.pocLinks).toContainEqual(expect.objectContaining({ function: 'R', handle: 'EXNOC1-ARIN' }));
  });

  it('A14 removeOrgPoc: DELETE /org/{org}/poc/{poc};pocFunction=N returns the removed links', async () => {
    const removed = await client.org.removePoc('EXAMPLE-1', 'EXNOC1-ARIN', 'N');
    expect(h.line(h.last())).toBe('DELETE /org/EXAMPLE-1/poc/EXNOC1-ARIN;pocFunction=N');
    expect(removed).toEqual([expect.objectContaining({ function: 'N', handle: 'EXNOC1-ARIN' })]);
    const org = await client.org.get('EXAMPLE-1');
    expect(org.pocLinks?.some((l) => l.handle === 'EXNOC1-ARIN')).toBe(false);
  });
});

describe('Org POC links by function', () => {
  it('A14 removeOrgPoc "at least one of those must be specified": an empty handle with a function removes that function', async () => {
    const removed = await client.org.removePoc('EXAMPLE-1', '', 'N');
    expect(h.line(h.last())).toBe('DELETE /org/EXAMPLE-1/poc/;pocFunction=N');
    expect(removed).toEqual([expect.objectContaining({ function: 'N', handle: 'EXNOC1-ARIN' })]);
    const sent = h.exchanges.length;
    await expect(client.org.removePoc('EXAMPLE-1', '')).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(h.exchanges.length).toBe(sent);
  });
});

describe('Customer operations', () => {
  it('A15 getCustomer: GET /customer/{handle}', async () => {
    const c = await client.customer.get('C00000001');
    expect(h.line(h.last())).toBe('GET /customer/C00000001');
    expect(c).toMatchObject({ customerName: 'Acme Dental', parentOrgHandle: 'EXAMPLE-1' });
  });

  it('A16 updateCustomer: PUT /customer/{handle}', async () => {
    const c = await client.customer.get('C00000001');
    const updated = await client.customer.update('C00000001', { ...c, city: 'Reston' });
    expect(h.line(h.last())).toBe('PUT /customer/C00000001');
    expect(updated.city).toBe('Reston');
  });

  it('A17 deleteCustomer: DELETE /customer/{handle} of an unused customer', async () => {
    const c = await client.customer.create('NET-10-0-0-0-1', { customerName: 'Short Lived', ...testAddress });
    const removed = await client.customer.delete(c.handle!);
    expect(h.line(h.last())).toBe(`DELETE /customer/${c.handle}`);
    expect(removed.handle).toBe(c.handle);
    await expect(client.customer.get(c.handle!)).rejects.toMatchObject({ status: 404 });
  });
});

describe('Net operations', () => {
  it('A18 getNet: GET /net/{handle} keeps ARIN address formatting', async () => {
    const net = await client.net.get('NET-10-0-0-0-1');
    expect(h.line(h.last())).toBe('GET /net/NET-10-0-0-0-1');
    expect(net).toMatchObject({ handle: 'NET-10-0-0-0-1', netName: 'EXAMPLE-NET', version: 4 });
    expect(net.netBlocks?.[0]).toMatchObject({ cidrLength: 16, type: 'DA' });
  });

  it('A19 updateNet: PUT /net/{handle}', async () => {
    const net = await client.net.get('NET-10-0-1-0-1');
    const updated = await client.net.update('NET-10-0-1-0-1', { ...net, comment: ['Updated comment'] });
    expect(h.line(h.last())).toBe('PUT /net/NET-10-0-1-0-1');
    expect(updated.comment).toEqual(['Updated comment']);
  });

  it('A20 deleteNet: DELETE /net/{handle} of a leaf answers with the net', async () => {
    const result = await client.net.delete('NET-10-0-1-0-1');
    expect(h.line(h.last())).toBe('DELETE /net/NET-10-0-1-0-1');
    expect(result.kind).toBe('net');
    await expect(client.net.get('NET-10-0-1-0-1')).rejects.toMatchObject({ status: 404 });
  });

  it('A20 deleteNet: a net with children becomes a ticket', async () => {
    const result = await client.net.delete('NET-10-0-16-0-1');
    expect(result.kind).toBe('ticket');
    expect((await client.net.get('NET-10-0-16-0-1')).handle).toBe('NET-10-0-16-0-1');
  });

  it('A21 createRecipientOrg: POST /net/{parent}/org', async () => {
    const org = await client.net.createRecipientOrg('NET-10-0-0-0-1', {
      orgName: 'Recipient LLC',
      ...testAddress,
      pocLinks: [...roleLinks],
    });
    expect(h.line(h.last())).toBe('POST /net/NET-10-0-0-0-1/org');
    expect(rootOf(h.last().body)).toBe(`${CORE}org`);
    expect(org.handle).toBeTruthy();
    expect(org.orgName).toBe('Recipient LLC');
  });

  it('A22 createRecipientCustomer: POST /net/{parent}/customer', async () => {
    const c = await client.net.createRecipientCustomer('NET-10-0-0-0-1', {
      customerName: 'Cust A',
      ...testAddress,
    });
    expect(h.line(h.last())).toBe('POST /net/NET-10-0-0-0-1/customer');
    expect(bodyFields(h.last().body)).toMatchObject({ customerName: 'Cust A', city: 'Chantilly' });
    expect(c).toMatchObject({ customerName: 'Cust A', parentOrgHandle: 'EXAMPLE-1' });
  });

  it('A23 reassignNet: PUT /net/{parent}/reassign of a /24 is processed at once', async () => {
    const c = await client.customer.create('NET-10-0-0-0-1', { customerName: 'Cust B', ...testAddress });
    const result = await client.net.reassign('NET-10-0-0-0-1', {
      version: 4,
      netName: 'CUST-B',
      customerHandle: c.handle!,
      parentNetHandle: 'NET-10-0-0-0-1',
      netBlocks: [{ startAddress: '10.0.5.0', cidrLength: 24 }],
    });
    const e = h.last();
    expect(h.line(e)).toBe('PUT /net/NET-10-0-0-0-1/reassign');
    expect(rootOf(e.body)).toBe(`${CORE}net`);
    expect(bodyFields(e.body)).toMatchObject({ netName: 'CUST-B', customerHandle: c.handle });
    expect(e.body).toContain('<cidrLength>24</cidrLength>');
    expect(result.kind).toBe('net');
    if (result.kind !== 'net') return;
    expect(result.net.netBlocks?.[0]).toMatchObject({ type: 'S', cidrLength: 24 });
    expect((await client.net.get(result.net.handle!)).customerHandle).toBe(c.handle);
  });

  it('A24 reallocateNet: PUT /net/{parent}/reallocate to an org', async () => {
    const result = await client.net.reallocate('NET-10-0-0-0-1', {
      version: 4,
      netName: 'REALLOC-B',
      orgHandle: 'EXAMPLE-1',
      parentNetHandle: 'NET-10-0-0-0-1',
      netBlocks: [{ startAddress: '10.0.6.0', cidrLength: 24 }],
    });
    expect(h.line(h.last())).toBe('PUT /net/NET-10-0-0-0-1/reallocate');
    expect(result.kind).toBe('net');
    if (result.kind === 'net') expect(result.net.netBlocks?.[0]?.type).toBe('A');
  });

  it('A25 listNetDelegations: GET /net/{handle}/delegations returns an array', async () => {
    const list = await client.net.delegations('NET-10-0-0-0-1');
    expect(h.line(h.last())).toBe('GET /net/NET-10-0-0-0-1/delegations');
    expect(list.map((d) => d.name)).toEqual(['0.10.in-addr.arpa.']);
  });
});

describe('Delegation operations', () => {
  it('A26 getDelegation: GET /delegation/{name} with DS records', async () => {
    const d = await client.delegation.get('8.b.d.0.1.0.0.2.ip6.arpa.');
    expect(h.line(h.last())).toBe('GET /delegation/8.b.d.0.1.0.0.2.ip6.arpa.');
    expect(names(d.nameservers)).toEqual(['ns1.example.net', 'ns2.example.net']);
    expect(d.delegationKeys?.[0]).toEqual({
      algorithm: { value: 13, name: 'ECDSA Curve P-256 with SHA-256' },
      digest: '2BB183AF5F22588179A53B0A98631FAD1A292118C8B5E9CDC68E14A88E8B2C7D',
      digestType: { value: 2, name: 'SHA-256' },
      keyTag: 60485,
      ttl: '86400',
    });
  });

  it('A27 updateDelegation: PUT /delegation/{name}', async () => {
    const d = await client.delegation.get('0.10.in-addr.arpa.');
    const updated = await client.delegation.update('0.10.in-addr.arpa.', {
      ...d,
      nameservers: [{ name: 'ns3.example.net' }, { name: 'ns4.example.net' }],
    });
    expect(h.line(h.last())).toBe('PUT /delegation/0.10.in-addr.arpa.');
    expect(names(updated.nameservers)).toEqual(['ns3.example.net', 'ns4.example.net']);
  });

  it('A28 addDelegationNameserver: POST /delegation/{name}/nameserver/{ns}?ttl=3600', async () => {
    const d = await client.delegation.addNameserver('0.10.in-addr.arpa.', 'ns3.example.net', { ttl: 3600 });
    expect(h.line(h.last())).toBe('POST /delegation/0.10.in-addr.arpa./nameserver/ns3.example.net?ttl=3600');
    expect(d.nameservers?.at(-1)).toEqual({ name: 'ns3.example.net', ttl: '3600' });
    expect(names(d.nameservers)).toEqual(['ns1.example.net', 'ns2.example.net', 'ns3.example.net']);
  });

  it('A29 removeDelegationNameserver: DELETE /delegation/{name}/nameserver/{ns}', async () => {
    const d = await client.delegation.removeNameserver('0.10.in-addr.arpa.', 'ns2.example.net');
    expect(h.line(h.last())).toBe('DELETE /delegation/0.10.in-addr.arpa./nameserver/ns2.example.net');
    expect(names(d.nameservers)).toEqual(['ns1.example.net']);
  });

  it('A30 removeDelegationNameservers: DELETE /delegation/{name}/nameservers', async () => {
    const d = await client.delegation.removeNameservers('0.10.in-addr.arpa.');
    expect(h.line(h.last())).toBe('DELETE /delegation/0.10.in-addr.arpa./nameservers');
    expect(d.nameservers ?? []).toEqual([]);
  });
});

describe('Ticket operations', () => {
  it('A31 getTicket: GET /ticket/{no} with messages and attachments', async () => {
    const t = await client.ticket.get('20261101-X1');
    expect(h.line(h.last())).toBe('GET /ticket/20261101-X1');
    expect(t).toMatchObject({
      ticketNo: '20261101-X1',
      webTicketType: 'QUESTION',
      webTicketStatus: 'PENDING_REVIEW',
    });
    expect(t.messages?.[0]?.text).toEqual(['How do I update our RWhois server?']);
  });

  it('A31 getTicket: ?msgRefs=true returns message references', async () => {
    const t = await client.ticket.get('20261101-X1', { msgRefs: true });
    expect(h.line(h.last())).toBe('GET /ticket/20261101-X1?msgRefs=true');
    expect(t.messageReferences?.length).toBe(1);
    expect(t.messages ?? []).toEqual([]);
  });

  it('A31 getTicket: 413 on a ticket over the size limit; retried with msgRefs only when asked', async () => {
    await expect(client.ticket.get('20261104-X4')).rejects.toMatchObject({ status: 413 });
    const before = h.exchanges.length;
    const t = await client.ticket.get('20261104-X4', { retryWithMsgRefsOnTooLarge: true });
    expect(h.exchanges.slice(before).map((e) => h.line(e))).toEqual([
      'GET /ticket/20261104-X4',
      'GET /ticket/20261104-X4?msgRefs=true',
    ]);
    expect(t.messageReferences?.length).toBe(1);
  });

  it('A32 getTicketSummary: GET /ticket/{no}/summary has no messages', async () => {
    const t = await client.ticket.summary('20261101-X1');
    expect(h.line(h.last())).toBe('GET /ticket/20261101-X1/summary');
    expect(t.ticketNo).toBe('20261101-X1');
    expect(t.messages ?? []).toEqual([]);
  });

  it('A33 listTickets: GET /ticket;ticketType=…;ticketStatus=… filters', async () => {
    const list = await client.ticket.list({ type: 'QUESTION', status: 'PENDING_REVIEW' });
    expect(h.line(h.last())).toBe('GET /ticket;ticketType=QUESTION;ticketStatus=PENDING_REVIEW');
    expect(list.map((t) => t.ticketNo)).toEqual(['20261101-X1']);
    const all = await client.ticket.list();
    expect(h.line(h.last())).toBe('GET /ticket');
    expect(all.length).toBe(4);
  });

  it('A34 listTicketSummaries: GET /ticket/summary;ticketStatus=RESOLVED', async () => {
    const list = await client.ticket.listSummaries({ status: 'RESOLVED' });
    expect(h.line(h.last())).toBe('GET /ticket/summary;ticketStatus=RESOLVED');
    expect(list.map((t) => t.ticketNo)).toEqual(['20261102-X2']);
  });

  it('A35 getTicketMessage: GET /ticket/{no}/message/{id} with attachment references', async () => {
    const t = await client.ticket.get('20261101-X1');
    const id = t.messages?.[0]?.messageId;
    expect(id).toBeTruthy();
    const m = await client.ticket.message('20261101-X1', id!);
    expect(h.line(h.last())).toBe(`GET /ticket/20261101-X1/message/${id}`);
    expect(m.attachmentReferences?.[0]).toMatchObject({ attachmentFilename: 'notes.txt' });
  });

  it('A36 addTicketMessage: PUT /ticket/{no}/message', async () => {
    const m = await client.ticket.addMessage('20261101-X1', {
      subject: 'Follow-up',
      text: ['Any update?', 'Thanks.'],
      category: 'NONE',
    });
    const e = h.last();
    expect(h.line(e)).toBe('PUT /ticket/20261101-X1/message');
    expect(rootOf(e.body)).toBe(`${CORE}message`);
    expect(m.text).toEqual(['Any update?', 'Thanks.']);
    expect((await client.ticket.get('20261101-X1')).messages).toHaveLength(2);
  });

  it('A37 updateTicket: PUT /ticket/{no} closes a RESOLVED ticket', async () => {
    const t = await client.ticket.close('20261102-X2');
    const e = h.last();
    expect(h.line(e)).toBe('PUT /ticket/20261102-X2');
    expect(bodyFields(e.body)).toMatchObject({ ticketNo: '20261102-X2', webTicketStatus: 'CLOSED' });
    expect(t.webTicketStatus).toBe('CLOSED');
  });

  it('A37 updateTicket: closing a ticket that is not RESOLVED is refused and changes nothing', async () => {
    await expect(client.ticket.close('20261101-X1')).rejects.toMatchObject({ status: 400 });
    expect((await client.ticket.summary('20261101-X1')).webTicketStatus).toBe('PENDING_REVIEW');
  });
});
