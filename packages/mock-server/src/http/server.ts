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
  /** Requests whose answer waits (latency, a fault, an asynchronous handler), and who waits for none to be left. */
  let waiting = 0;
  const whenSettled: (() => void)[] = [];
  const settledOne = () => {
    if (--waiting === 0) for (const resolve of whenSettled.splice(0)) resolve();
  };

  const isAdmin = (request: MockRequest) => request.url.pathname.startsWith(`${ADMIN_PREFIX}/`);
  /** Journals how a request ended. */
  const journaled = (req: IncomingMessage, id: number, started: number, status: number, fault?: string) =>
    record(journal, id, req.method ?? '', req.url ?? '', status, performance.now() - started, fault);
  const fail = (error: unknown): Outcome => ({
    response: handlerFailure(error, errorResponse),
    fault: 'handler error',
  });

  /** Writes the outcome of a request and journals it; no answer drops the connection. */
  function finish(req: IncomingMessage, res: ServerResponse, id: number, started: number, outcome: Outcome) {
    const { response, fault } = outcome;
    if (!response) {
      journaled(req, id, started, 0, fault);
      req.socket.destroy();
      return;
    }
    send(res, response);
    journaled(req, id, started, response.status, fault);
  }

  /** Answers a request whose body has been read: synchronously unless the admin API, a fault or the handler waits. */
  function respond(req: IncomingMessage, res: ServerResponse, id: number, started: number, body: string) {
    const target = readRequestTarget(req.method, req.url ?? '/', serverAllow, errorResponse);
    if ('answer' in target) {
      send(res, target.answer);
      journaled(req, id, started, target.answer.status);
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
    let outcome: Outcome | Promise<Outcome>;
    try {
      outcome = isAdmin(request)
        ? admin(request).then((response) => ({ response }))
        : faults.run(request, options.handle, errorResponse);
    } catch (error) {
      outcome = fail(error);
    }
    if (outcome instanceof Promise) {
      waiting++;
      outcome
        .catch(fail)
        .then((settled) => finish(req, res, id, started, settled))
        .catch(() => res.destroy())
        .finally(settledOne);
      return;
    }
    try {
      finish(req, res, id, started, outcome);
    } catch {
      res.destroy();
    }
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const id = nextId++;
    req.on('error', () => res.destroy());
    // Without Content-Length or Transfer-Encoding a request has no body (RFC 9112 §6.3): nothing to wait for.
    const length = req.headers['content-length'];
    if (req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0')) {
      respond(req, res, id, started, '');
      return;
    }
    readBody(
      req,
      maxBodyBytes,
      () => {
        const response = bodyTooLarge(maxBodyBytes, errorResponse);
        res.setHeader('connection', 'close');
        send(res, response);
        journaled(req, id, started, response.status);
      },
      (body) => respond(req, res, id, started, body),
    );
  }

  const server = createServer({ keepAlive: true }, onRequest);
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const response = connectRefusal(serverAllow, errorResponse);
    writeRaw(socket, response);
    record(journal, nextId++, 'CONNECT', req.url ?? '', 405, 0);
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
    record(
      journal,
      nextId++,
      '',
      '',
      response.status,
      0,
      `refused by the HTTP parser (${error.code ?? 'unknown'})`,
    );
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
    // a turn of the event loop first, so a request whose bytes have arrived is read and counted
    settled: () =>
      new Promise<void>((resolve) =>
        setImmediate(() => (waiting === 0 ? resolve() : whenSettled.push(resolve))),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
