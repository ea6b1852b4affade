import {
  createServer,
  maxHeaderSize,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { isIP, type AddressInfo, type Socket } from 'node:net';
import { redact, REDACTED } from '@regkit/core';
import { allowOf, matchPath, OperationRouter, patternRoutes } from './router.js';
import { seededRandom } from './seededRandom.js';

export interface MockRequest {
  readonly id: number;
  readonly method: string;
  readonly url: URL;
  /** The raw path, still percent-encoded and with matrix parameters. */
  readonly rawPath: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface MockResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export interface JournalEntry {
  readonly id: number;
  readonly time: string;
  readonly method: string;
  /** Path and query, with secrets redacted. */
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  readonly fault?: string;
}

export interface Faults {
  /** Added to every API response, in ms. */
  latencyMs?: number;
  /** Share (0–1) of API requests answered with `faultStatus` and Retry-After. */
  faultRate?: number;
  /** 429 or 503 (default 503). */
  faultStatus?: 429 | 503;
  /** Retry-After of fault responses, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Share (0–1) of API requests whose connection is dropped without an answer. */
  dropRate?: number;
  /**
   * Share (0–1) of the selected requests that are applied (the state changes) and then answered by
   * dropping the connection: the caller cannot know whether its write happened.
   */
  applyThenDropRate?: number;
  /**
   * Which requests `applyThenDropRate` applies to: operation ids (`reassignNet`, `closeTicket`) or
   * routes (`PUT /rest/net/:handle/reassign`, `*` or `:name` for one segment). Every request when absent.
   */
  applyThenDropOn?: string[];
  /**
   * The next N selected requests are applied and then dropped, whatever the rates say: a run's very
   * first write can lose its answer. Counts down as it is used (`GET /__admin/faults` shows what is left).
   */
  applyThenDropNext?: number;
  /** Seeds the draws of every rate, so a run with the same seed fails the same requests. */
  seed?: number;
}

export type AdminHandler = (
  request: MockRequest,
  params: Record<string, string>,
) => MockResponse | Promise<MockResponse>;

export interface MockHttpServerOptions {
  readonly name: string;
  readonly host?: string;
  readonly port?: number;
  /** Answers every request that is not under `/__admin/`. */
  readonly handle: (request: MockRequest) => MockResponse | Promise<MockResponse>;
  /** The API's own error body for plumbing failures (oversized body, unexpected error, injected fault). */
  readonly errorResponse: (
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ) => MockResponse;
  /** API-specific admin routes, `METHOD /path/:param` relative to `/__admin`. */
  readonly admin?: Readonly<Record<string, AdminHandler>>;
  readonly world: () => unknown;
  readonly reset: () => void;
  readonly maxBodyBytes?: number;
  readonly faults?: Faults;
  readonly random?: () => number;
  /** The operation id a request would run, for `applyThenDropOn`. */
  readonly operationOf?: (request: MockRequest) => string | undefined;
  /** The methods the API answers anywhere (`Allow` of `OPTIONS *`); `HEAD` is added beside `GET`. */
  readonly methods?: readonly string[];
  /**
   * Told when the server binds an address other machines can reach (default: a process warning,
   * code `REGKIT_MOCK_EXPOSED`).
   */
  readonly onWarning?: (message: string) => void;
}

export interface MockHttpServer {
  readonly url: string;
  readonly server: Server;
  readonly journal: JournalEntry[];
  readonly faults: Faults;
  /** Replaces the fault settings (as `POST /__admin/faults` does); throws on an invalid one. */
  setFaults(faults: Faults): void;
  close(): Promise<void>;
}

const JOURNAL_LIMIT = 5000;
/** Query parameters whose values the journal never keeps, by their decoded name (any case). */
const SECRET_PARAMS = new Set(['apikey', 'password', 'access_token', 'refresh_token', 'client_secret']);
/** Methods a page in a browser can send to another site without asking first (no preflight). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The header that, beside a JSON content type, marks an admin request as sent by a program. */
export const ADMIN_HEADER = 'x-regkit-admin';

/** A request target as the journal keeps it: each secret query parameter's value redacted. */
export function journalTarget(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return redact(target);
  const pairs = target
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        name = rawName;
      }
      return SECRET_PARAMS.has(name.trim().toLowerCase()) ? `${rawName}=${REDACTED}` : pair;
    });
  return redact(`${target.slice(0, q)}?${pairs.join('&')}`);
}

/**
 * The origin-form (`/path?query`) of a request target (RFC 9112 §3.2): as sent, or the path and
 * query of an absolute-form `http://host/path?query`; undefined for any other form.
 */
export function originForm(target: string): string | undefined {
  if (target.startsWith('/')) return target;
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (!absolute) return undefined;
  const rest = target.slice(absolute[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** The host name of a Host header (`[::1]:80` → `::1`), lower-cased. */
function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

const isLoopbackName = (name: string) => name === 'localhost' || name.endsWith('.localhost');
const isLoopbackAddress = (address: string) => address === '::1' || /^(?:::ffff:)?127\./.test(address);
const json = (status: number, value: unknown): MockResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2),
});

/** Why a fault setting is invalid, or undefined when it is fine. */
function faultProblem(key: string, value: unknown): string | undefined {
  if (key === 'applyThenDropOn')
    return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0)
      ? undefined
      : 'must be a list of operation ids or "METHOD /path" routes';
  if (key === 'seed') return Number.isSafeInteger(value) ? undefined : 'must be an integer';
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    return 'must be a number of 0 or more';
  switch (key) {
    case 'faultRate':
    case 'dropRate':
    case 'applyThenDropRate':
      return value > 1 ? 'must be a share from 0 to 1' : undefined;
    case 'faultStatus':
      return value === 429 || value === 503 ? undefined : 'must be 429 or 503';
    case 'latencyMs':
    case 'retryAfterSeconds':
      return undefined;
    case 'applyThenDropNext':
      return Number.isSafeInteger(value) ? undefined : 'must be a whole number';
    default:
      return 'unknown setting (latencyMs, faultRate, faultStatus, retryAfterSeconds, dropRate, applyThenDropRate, applyThenDropOn, applyThenDropNext, seed)';
  }
}

/**
 * The HTTP plumbing both mocks share: body size limit, keep-alive, a request journal, injected
 * latency and faults, the `/__admin/` routes, and a guard that turns any handler failure into the
 * API's own error format instead of a crash.
 */
export async function createMockHttpServer(options: MockHttpServerOptions): Promise<MockHttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const faults: Faults = {};
  let random = options.random ?? Math.random;
  /** Validates and installs fault settings: merged into the current ones, or replacing them. */
  function applyFaults(next: Faults, replace: boolean): string | undefined {
    if (typeof next !== 'object' || next === null || Array.isArray(next))
      return 'faults must be a JSON object';
    for (const [k, v] of Object.entries(next)) {
      const problem = faultProblem(k, v);
      if (problem) return `invalid fault setting ${k}: ${problem}`;
    }
    if (replace) for (const k of Object.keys(faults)) delete faults[k as keyof Faults];
    Object.assign(faults, next);
    if (next.seed !== undefined) random = seededRandom(next.seed);
    return undefined;
  }
  const initial = applyFaults({ ...options.faults }, true);
  if (initial) throw new Error(initial);
  const journal: JournalEntry[] = [];
  const sockets = new Set<Socket>();
  let nextId = 1;

  const admin: Record<string, AdminHandler> = {
    'GET /world': () => json(200, options.world()),
    'POST /reset': () => {
      options.reset();
      journal.length = 0;
      return json(200, { reset: true });
    },
    'GET /journal': () => json(200, journal),
    'DELETE /journal': () => {
      journal.length = 0;
      return json(200, { cleared: true });
    },
    'GET /faults': () => json(200, faults),
    'POST /faults': (req) => {
      let body: Faults;
      try {
        body = JSON.parse(req.body || '{}') as Faults;
      } catch {
        return json(400, { error: 'faults must be a JSON object' });
      }
      const problem = applyFaults(body, false);
      return problem ? json(400, { error: problem }) : json(200, faults);
    },
    'DELETE /faults': () => {
      for (const k of Object.keys(faults)) delete faults[k as keyof Faults];
      return json(200, faults);
    },
    ...options.admin,
  };
  const adminRouter = new OperationRouter(patternRoutes(Object.keys(admin)));

  function selected(request: MockRequest): boolean {
    const on = faults.applyThenDropOn;
    if (!on?.length) return true;
    const operationId = options.operationOf?.(request);
    const path = request.url.pathname.split(';')[0] ?? '';
    if (operationId !== undefined && on.includes(operationId)) return true;
    const patterns = on.filter((entry) => entry.includes(' '));
    if (!patterns.length) return false;
    // `*` is one segment of any name: a parameter of its own at each place.
    const routes = patternRoutes(
      patterns.map((entry) =>
        entry
          .split('/')
          .map((s, i) => (s === '*' ? `:any${i}` : s))
          .join('/'),
      ),
    );
    try {
      return matchPath(new OperationRouter(routes), request.method, path) !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * Why an admin request is refused, or undefined: a page a browser shows must not drive the mock.
   * A Host that is a name other than a loopback one (DNS rebinding) is refused, and so is a change
   * without a JSON content type or the admin header (a cross-site form or `text/plain` POST).
   */
  function adminRefusal(request: MockRequest): MockResponse | undefined {
    const host = hostName(String(request.headers.host ?? ''));
    if (host && !isIP(host) && !isLoopbackName(host) && host !== options.host?.toLowerCase())
      return json(403, {
        error: `the admin API answers requests addressed to localhost or an IP address, not to ${host}`,
      });
    if (SAFE_METHODS.has(request.method)) return undefined;
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (type === 'application/json' || request.headers[ADMIN_HEADER] !== undefined) return undefined;
    return json(403, {
      error: `admin ${request.method} requests need Content-Type: application/json or an ${ADMIN_HEADER} header`,
    });
  }

  async function dispatch(request: MockRequest): Promise<{ response?: MockResponse; fault?: string }> {
    if (request.url.pathname.startsWith('/__admin/')) {
      const refused = adminRefusal(request);
      if (refused) return { response: refused };
      const path = request.url.pathname.slice('/__admin'.length);
      const match = matchPath(adminRouter, request.method, path);
      const handler = match && admin[match.id];
      if (match && handler) return { response: await handler(request, match.params) };
      const other = adminRouter.match(
        request.method,
        path
          .split('/')
          .filter(Boolean)
          .map((name) => ({ name, matrix: {} })),
      );
      if ('reason' in other && other.reason === 'method-not-allowed')
        return {
          response: {
            ...json(405, { error: `the admin route ${path} does not answer ${request.method}` }),
            headers: { 'content-type': 'application/json', allow: other.allow.join(', ') },
          },
        };
      return { response: json(404, { error: `no admin route ${request.method} ${path}` }) };
    }
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.dropRate && random() < faults.dropRate) return { fault: 'dropped' };
    if (faults.applyThenDropNext && selected(request)) {
      faults.applyThenDropNext--;
      const applied = await options.handle(request);
      return { fault: `applied (${applied.status}) then dropped` };
    }
    if (faults.applyThenDropRate && selected(request) && random() < faults.applyThenDropRate) {
      const applied = await options.handle(request);
      return { fault: `applied (${applied.status}) then dropped` };
    }
    if (faults.faultRate && random() < faults.faultRate) {
      const status = faults.faultStatus ?? 503;
      return {
        fault: `injected ${status}`,
        response: options.errorResponse(
          status,
          status === 429 ? 'E_TOO_MANY_REQUESTS' : 'E_OUTAGE',
          status === 429
            ? 'Too many requests in the measured time period.'
            : 'The service is temporarily unavailable.',
          { 'retry-after': String(faults.retryAfterSeconds ?? 1) },
        ),
      };
    }
    return { response: await options.handle(request) };
  }

  function send(res: ServerResponse, response: MockResponse): void {
    const body = response.body ?? '';
    res.writeHead(response.status, { 'content-length': Buffer.byteLength(body), ...response.headers });
    res.end(body);
  }

  const serverAllow = allowOf(options.methods ?? ['GET', 'POST', 'PUT', 'DELETE']).join(', ');
  /** Writes an answer on a socket Node's HTTP layer has let go of, and closes it. */
  function writeRaw(socket: { end(data: Buffer): unknown }, response: MockResponse): void {
    const body = response.body ?? '';
    const headers = Object.entries({
      ...response.headers,
      connection: 'close',
      'content-length': String(Buffer.byteLength(body)),
    })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.end(
      Buffer.concat([
        Buffer.from(`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n${headers}\r\n`),
        typeof body === 'string' ? Buffer.from(body) : body,
      ]),
    );
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    const started = performance.now();
    const id = nextId++;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const record = (status: number, fault?: string) => {
      journal.push({
        id,
        time: new Date().toISOString(),
        method: req.method ?? '',
        url: journalTarget(req.url ?? ''),
        status,
        durationMs: performance.now() - started,
        ...(fault ? { fault } : {}),
      });
      if (journal.length > JOURNAL_LIMIT) journal.splice(0, journal.length - JOURNAL_LIMIT);
    };
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        tooLarge = true;
        const response = options.errorResponse(
          400,
          'E_BAD_REQUEST',
          `The request body exceeds the limit of ${maxBodyBytes} bytes.`,
        );
        res.setHeader('connection', 'close');
        send(res, response);
        record(response.status);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) return;
      const target = req.url ?? '/';
      if (target === '*') {
        // asterisk-form: OPTIONS about the server as a whole (RFC 9112 §3.2.4)
        const response: MockResponse =
          req.method === 'OPTIONS'
            ? { status: 204, headers: { allow: serverAllow } }
            : options.errorResponse(400, 'E_BAD_REQUEST', 'The request target * is only for OPTIONS.');
        send(res, response);
        record(response.status);
        return;
      }
      const origin = originForm(target);
      if (origin === undefined) {
        const response = options.errorResponse(
          400,
          'E_BAD_REQUEST',
          'The request target must be a path (/…) or an absolute http URL.',
        );
        send(res, response);
        record(response.status);
        return;
      }
      const rawPath = origin.split('?')[0] ?? '/';
      let url: URL;
      try {
        url = new URL(origin, 'http://mock');
      } catch {
        url = new URL('http://mock/');
      }
      const request: MockRequest = {
        id,
        // HEAD is answered as GET is, without the body (Node leaves it out of a HEAD answer).
        method: req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET'),
        url,
        rawPath,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      dispatch(request)
        .catch((error: unknown) => ({
          response: options.errorResponse(
            400,
            'E_UNSPECIFIED',
            `The request could not be processed: ${redact(error instanceof Error ? error.message : String(error))}`,
          ),
          fault: 'handler error',
        }))
        .then(({ response, fault }) => {
          if (!response) {
            record(0, fault);
            req.socket.destroy();
            return;
          }
          send(res, response);
          record(response.status, fault);
        })
        .catch(() => res.destroy());
    });
  });
  // authority-form (CONNECT host:port): the mock is no proxy; refused with its allowed methods.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const response = options.errorResponse(
      405,
      'E_METHOD_NOT_ALLOWED',
      'The method CONNECT is not allowed: this server is not a proxy.',
      { allow: serverAllow },
    );
    writeRaw(socket, response);
    journal.push({
      id: nextId++,
      time: new Date().toISOString(),
      method: 'CONNECT',
      url: journalTarget(req.url ?? ''),
      status: 405,
      durationMs: 0,
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Requests Node's parser refuses (an over-long URL or header block, bytes HTTP does not allow)
  // still get the API's own error body.
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (!socket.writable) return;
    const overflow = error.code === 'HPE_HEADER_OVERFLOW';
    const firstLine = error.rawPacket?.indexOf('\r\n') ?? -1;
    const status = overflow ? (firstLine < 0 || firstLine > 8192 ? 414 : 431) : 400;
    const response = options.errorResponse(
      status,
      'E_BAD_REQUEST',
      overflow
        ? `The request ${status === 414 ? 'URL' : 'header block'} is longer than the server accepts (${maxHeaderSize} bytes with the headers).`
        : 'The request is not valid HTTP: the URL must be ASCII with other characters percent-encoded.',
    );
    writeRaw(socket, response);
    journal.push({
      id: nextId++,
      time: new Date().toISOString(),
      method: '',
      url: '',
      status,
      durationMs: 0,
      fault: `refused by the HTTP parser (${error.code ?? 'unknown'})`,
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  if (!isLoopbackAddress(address.address)) {
    const message = `The ${options.name} mock listens on ${host}:${address.port}, which other machines can reach: anyone there can use its keys and its admin API (/__admin/). Bind 127.0.0.1 unless that is meant.`;
    (options.onWarning ?? ((m: string) => process.emitWarning(m, { code: 'REGKIT_MOCK_EXPOSED' })))(message);
  }
  return {
    url: `http://${host}:${address.port}`,
    server,
    journal,
    faults,
    setFaults(next: Faults) {
      const problem = applyFaults(next, true);
      if (problem) throw new Error(problem);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
