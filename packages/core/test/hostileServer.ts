import { inspect } from 'node:util';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface HostileRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** What the server does with one request. */
export type Behaviour =
  /** Answer normally. */
  | {
      readonly kind: 'respond';
      readonly status?: number;
      readonly headers?: Record<string, string>;
      readonly body?: string;
    }
  /** Read the whole request (as if it were applied), then drop the connection without an answer. */
  | { readonly kind: 'drop' }
  /** Send the status, a Content-Length of 1000 and `bytes` bytes of it, then drop the connection. */
  | { readonly kind: 'cut'; readonly bytes: number }
  /** Send the status and headers, then one byte every `everyMs`, never finishing. */
  | { readonly kind: 'drip'; readonly everyMs: number }
  /** A body of `bytes` bytes, streamed in 64 KiB chunks; with `declare`, a matching Content-Length. */
  | { readonly kind: 'huge'; readonly bytes: number; readonly declare?: boolean };

/**
 * One small `node:http` server on 127.0.0.1 whose answer to each request is chosen by `behave`:
 * normal answers, dropped connections after the request was read, slow drips, endless bodies.
 * Every request is recorded before it is answered.
 */
export async function startHostileServer(behave: (request: HostileRequest, index: number) => Behaviour) {
  const requests: HostileRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const answer = (behaviour: Behaviour, res: ServerResponse) => {
    switch (behaviour.kind) {
      case 'respond':
        res.writeHead(behaviour.status ?? 200, behaviour.headers).end(behaviour.body ?? '');
        return;
      case 'drop':
        res.socket?.destroy();
        return;
      case 'cut':
        res.writeHead(200, { 'content-type': 'application/xml', 'content-length': '1000' });
        res.write('<'.padEnd(behaviour.bytes, ' '), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      case 'drip': {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.write('<');
        const timer = setInterval(() => res.write(' '), behaviour.everyMs);
        timers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'huge': {
        res.writeHead(200, {
          'content-type': 'application/xml',
          ...(behaviour.declare ? { 'content-length': String(behaviour.bytes) } : {}),
        });
        let sent = 0;
        const pump = () => {
          while (sent < behaviour.bytes) {
            const piece = Math.min(chunk.length, behaviour.bytes - sent);
            sent += piece;
            if (!res.write(piece === chunk.length ? chunk : chunk.subarray(0, piece))) {
              res.once('drain', pump);
              return;
            }
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
        return;
      }
    }
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      answer(behave(recorded, requests.length - 1), res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearInterval(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Every string reachable from `value`: own properties (enumerable or not), nested, and the cause chain. */
export function reachableStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  return Reflect.ownKeys(value).flatMap((key) => [
    ...(typeof key === 'string' ? [key] : []),
    ...reachableStrings((value as Record<PropertyKey, unknown>)[key], seen),
  ]);
}

/** The forms a secret can take once echoed: raw, percent-encoded, JSON- and XML-escaped, inspected. */
export const echoedForms = (secret: string): string[] => [
  secret,
  encodeURIComponent(secret),
  JSON.stringify(secret).slice(1, -1),
  secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'),
  inspect(secret).slice(1, -1),
];
