import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateAgainstArinXsd } from '../../../schemas/test/xsd.js';
import type { ArinMock } from '../src/index.js';
import { arin, arinBodies, collection, encodeFull, OUTSIDER, startArin } from './arinHttp.js';

let mock: ArinMock;
beforeEach(async () => {
  mock = await startArin();
});
afterEach(() => mock.close());

const handles = (xml: string) => collection<{ handle: string }>(xml, 'net').map((n) => n.handle);
const handleOf = (value: unknown) => (value as { handle: string }).handle;

describe('ARIN net lookups (beyond the source documents)', () => {
  it('Get Parent: "finds the parent of the network represented by the start and end IP range"', async () => {
    // a range inside a reassignment: the reassignment is its parent
    let r = await arin(mock, 'GET', '/net/parentNet/10.0.1.0/10.0.1.127');
    expect([r.status, r.element, handleOf(r.value)]).toEqual([200, 'net', 'NET-10-0-1-0-1']);
    // the exact range of a registered net: the net it was carved from
    r = await arin(mock, 'GET', '/net/parentNet/10.0.17.0/10.0.17.255');
    expect(handleOf(r.value)).toBe('NET-10-0-16-0-1');
    // a free range of the allocation: the allocation
    r = await arin(mock, 'GET', '/net/parentNet/10.0.2.0/10.0.2.255');
    expect(handleOf(r.value)).toBe('NET-10-0-0-0-1');
    r = await arin(
      mock,
      'GET',
      `/net/parentNet/${encodeURIComponent('2001:db8:1::')}/${encodeURIComponent('2001:db8:1::ffff')}`,
    );
    expect(handleOf(r.value)).toBe('NET6-2001-DB8-1');
  });

  it('Get Parent: a direct allocation has no parent, and a range no net covers is 404', async () => {
    for (const path of [
      '/net/parentNet/10.0.0.0/10.0.255.255',
      '/net/parentNet/198.51.100.0/198.51.100.255',
    ]) {
      const r = await arin(mock, 'GET', path);
      expect([r.status, r.code]).toEqual([404, 'E_OBJECT_NOT_FOUND']);
    }
  });

  it('Most Specific: "If multiple networks exist for the same IP range, then the most specific network is returned"', async () => {
    let r = await arin(mock, 'GET', '/net/mostSpecificNet/10.0.17.0/10.0.17.255');
    expect(handleOf(r.value)).toBe('NET-10-0-17-0-1');
    r = await arin(mock, 'GET', '/net/mostSpecificNet/10.0.17.8/10.0.17.15');
    expect(handleOf(r.value)).toBe('NET-10-0-17-0-1');
    // a range across two children is covered only by their parent
    r = await arin(mock, 'GET', '/net/mostSpecificNet/10.0.1.0/10.0.2.255');
    expect(handleOf(r.value)).toBe('NET-10-0-0-0-1');
    r = await arin(mock, 'GET', '/net/mostSpecificNet/10.1.0.0/10.1.0.255');
    expect([r.status, r.code]).toEqual([404, 'E_OBJECT_NOT_FOUND']);
  });

  it('Nets by range: "finds the network details related to the start and end IP range", a payload list of NETs', async () => {
    let r = await arin(mock, 'GET', '/net/netsByIpRange/10.0.0.0/10.0.255.255');
    expect(r.status).toBe(200);
    expect(handles(r.text)).toEqual([
      'NET-10-0-0-0-1',
      'NET-10-0-1-0-1',
      'NET-10-0-16-0-1',
      'NET-10-0-17-0-1',
      'NET-10-0-64-0-1',
    ]);
    r = await arin(mock, 'GET', '/net/netsByIpRange/10.0.16.0/10.0.31.255');
    expect(handles(r.text)).toEqual(['NET-10-0-16-0-1', 'NET-10-0-17-0-1']);
    r = await arin(mock, 'GET', '/net/netsByIpRange/10.0.2.0/10.0.2.255');
    expect([r.status, r.code]).toEqual([404, 'E_OBJECT_NOT_FOUND']);
  });

  it('a new reassignment is found by the lookups at once (they read the interval index)', async () => {
    const before = await arin(mock, 'GET', '/net/netsByIpRange/10.0.3.0/10.0.3.255');
    expect(before.status).toBe(404);
    const body = encodeFull('net', {
      version: 4,
      netName: 'NEW-CUST',
      orgHandle: 'EXAMPLE-1',
      netBlocks: [{ startAddress: '10.0.3.0', cidrLength: 24 }],
    });
    expect((await arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reassign', { body })).status).toBe(200);
    const after = await arin(mock, 'GET', '/net/netsByIpRange/10.0.3.0/10.0.3.255');
    expect(handles(after.text)).toHaveLength(1);
    expect(handleOf((await arin(mock, 'GET', '/net/parentNet/10.0.3.0/10.0.3.255')).value)).toBe(
      'NET-10-0-0-0-1',
    );
  });

  it('an invalid address, mixed versions or an end before the start is a 400 E_BAD_REQUEST', async () => {
    for (const path of [
      '/net/mostSpecificNet/10.0.0.300/10.0.1.0',
      `/net/netsByIpRange/10.0.0.0/${encodeURIComponent('2001:db8::')}`,
      '/net/parentNet/10.0.2.0/10.0.1.0',
    ]) {
      const r = await arin(mock, 'GET', path);
      expect([r.status, r.code], path).toEqual([400, 'E_BAD_REQUEST']);
    }
  });

  it('the lookups need a valid API key', async () => {
    const r = await arin(mock, 'GET', '/net/mostSpecificNet/10.0.1.0/10.0.1.255', { key: null });
    expect([r.status, r.code]).toEqual([400, 'E_AUTHENTICATION']);
  });
});

describe('ARIN Remove NET (beyond the source documents)', () => {
  const netXml = async (handle: string) => (await arin(mock, 'GET', `/net/${handle}`)).text;

  it('"remove the network from the ARIN database": a reassignment is removed, with its NET payload', async () => {
    const r = await arin(mock, 'PUT', '/net/NET-10-0-1-0-1/remove', { body: await netXml('NET-10-0-1-0-1') });
    expect([r.status, r.element]).toEqual([200, 'ticketedRequest']);
    expect(r.value).toMatchObject({ kind: 'net', net: { handle: 'NET-10-0-1-0-1' } });
    expect(mock.state().nets.has('NET-10-0-1-0-1')).toBe(false);
    expect((await arin(mock, 'GET', '/net/NET-10-0-1-0-1')).status).toBe(404);
  });

  it('a reallocation with nets under it becomes a NET_DELETE_REQUEST ticket; nothing is removed yet', async () => {
    const r = await arin(mock, 'PUT', '/net/NET-10-0-16-0-1/remove', {
      body: await netXml('NET-10-0-16-0-1'),
    });
    expect(r.value).toMatchObject({ kind: 'ticket', ticket: { webTicketType: 'NET_DELETE_REQUEST' } });
    expect(mock.state().nets.has('NET-10-0-16-0-1')).toBe(true);
    expect(mock.state().nets.has('NET-10-0-17-0-1')).toBe(true);
  });

  it('"only applicable for reallocations or reassignments": a direct allocation is refused', async () => {
    const r = await arin(mock, 'PUT', '/net/NET-10-0-0-0-1/remove', { body: await netXml('NET-10-0-0-0-1') });
    expect([r.status, r.code]).toEqual([400, 'E_ENTITY_VALIDATION']);
    expect(mock.state().nets.has('NET-10-0-0-0-1')).toBe(true);
  });

  it('a payload naming another net is refused and removes nothing', async () => {
    const r = await arin(mock, 'PUT', '/net/NET-10-0-1-0-1/remove', {
      body: await netXml('NET-10-0-17-0-1'),
    });
    expect([r.status, r.code, r.components?.[0]?.name]).toEqual([400, 'E_ENTITY_VALIDATION', 'handle']);
    expect(mock.state().nets.has('NET-10-0-1-0-1')).toBe(true);
  });

  it('it differs from Delete NET: PUT with a NET payload, not DELETE; no payload is a 415', async () => {
    const r = await arin(mock, 'PUT', '/net/NET-10-0-1-0-1/remove');
    expect([r.status, r.code]).toEqual([415, 'E_UNSUPPORTED_MEDIA_TYPE']);
    expect((await arin(mock, 'DELETE', '/net/NET-10-0-1-0-1/remove')).status).toBe(405);
  });

  it('a key without authority over the net is refused', async () => {
    const body = await netXml('NET-10-0-1-0-1');
    const r = await arin(mock, 'PUT', '/net/NET-10-0-1-0-1/remove', { body, key: OUTSIDER });
    expect([r.status, r.code]).toEqual([400, 'E_AUTHENTICATION']);
    expect(mock.state().nets.has('NET-10-0-1-0-1')).toBe(true);
  });
});

describe('ARIN ticket attachment and status (beyond the source documents)', () => {
  const attachmentId = async () => {
    const m = await arin(mock, 'GET', '/ticket/20261101-X1/message/1');
    return (m.value as { attachmentReferences: { attachmentId: string }[] }).attachmentReferences[0]
      ?.attachmentId as string;
  };

  it('Get Ticket Attachment: "Content-Disposition will include the filename and Content-Type will be application/octet-stream"', async () => {
    const id = await attachmentId();
    const res = await fetch(
      `${mock.baseUrl}/ticket/20261101-X1/message/1/attachment/${id}?apikey=API-1111-2222-3333-4444`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toContain('filename="notes.txt"');
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe('RWhois notes\n');
  });

  it('an unknown attachment or message is a 404, and another web user gets the same 404 (tickets are private)', async () => {
    const id = await attachmentId();
    for (const path of [
      '/ticket/20261101-X1/message/1/attachment/ffff',
      `/ticket/20261101-X1/message/9/attachment/${id}`,
    ]) {
      const r = await arin(mock, 'GET', path);
      expect([r.status, r.code], path).toEqual([404, 'E_OBJECT_NOT_FOUND']);
    }
    const r = await arin(mock, 'GET', `/ticket/20261101-X1/message/1/attachment/${id}`, { key: OUTSIDER });
    expect([r.status, r.code]).toEqual([404, 'E_OBJECT_NOT_FOUND']);
  });

  it('Modify Ticket Status: "it can only be set to CLOSED if the ticket is already RESOLVED"', async () => {
    let r = await arin(mock, 'PUT', '/ticket/20261101-X1/ticketStatus/CLOSED');
    expect([r.status, r.code]).toEqual([400, 'E_ENTITY_VALIDATION']);
    expect(mock.state().tickets.get('20261101-X1')?.webTicketStatus).toBe('PENDING_REVIEW');
    // the spec's enum: CLOSED is the only status the path takes
    r = await arin(mock, 'PUT', '/ticket/20261102-X2/ticketStatus/RESOLVED');
    expect([r.status, r.code, r.message]).toEqual([
      400,
      'E_BAD_REQUEST',
      'The parameter ticketStatus must be one of CLOSED.',
    ]);
    expect(mock.state().tickets.get('20261102-X2')?.webTicketStatus).toBe('RESOLVED');
    r = await arin(mock, 'PUT', '/ticket/20261102-X2/ticketStatus/CLOSED', { query: 'msgRefs=true' });
    expect(r.status).toBe(200);
    expect(r.value).toMatchObject({ ticketNo: '20261102-X2', webTicketStatus: 'CLOSED' });
    expect(mock.state().tickets.get('20261102-X2')?.webTicketStatus).toBe('CLOSED');
  });

  it('"This call does not take a payload": msgRefs must be true or false', async () => {
    const r = await arin(mock, 'PUT', '/ticket/20261102-X2/ticketStatus/CLOSED', { query: 'msgRefs=yes' });
    expect([r.status, r.code]).toEqual([400, 'E_BAD_REQUEST']);
    expect(mock.state().tickets.get('20261102-X2')?.webTicketStatus).toBe('RESOLVED');
  });
});

afterAll(async () => {
  const results = await validateAgainstArinXsd(
    arinBodies.map((b, i) => ({ name: `${i}-${b.name}`, xml: b.xml })),
  );
  expect(results.filter((r) => !r.valid).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
});
