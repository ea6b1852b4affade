// A transport: the middleware chain in front of an HTTP exchange, with its options checked once.
import { ValidationError } from '../errors.js';
import { composeChain } from '../middleware/chain.js';
import type { MiddlewareStack } from '../middleware/stack.js';
import { fetchHttp } from './fetchHttp.js';
import { defaultHeaders } from './headers.js';
import {
  byteLimit,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  timeLimit,
  type AttemptLimits,
} from './limits.js';
import { followRedirects, isRedirect } from './redirects.js';
import { startRequest } from './request.js';
import { terminal as terminalOf } from './terminal.js';
import type { Handler, Middleware, RegkitRequest } from '../request.js';
import type { HttpExchange, Transport, TransportOptions } from './types.js';

function isStack(middleware: readonly Middleware[] | MiddlewareStack): middleware is MiddlewareStack {
  return !Array.isArray(middleware);
}

/** The exchange the options ask for: `http`, or `fetch` (the option's or the platform's); not both. */
function exchangeOf(options: TransportOptions): HttpExchange {
  const { fetch, http } = options;
  if (fetch !== undefined && http !== undefined)
    throw new ValidationError([
      { path: 'http', message: 'cannot be given with fetch: pass one or the other, not both' },
    ]);
  if (http !== undefined) {
    if (typeof http !== 'object' || http === null || typeof http.send !== 'function')
      throw new ValidationError([
        { path: 'http', message: "must be an HttpExchange, such as undiciHttp() from '@regkit/core/undici'" },
      ]);
    return http;
  }
  if (fetch !== undefined && typeof fetch !== 'function')
    throw new ValidationError([{ path: 'fetch', message: 'must be a function like the platform fetch' }]);
  return fetchHttp(fetch ?? globalThis.fetch);
}

/** A transport: the middleware chain in front of an HTTP exchange (`fetch` by default). */
export function createTransport(options: TransportOptions = {}): Transport {
  const http = exchangeOf(options);
  const limits: AttemptLimits = {
    timeoutMs: timeLimit(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    maxResponseBytes: byteLimit(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes'),
  };
  const deadlineMs = timeLimit(options.deadlineMs ?? DEFAULT_DEADLINE_MS, 'deadlineMs');
  const followSameOrigin = options.redirects === 'same-origin';
  if (options.redirects !== undefined && options.redirects !== 'none' && !followSameOrigin)
    throw new ValidationError([{ path: 'redirects', message: "must be 'none' or 'same-origin'" }]);
  const terminal = terminalOf(http, limits, options.hooks);
  const { middleware = [] } = options;
  // a stack is resolved when each call starts (it reuses its chain until it changes)
  const fixed = isStack(middleware) ? undefined : composeChain(middleware, terminal);
  const chainOf = fixed ? () => fixed : () => (middleware as MiddlewareStack).resolve(terminal);

  /** Runs the chain; a 3xx is followed within the origin when allowed, otherwise a `RedirectError`. */
  const dispatch = (request: RegkitRequest, chain: Handler): Promise<Response> =>
    chain(request).then((response) =>
      isRedirect(response.status) ? followRedirects(chain, request, response, followSameOrigin) : response,
    );

  const defaults = defaultHeaders(options.headers, options.userAgent);
  return {
    send(request, callOptions = {}) {
      let first: RegkitRequest;
      let chain: Handler;
      try {
        first = startRequest(defaults, deadlineMs, request, callOptions);
        chain = chainOf();
      } catch (error) {
        return Promise.reject(error);
      }
      return dispatch(first, chain);
    },
  };
}
