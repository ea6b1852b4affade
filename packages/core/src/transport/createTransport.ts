// A transport: the middleware chain in front of `fetch`, with its options checked once.
import { ValidationError } from '../errors.js';
import { composeChain } from '../middleware/chain.js';
import { fetchTerminal } from './fetchTerminal.js';
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
import type { RegkitRequest, Transport, TransportOptions } from './types.js';

/** A transport: the middleware chain in front of `fetch`. */
export function createTransport(options: TransportOptions = {}): Transport {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const limits: AttemptLimits = {
    timeoutMs: timeLimit(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    maxResponseBytes: byteLimit(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes'),
  };
  const deadlineMs = timeLimit(options.deadlineMs ?? DEFAULT_DEADLINE_MS, 'deadlineMs');
  const followSameOrigin = options.redirects === 'same-origin';
  if (options.redirects !== undefined && options.redirects !== 'none' && !followSameOrigin)
    throw new ValidationError([{ path: 'redirects', message: "must be 'none' or 'same-origin'" }]);
  const chain = composeChain(options.middleware ?? [], fetchTerminal(fetchImpl, limits, options.hooks));

  /** Runs the chain; a 3xx is followed within the origin when allowed, otherwise a `RedirectError`. */
  const dispatch = (request: RegkitRequest): Promise<Response> =>
    chain(request).then((response) =>
      isRedirect(response.status) ? followRedirects(chain, request, response, followSameOrigin) : response,
    );

  const defaults = defaultHeaders(options.headers, options.userAgent);
  return {
    send(request, callOptions = {}) {
      let first: RegkitRequest;
      try {
        first = startRequest(defaults, deadlineMs, request, callOptions);
      } catch (error) {
        return Promise.reject(error);
      }
      return dispatch(first);
    },
  };
}
