import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArinApiError, type ArinClient } from '../src/index.js';
import { arinHarness } from './harness.js';

let h: Awaited<ReturnType<typeof arinHarness>>;
let client: ArinClient;
beforeEach(async () => {
  h = await arinHarness();
  client = h.client;
});
afterEach(() => h.close());

const failure = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArinApiError);
  return error as ArinApiError;
};

describe('net lookups (A38–A40)', () => {
  it('A38 getParentNet: GET /net/parentNet/{start}/{end} decodes the parent net', async () => {
    const net = await client.net.parentOf('10.0.17.0', '10.0.17.255');
    expect(h.line(h.last())).toBe('GET /net/parentNet/10.0.17.0/10.0.17.255');
    expect(net).toMatchObject({ handle: 'NET-10-0-16-0-1', netBlocks: [{ type: 'A', cidrLength: '20' }] });
  });

  it('A39 getMostSpecificNet: GET /net/mostSpecificNet/{start}/{end}, IPv6 addresses percent-encoded', async () => {
    const net = await client.net.mostSpecific('2001:db8:5::', '2001:db8:5::ff');
    expect(h.last().url.pathname).toBe(
      '/rest/net/mostSpecificNet/2001%3Adb8%3A5%3A%3A/2001%3Adb8%3A5%3A%3Aff',
    );
    expect(net.handle).toBe('NET6-2001-DB8-1');
  });

  it('A40 listNetsByIpRange: GET /net/netsByIpRange/{start}/{end} decodes the list', async () => {
    const nets = await client.net.within('10.0.16.0', '10.0.31.255');
    expect(h.line(h.last())).toBe('GET /net/netsByIpRange/10.0.16.0/10.0.31.255');
    expect(nets.map((n) => n.handle)).toEqual(['NET-10-0-16-0-1', 'NET-10-0-17-0-1']);
  });

  it('no net in the range is an ArinApiError 404 E_OBJECT_NOT_FOUND', async () => {
    const error = await failure(client.net.within('10.0.2.0', '10.0.2.255'));
    expect([error.status, error.code]).toEqual([404, 'E_OBJECT_NOT_FOUND']);
  });
});

describe('net removal (A41)', () => {
  it('A41 removeNet: PUT /net/{handle}/remove with the NET payload; the net is gone', async () => {
    const net = await client.net.get('NET-10-0-1-0-1');
    const result = await client.net.remove('NET-10-0-1-0-1', net);
    expect(h.line(h.last())).toBe('PUT /net/NET-10-0-1-0-1/remove');
    expect(h.last().headers.get('content-type')).toBe('application/xml');
    expect(h.last().body).toContain('<handle>NET-10-0-1-0-1</handle>');
    expect(result).toMatchObject({ kind: 'net', net: { handle: 'NET-10-0-1-0-1' } });
    expect((await failure(client.net.get('NET-10-0-1-0-1'))).status).toBe(404);
  });

  it('A41 with child nets answers a ticket, and the operation is not retried (unsafe)', async () => {
    const net = await client.net.get('NET-10-0-16-0-1');
    const result = await client.net.remove('NET-10-0-16-0-1', net);
    expect(result.kind).toBe('ticket');
    if (result.kind === 'ticket') expect(result.ticket.webTicketType).toBe('NET_DELETE_REQUEST');
    const { arinOperations } = await import('../src/index.js');
    expect(arinOperations.removeNet.retry).toBe('unsafe');
  });
});

describe('ticket attachment and status (A42–A43)', () => {
  it('A42 getTicketAttachment: the bytes of the attachment as a Uint8Array', async () => {
    const message = await client.ticket.message('20261101-X1', 1);
    const ref = message.attachmentReferences?.[0];
    expect(ref?.attachmentFilename).toBe('notes.txt');
    const bytes = await client.ticket.attachment('20261101-X1', 1, ref?.attachmentId as string);
    expect(h.line(h.last())).toBe(`GET /ticket/20261101-X1/message/1/attachment/${ref?.attachmentId}`);
    expect(h.last().headers.get('accept')).toBe('application/octet-stream, application/xml');
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).toString('utf8')).toBe('RWhois notes\n');
  });

  it('A42 an unknown attachment is an ArinApiError 404 with the error payload decoded', async () => {
    const error = await failure(client.ticket.attachment('20261101-X1', 1, 'ffff'));
    expect([error.status, error.code]).toEqual([404, 'E_OBJECT_NOT_FOUND']);
  });

  it('A43 updateTicketStatus: PUT /ticket/{no}/ticketStatus/CLOSED?msgRefs=true closes a resolved ticket', async () => {
    const ticket = await client.ticket.setStatus('20261102-X2', 'CLOSED', { msgRefs: true });
    expect(h.line(h.last())).toBe('PUT /ticket/20261102-X2/ticketStatus/CLOSED?msgRefs=true');
    expect(h.last().body).toBe('');
    expect(ticket).toMatchObject({ ticketNo: '20261102-X2', webTicketStatus: 'CLOSED' });
    const error = await failure(client.ticket.setStatus('20261101-X1', 'CLOSED'));
    expect([error.status, error.code]).toEqual([400, 'E_ENTITY_VALIDATION']);
  });
});
