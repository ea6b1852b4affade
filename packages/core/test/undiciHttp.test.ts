// What belongs to the choice of exchange itself: the `http` and `fetch` options, a user's `fetch`
// and a user's undici dispatcher. Everything the transport does over an exchange is proven for both
// exchanges by the transport suites (see exchanges.ts).
import { Agent, errors as undiciErrors } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AbortedError,
  apiKeyAuth,
  createTransport,
  NetworkError,
  retryMiddleware,
  UnknownOutcomeError,
  ValidationError,
  type HttpExchange,
} from '../src/index.js';
import { undiciHttp } from '../src/undici.js';
import { reachableStrings } from './hostileServer.js';
import { recordingUndici } from './recordingUndici.js';
import { startServer } from './loopback.js';

const KEY = 'API-4444-3333-2222-1111';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function server(handler: Parameters<typeof startServer>[0]) {
  const s = await startServer(handler);
  closers.push(s.close);
  return s;
}

describe('choosing the exchange', () => {
  it('refuses fetch and http together, an http that is no exchange and a fetch that is no function, sending nothing', async () => {
    const s = await server((_, res) => res.end());
    const http = undiciHttp();
    closers.push(() => http.dispatcher.close());
    const bad: [Parameters<typeof createTransport>[0], string, string][] = [
      [{ fetch, http }, 'http', 'cannot be given with fetch: pass one or the other, not both'],
      [
        { http: {} as HttpExchange },
        'http',
        "must be an HttpExchange, such as undiciHttp() from '@regkit/core/undici'",
      ],
      [
        { http: fetch as unknown as HttpExchange },
        'http',
        "must be an HttpExchange, such as undiciHttp() from '@regkit/core/undici'",
      ],
      [{ fetch: 'fetch' as unknown as typeof fetch }, 'fetch', 'must be a function like the platform fetch'],
    ];
    for (const [options, path, message] of bad) {
      let error: unknown;
      try {
        createTransport(options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([{ path, message }]);
    }
    expect(s.requests).toHaveLength(0);
  });

  it("a user's fetch is still called, once per attempt, with redirect 'manual' and a signal", async () => {
    const s = await server((_, res) => res.end('ok'));
    const calls: { url: string; redirect: string | undefined; signal: boolean }[] = [];
    const transport = createTransport({
      timeoutMs: 5000,
      middleware: [apiKeyAuth({ apiKey: KEY })],
      fetch: (input, init) => {
        calls.push({
          url: String(input),
          redirect: init?.redirect,
          signal: init?.signal instanceof AbortSignal,
        });
        return fetch(input, init);
      },
    });
    const res = await transport.send({ method: 'GET', url: `${s.url}/poc/X` });
    expect(await res.text()).toBe('ok');
    expect(calls).toEqual([{ url: `${s.url}/poc/X?apikey=${KEY}`, redirect: 'manual', signal: true }]);
  });
  it('an exchange of its own gets the request, the size limit and a signal that aborts at the timeout', async () => {
    const seen: { url: string; maxResponseBytes: number; aborted: boolean[] }[] = [];
    const waiting: HttpExchange = {
      name: 'test',
      send: (request, { signal, maxResponseBytes }) => {
        const entry = { url: request.url.href, maxResponseBytes, aborted: [signal?.aborted ?? true] };
        seen.push(entry);
        return new Promise((_, reject) =>
          signal?.addEventListener('abort', () => {
            entry.aborted.push(signal.aborted);
            reject(signal.reason);
          }),
        );
      },
    };
    const transport = createTransport({ http: waiting, timeoutMs: 50, maxResponseBytes: 1234 });
    const error = await transport
      .send({ method: 'PUT', url: 'http://127.0.0.1:9/x', body: 'a' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as UnknownOutcomeError).cause).toMatchObject({ name: 'TimeoutError', timeoutMs: 50 });
    const controller = new AbortController();
    const pending = transport.send(
      { method: 'GET', url: 'http://127.0.0.1:9/y' },
      { signal: controller.signal },
    );
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    expect(seen).toEqual([
      { url: 'http://127.0.0.1:9/x', maxResponseBytes: 1234, aborted: [false, true] },
      { url: 'http://127.0.0.1:9/y', maxResponseBytes: 1234, aborted: [false, true] },
    ]);
  });
});

describe('undiciHttp', () => {
  it('sends through the dispatcher it is given, and exposes it', async () => {
    const s = await server((req, res) => res.end(`echo ${req.url}`));
    const agent = new Agent();
    closers.push(() => agent.close());
    expect(undiciHttp({ dispatcher: agent }).dispatcher).toBe(agent);
    // a dispatcher composed over the agent, recording what it dispatches
    const { http, sent: paths } = recordingUndici(agent);
    expect(http.name).toBe('undici');
    const transport = createTransport({ http });
    // the path as written, a bare trailing `?` included; a fragment is never sent
    const res = await transport.send({ method: 'GET', url: `${s.url}/net/NET-1;a=1?b=c%20d#part` });
    expect(await res.text()).toBe('echo /net/NET-1;a=1?b=c%20d');
    await transport.send({ method: 'delete', url: `${s.url}/x?` });
    expect(paths).toEqual(['GET /net/NET-1;a=1?b=c%20d', 'DELETE /x?']);
    expect(s.requests.map((r) => `${r.method} ${r.url}`)).toEqual(paths);
  });

  it('its own agent keeps its connections alive over sequential calls', async () => {
    const s = await server((_, res) => res.writeHead(200, { 'content-length': '2' }).end('ok'));
    const http = undiciHttp();
    closers.push(() => http.dispatcher.close());
    const transport = createTransport({ http });
    for (let i = 0; i < 20; i++)
      expect(await (await transport.send({ method: 'GET', url: `${s.url}/${i}` })).text()).toBe('ok');
    expect(s.requests).toHaveLength(20);
    // the second call may start before the first one's connection is free again: at most two
    expect(s.connections).toBeLessThanOrEqual(2);
  });

  it('a connect timeout is a connect failure: an unsafe write is sent again, and the error names no key', async () => {
    let connects = 0;
    const agent = new Agent({
      connect: (_options, callback) => {
        connects++;
        setTimeout(() => callback(new undiciErrors.ConnectTimeoutError(), null), 5);
      },
    });
    closers.push(() => agent.close());
    const transport = createTransport({
      http: undiciHttp({ dispatcher: agent }),
      middleware: [
        retryMiddleware({ maxAttempts: 3, sleep: async () => undefined }),
        apiKeyAuth({ apiKey: KEY }),
      ],
    });
    const error = await transport
      .send({ method: 'PUT', url: 'http://127.0.0.1:9/net/NET-1', body: '<net/>', retry: 'unsafe' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({
      phase: 'connect',
      message: 'PUT http://127.0.0.1:9/net/NET-1?apikey=[REDACTED] failed: UND_ERR_CONNECT_TIMEOUT',
    });
    expect(connects).toBe(3);
    expect(reachableStrings(error).join('\n')).not.toContain(KEY);
  });

  it('refuses what fetch refuses, before sending: credentials in the URL, a GET with a body', async () => {
    const s = await server((_, res) => res.end());
    const http = undiciHttp();
    closers.push(() => http.dispatcher.close());
    const transport = createTransport({ http });
    const withUser = new URL(s.url);
    withUser.username = 'user';
    withUser.password = 'pass-5555';
    for (const [request, reason] of [
      [
        { method: 'GET', url: withUser },
        'Request cannot be constructed from a URL that includes credentials',
      ],
      [{ method: 'GET', url: s.url, body: 'x' }, 'Request with GET/HEAD method cannot have body.'],
    ] as const) {
      const error = await transport.send(request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as Error).message).toContain(reason);
      expect(reachableStrings(error).join('\n')).not.toContain('pass-5555');
    }
    expect(s.requests).toHaveLength(0);
  });
});
