import { isIP } from 'node:net';
import type { FaultInjector } from './faults.js';
import { matchPath, OperationRouter, patternRoutes } from './router.js';
import type { AdminHandler, Faults, JournalEntry, MockRequest, MockResponse } from './types.js';

/** The header that, beside a JSON content type, marks an admin request as sent by a program. */
export const ADMIN_HEADER = 'x-regkit-admin';
/** Where the admin API answers. */
export const ADMIN_PREFIX = '/__admin';
/** Methods a page in a browser can send to another site without asking first (no preflight). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host name of a Host header (`[::1]:80` → `::1`), lower-cased. */
function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

const isLoopbackName = (name: string) => name === 'localhost' || name.endsWith('.localhost');

export const json = (status: number, value: unknown): MockResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2),
});

/**
 * Why an admin request is refused, or undefined: a page a browser shows must not drive the mock.
 * A Host that is a name other than a loopback one (DNS rebinding) is refused, and so is a change
 * without a JSON content type or the admin header (a cross-site form or `text/plain` POST).
 */
function adminRefusal(request: MockRequest, boundHost: string | undefined): MockResponse | undefined {
  const host = hostName(String(request.headers.host ?? ''));
  if (host && !isIP(host) && !isLoopbackName(host) && host !== boundHost?.toLowerCase())
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

export interface AdminApiOptions {
  /** The host the server binds (a name there is as good as localhost). */
  readonly host?: string;
  readonly world: () => unknown;
  readonly reset: () => void;
  readonly journal: JournalEntry[];
  readonly faults: FaultInjector;
  /** The API's own routes beside the shared ones. */
  readonly routes?: Readonly<Record<string, AdminHandler>>;
}

/** The routes every mock answers under `/__admin`: its world, reset, the journal and the fault settings. */
function sharedRoutes(options: AdminApiOptions): Record<string, AdminHandler> {
  const { journal, faults } = options;
  return {
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
    'GET /faults': () => json(200, faults.faults),
    'POST /faults': (req) => {
      let body: Faults;
      try {
        body = JSON.parse(req.body || '{}') as Faults;
      } catch {
        return json(400, { error: 'faults must be a JSON object' });
      }
      const problem = faults.apply(body, false);
      return problem ? json(400, { error: problem }) : json(200, faults.faults);
    },
    'DELETE /faults': () => {
      faults.clear();
      return json(200, faults.faults);
    },
  };
}

/** The admin API: answers a request under `/__admin/` (refusing what a browser page could send). */
export function createAdminApi(options: AdminApiOptions): (request: MockRequest) => Promise<MockResponse> {
  const routes = { ...sharedRoutes(options), ...options.routes };
  const router = new OperationRouter(patternRoutes(Object.keys(routes)));
  return async (request) => {
    const refused = adminRefusal(request, options.host);
    if (refused) return refused;
    const path = request.url.pathname.slice(ADMIN_PREFIX.length);
    const match = matchPath(router, request.method, path);
    const handler = match && routes[match.id];
    if (match && handler) return handler(request, match.params);
    const other = router.match(
      request.method,
      path
        .split('/')
        .filter(Boolean)
        .map((name) => ({ name, matrix: {} })),
    );
    if ('reason' in other && other.reason === 'method-not-allowed')
      return {
        ...json(405, { error: `the admin route ${path} does not answer ${request.method}` }),
        headers: { 'content-type': 'application/json', allow: other.allow.join(', ') },
      };
    return json(404, { error: `no admin route ${request.method} ${path}` });
  };
}
