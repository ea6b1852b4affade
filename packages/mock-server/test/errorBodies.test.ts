// Every error status either mock can produce carries the API's own error body: ARIN's ErrorPayload,
// Track-It!'s { Message } (or OAuth's { error, error_description } on the token call).
import net from 'node:net';
import { arinCodec } from '@regkit/arin-client/payloads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARIN_OPERATION_IDS } from '../src/arin/http.js';
import { startArinMock, startHelpdeskMock, type ArinMock, type HelpdeskMock } from '../src/index.js';
import { KEY, OUTSIDER } from './arinHttp.js';

let arin: ArinMock;
let helpdesk: HelpdeskMock;
beforeAll(async () => {
  arin = await startArinMock({ settings: { maxStoredBytes: 4000 } });
  helpdesk = await startHelpdeskMock();
});
afterAll(async () => {
  await arin.close();
  await helpdesk.close();
});

/** A raw request over a socket, so that bytes fetch would refuse still reach the server. */
function raw(
  base: string,
  head: string | Buffer,
  body = '',
): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => {
      socket.write(head);
      socket.write(
        `\r\nhost: x\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
    let data = '';
    socket.on('data', (c) => (data += c));
    socket.on('error', reject);
    socket.on('end', () => {
      const [headers = '', text = ''] = data.split('\r\n\r\n', 2);
      resolve({
        status: Number(headers.split(' ')[1]),
        type: /content-type: ([^\r]*)/i.exec(headers)?.[1] ?? '',
        body: text,
      });
    });
  });
}

const ARIN_REQUESTS: [string, string, string?][] = [
  // every operation: unknown handles, no key, a foreign key, bad bodies, bad matrix values
  ...([
    ['GET', '/rest/poc/NOPE-ARIN'],
    ['POST', '/rest/poc', '<poc/>'],
    ['PUT', '/rest/poc/NOPE-ARIN', '<poc/>'],
    ['DELETE', '/rest/poc/JD1-ARIN'],
    ['PUT', '/rest/poc/NOPE-ARIN/phone', '<phone/>'],
    ['DELETE', '/rest/poc/JD1-ARIN/phone/;type=Q'],
    ['DELETE', '/rest/poc/JD1-ARIN/phone/'],
    ['POST', '/rest/poc/JD1-ARIN/email/not-an-email'],
    ['DELETE', '/rest/poc/JD1-ARIN/email/x@y.z'],
    ['GET', '/rest/org/NOPE'],
    ['POST', '/rest/org', '<org/>'],
    ['PUT', '/rest/org/EXAMPLE-1', '<org/>'],
    ['DELETE', '/rest/org/EXAMPLE-1'],
    ['PUT', '/rest/org/EXAMPLE-1/poc/JD1-ARIN;pocFunction=X'],
    ['DELETE', '/rest/org/EXAMPLE-1/poc/'],
    ['GET', '/rest/customer/C0'],
    ['PUT', '/rest/customer/C00000001', '<customer/>'],
    ['DELETE', '/rest/customer/C00000001'],
    ['GET', '/rest/net/NOPE'],
    ['PUT', '/rest/net/NET-10-0-0-0-1', '<net/>'],
    ['DELETE', '/rest/net/NET-10-0-0-0-1'],
    ['POST', '/rest/net/NOPE/org', '<org/>'],
    ['POST', '/rest/net/NET-10-0-0-0-1/customer', '<customer/>'],
    ['PUT', '/rest/net/NET-10-0-0-0-1/reassign', '<net/>'],
    ['PUT', '/rest/net/NET-192-0-2-0-1/reallocate', '<net/>'],
    ['GET', '/rest/net/NOPE/delegations'],
    ['GET', '/rest/delegation/nope.arpa.'],
    ['PUT', '/rest/delegation/0.10.in-addr.arpa.', '<delegation/>'],
    ['POST', '/rest/delegation/0.10.in-addr.arpa./nameserver/NS1.EXAMPLE.NET'],
    ['DELETE', '/rest/delegation/8.b.d.0.1.0.0.2.ip6.arpa./nameservers'],
    ['DELETE', '/rest/delegation/0.10.in-addr.arpa./nameserver/nope'],
    ['GET', '/rest/ticket/20261104-X4'],
    ['GET', '/rest/ticket/NOPE/summary'],
    ['GET', '/rest/ticket/20261101-X1?msgRefs=maybe'],
    ['GET', '/rest/ticket/20261101-X1/message/99'],
    ['PUT', '/rest/ticket/20261103-X3/message', '<message/>'],
    ['PUT', '/rest/ticket/20261101-X1', '<ticket><webTicketStatus>CLOSED</webTicketStatus></ticket>'],
    ['GET', '/rest/net/parentNet/10.0.0.0/not-an-address'],
    ['GET', '/rest/net/mostSpecificNet/203.0.113.0/203.0.113.255'],
    ['GET', '/rest/net/netsByIpRange/10.0.0.0/2001:db8::1'],
    ['PUT', '/rest/net/NOPE/remove', '<net/>'],
    ['GET', '/rest/ticket/20261101-X1/message/99/attachment/1'],
    ['PUT', '/rest/ticket/20261101-X1/ticketStatus/OPEN'],
    ['POST', '/rest/roa/EXAMPLE-1', '<roa/>'],
    ['GET', '/rest/roa/NOPE'],
    ['POST', '/rest/rpki/NOPE', '<rpkiTransaction/>'],
    ['GET', '/rest/report/whoWas/asn/not-a-number'],
    ['GET', '/rest/report/whoWas/net/not-an-address'],
    ['GET', '/rest/report/associations;type=nope'],
    ['POST', '/rest/irr/route/10.0.0.0/16/AS64496', '<route/>'],
    ['GET', '/rest/irr/route/10.0.0.0/16/AS64496'],
    ['PUT', '/rest/irr/route/10.0.0.0/16/AS64496', '<route/>'],
    ['DELETE', '/rest/irr/route/10.0.0.1/16/AS64496'],
    ['POST', '/rest/irr/aut-num/AS64496', '<autnum/>'],
    ['GET', '/rest/irr/aut-num/AS64496'],
    ['PUT', '/rest/irr/aut-num/AS64496', '<autnum/>'],
    ['DELETE', '/rest/irr/aut-num/AS64496'],
    ['POST', '/rest/irr/as-set?orgHandle=NOPE', '<asSet/>'],
    ['GET', '/rest/irr/as-set/AS-NOPE'],
    ['PUT', '/rest/irr/as-set/AS-NOPE', '<asSet/>'],
    ['DELETE', '/rest/irr/as-set/AS-NOPE'],
    ['POST', '/rest/irr/route-set', '<routeSet/>'],
    ['GET', '/rest/irr/route-set/RS-NOPE'],
    ['PUT', '/rest/irr/route-set/RS-NOPE', '<routeSet/>'],
    ['DELETE', '/rest/irr/route-set/RS-NOPE'],
    ['GET', '/rest/net/NOPE/routes'],
    ['GET', '/rest/org/NOPE/routes'],
    ['GET', '/rest/org/NOPE/aut-nums'],
    ['GET', '/rest/org/NOPE/as-sets'],
    ['GET', '/rest/org/NOPE/route-sets'],
    ['GET', '/rest/aspa/NOPE'],
    ['GET', '/rest/report/reassignment/NOPE'],
  ] as [string, string, string?][]),
  ['POST', '/rest/net/NET-10-0-0-0-1/customer', '<customer xmlns="http://www.arin.net/regrws/core/v1"/>'],
  ['PATCH', '/rest/poc/JD1-ARIN'],
  ['GET', '/nothing'],
  ['GET', '/rest/poc/JD1%00-ARIN'],
  ['GET', '/rest/poc/%E0%A4%A'],
  ['PUT', '/rest/poc/JD1-ARIN', 'not xml'],
  [
    'PUT',
    '/rest/ticket/20261101-X1/message',
    `<message xmlns="http://www.arin.net/regrws/core/v1"><text><line number="0">${'m'.repeat(5000)}</line></text></message>`,
  ],
];

function expectArinError(r: { status: number; type: string; body: string }, what: string) {
  expect(r.status, what).toBeGreaterThanOrEqual(400);
  expect(r.type, what).toContain('application/xml');
  const doc = arinCodec().decodeDocument(r.body);
  expect(doc.element, what).toBe('error');
  const e = doc.value as { code?: string; message?: string };
  expect(e.code, what).toMatch(/^E_[A-Z_]+$/);
  expect(e.message, what).toBeTruthy();
  expect(e.code, what).not.toBe('E_UNSPECIFIED');
}

describe('every ARIN error carries an ErrorPayload', () => {
  it('every operation, with its key, without one, and with a foreign one', async () => {
    const seen = new Set<number>();
    for (const key of [KEY, undefined, OUTSIDER]) {
      for (const [method, path, body] of ARIN_REQUESTS) {
        const q = key ? `${path.includes('?') ? '&' : '?'}apikey=${key}` : '';
        const type = body === 'not xml' ? 'text/plain' : 'application/xml';
        const r = await raw(arin.url, `${method} ${path}${q} HTTP/1.1\r\ncontent-type: ${type}`, body ?? '');
        if (r.status < 400) continue;
        seen.add(r.status);
        expectArinError(r, `${method} ${path} (${key ?? 'no key'})`);
      }
    }
    expect([...seen].sort()).toEqual([400, 403, 404, 405, 409, 413, 415]);
    expect(new Set(ARIN_OPERATION_IDS).size).toBe(72);
  });

  it('what the HTTP parser refuses: a 70 KB URL, raw non-ASCII bytes, a broken request line', async () => {
    const long = await raw(arin.url, `GET /rest/poc/${'A'.repeat(70_000)} HTTP/1.1`);
    expect(long.status).toBe(414);
    expectArinError(long, 'long URL');
    const bytes = await raw(
      arin.url,
      Buffer.concat([Buffer.from('GET /rest/poc/'), Buffer.from([0xc3, 0xa9]), Buffer.from(' HTTP/1.1')]),
    );
    expect(bytes.status).toBe(400);
    expectArinError(bytes, 'non-ASCII');
    expectArinError(await raw(arin.url, 'NOT HTTP AT ALL'), 'garbage');
  });

  it('injected faults and the body limit', async () => {
    arin.setFaults({ faultRate: 1, faultStatus: 429 });
    expectArinError(await raw(arin.url, `GET /rest/poc/JD1-ARIN?apikey=${KEY} HTTP/1.1`), '429');
    arin.setFaults({ faultRate: 1, faultStatus: 503 });
    expectArinError(await raw(arin.url, `GET /rest/poc/JD1-ARIN?apikey=${KEY} HTTP/1.1`), '503');
    arin.setFaults({});
    expectArinError(
      await raw(
        arin.url,
        `PUT /rest/poc/JD1-ARIN?apikey=${KEY} HTTP/1.1\r\ncontent-type: application/xml`,
        'x'.repeat(1024 * 1024 + 1),
      ),
      'body limit',
    );
  });
});

const HELPDESK_REQUESTS: [string, string, string?][] = [
  ['GET', '/TrackIt/WebApi/tickets/9999'],
  ['GET', '/TrackIt/WebApi/tickets/1003'],
  ['POST', '/TrackIt/WebApi/tickets/1001', '{"Properties":{"Nope":1}}'],
  ['POST', '/TrackIt/WebApi/tickets', '{}'],
  ['GET', '/TrackIt/WebApi/tickets/1001/Notes/-1/0'],
  ['GET', '/TrackIt/WebApi/tickets/1001/Attachments/x/1'],
  ['GET', '/TrackIt/WebApi/tickets/1001/Assignments/1/-1'],
  ['GET', '/TrackIt/WebApi/tickets/Note/1'],
  ['POST', '/TrackIt/WebApi/tickets/1001/ChangeStatus', '{"StatusName":"Nope"}'],
  ['POST', '/TrackIt/WebApi/tickets/1001/AddNote', '{"Note":"x"}'],
  ['POST', '/TrackIt/WebApi/tickets/1001/Close'],
  ['POST', '/TrackIt/WebApi/tickets/9999/Delete'],
  ['POST', '/TrackIt/WebApi/tickets/1002/Delete'],
  ['PUT', '/TrackIt/WebApi/tickets/1001'],
  ['GET', '/TrackIt/WebApi/nothing'],
  ['GET', '/elsewhere'],
  ['GET', '/TrackIt/WebApi/tickets/1%00'],
  ['POST', '/TrackIt/WebApi/tickets/1001', 'not json'],
];

function expectHelpdeskError(r: { status: number; type: string; body: string }, what: string) {
  expect(r.status, what).toBeGreaterThanOrEqual(400);
  expect(r.type, what).toContain('application/json');
  const body = JSON.parse(r.body) as Record<string, unknown>;
  if ('error' in body) expect(typeof body.error_description, what).toBe('string');
  else expect(typeof body.Message, what).toBe('string');
}

describe('every helpdesk error carries its error body', () => {
  it('every operation, with a token, without one, and with a bad one; the token call', async () => {
    const res = await fetch(`${helpdesk.baseUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=HELP%20DESK%5CVIEWER&password=trackit-demo-2',
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    const seen = new Set<number>();
    for (const auth of [`Bearer ${token}`, undefined, 'Bearer nope']) {
      for (const [method, path, body] of HELPDESK_REQUESTS) {
        const headers = `${auth ? `\r\nauthorization: ${auth}` : ''}\r\ncontent-type: application/json`;
        const r = await raw(helpdesk.url, `${method} ${path} HTTP/1.1${headers}`, body ?? '');
        if (r.status < 400) continue;
        seen.add(r.status);
        expectHelpdeskError(r, `${method} ${path}`);
      }
    }
    for (const body of ['grant_type=password&username=x&password=y', 'grant_type=client_credentials'])
      expectHelpdeskError(
        await raw(
          helpdesk.url,
          'POST /TrackIt/WebApi/token HTTP/1.1\r\ncontent-type: application/x-www-form-urlencoded',
          body,
        ),
        body,
      );
    expectHelpdeskError(await raw(helpdesk.url, 'GET /TrackIt/WebApi/token HTTP/1.1'), 'token GET');
    expect([...seen].sort()).toEqual([400, 401, 403, 404, 405]);
  });

  it('what the HTTP parser refuses, injected faults', async () => {
    expectHelpdeskError(
      await raw(helpdesk.url, `GET /TrackIt/WebApi/tickets/${'1'.repeat(70_000)} HTTP/1.1`),
      'long URL',
    );
    expectHelpdeskError(
      await raw(
        helpdesk.url,
        Buffer.concat([Buffer.from('GET /TrackIt/'), Buffer.from([0xff]), Buffer.from(' HTTP/1.1')]),
      ),
      'non-ASCII',
    );
    helpdesk.setFaults({ faultRate: 1, faultStatus: 503 });
    expectHelpdeskError(await raw(helpdesk.url, 'GET /TrackIt/WebApi/tickets/1001 HTTP/1.1'), '503');
    helpdesk.setFaults({});
  });
});
