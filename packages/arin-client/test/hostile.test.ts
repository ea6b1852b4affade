import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { createXmlCodec, paramProp, type OperationDefinition, type RequestEvent } from '@regkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createParser } from '../../core/src/xml/parse.js';
import {
  echoedForms,
  reachableStrings,
  startHostileServer,
  type Behaviour,
  type HostileRequest,
} from '../../core/test/hostileServer.js';
import { ArinClient, type ArinClientOptions } from '../src/index.js';
import { arinOperations } from '../src/generated/operations.gen.js';
import { arinCodec, arinXmlSchema } from '../src/payloads.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../schemas/arin/examples');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function hostile(behave: (request: HostileRequest, index: number) => Behaviour) {
  const server = await startHostileServer(behave);
  closers.push(server.close);
  return server;
}

const client = (url: string, options: Partial<ArinClientOptions> = {}) =>
  new ArinClient({
    apiKey: 'API-1111-2222-3333-4444',
    environment: `${url}/rest`,
    retry: { sleep: async () => undefined },
    ...options,
  });

/** A valid input for any operation: handles for path parameters, the example payload as body. */
function inputFor(op: OperationDefinition): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const path = op.pathParams ?? [];
  for (const p of [...path, ...(op.matrixParams ?? []), ...(op.queryParams ?? [])])
    if (p.required || path.includes(p))
      input[paramProp(p)] =
        p.enum?.[0] ?? (p.type === 'integer' ? 1 : p.type === 'boolean' ? true : 'X1-ARIN');
  if (op.request && 'element' in op.request) {
    const element = 'collectionOf' in op.request ? op.request.collectionOf : op.request.element;
    const value = arinCodec().decode(readFileSync(join(examples, `${element}.request.xml`), 'utf8'), element);
    input.body = 'collectionOf' in op.request ? [value] : value;
  }
  return input;
}

const unsafe = Object.values(arinOperations).filter((op) => op.retry === 'unsafe');

describe('ARIN against a hostile server', () => {
  it('every ARIN operation that creates or removes something is marked unsafe in the spec', () => {
    expect(unsafe.map((op) => op.operationId).sort()).toEqual(
      [
        'addDelegationNameserver',
        'addOrgPoc',
        'addPocEmail',
        'addPocPhone',
        'addTicketMessage',
        'createIrrAsSet',
        'createIrrAutNum',
        'createIrrRoute',
        'createIrrRouteSet',
        'createOrg',
        'createPoc',
        'createRecipientCustomer',
        'createRecipientOrg',
        'createSignedRoa',
        'deleteCustomer',
        'deleteIrrAsSet',
        'deleteIrrAutNum',
        'deleteIrrRoute',
        'deleteIrrRouteSet',
        'deleteNet',
        'deleteOrg',
        'deletePoc',
        'deletePocEmail',
        'deletePocPhone',
        'reallocateNet',
        'reassignNet',
        'removeDelegationNameserver',
        'removeNet',
        'removeOrgPoc',
        'requestAssociationsReport',
        'requestReassignmentReport',
        'requestWhoWasAsnReport',
        'requestWhoWasNetReport',
        'submitRpkiTransaction',
        'updateTicket',
      ].sort(),
    );
  });

  it.each(unsafe.map((op) => [op.operationId, op] as const))(
    '%s: applied, then the connection drops: one request, UnknownOutcomeError with how to check',
    async (_, op) => {
      const server = await hostile(() => ({ kind: 'drop' }));
      const arin = client(server.url, { validateRequests: false });
      const error = await arin.call(op.operationId as never, inputFor(op) as never).catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'UnknownOutcomeError',
        operationId: op.operationId,
        check: op.outcomeCheck,
        method: op.method,
      });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.method).toBe(op.method);
    },
  );

  it('a safe read whose connection drops is sent again and succeeds', async () => {
    const poc = readFileSync(join(examples, 'poc.response.xml'), 'utf8');
    const server = await hostile((_, i) =>
      i === 0
        ? { kind: 'drop' }
        : { kind: 'respond', headers: { 'content-type': 'application/xml' }, body: poc },
    );
    const got = await client(server.url).poc.get('JD1-ARIN');
    expect(got.handle).toBe('JD1-ARIN');
    expect(server.requests).toHaveLength(2);
  });

  it.each([301, 302, 303, 307, 308])(
    '%i to another host: RedirectError, nothing and no key sent there',
    async (status) => {
      const elsewhere = await hostile(() => ({ kind: 'respond' }));
      const server = await hostile((request) => ({
        kind: 'respond',
        status,
        headers: { location: `${elsewhere.url}${request.url}` },
      }));
      const error = await client(server.url, { redirects: 'same-origin' })
        .poc.get('JD1-ARIN')
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'RedirectError', status, targetOrigin: elsewhere.origin });
      expect(JSON.stringify(error)).not.toContain('API-1111');
      expect(elsewhere.requests).toHaveLength(0);
    },
  );

  it('a slow-drip body fails within the timeout plus 10 %', async () => {
    const server = await hostile(() => ({ kind: 'drip', everyMs: 50 }));
    const started = performance.now();
    const error = await client(server.url, { timeoutMs: 1000, retry: false })
      .poc.get('JD1-ARIN')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', timeoutMs: 1000 });
    expect(performance.now() - started).toBeLessThanOrEqual(1100);
  });

  it('a 1 GB body is refused at the limit with bounded RSS', async () => {
    const server = await hostile(() => ({ kind: 'huge', bytes: 2 ** 30 }));
    const before = process.memoryUsage().rss;
    const error = await client(server.url)
      .poc.get('JD1-ARIN')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', limitBytes: 32 * 1024 * 1024 });
    expect(process.memoryUsage().rss - before).toBeLessThan(32 * 1024 * 1024 + 96 * 1024 * 1024);
  });

  it('decoding whitespace-padded base64 is linear: 10 MB takes at most 12x the time of 1 MB', () => {
    const codec = createXmlCodec(arinXmlSchema, { maxBytes: 64 * 1024 * 1024 });
    const parse = createParser({ maxBytes: 64 * 1024 * 1024 });
    const doc = (size: number, tail: string) =>
      `<attachment xmlns="http://www.arin.net/regrws/core/v1"><data>QUJD${' '.repeat(size)}${tail}</data><filename>a.txt</filename></attachment>`;
    // CPU time of this process, not wall time: other test files share the machine
    const cpu = (run: () => void) => {
      (globalThis as { gc?: () => void }).gc?.();
      const started = process.cpuUsage();
      run();
      const used = process.cpuUsage(started);
      return used.user + used.system;
    };
    for (const tail of ['', '!']) {
      const [small, large] = [doc(1024 * 1024, tail), doc(10 * 1024 * 1024, tail)];
      const decode = (xml: string) => () => {
        try {
          codec.decode(xml, 'attachment');
        } catch (error) {
          if (tail === '') throw error;
          expect((error as Error).message).toBe('/attachment/data: not valid base64');
        }
      };
      // fastest of five, interleaved; the parse alone (fast-xml-parser with core's settings, no
      // scalar handling) is measured beside it, since it alone costs 10-14x here (allocation and GC
      // of the 10 MB text): what the codec adds on top must not grow faster than that
      const best = { small: Infinity, large: Infinity, parseSmall: Infinity, parseLarge: Infinity };
      for (let i = 0; i < 5; i++) {
        best.small = Math.min(best.small, cpu(decode(small)));
        best.large = Math.min(best.large, cpu(decode(large)));
        best.parseSmall = Math.min(
          best.parseSmall,
          cpu(() => parse(small)),
        );
        best.parseLarge = Math.min(
          best.parseLarge,
          cpu(() => parse(large)),
        );
      }
      const ratio = best.large / best.small;
      const parserRatio = best.parseLarge / best.parseSmall;
      expect(
        ratio,
        `ours ${ratio.toFixed(1)}x, the parser alone ${parserRatio.toFixed(1)}x`,
      ).toBeLessThanOrEqual(Math.max(12, parserRatio * 1.15));
    }
  }, 180_000);
});

/** The five secret shapes: plain, with a backslash, a double quote, a tab, a percent sign. */
const SHAPES = [
  'API-AAAA-1111-BBBB-2222',
  'API-CCCC\\3333-DDDD',
  'API-EEEE"4444-FFFF',
  'API-GGGG\t5555-HHHH',
  'API-IIII%6666-JJJJ',
];

describe.each(SHAPES.map((s) => [JSON.stringify(s), s] as const))(
  'an API key like %s echoed by the server',
  (_, key) => {
    it('appears in no error property, inspect, JSON, string form or hook event', async () => {
      const xmlKey = key.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      const server = await hostile((request) => ({
        kind: 'respond',
        status: 400,
        headers: {
          'content-type': 'application/xml',
          'x-echo': key.replace(/\t/g, ' '),
          'x-echo-url': request.url,
        },
        body:
          `<error xmlns="http://www.arin.net/regrws/core/v1"><code>E_BAD_REQUEST</code>` +
          `<message>Bad key ${xmlKey} in ${request.url.replace(/&/g, '&amp;')}</message>` +
          `<components><component><name>apikey</name><message>${xmlKey}</message></component></components>` +
          `<additionalInfo><message>${xmlKey}</message></additionalInfo></error>`,
      }));
      const events: RequestEvent[] = [];
      const arin = client(server.url, {
        apiKey: key,
        retry: false,
        hooks: {
          onRequest: (e) => events.push(e),
          onResponse: (e) => events.push(e),
          onError: (e) => events.push(e),
        },
      });
      const error = await arin.poc.get('JD1-ARIN').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ArinApiError', status: 400, code: 'E_BAD_REQUEST' });
      expect(new URLSearchParams(server.requests[0]?.url.split('?')[1]).get('apikey')).toBe(key);
      const texts = [
        ...reachableStrings(error),
        inspect(error, { depth: 10 }),
        JSON.stringify(error),
        String(error),
        JSON.stringify(events),
        inspect(events, { depth: 10 }),
      ];
      expect(texts.join('\n')).toContain('[REDACTED]');
      for (const form of echoedForms(key)) for (const text of texts) expect(text).not.toContain(form);
    });
  },
);

describe('credentials HTTP cannot carry', () => {
  it.each(['API-1111\n2222', 'API-1111\u00002222', 'API-1111\r\nx: 1'])(
    'an API key with %j is a ValidationError that names it, not a TypeError that quotes it',
    (key) => {
      let error: unknown;
      try {
        client('http://127.0.0.1:9', { apiKey: key, apiKeyPlacement: 'header' });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        name: 'ValidationError',
        issues: [
          {
            path: 'apiKey',
            message: 'holds a control character or surrounding spaces that HTTP cannot carry',
          },
        ],
      });
      expect(inspect(error)).not.toContain('API-1111');
    },
  );
});
