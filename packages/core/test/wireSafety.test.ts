import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  apiKeyAuth,
  NetworkError,
  RedirectError,
  ResponseTooLargeError,
  retryMiddleware,
  RetryAfterError,
  TimeoutError,
  UnknownOutcomeError,
  type Middleware,
} from '../src/index.js';
import { exchanges } from './exchanges.js';
import { startHostileServer, type Behaviour } from './hostileServer.js';

const noSleep = { sleep: async () => undefined, random: () => 0 };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function hostile(behave: (index: number) => Behaviour) {
  const server = await startHostileServer((_, index) => behave(index));
  closers.push(server.close);
  return server;
}

const write = {
  method: 'PUT',
  retry: 'unsafe',
  operationId: 'reassignNet',
  outcomeCheck: 'Look it up.',
} as const;

describe.each(exchanges)('over $name', ({ createTransport }) => {
  describe('retry safety comes from the operation, not the HTTP method', () => {
    it('an unsafe write whose connection drops after the server read it is sent once: UnknownOutcomeError', async () => {
      const server = await hostile(() => ({ kind: 'drop' }));
      const transport = createTransport({ middleware: [retryMiddleware(noSleep)] });
      const error = await transport
        .send({ ...write, url: server.url, body: '<net/>' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnknownOutcomeError);
      expect(error).toMatchObject({
        kind: 'unknown-outcome',
        operationId: 'reassignNet',
        check: 'Look it up.',
        message:
          'reassignNet may have been applied: the connection was lost after the request was sent, and it was not sent again. Check before retrying: Look it up.',
      });
      expect((error as UnknownOutcomeError).cause).toBeInstanceOf(NetworkError);
      expect(server.requests).toHaveLength(1);
    });

    it('an unsafe write whose connection is cut mid-body is sent once: UnknownOutcomeError; a safe read is sent again', async () => {
      const server = await hostile((i) =>
        i < 2 ? { kind: 'cut', bytes: 10 } : { kind: 'respond', body: '<ok/>' },
      );
      const transport = createTransport({ middleware: [retryMiddleware(noSleep)] });
      const error = await transport
        .send({ ...write, url: server.url, body: '<net/>' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnknownOutcomeError);
      expect((error as Error).message).toContain('the connection was lost after the request was sent');
      expect((error as UnknownOutcomeError).cause).toBeInstanceOf(NetworkError);
      expect((error as UnknownOutcomeError).cause).toMatchObject({ phase: 'exchange' });
      expect(server.requests.map((r) => `${r.method} ${r.body}`)).toEqual(['PUT <net/>']);
      const res = await transport.send({ method: 'GET', url: server.url });
      expect(await res.text()).toBe('<ok/>');
      expect(server.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'GET']);
    });

    it('a safe operation whose connection drops is sent again', async () => {
      const server = await hostile((i) => (i === 0 ? { kind: 'drop' } : { kind: 'respond', body: 'ok' }));
      const transport = createTransport({ middleware: [retryMiddleware(noSleep)] });
      const res = await transport.send({ method: 'PUT', url: server.url, retry: 'safe', body: 'x' });
      expect(await res.text()).toBe('ok');
      expect(server.requests.map((r) => r.body)).toEqual(['x', 'x']);
    });

    it('an unsafe write is retried when the connection was refused: it never left', async () => {
      const server = await hostile(() => ({ kind: 'respond' }));
      await server.close();
      let attempts = 0;
      const count: Middleware = (req, next) => (attempts++, next(req));
      const transport = createTransport({
        middleware: [retryMiddleware({ ...noSleep, maxAttempts: 3 }), count],
      });
      const error = await transport.send({ ...write, url: server.url }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({ phase: 'connect' });
      expect(attempts).toBe(3);
    });

    it('an unsafe write times out after sending: UnknownOutcomeError around the TimeoutError, sent once', async () => {
      const server = await hostile(() => ({ kind: 'drip', everyMs: 1000 }));
      const transport = createTransport({ timeoutMs: 100, middleware: [retryMiddleware(noSleep)] });
      const error = await transport.send({ ...write, url: server.url }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnknownOutcomeError);
      expect((error as Error).message).toContain('the time ran out after the request was sent');
      expect((error as UnknownOutcomeError).cause).toBeInstanceOf(TimeoutError);
      expect(server.requests).toHaveLength(1);
    });

    it('429 is retried for an unsafe write (not processed), 503 is not; retryNonIdempotent opts in to both and to drops', async () => {
      const statuses = [429, 201, 503, 0, 201];
      const server = await hostile((i) =>
        statuses[i] === 0 ? { kind: 'drop' } : { kind: 'respond', status: statuses[i] ?? 500 },
      );
      const transport = createTransport({ middleware: [retryMiddleware(noSleep)] });
      expect((await transport.send({ ...write, url: server.url })).status).toBe(201);
      expect(server.requests).toHaveLength(2);
      expect((await transport.send({ ...write, url: server.url })).status).toBe(503);
      expect(server.requests).toHaveLength(3);
      const opted = await transport.send({ ...write, url: server.url }, { retryNonIdempotent: true });
      expect(opted.status).toBe(201);
      expect(server.requests).toHaveLength(5);
    });
  });

  describe('redirects', () => {
    const KEY = 'API-5555-6666-7777-8888';
    it.each([301, 302, 303, 307, 308])(
      '%i to another origin: RedirectError naming the origin, nothing sent there, no key in the error',
      async (status) => {
        const elsewhere = await hostile(() => ({ kind: 'respond', body: 'stolen' }));
        const server = await hostile(() => ({
          kind: 'respond',
          status,
          headers: { location: `${elsewhere.url}/collect?apikey=${KEY}` },
        }));
        for (const redirects of ['none', 'same-origin'] as const) {
          const transport = createTransport({ redirects, middleware: [apiKeyAuth({ apiKey: KEY })] });
          const error = await transport
            .send({ ...write, url: `${server.url}/net/NET-1/reassign` })
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(RedirectError);
          expect(error).toMatchObject({ kind: 'redirect', status, targetOrigin: elsewhere.origin });
          expect((error as Error).message).toBe(
            `PUT was redirected with ${status} to ${elsewhere.origin}; redirects to another origin are never followed and credentials are never sent there`,
          );
          for (const text of [
            JSON.stringify(error),
            inspect(error),
            String(error),
            (error as Error).stack ?? '',
          ])
            expect(text).not.toContain(KEY);
        }
        expect(elsewhere.requests).toHaveLength(0);
        expect(server.requests).toHaveLength(2);
      },
    );

    it('within the origin: an error by default, followed with redirects: same-origin (key applied again)', async () => {
      const server = await startHostileServer((request) =>
        request.url.startsWith('/x')
          ? { kind: 'respond', status: 307, headers: { location: '/moved' } }
          : { kind: 'respond', body: 'here' },
      );
      closers.push(server.close);
      const plain = createTransport({ middleware: [apiKeyAuth({ apiKey: KEY })] });
      await expect(plain.send({ method: 'GET', url: `${server.url}/x` })).rejects.toMatchObject({
        name: 'RedirectError',
        targetOrigin: server.origin,
      });
      const follow = createTransport({ redirects: 'same-origin', middleware: [apiKeyAuth({ apiKey: KEY })] });
      const res = await follow.send({ method: 'GET', url: `${server.url}/x` });
      expect(await res.text()).toBe('here');
      expect(server.requests.map((r) => r.url)).toEqual([
        '/x?apikey=' + KEY,
        '/x?apikey=' + KEY,
        '/moved?apikey=' + KEY,
      ]);
    });

    it('refuses an unknown redirects setting', () => {
      expect(() => createTransport({ redirects: 'all' as 'none' })).toThrow(
        "redirects: must be 'none' or 'same-origin'",
      );
    });
  });

  describe('deadlines', () => {
    it('the attempt timeout covers the body: a slow drip fails within the timeout plus 10 %', async () => {
      const server = await hostile(() => ({ kind: 'drip', everyMs: 50 }));
      const transport = createTransport({ timeoutMs: 1000 });
      const started = performance.now();
      const error = await transport.send({ method: 'GET', url: server.url }).catch((e: unknown) => e);
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ scope: 'attempt', timeoutMs: 1000 });
      expect(elapsed).toBeGreaterThanOrEqual(990);
      expect(elapsed).toBeLessThanOrEqual(1100);
    });

    it('a total deadline bounds a slow attempt', async () => {
      const server = await hostile(() => ({ kind: 'drip', everyMs: 50 }));
      const transport = createTransport({ timeoutMs: 10_000 });
      const started = performance.now();
      const error = await transport
        .send({ method: 'GET', url: server.url }, { deadlineMs: 300 })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TimeoutError', scope: 'deadline', timeoutMs: 300 });
      expect(performance.now() - started).toBeLessThan(330);
    });

    it('Retry-After: 999999 with a 2 s timeout fails at once with the value', async () => {
      const server = await hostile(() => ({
        kind: 'respond',
        status: 503,
        headers: { 'retry-after': '999999' },
      }));
      const transport = createTransport({ timeoutMs: 2000, middleware: [retryMiddleware()] });
      const started = performance.now();
      const error = await transport.send({ method: 'GET', url: server.url }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RetryAfterError);
      expect(error).toMatchObject({ status: 503, retryAfterMs: 999_999_000, availableMs: 20_000 });
      expect(performance.now() - started).toBeLessThan(500);
      expect(server.requests).toHaveLength(1);
    });

    it('waits count against the deadline: a Retry-After beyond the time left fails at once', async () => {
      const server = await hostile(() => ({ kind: 'respond', status: 503, headers: { 'retry-after': '1' } }));
      const transport = createTransport({ middleware: [retryMiddleware({ maxAttempts: 5 })] });
      const started = performance.now();
      const error = await transport
        .send({ method: 'GET', url: server.url }, { deadlineMs: 1500 })
        .catch((e: unknown) => e);
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(RetryAfterError);
      expect((error as RetryAfterError).availableMs).toBeLessThan(1000);
      expect(server.requests).toHaveLength(2);
      expect(elapsed).toBeGreaterThanOrEqual(1000);
      expect(elapsed).toBeLessThan(1500);
    });
  });

  describe('bounded memory', () => {
    it('a declared 1 GB body is refused from its Content-Length before reading', async () => {
      const server = await hostile(() => ({ kind: 'huge', bytes: 2 ** 30, declare: true }));
      const error = await createTransport({ maxResponseBytes: 1024 * 1024 })
        .send({ method: 'GET', url: server.url })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ kind: 'too-large', limitBytes: 1024 * 1024, status: 200 });
    });

    it('an undeclared 1 GB body stops at the limit with RSS within the limit plus a constant', async () => {
      const server = await hostile(() => ({ kind: 'huge', bytes: 2 ** 30 }));
      const limit = 16 * 1024 * 1024;
      globalThis.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const error = await createTransport({ maxResponseBytes: limit })
        .send({ method: 'GET', url: server.url })
        .catch((e: unknown) => e);
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(peak - before).toBeLessThan(limit + 64 * 1024 * 1024);
    });

    it('refuses a byte limit that is not a positive whole number', async () => {
      expect(() => createTransport({ maxResponseBytes: 0 })).toThrow(
        'maxResponseBytes: must be a whole number of bytes above 0',
      );
      await expect(
        createTransport().send({ method: 'GET', url: 'http://127.0.0.1:9/' }, { maxResponseBytes: 1.5 }),
      ).rejects.toMatchObject({ issues: [{ path: 'options.maxResponseBytes' }] });
    });
  });
});
