import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  apiKeyAuth,
  bearerAuth,
  createTokenCache,
  createXmlCodec,
  executeOperation,
  redact,
  redactUrl,
  registerSecret,
  retryMiddleware,
  type OperationDefinition,
  type RequestEvent,
} from '../src/index.js';
import { exchanges } from './exchanges.js';
import { schema } from './fixtures/schema.js';
import { startServer } from './loopback.js';

const API_KEY = 'API-9F3A-77C1-B2D4-0E5F';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXRva2Vu.sig';
const PASSWORD = 'Tr0ub4dor&3-horse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const getPoc: OperationDefinition = {
  id: 'A1',
  operationId: 'getPoc',
  retry: 'safe',
  tag: 'POC',
  method: 'GET',
  path: '/poc/{pocHandle}',
  pathParams: [{ name: 'pocHandle', prop: 'pocHandle', type: 'string', required: true }],
  matrixParams: [],
  queryParams: [],
  responses: [
    { status: 200, body: { mediaType: 'application/xml', element: 'poc' }, error: false },
    { status: 400, error: true },
  ],
  security: ['apikey'],
};

describe('secret redaction', () => {
  it('redacts by shape and by registered value', () => {
    registerSecret(PASSWORD);
    expect(redact(`GET /poc?apikey=${API_KEY}&x=1`)).toBe('GET /poc?apikey=[REDACTED]&x=1');
    expect(redact(`Authorization: Bearer ${TOKEN}`)).toBe('Authorization: Bearer [REDACTED]');
    expect(redact(`grant_type=password&username=tech&password=${encodeURIComponent(PASSWORD)}`)).toBe(
      'grant_type=password&username=tech&password=[REDACTED]',
    );
    expect(redact(`{"access_token":"${TOKEN}","password":"x"}`)).toBe(
      '{"access_token":"[REDACTED]","password":"[REDACTED]"}',
    );
    expect(redact(`the password is ${PASSWORD}!`)).toBe('the password is [REDACTED]!');
  });

  it('redacts a registered secret echoed in another case or base64-encoded', () => {
    const key = 'API-5A6B-7C8D-9E0F-1A2B';
    registerSecret(key);
    expect(redact(`unknown key ${key.toLowerCase()}.`)).toBe('unknown key [REDACTED].');
    expect(redact(`KEY ${key.toUpperCase()}`)).toBe('KEY [REDACTED]');
    const b64 = Buffer.from(key).toString('base64');
    expect(redact(`echo: ${b64}`)).toBe('echo: [REDACTED]');
    const pw = 'pa$$w0rd?>>';
    registerSecret(pw);
    expect(redact(`x ${Buffer.from(pw).toString('base64url')} y`)).toBe('x [REDACTED] y');
    expect(redact(`x ${Buffer.from(pw).toString('base64').split('=')[0]} y`)).toBe('x [REDACTED] y');
    expect(redact(`x ${pw.toUpperCase()} y`)).toBe('x [REDACTED] y');
  });

  it('redacts the password of a URL', () => {
    expect(redactUrl(new URL('http://user:pa55-word@127.0.0.1:8080/rest?a=1'))).toBe(
      'http://user:[REDACTED]@127.0.0.1:8080/rest?a=1',
    );
    expect(redact('GET https://a:b%40c@h.example/x?d=e@f failed')).toBe(
      'GET https://a:[REDACTED]@h.example/x?d=e@f failed',
    );
    expect(redact('http://127.0.0.1:80/x@y and mailto:a@b')).toBe('http://127.0.0.1:80/x@y and mailto:a@b');
  });
});

describe.each(exchanges)('over $name', ({ createTransport }) => {
  describe('secret redaction', () => {
    it('no error path leaks a key, token or password', async () => {
      registerSecret(PASSWORD);
      const outputs: string[] = [];
      const hooks = {
        onRequest: (e: RequestEvent) => outputs.push(JSON.stringify(e)),
        onResponse: (e: unknown) => outputs.push(JSON.stringify(e)),
        onError: (e: { error: Error }) => outputs.push(JSON.stringify(e), inspect(e.error)),
      };
      const server = await startServer((req, res) => {
        // The server echoes the credentials back in its error bodies, as careless servers do.
        if (req.url.includes('/slow')) return void setTimeout(() => res.end(), 300);
        res.writeHead(req.url.includes('json') ? 500 : 400, {
          'content-type': req.url.includes('json') ? 'application/json' : 'text/plain',
        });
        res.end(
          req.url.includes('json')
            ? JSON.stringify({ error: `bad ${req.url} ${req.headers.authorization} password=${PASSWORD}` })
            : `rejected ${req.url} token ${TOKEN} ${API_KEY}`,
        );
      });
      close = server.close;
      const tokens = createTokenCache(async () => ({
        accessToken: TOKEN,
        expiresAt: Date.now() + 3_600_000,
      }));
      const transports = [
        createTransport({ middleware: [apiKeyAuth({ apiKey: API_KEY })], hooks, timeoutMs: 100 }),
        createTransport({
          middleware: [retryMiddleware({ maxAttempts: 2, sleep: async () => undefined }), bearerAuth(tokens)],
          hooks,
          timeoutMs: 100,
        }),
      ];
      const codec = createXmlCodec(schema);
      const errors: unknown[] = [];
      for (const transport of transports) {
        for (const handle of ['X', 'json', 'slow']) {
          await executeOperation(
            transport,
            getPoc,
            { pocHandle: handle },
            { baseUrl: server.url, xml: codec },
          ).catch((e: unknown) => errors.push(e));
        }
        await executeOperation(
          transport,
          getPoc,
          { pocHandle: 'X' },
          { baseUrl: 'http://127.0.0.1:1', xml: codec },
        ).catch((e: unknown) => errors.push(e));
      }
      expect(errors).toHaveLength(8);
      for (const error of errors) {
        outputs.push(
          String(error),
          (error as Error).message,
          (error as Error).stack ?? '',
          inspect(error, { depth: 10 }),
          JSON.stringify(error),
        );
      }
      const all = outputs.join('\n');
      expect(all).toContain('[REDACTED]');
      for (const secret of [API_KEY, TOKEN, PASSWORD, encodeURIComponent(PASSWORD)])
        expect(all).not.toContain(secret);
    });
  });
});
