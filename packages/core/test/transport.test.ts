import { afterEach, describe, expect, it } from 'vitest';
import {
  AbortedError,
  apiKeyAuth,
  bearerAuth,
  createTokenCache,
  HttpStatusError,
  NetworkError,
  parseRetryAfter,
  retryMiddleware,
  TimeoutError,
  ValidationError,
  type Middleware,
} from '../src/index.js';
import { exchanges } from './exchanges.js';
import { startServer } from './loopback.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe.each(exchanges)('over $name', ({ createTransport }) => {
  describe('transport', () => {
    it('sends through the middleware chain in order with a user agent and per-call headers', async () => {
      const server = await startServer((_, res) => res.end('ok'));
      close = server.close;
      const order: string[] = [];
      const tag =
        (name: string): Middleware =>
        async (req, next) => {
          order.push(`${name}>`);
          const res = await next(req);
          order.push(`<${name}`);
          return res;
        };
      const transport = createTransport({ middleware: [tag('a'), tag('b')], headers: { 'x-team': 'noc' } });
      const res = await transport.send(
        { method: 'GET', url: new URL(`${server.url}/x`) },
        { headers: { 'x-call': '1' } },
      );
      expect(await res.text()).toBe('ok');
      expect(order).toEqual(['a>', 'b>', '<b', '<a']);
      expect(server.requests[0]?.headers['user-agent']).toMatch(/^regkit-core\/\d+\.\d+\.\d+ node\//);
      expect(server.requests[0]?.headers['x-team']).toBe('noc');
      expect(server.requests[0]?.headers['x-call']).toBe('1');
    });

    it('times out with TimeoutError and aborts with AbortedError', async () => {
      const server = await startServer((_, res) => setTimeout(() => res.end('late'), 500));
      close = server.close;
      const transport = createTransport({ timeoutMs: 50 });
      await expect(transport.send({ method: 'GET', url: new URL(server.url) })).rejects.toBeInstanceOf(
        TimeoutError,
      );
      const controller = new AbortController();
      const pending = transport.send(
        { method: 'GET', url: new URL(server.url) },
        { signal: controller.signal, timeoutMs: 5000 },
      );
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(AbortedError);
    });

    it('runs without a time limit when timeoutMs is 0 or Infinity and rejects other bad limits', async () => {
      const server = await startServer((_, res) => setTimeout(() => res.end('late'), 150));
      close = server.close;
      const short = createTransport({ timeoutMs: 20 });
      expect(await (await short.send({ method: 'GET', url: server.url }, { timeoutMs: 0 })).text()).toBe(
        'late',
      );
      const none = createTransport({ timeoutMs: Number.POSITIVE_INFINITY });
      expect(await (await none.send({ method: 'GET', url: server.url })).text()).toBe('late');
      await expect(none.send({ method: 'GET', url: server.url }, { timeoutMs: 20 })).rejects.toBeInstanceOf(
        TimeoutError,
      );
      const message = 'must be milliseconds from 1 to 2147483647, or 0 or Infinity for no limit';
      await new Promise((resolve) => setTimeout(resolve, 200));
      const sent = server.requests.length;
      for (const timeoutMs of [-1, Number.NaN, 3e9]) {
        expect(() => createTransport({ timeoutMs })).toThrow(ValidationError);
        await expect(short.send({ method: 'GET', url: server.url }, { timeoutMs })).rejects.toMatchObject({
          issues: [{ path: 'options.timeoutMs', message }],
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.requests).toHaveLength(sent);
    });

    it('rejects a header HTTP cannot carry or a relative URL with ValidationError and sends nothing', async () => {
      const server = await startServer((_, res) => res.end());
      close = server.close;
      const transport = createTransport();
      const secret = 'Bearer tok-1111\r\nx-injected: 1';
      const bad = transport.send({ method: 'GET', url: server.url, headers: { authorization: secret } });
      await expect(bad).rejects.toBeInstanceOf(ValidationError);
      const error = (await bad.catch((e: unknown) => e)) as ValidationError;
      expect(error.issues).toEqual([
        { path: 'headers.authorization', message: 'is not a valid HTTP header (request)' },
      ]);
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('tok-1111');
      const badName = transport.send({ method: 'GET', url: server.url }, { headers: { 'bad name': '1' } });
      await expect(badName).rejects.toMatchObject({
        issues: [{ path: 'headers.bad name', message: 'is not a valid HTTP header (call option)' }],
      });
      await expect(transport.send({ method: 'GET', url: '/poc/X' })).rejects.toMatchObject({
        kind: 'validation',
        issues: [{ path: 'url', message: 'is not an absolute URL' }],
      });
      expect(() => createTransport({ headers: { 'x-team': 'a\nb' } })).toThrow(ValidationError);
      expect(server.requests).toHaveLength(0);
    });

    it('rejects with AbortedError when the caller aborts while the body is being read', async () => {
      let headersSent!: () => void;
      const sent = new Promise<void>((resolve) => (headersSent = resolve));
      const server = await startServer((_, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first part ', () => headersSent());
      });
      close = server.close;
      const controller = new AbortController();
      const pending = createTransport().send(
        { method: 'GET', url: server.url },
        { signal: controller.signal },
      );
      await sent;
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(AbortedError);
    });

    it('passes redacted request and response events to the hooks, and a failing hook fails nothing', async () => {
      const server = await startServer((_, res) => res.writeHead(201).end());
      close = server.close;
      const seen: unknown[] = [];
      const transport = createTransport({
        userAgent: 'test-agent',
        middleware: [apiKeyAuth({ apiKey: 'API-9999-8888-7777-6666' })],
        hooks: {
          onRequest: (event) => {
            seen.push(event);
            throw new Error('hook broke');
          },
          onResponse: ({ durationMs, ...event }) => {
            expect(durationMs).toBeGreaterThanOrEqual(0);
            seen.push(event);
          },
        },
      });
      const res = await transport.send({
        method: 'GET',
        url: `${server.url}/poc/X?a=1`,
        headers: { authorization: 'Bearer tok-2222', accept: 'application/xml' },
      });
      expect(res.status).toBe(201);
      const request = {
        method: 'GET',
        url: `${server.url}/poc/X?a=1&apikey=[REDACTED]`,
        headers: { accept: 'application/xml', authorization: '[REDACTED]', 'user-agent': 'test-agent' },
        attempt: 1,
      };
      expect(seen).toEqual([request, { ...request, status: 201 }]);
    });

    it('maps a refused connection to NetworkError in the connect phase', async () => {
      const server = await startServer((_, res) => res.end());
      await server.close();
      const transport = createTransport();
      const error = await transport
        .send({ method: 'GET', url: new URL(server.url) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({
        kind: 'network',
        phase: 'connect',
        method: 'GET',
        message: `GET ${server.url}/ failed: ECONNREFUSED`,
      });
    });

    it('sends bodies byte for byte with the content type fetch gives them, and standard methods in upper case', async () => {
      const server = await startServer((_, res) => res.writeHead(204).end());
      close = server.close;
      const transport = createTransport();
      const text = '<poc>Zoë ☃ 𝄞</poc>';
      await transport.send({ method: 'put', url: `${server.url}/text`, body: text });
      await transport.send({
        method: 'POST',
        url: `${server.url}/form`,
        body: new URLSearchParams({ grant_type: 'password', username: 'A B&C' }),
      });
      await transport.send({
        method: 'POST',
        url: `${server.url}/bytes`,
        body: new Uint8Array([0x3c, 0x61, 0x2f, 0x3e]),
        headers: { 'content-type': 'application/xml' },
      });
      await transport.send({ method: 'post', url: `${server.url}/empty`, body: '' });
      expect(
        server.requests.map((r) => [
          r.method,
          r.url,
          r.headers['content-type'],
          r.headers['content-length'],
          r.body,
        ]),
      ).toEqual([
        ['PUT', '/text', 'text/plain;charset=UTF-8', String(Buffer.byteLength(text)), text],
        [
          'POST',
          '/form',
          'application/x-www-form-urlencoded;charset=UTF-8',
          '36',
          'grant_type=password&username=A+B%26C',
        ],
        ['POST', '/bytes', 'application/xml', '4', '<a/>'],
        ['POST', '/empty', 'text/plain;charset=UTF-8', '0', ''],
      ]);
    });

    it('reuses its connection across calls, 204 answers included; HEAD and 204 have no body', async () => {
      const server = await startServer((req, res) => {
        if (req.url === '/none') res.writeHead(204).end();
        else res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '4' }).end('body');
      });
      close = server.close;
      const transport = createTransport();
      const seen: [number, string | null][] = [];
      for (let i = 0; i < 10; i++) {
        const res = await transport.send({ method: 'GET', url: `${server.url}${i % 2 ? '/none' : '/x'}` });
        const body = res.body;
        seen.push([res.status, body === null ? null : await new Response(body).text()]);
      }
      expect(seen.slice(0, 2)).toEqual([
        [200, 'body'],
        [204, null],
      ]);
      expect(seen).toHaveLength(10);
      // a new connection at most for the second call, which may start before the first is released
      expect(server.connections).toBeLessThanOrEqual(2);
      const head = await transport.send({ method: 'HEAD', url: `${server.url}/x` });
      expect([head.status, head.headers.get('content-length'), head.body]).toEqual([200, '4', null]);
      expect(server.requests).toHaveLength(11);
    });

    it('gives every response header, repeated ones joined and Set-Cookie kept apart', async () => {
      const server = await startServer((_, res) => {
        res.setHeader('set-cookie', ['a=1; Path=/', 'b=2']);
        res.setHeader('x-list', ['1', '2']);
        res
          .writeHead(200, 'Fine', { 'content-type': 'application/xml; charset=utf-8', 'content-length': '4' })
          .end('<a/>');
      });
      close = server.close;
      const url = `${server.url}/h?q=1`;
      const res = await createTransport().send({ method: 'GET', url });
      expect(res.status).toBe(200);
      expect(res.statusText).toBe('Fine');
      expect(res.url).toBe(url);
      expect(res.ok).toBe(true);
      expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(res.headers.get('x-list')).toBe('1, 2');
      expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
      expect(res.headers.get('content-length')).toBe('4');
      expect(await res.text()).toBe('<a/>');
    });
  });

  describe('retry', () => {
    const noSleep = { sleep: async () => undefined, random: () => 0.5 };

    it('retries GET on 429 and 503, honouring Retry-After', async () => {
      const server = await startServer((_, res, i) => {
        if (i === 0) res.writeHead(429, { 'retry-after': '2' }).end();
        else if (i === 1) res.writeHead(503).end();
        else res.end('done');
      });
      close = server.close;
      const waits: number[] = [];
      const transport = createTransport({
        middleware: [
          retryMiddleware({
            ...noSleep,
            maxAttempts: 3,
            baseDelayMs: 100,
            onRetry: (e) => waits.push(e.delayMs),
          }),
        ],
      });
      const res = await transport.send({ method: 'GET', url: new URL(server.url) });
      expect(await res.text()).toBe('done');
      expect(server.requests).toHaveLength(3);
      expect(waits).toEqual([2000, 100]); // Retry-After, then full jitter 0.5 × 100 × 2^1
    });

    it('fails at once with RetryAfterError when Retry-After exceeds maxDelayMs, and stops after maxAttempts', async () => {
      const server = await startServer((_, res, i) =>
        res.writeHead(503, { 'retry-after': i === 0 ? '3600' : '1' }).end(),
      );
      close = server.close;
      const waits: number[] = [];
      const transport = createTransport({
        middleware: [
          retryMiddleware({
            ...noSleep,
            maxAttempts: 2,
            maxDelayMs: 1000,
            onRetry: (e) => waits.push(e.delayMs),
          }),
        ],
      });
      await expect(transport.send({ method: 'GET', url: new URL(server.url) })).rejects.toMatchObject({
        name: 'RetryAfterError',
        kind: 'retry-after',
        status: 503,
        retryAfterMs: 3_600_000,
        availableMs: 1000,
      });
      expect(server.requests).toHaveLength(1);
      const res = await transport.send({ method: 'GET', url: new URL(server.url) });
      expect(res.status).toBe(503);
      expect(server.requests).toHaveLength(3);
      expect(waits).toEqual([1000]);
    });

    it('does not retry POST unless the call opts in', async () => {
      const server = await startServer((_, res, i) => (i === 0 ? res.writeHead(503).end() : res.end('ok')));
      close = server.close;
      const transport = createTransport({ middleware: [retryMiddleware(noSleep)] });
      expect((await transport.send({ method: 'POST', url: new URL(server.url), body: 'x' })).status).toBe(
        503,
      );
      expect(server.requests).toHaveLength(1);
      expect(
        (
          await transport.send(
            { method: 'POST', url: new URL(server.url), body: 'x' },
            { retryNonIdempotent: true },
          )
        ).status,
      ).toBe(200);
      expect(server.requests.map((r) => r.body)).toEqual(['x', 'x']);
    });

    it('retries connection errors and not other errors', async () => {
      const server = await startServer((_, res) => res.end());
      await server.close();
      let calls = 0;
      const transport = createTransport({
        middleware: [
          retryMiddleware({ ...noSleep, maxAttempts: 4 }),
          async (req, next) => (calls++, next(req)),
        ],
      });
      await expect(transport.send({ method: 'GET', url: new URL(server.url) })).rejects.toBeInstanceOf(
        NetworkError,
      );
      expect(calls).toBe(4);
    });

    it('falls back to backoff when Retry-After is not a valid value', async () => {
      const server = await startServer((_, res, i) => {
        if (i === 0) res.writeHead(503, { 'retry-after': '-1' }).end();
        else res.end('done');
      });
      close = server.close;
      const waits: number[] = [];
      const transport = createTransport({
        middleware: [
          retryMiddleware({ ...noSleep, baseDelayMs: 100, onRetry: (e) => waits.push(e.delayMs) }),
        ],
      });
      const res = await transport.send({ method: 'GET', url: new URL(server.url) });
      expect(await res.text()).toBe('done');
      expect(waits).toEqual([50]); // full jitter 0.5 × 100 × 2^0, not 0 ms from a date in 2001
    });
  });

  describe('auth', () => {
    it('adds the API key as the lowercase apikey query parameter, or as a header', async () => {
      const server = await startServer((_, res) => res.end());
      close = server.close;
      await createTransport({ middleware: [apiKeyAuth({ apiKey: 'API-1111-2222-3333-4444' })] }).send({
        method: 'GET',
        url: new URL(`${server.url}/poc/X?a=1`),
      });
      expect(server.requests[0]?.url).toBe('/poc/X?a=1&apikey=API-1111-2222-3333-4444');
      await createTransport({
        middleware: [apiKeyAuth({ apiKey: 'API-1111-2222-3333-4444', placement: 'header' })],
      }).send({ method: 'GET', url: new URL(`${server.url}/poc/X`) });
      expect(server.requests[1]?.url).toBe('/poc/X');
      expect(server.requests[1]?.headers.authorization).toBe('ApiKey API-1111-2222-3333-4444');
      expect(() => apiKeyAuth({ apiKey: ' ' })).toThrow('apiKey: is required');
    });

    it('sets exactly one apikey whatever the URL already holds', async () => {
      const server = await startServer((_, res) => res.end());
      close = server.close;
      const transport = createTransport({ middleware: [apiKeyAuth({ apiKey: 'API 1+2/3' })] });
      for (const path of [
        '/poc/X',
        '/poc/X?',
        '/net/N;a=1?b=c%20d',
        '/poc/X?apikey=old&b=2',
        '/poc/X?b=2#frag',
      ])
        await transport.send({ method: 'GET', url: `${server.url}${path}` });
      expect(server.requests.map((r) => r.url)).toEqual([
        '/poc/X?apikey=API%201%2B2%2F3',
        '/poc/X?apikey=API%201%2B2%2F3',
        '/net/N;a=1?b=c%20d&apikey=API%201%2B2%2F3',
        '/poc/X?apikey=API+1%2B2%2F3&b=2',
        '/poc/X?b=2&apikey=API+1%2B2%2F3',
      ]);
      for (const r of server.requests)
        expect(new URL(r.url ?? '', server.url).searchParams.getAll('apikey')).toEqual(['API 1+2/3']);
    });

    it('shares one token renewal among 100 concurrent calls on an expired token', async () => {
      const server = await startServer((_, res) => res.end('ok'));
      close = server.close;
      let now = 0;
      let issued = 0;
      const tokens = createTokenCache(
        async () => {
          await new Promise((r) => setTimeout(r, 20));
          issued++;
          return { accessToken: `token-${issued}-abcdef`, expiresAt: now + 600_000 };
        },
        { now: () => now, renewBeforeMs: 60_000 },
      );
      const transport = createTransport({ middleware: [bearerAuth(tokens)] });
      await transport.send({ method: 'GET', url: new URL(server.url) });
      now = 550_000; // inside the renewal margin: the token counts as expired
      await Promise.all(
        Array.from({ length: 100 }, () => transport.send({ method: 'GET', url: new URL(server.url) })),
      );
      expect(issued).toBe(2);
      expect(tokens.fetches).toBe(2);
      expect(server.requests.slice(1).every((r) => r.headers.authorization === 'Bearer token-2-abcdef')).toBe(
        true,
      );
    });

    it('renews once and retries once after a 401, then gives up', async () => {
      const valid = new Set(['t2-secret']);
      const server = await startServer((req, res) =>
        res.writeHead(valid.has(String(req.headers.authorization).slice(7)) ? 200 : 401).end(),
      );
      close = server.close;
      let n = 0;
      const tokens = createTokenCache(async () => ({
        accessToken: `t${++n}-secret`,
        expiresAt: Date.now() + 3_600_000,
      }));
      const transport = createTransport({ middleware: [bearerAuth(tokens)] });
      expect((await transport.send({ method: 'GET', url: new URL(server.url) })).status).toBe(200);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        'Bearer t1-secret',
        'Bearer t2-secret',
      ]);
      valid.clear();
      expect((await transport.send({ method: 'GET', url: new URL(server.url) })).status).toBe(401);
      expect(n).toBe(3);
    });
  });
});

describe('retry and token helpers (no transport)', () => {
  it('parses Retry-After in seconds and as an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(10_000 + 5000).toUTCString(), 10_000)).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('ignores Retry-After values that are neither delay-seconds nor an HTTP-date (RFC 9110)', () => {
    const now = Date.parse('2026-12-07T00:00:00Z');
    for (const value of ['-1', '1.5', '2, 2', '', ' ', '1e3', '+5', '0x10', 'Tue, 2001'])
      expect(parseRetryAfter(value, now), value).toBeUndefined();
    // the three HTTP-date forms
    expect(parseRetryAfter('Mon, 07 Dec 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Monday, 07-Dec-26 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon Dec  7 00:00:30 2026', now)).toBe(30_000);
    expect(parseRetryAfter('0', now)).toBe(0);
  });

  it('caps the renewal window at half the lifetime of a short-lived token', async () => {
    let now = 0;
    let issued = 0;
    const tokens = createTokenCache(
      async () => ({ accessToken: `short-${++issued}-abcdef`, expiresAt: now + 30_000 }), // lives 30 s
      { now: () => now, renewBeforeMs: 60_000 },
    );
    expect(await tokens.get()).toBe('short-1-abcdef');
    now = 5_000;
    expect(await tokens.get()).toBe('short-1-abcdef');
    now = 14_999;
    expect(await tokens.get()).toBe('short-1-abcdef');
    expect(tokens.fetches).toBe(1); // not a password grant on every call
    now = 15_000; // half its life gone: renewed
    expect(await tokens.get()).toBe('short-2-abcdef');
    expect(tokens.fetches).toBe(2);
  });

  it('propagates token fetch failures to every waiting caller', async () => {
    const tokens = createTokenCache(async () => {
      throw new HttpStatusError('token request failed', { status: 400 });
    });
    const results = await Promise.allSettled([tokens.get(), tokens.get()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(tokens.fetches).toBe(1);
  });
});
