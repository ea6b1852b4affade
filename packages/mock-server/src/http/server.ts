import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ADMIN_PREFIX, createAdminApi } from './adminApi.js';
import { handlerFailure, send, writeRaw } from './answer.js';
import { FaultInjector, type Outcome } from './faults.js';
import { handledMethod } from './head.js';
import { record } from './journal.js';
import { bodyTooLarge, DEFAULT_MAX_BODY_BYTES, parserRefusal, readBody } from './limits.js';
import { listen } from './listen.js';
import { connectRefusal, readRequestTarget } from './requestTarget.js';
import { allowOf } from './router.js';
import type { JournalEntry, MockHttpServer, MockHttpServerOptions, MockRequest } from './types.js';

/**
 * The HTTP plumbing both mocks share: body size limit, keep-alive, a request journal, injected
 * latency and faults, the `/__admin/` routes, and a guard that turns any handler failure into the
 * API's own error format instead of a crash.
 */
export async function createMockHttpServer(options: MockHttpServerOptions): Promise<MockHttpServer> {
  const { errorResponse } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const faults = new FaultInjector(options.faults, options.random, options.operationOf);
  const journal: JournalEntry[] = [];
  const sockets = new Set<Socket>();
  const admin = createAdminApi({ ...options, routes: options.admin, journal, faults });
  const serverAllow = allowOf(options.methods ?? ['GET', 'POST', 'PUT', 'DELETE']).join(', ');
  let nextId = 1;

  const answer = (request: MockRequest): Promise<Outcome> =>
    request.url.pathname.startsWith(`${ADMIN_PREFIX}/`)
      ? admin(request).then((response) => ({ response }))
      : faults.run(request, options.handle, errorResponse);

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const id = nextId++;
    const done = (status: number, fault?: string) =>
      record(journal, {
        id,
        method: req.method ?? '',
        target: req.url ?? '',
        status,
        durationMs: performance.now() - started,
        fault,
      });
    req.on('error', () => res.destroy());
    readBody(
      req,
      maxBodyBytes,
      () => {
        const response = bodyTooLarge(maxBodyBytes, errorResponse);
        res.setHeader('connection', 'close');
        send(res, response);
        done(response.status);
      },
      (body) => {
        const target = readRequestTarget(req.method, req.url ?? '/', serverAllow, errorResponse);
        if ('answer' in target) {
          send(res, target.answer);
          done(target.answer.status);
          return;
        }
        const request: MockRequest = {
          id,
          method: handledMethod(req.method),
          url: target.url,
          rawPath: target.rawPath,
          headers: req.headers,
          body,
        };
        answer(request)
          .catch((error: unknown) => ({
            response: handlerFailure(error, errorResponse),
            fault: 'handler error',
          }))
          .then(({ response, fault }) => {
            if (!response) {
              done(0, fault);
              req.socket.destroy();
              return;
            }
            send(res, response);
            done(response.status, fault);
          })
          .catch(() => res.destroy());
      },
    );
  }

  const server = createServer({ keepAlive: true }, onRequest);
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const response = connectRefusal(serverAllow, errorResponse);
    writeRaw(socket, response);
    record(journal, { id: nextId++, method: 'CONNECT', target: req.url ?? '', status: 405, durationMs: 0 });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Requests Node's parser refuses still get the API's own error body.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (!socket.writable) return;
    const response = parserRefusal(error, errorResponse);
    writeRaw(socket, response);
    record(journal, {
      id: nextId++,
      method: '',
      target: '',
      status: response.status,
      durationMs: 0,
      fault: `refused by the HTTP parser (${error.code ?? 'unknown'})`,
    });
  });
  const url = await listen(server, options.name, options.port, options.host, options.onWarning);
  return {
    url,
    server,
    journal,
    faults: faults.faults,
    setFaults(next) {
      const problem = faults.apply(next, true);
      if (problem) throw new Error(problem);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
