import { afterEach, describe, expect, it } from 'vitest';
import {
  apiKeyAuth,
  NetworkError,
  ResponseTooLargeError,
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
  describe('reading the response', () => {
    it('joins a declared body sent in pieces byte for byte, a character split between pieces included', async () => {
      const bytes = Buffer.from('<poc>Zoë ☃ 𝄞</poc>', 'utf8');
      // cut inside the two-byte ë and inside the four-byte 𝄞
      const cuts = [bytes.indexOf(0xc3) + 1, bytes.length - 8, bytes.length];
      const server = await startServer((_, res) => {
        res.writeHead(201, 'Made Here', { 'content-length': String(bytes.length) });
        let from = 0;
        const write = (i: number) => {
          const to = cuts[i] as number;
          res.write(bytes.subarray(from, to));
          from = to;
          if (i + 1 < cuts.length) setTimeout(write, 20, i + 1);
          else res.end();
        };
        write(0);
      });
      close = server.close;
      const url = new URL(`${server.url}/poc/X`);
      const res = await createTransport({ maxResponseBytes: bytes.length }).send({ method: 'GET', url });
      expect(res.status).toBe(201);
      expect(res.statusText).toBe('Made Here');
      expect(res.url).toBe(url.href);
      expect(res.redirected).toBe(false);
      expect(res.type).toBe('basic');
      const copy = res.clone();
      expect(copy.statusText).toBe('Made Here');
      expect(Buffer.from(await copy.arrayBuffer()).equals(bytes)).toBe(true);
      expect(await res.text()).toBe('<poc>Zoë ☃ 𝄞</poc>');
    });

    it('a body of exactly the limit is read whole; one byte more fails, declared or streamed', async () => {
      const body = 'x'.repeat(999) + 'y';
      const server = await startServer((req, res) => {
        const text = req.url.includes('over') ? `${body}z` : body;
        // chunked (no Content-Length) unless the path says declared
        if (req.url.includes('declared')) res.writeHead(200, { 'content-length': String(text.length) });
        else res.writeHead(200, { 'transfer-encoding': 'chunked' });
        res.write(text.slice(0, 500));
        setTimeout(() => res.end(text.slice(500)), 10);
      });
      close = server.close;
      const transport = createTransport({ maxResponseBytes: 1000 });
      for (const path of ['/streamed', '/declared'])
        expect(await (await transport.send({ method: 'GET', url: `${server.url}${path}` })).text()).toBe(
          body,
        );
      for (const path of ['/streamed/over', '/declared/over']) {
        const error = await transport
          .send({ method: 'GET', url: `${server.url}${path}` })
          .catch((e: unknown) => e);
        expect(error, path).toBeInstanceOf(ResponseTooLargeError);
        expect(error).toMatchObject({ kind: 'too-large', limitBytes: 1000, status: 200, method: 'GET' });
      }
      // the connection still serves: a refused body does not leave the transport stuck
      expect(await (await transport.send({ method: 'GET', url: `${server.url}/streamed` })).text()).toBe(
        body,
      );
    });

    it('a declared body within the limit that arrives too slowly fails at the attempt timeout', async () => {
      const server = await startServer((_, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        res.write('<');
        const timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
      });
      close = async () => {
        server.close().catch(() => undefined);
      };
      const started = performance.now();
      const error = await createTransport({ timeoutMs: 300 })
        .send({ method: 'GET', url: `${server.url}/slow` })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).timeoutMs).toBe(300);
      expect(performance.now() - started).toBeLessThan(600);
    });
  });

  describe('retry around a middleware that throws instead of rejecting', () => {
    it('counts the throw as a failed attempt: a connect failure is sent again', async () => {
      const server = await startServer((_, res) => res.end('ok'));
      close = server.close;
      let calls = 0;
      const flaky: Middleware = (request, next) => {
        calls++;
        if (calls === 1) throw new NetworkError('refused', { phase: 'connect' });
        return next(request);
      };
      const transport = createTransport({
        middleware: [retryMiddleware({ sleep: async () => undefined }), flaky],
      });
      const res = await transport.send({ method: 'POST', url: `${server.url}/x`, body: 'a' });
      expect(await res.text()).toBe('ok');
      expect(calls).toBe(2);
      expect(server.requests).toHaveLength(1);
    });

    it('rejects the call with an error that is not retried, sending nothing', async () => {
      const server = await startServer((_, res) => res.end('ok'));
      close = server.close;
      const refusing: Middleware = () => {
        throw new ValidationError([{ path: 'x', message: 'no' }]);
      };
      const transport = createTransport({ middleware: [retryMiddleware(), refusing] });
      const pending = transport.send({ method: 'GET', url: `${server.url}/x` });
      expect(pending).toBeInstanceOf(Promise);
      await expect(pending).rejects.toBeInstanceOf(ValidationError);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('apiKeyAuth and the URL it is given', () => {
    it("keeps the query as sent when only the path names 'apikey', and sets the key once in any query", async () => {
      const server = await startServer((_, res) => res.end());
      close = server.close;
      const transport = createTransport({ middleware: [apiKeyAuth({ apiKey: 'API 1+2/3' })] });
      for (const path of ['/apikey/X?b=c%20d', '/apikey/X', '/poc/X?xapikey=1'])
        await transport.send({ method: 'GET', url: `${server.url}${path}` });
      expect(server.requests.map((r) => r.url)).toEqual([
        '/apikey/X?b=c%20d&apikey=API%201%2B2%2F3',
        '/apikey/X?apikey=API%201%2B2%2F3',
        '/poc/X?xapikey=1&apikey=API+1%2B2%2F3',
      ]);
    });
  });
});
