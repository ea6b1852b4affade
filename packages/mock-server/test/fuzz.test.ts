import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServers, type MockServers } from '../src/index.js';

let servers: MockServers;
beforeAll(async () => {
  servers = await startMockServers();
});
afterAll(() => servers.close());

const ARIN_KEY = 'API-1111-2222-3333-4444';
const segment = fc.oneof(
  fc.constantFrom(
    'poc',
    'org',
    'customer',
    'net',
    'delegation',
    'ticket',
    'summary',
    'message',
    'phone',
    'email',
    'nameserver',
    'nameservers',
    'reassign',
    'reallocate',
    'delegations',
    'JD1-ARIN',
    'EXAMPLE-1',
    'NET-10-0-0-0-1',
    '20261101-X1',
    '0.10.in-addr.arpa.',
    'C00000001',
    '..',
    '%',
    '%zz',
    '%00',
    ';',
    ';type=',
    ';pocFunction=ZZ',
    ';makeLink=maybe',
    '',
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.string({ maxLength: 8 }),
);
const xmlish = fc.oneof(
  fc.constant('<poc xmlns="http://www.arin.net/regrws/core/v1"><contactType>PERSON</contactType></poc>'),
  fc.constant(
    '<net xmlns="http://www.arin.net/regrws/core/v1"><netBlocks><netBlock><startAddress>10.0.300.1</startAddress><cidrLength>99</cidrLength></netBlock></netBlocks></net>',
  ),
  fc.constant('<!DOCTYPE x [<!ENTITY a "aaaa">]><poc>&a;</poc>'),
  fc.constant(
    '<ticket xmlns="http://www.arin.net/regrws/core/v1"><webTicketStatus>CLOSED</webTicketStatus></ticket>',
  ),
  fc.constant(
    '<message xmlns="http://www.arin.net/regrws/core/v1"><text><line number="x">a</line></text></message>',
  ),
  fc.string({ maxLength: 200 }),
  fc.string({ maxLength: 60 }).map((s) => `<${s}>`),
  fc
    .string({ maxLength: 60 })
    .map(
      (s) =>
        `<org xmlns="http://www.arin.net/regrws/core/v1"><orgName>${s}</orgName><pocLinks><pocLinkRef function="${s}" handle="${s}"/></pocLinks></org>`,
    ),
);
const jsonish = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 100 }),
  fc.constant('{"Properties":{"Ticket Summary":null,"22":{"a":1}}}'),
  fc.constant('{"Properties":[]}'),
  fc.constant('{"StatusName":42,"Note":"x"}'),
  fc.constant('{"Note Type":"Technician Note","Activity Code":"Research","Note":"x","Duration":"99:99:99x"}'),
  fc.constant('[]'),
  fc.constant('null'),
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');
const contentType = fc.constantFrom(
  undefined,
  'application/xml',
  'text/xml',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml; charset=latin1',
);

async function send(url: string, m: string, ct: string | undefined, body: string | undefined, auth?: string) {
  const res = await fetch(url, {
    method: m,
    headers: { ...(ct ? { 'content-type': ct } : {}), ...(auth ? { authorization: auth } : {}) },
    body: m === 'GET' || m === 'HEAD' ? undefined : body,
  });
  const text = await res.text();
  return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
}

let sent = 0;
const statuses = new Map<number, number>();
const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);

describe('fuzzing: malformed requests get the API error format, never a 5xx or a crash', () => {
  it('6 000 malformed ARIN requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(
          `apikey=${ARIN_KEY}`,
          'APIKEY=x',
          '',
          `apikey=${ARIN_KEY}&msgRefs=perhaps`,
          'apikey=%',
          `apikey=${ARIN_KEY}&ttl=-1`,
        ),
        contentType,
        xmlish,
        async (m, segments, query, ct, body) => {
          const r = await send(`${servers.arin.baseUrl}/${segments.join('/')}?${query}`, m, ct, body);
          sent++;
          count(r.status);
          expect(r.status).toBeLessThan(500);
          if (r.status >= 400 && m !== 'HEAD') {
            expect(r.type).toContain('xml');
            expect(r.text).toMatch(/<error[\s>]/);
          }
        },
      ),
      { numRuns: 6000 },
    );
    expect((await fetch(`${servers.arin.baseUrl}/poc/JD1-ARIN?apikey=${ARIN_KEY}`)).status).toBe(200);
  }, 180_000);

  it('4 000 malformed helpdesk requests', async () => {
    const tokenRes = await fetch(`${servers.helpdesk.baseUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=HELP%20DESK%5CJSMITH&password=trackit-demo-1',
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const hdSegment = fc.oneof(
      fc.constantFrom(
        'tickets',
        'Notes',
        'Attachments',
        'Assignments',
        'Templates',
        'Note',
        'AddNote',
        'ChangeStatus',
        'Close',
        'Delete',
        'token',
        '1001',
        '1002',
        '-1',
        '0',
        '99999999999999999999',
        '1.5',
        '',
      ),
      fc.string({ maxLength: 10 }).map(encodeURIComponent),
      fc.integer({ min: -5, max: 2000 }).map(String),
    );
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.array(hdSegment, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('', 'SystemNote=maybe', 'maxContentLength=-7', 'maxContentLength=abc'),
        contentType,
        jsonish,
        fc.constantFrom(`Bearer ${token}`, 'Bearer nope', undefined, 'Basic abc', 'Bearer'),
        async (m, segments, query, ct, body, auth) => {
          const r = await send(
            `${servers.helpdesk.baseUrl}/${segments.join('/')}?${query}`,
            m,
            ct,
            body,
            auth,
          );
          sent++;
          count(r.status);
          expect(r.status).toBeLessThan(500);
          if (r.status >= 400 && m !== 'HEAD') expect(() => JSON.parse(r.text)).not.toThrow();
        },
      ),
      { numRuns: 4000 },
    );
  }, 180_000);

  it('sent at least 10 000 requests with zero 5xx', () => {
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
    expect(statuses.size).toBeGreaterThan(3);
  });
});
