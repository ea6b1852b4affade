// The request a call starts the chain with, built from what `send` was given.
import { ValidationError } from '../errors.js';
import { mergeHeaders } from './headers.js';
import { byteLimit, timeLimit } from './limits.js';
import type { CallOptions, RegkitRequest } from '../request.js';
import type { Transport } from './types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type SendRequest = Parameters<Transport['send']>[0];

function urlOf(url: URL | string): URL {
  // requests never change their URL, so a caller's URL is used as it is
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    throw new ValidationError([{ path: 'url', message: 'is not an absolute URL' }]);
  }
}

/**
 * The first request of a call: the headers merged over `defaults`, the call's limits checked, the
 * deadline set from `deadlineMs` unless the call gives its own. Invalid input is a `ValidationError`.
 */
export function startRequest(
  defaults: Headers,
  deadlineMs: number,
  request: SendRequest,
  callOptions: CallOptions,
): RegkitRequest {
  const headers = new Headers(defaults);
  mergeHeaders(headers, 'request', request.headers);
  mergeHeaders(headers, 'call option', callOptions.headers);
  let options = callOptions;
  if (options.timeoutMs !== undefined)
    options = { ...options, timeoutMs: timeLimit(options.timeoutMs, 'options.timeoutMs') };
  let callDeadlineMs = deadlineMs;
  if (options.deadlineMs !== undefined) callDeadlineMs = timeLimit(options.deadlineMs, 'options.deadlineMs');
  if (options.maxResponseBytes !== undefined) byteLimit(options.maxResponseBytes, 'options.maxResponseBytes');
  const url = urlOf(request.url);
  return {
    method: request.method,
    url,
    headers,
    body: request.body,
    signal: options.signal,
    attempt: 1,
    options,
    retry: request.retry ?? (SAFE_METHODS.has(request.method.toUpperCase()) ? 'safe' : 'unsafe'),
    operationId: request.operationId,
    outcomeCheck: request.outcomeCheck,
    // always both keys, so every request object has one shape
    deadline: callDeadlineMs === 0 ? undefined : performance.now() + callDeadlineMs,
    deadlineMs: callDeadlineMs === 0 ? undefined : callDeadlineMs,
  };
}
