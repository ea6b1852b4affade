// HTTP as RFC 9110/9112 have it, checked with raw sockets (node:net) so that each request-target
// form reaches the mocks exactly as a foreign client sends it: origin-form, absolute-form,
// asterisk-form (OPTIONS *) and authority-form (CONNECT).
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArinMock, startHelpdeskMock, type ArinMock, type HelpdeskMock } from '../src/index.js';

const KEY = 'API-1111-2222-3333-4444';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** Sends `head` (request line and headers, CRLF-separated, no final blank line) and reads the answer. */
function raw(url: string, head: string, body = ''): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no HTTP answer: ${all.toString('latin1')}`));
      const [statusLine = '', ...lines] = all.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: all.subarray(end + 4) });
    });
    socket.write(`${head}\r\nConnection: close\r\n\r\n${body}`);
  });
}

let arin: ArinMock;
let helpdesk: HelpdeskMock;
let host: string;
beforeAll(async () => {
  arin = await startArinMock();
  helpdesk = await startHelpdeskMock();
  host = new URL(arin.url).host;
});
afterAll(async () => {
  await arin.close();
  await helpdesk.close();
});

describe('request-target forms (RFC 9112 §3.2)', () => {
  it('origin-form and absolute-form name the same resource and get the same answer', async () => {
    const origin = await raw(arin.url, `GET /rest/poc/JD1-ARIN?apikey=${KEY} HTTP/1.1\r\nHost: ${host}`);
    const absolute = await raw(
      arin.url,
      `GET http://${host}/rest/poc/JD1-ARIN?apikey=${KEY} HTTP/1.1\r\nHost: ${host}`,
    );
    expect(origin.status).toBe(200);
    expect(origin.headers['content-type']).toBe('application/xml');
    expect(origin.body.toString()).toContain('<handle>JD1-ARIN</handle>');
    expect({ status: absolute.status, body: absolute.body.toString() }).toEqual({
      status: 200,
      body: origin.body.toString(),
    });
    const tokenAbsolute = await raw(
      helpdesk.url,
      `GET HTTP://${new URL(helpdesk.url).host}/TrackIt/WebApi/tickets/Templates HTTP/1.1\r\nHost: x`,
    );
    // routed to the operation (it needs a token), not refused as an unknown resource
    expect(tokenAbsolute.status).toBe(401);
  });

  it('asterisk-form: OPTIONS * lists the methods of each API; any other method with * is a 400', async () => {
    const a = await raw(arin.url, `OPTIONS * HTTP/1.1\r\nHost: ${host}`);
    expect({ status: a.status, allow: a.headers.allow, length: a.body.length }).toEqual({
      status: 204,
      allow: 'GET, HEAD, POST, PUT, DELETE',
      length: 0,
    });
    const h = await raw(helpdesk.url, `OPTIONS * HTTP/1.1\r\nHost: ${host}`);
    expect({ status: h.status, allow: h.headers.allow }).toEqual({ status: 204, allow: 'GET, HEAD, POST' });
    const bad = await raw(arin.url, `GET * HTTP/1.1\r\nHost: ${host}`);
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toContain('<code>E_BAD_REQUEST</code>');
  });

  it('authority-form: CONNECT is refused with 405, an Allow header and the API error body', async () => {
    const res = await raw(arin.url, `CONNECT example.net:443 HTTP/1.1\r\nHost: example.net:443`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, POST, PUT, DELETE');
    expect(res.body.toString()).toContain('<code>E_METHOD_NOT_ALLOWED</code>');
    expect(arin.journal.at(-1)).toMatchObject({ method: 'CONNECT', url: 'example.net:443', status: 405 });
  });

  it('a target in no form (a bare authority with GET) is a 400, not a guess', async () => {
    const res = await raw(arin.url, `GET example.net:443 HTTP/1.1\r\nHost: ${host}`);
    expect(res.status).toBe(400);
  });
});

describe('405 and HEAD (RFC 9110 §15.5.6, §9.3.2)', () => {
  it('every 405 carries Allow: the methods of the resource, HEAD beside GET', async () => {
    const poc = await raw(arin.url, `PATCH /rest/poc/JD1-ARIN?apikey=${KEY} HTTP/1.1\r\nHost: ${host}`);
    expect({ status: poc.status, allow: poc.headers.allow }).toEqual({
      status: 405,
      allow: 'GET, HEAD, PUT, DELETE',
    });
    const elsewhere = await raw(arin.url, `GET /nothing HTTP/1.1\r\nHost: ${host}`);
    expect({ status: elsewhere.status, allow: elsewhere.headers.allow }).toEqual({ status: 405, allow: '' });
    const ticket = await raw(helpdesk.url, `PUT /TrackIt/WebApi/tickets/1 HTTP/1.1\r\nHost: ${host}`);
    expect({ status: ticket.status, allow: ticket.headers.allow }).toEqual({
      status: 405,
      allow: 'GET, HEAD, POST',
    });
  });

  it('HEAD answers as GET does, with its length and no body', async () => {
    const get = await raw(arin.url, `GET /rest/poc/JD1-ARIN?apikey=${KEY} HTTP/1.1\r\nHost: ${host}`);
    const head = await raw(arin.url, `HEAD /rest/poc/JD1-ARIN?apikey=${KEY} HTTP/1.1\r\nHost: ${host}`);
    expect({
      status: head.status,
      type: head.headers['content-type'],
      length: head.headers['content-length'],
      body: head.body.length,
    }).toEqual({ status: 200, type: 'application/xml', length: String(get.body.length), body: 0 });
    expect(arin.journal.at(-1)).toMatchObject({ method: 'HEAD', status: 200 });
  });
});

describe('the journal and the admin API', () => {
  it('a secret parameter is redacted by its decoded name, however it was encoded', async () => {
    const res = await raw(arin.url, `GET /rest/poc/JD1-ARIN?api%6Bey=${KEY} HTTP/1.1\r\nHost: ${host}`);
    expect(res.status).toBe(200);
    const entry = arin.journal.at(-1);
    expect(entry?.url).toBe('/rest/poc/JD1-ARIN?api%6Bey=[REDACTED]');
    const journal = await raw(arin.url, `GET /__admin/journal HTTP/1.1\r\nHost: ${host}`);
    expect(journal.body.toString()).not.toContain(KEY);
  });

  it('refuses what a browser can send cross-site: a text/plain POST, a form, a foreign Host name', async () => {
    const before = arin.state().tickets.get('20261101-X1')?.webTicketStatus;
    const path = '/__admin/tickets/20261101-X1/resolve';
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await raw(
        arin.url,
        `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: ${type}\r\nContent-Length: 2`,
        '{}',
      );
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body.toString())).toEqual({
        error: 'admin POST requests need Content-Type: application/json or an x-regkit-admin header',
      });
    }
    const bare = await raw(arin.url, `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0`);
    expect(bare.status).toBe(403);
    expect(arin.state().tickets.get('20261101-X1')?.webTicketStatus).toBe(before);
    const rebound = await raw(arin.url, `GET /__admin/world HTTP/1.1\r\nHost: attacker.example:8080`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body.toString())).toEqual({
      error:
        'the admin API answers requests addressed to localhost or an IP address, not to attacker.example',
    });
    const local = await raw(arin.url, `GET /__admin/faults HTTP/1.1\r\nHost: localhost:1`);
    expect(local.status).toBe(200);
    const json = await raw(
      arin.url,
      `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 2`,
      '{}',
    );
    expect(json.status).toBe(200);
    expect(arin.state().tickets.get('20261101-X1')?.webTicketStatus).toBe('RESOLVED');
    const header = await raw(
      helpdesk.url,
      `POST /__admin/reset HTTP/1.1\r\nHost: [::1]\r\nX-Regkit-Admin: 1\r\nContent-Length: 0`,
    );
    expect(header.status).toBe(200);
  });
});

describe('binding', () => {
  it('warns when the mock listens where other machines can reach it, not on loopback', async () => {
    const warnings: string[] = [];
    const local = await startArinMock({ onWarning: (m) => warnings.push(m) });
    await local.close();
    expect(warnings).toEqual([]);
    const open = await startArinMock({ host: '0.0.0.0', onWarning: (m) => warnings.push(m) });
    try {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^The arin mock listens on 0\.0\.0\.0:\d+, which other machines can reach: .*Bind 127\.0\.0\.1/,
      );
    } finally {
      await open.close();
    }
  });
});
