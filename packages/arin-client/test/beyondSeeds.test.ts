import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROA_TEST_PUBLIC_KEY } from '@regkit/mock-server';
import { ArinApiError, ValidationError, type ArinClient } from '../src/index.js';
import {
  formatRoaData,
  signRoaData,
  signRoaRequest,
  verifyRoaSignature,
  type RoaRequest,
} from '../src/rpki.js';
import { canonicalXml } from '../../core/test/xmlEquivalent.js';
import { arinHarness, KEY } from './harness.js';

const RPKI = '{http://www.arin.net/regrws/rpki/v1}';

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
    expect(net).toMatchObject({ handle: 'NET-10-0-16-0-1', netBlocks: [{ type: 'A', cidrLength: 20 }] });
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

  it('A42 an attachment the world declares by size downloads in full, byte for byte as its digest says', async () => {
    const ticket = await client.ticket.get('20261104-X4', { msgRefs: true });
    const messageId = String(ticket.messageReferences?.[0]?.messageId);
    const message = await client.ticket.message('20261104-X4', messageId);
    const ref = message.attachmentReferences?.[0];
    expect(ref?.attachmentFilename).toBe('network-plan.pdf');
    const declared = h.mock.world.tickets.find((t) => t.ticketNo === '20261104-X4')?.messages[0]
      ?.attachments?.[0];
    expect(declared).toMatchObject({
      sizeBytes: 12_582_912,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const bytes = await client.ticket.attachment('20261104-X4', messageId, ref?.attachmentId as string);
    expect(bytes.length).toBe(12_582_912);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(declared?.sha256);
    // made deterministically: a second download is the same bytes
    const again = await client.ticket.attachment('20261104-X4', messageId, ref?.attachmentId as string);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(again))).toBe(0);
    // served with its length, type and name; HEAD states the same length without the body
    const url = `${h.mock.baseUrl}/ticket/20261104-X4/message/${messageId}/attachment/${ref?.attachmentId}?apikey=${KEY}`;
    const head = await fetch(url, { method: 'HEAD' });
    expect({
      status: head.status,
      type: head.headers.get('content-type'),
      length: head.headers.get('content-length'),
      disposition: head.headers.get('content-disposition'),
    }).toEqual({
      status: 200,
      type: 'application/octet-stream',
      length: '12582912',
      disposition: `attachment; filename="network-plan.pdf"; filename*=UTF-8''network-plan.pdf`,
    });
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

describe('RPKI (A44–A46) and the ROA signing helper', () => {
  const PRIVATE_KEY = readFileSync(
    new URL('../../mock-server/test/fixtures/roaTestKey.pem', import.meta.url),
    'utf8',
  );
  const request: RoaRequest = {
    name: 'Core ROA',
    originAs: 64500,
    validFrom: new Date(Date.UTC(2026, 10, 23)),
    validTo: new Date(Date.UTC(2027, 0, 5)),
    prefixes: [
      { startAddress: '10.0.0.0', cidrLength: 16, maxLength: 24 },
      { startAddress: '2001:db8::', cidrLength: 32 },
    ],
    timestamp: new Date(Date.UTC(2026, 10, 23, 15)),
  };

  it("formatRoaData writes ARIN's data line: version, timestamp, name, AS, mm-dd-yyyy dates, prefixes", () => {
    expect(formatRoaData(request)).toBe(
      '1|1795446000|Core ROA|64500|11-23-2026|01-05-2027|10.0.0.0|16|24|2001:db8::|32||',
    );
    expect(() => formatRoaData({ ...request, name: 'a|b' })).toThrow(ValidationError);
  });

  it('formatRoaData refuses names with control characters, a fractional AS and an invalid date', () => {
    const issues = (over: Partial<RoaRequest>) => {
      try {
        formatRoaData({ ...request, ...over });
      } catch (error) {
        return (error as ValidationError).issues.map((i) => i.path);
      }
      return [];
    };
    expect(issues({ name: 'web\nroa' })).toEqual(['name']);
    expect(issues({ name: 'web\u0085' })).toEqual(['name']);
    expect(issues({ originAs: 64500.5 })).toEqual(['originAs']);
    expect(issues({ validTo: new Date(Number.NaN) })).toEqual(['validTo']);
    expect(issues({})).toEqual([]);
  });

  it('signRoaRequest signs the data line with RSA-SHA256; the signature verifies with the public key only', () => {
    const roa = signRoaRequest(request, PRIVATE_KEY);
    expect(roa.roaData).toBe(formatRoaData(request));
    expect(verifyRoaSignature(roa, ROA_TEST_PUBLIC_KEY)).toBe(true);
    expect(verifyRoaSignature({ ...roa, roaData: `${roa.roaData}x` }, ROA_TEST_PUBLIC_KEY)).toBe(false);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(verifyRoaSignature(roa, other as string)).toBe(false);
  });

  it('a key that is not a PEM RSA private key is a ValidationError that does not echo the key', () => {
    const error = (() => {
      try {
        signRoaData('1|', 'not a key SECRET-MATERIAL');
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error?.message)).not.toContain('SECRET-MATERIAL');
  });

  it('A44 createSignedRoa: POST /roa/{org};resourceClass=AR with the roa payload; A45 lists the ROA', async () => {
    const result = await client.roa.createSigned('EXAMPLE-1', signRoaRequest(request, PRIVATE_KEY));
    expect(h.line(h.last())).toBe('POST /roa/EXAMPLE-1;resourceClass=AR');
    expect(canonicalXml(h.last().body)[0]?.name).toBe(`${RPKI}roa`);
    expect(result).toMatchObject({ kind: 'ticket', ticket: { webTicketType: 'CREATE_ROA' } });
    const roas = await client.roa.list('EXAMPLE-1');
    expect(h.line(h.last())).toBe('GET /roa/EXAMPLE-1');
    expect(
      roas.map((r) => [r.name, r.asNumber, r.resources?.map((p) => `${p.startAddress}/${p.cidrLength}`)]),
    ).toEqual([['Core ROA', 64500, ['010.000.000.000/16', '2001:0DB8:0000:0000:0000:0000:0000:0000/32']]]);
  });

  it('A44 a bad signature is an ArinApiError naming the signature component', async () => {
    const roa = signRoaRequest(request, PRIVATE_KEY);
    const error = await failure(
      client.roa.createSigned('EXAMPLE-1', { ...roa, roaData: `${roa.roaData}`.replace('64500', '64501') }),
    );
    expect([error.status, error.code, error.components.map((c) => c.name)]).toEqual([
      400,
      'E_ENTITY_VALIDATION',
      ['signature'],
    ]);
  });

  it('A46 submitRpkiTransaction: POST /rpki/{org} adds and deletes; the result is read back with A45', async () => {
    await client.roa.transact('EXAMPLE-1', {
      roaSpecAdd: [
        {
          autoLink: true,
          asNumber: 64501,
          name: 'Edge',
          resources: [{ startAddress: '10.0.1.0', cidrLength: 24 }],
        },
      ],
    });
    expect(h.line(h.last())).toBe('POST /rpki/EXAMPLE-1');
    expect(canonicalXml(h.last().body)[0]?.name).toBe(`${RPKI}rpkiTransaction`);
    const [edge] = await client.roa.list('EXAMPLE-1');
    expect(edge?.resources?.[0]).toMatchObject({ maxLength: 24, autoLinked: true });
    await client.roa.transact('EXAMPLE-1', {
      roaSpecDelete: [{ handle: edge?.roaHandle as string, autoLink: true }],
    });
    expect(h.last().body).toContain(`roaHandle autoLink="true">${edge?.roaHandle}<`);
    expect(await client.roa.list('EXAMPLE-1')).toEqual([]);
  });
});

describe('reports through tickets (A47–A50)', () => {
  it('A50 requestReassignmentReport: GET /report/reassignment/{net} answers a ticket; the report arrives on resolution', async () => {
    const ticket = await client.report.reassignments('NET-10-0-16-0-1');
    expect(h.line(h.last())).toBe('GET /report/reassignment/NET-10-0-16-0-1');
    expect(ticket).toMatchObject({ webTicketType: 'REASSIGNMENT_REPORT', webTicketStatus: 'PENDING_REVIEW' });
    await fetch(`${h.mock.url}/__admin/tickets/${ticket.ticketNo}/resolve`, {
      method: 'POST',
      headers: { 'x-regkit-admin': '1' },
    });
    const refs =
      (await client.ticket.get(ticket.ticketNo as string, { msgRefs: true })).messageReferences ?? [];
    const last = refs[refs.length - 1];
    const bytes = await client.ticket.attachment(
      ticket.ticketNo as string,
      last?.messageId as number,
      last?.attachmentReferences?.[0]?.attachmentId as string,
    );
    expect(Buffer.from(bytes).toString('utf8')).toContain(
      'NET-10-0-17-0-1,EXAMPLE-DOWNSTREAM,10.0.17.0,10.0.17.255,S',
    );
  });

  it('A47–A49 send their GETs and decode the report tickets', async () => {
    expect((await client.report.whoWasAsn(64500)).webTicketType).toBe('WHOWAS_REPORT');
    expect(h.line(h.last())).toBe('GET /report/whoWas/asn/64500');
    expect((await client.report.whoWasNet('2001:db8::1')).webTicketType).toBe('WHOWAS_REPORT');
    expect(h.last().url.pathname).toBe('/rest/report/whoWas/net/2001%3Adb8%3A%3A1');
    expect((await client.report.associations()).webTicketType).toBe('ASSOCIATIONS_REPORT');
    expect(h.line(h.last())).toBe('GET /report/associations');
  });

  it('A50 for a reassignment is an ArinApiError 400 E_BAD_REQUEST', async () => {
    const error = await failure(client.report.reassignments('NET-10-0-1-0-1'));
    expect([error.status, error.code]).toEqual([400, 'E_BAD_REQUEST']);
  });
});
