// The typed error of a failed attempt.
import { AbortedError, NetworkError, RegkitError, TimeoutError, UnknownOutcomeError } from '../errors.js';
import { redact, redactUrl } from '../redact.js';
import type { RegkitRequest } from '../request.js';

/** How an attempt's time ran: its limit, which limit it was, and whether it ran out. */
export interface AttemptTiming {
  readonly timeoutMs: number;
  readonly scope: 'attempt' | 'deadline';
  readonly timedOut: boolean;
}

/** Error codes of failures that happen before a request leaves: it surely did not reach the server. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function causeCode(cause: unknown): string | undefined {
  for (let c: unknown = cause, depth = 0; c && depth < 4; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (c as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) c = errors[0];
    else c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The typed error for a failed attempt: aborted by the caller, timed out, or a network failure;
 * for an unsafe operation that may have reached the server, an `UnknownOutcomeError` around it.
 */
export function failure(request: RegkitRequest, cause: unknown, timing: AttemptTiming): RegkitError {
  const details = { method: request.method, url: request.url };
  if (request.signal?.aborted) return new AbortedError({ ...details, cause: request.signal.reason });
  let error: RegkitError;
  if (timing.timedOut) error = new TimeoutError(timing.timeoutMs, { ...details, scope: timing.scope });
  else if (cause instanceof RegkitError) return cause;
  else {
    const code = causeCode(cause);
    const inner = (cause as { cause?: { message?: string } })?.cause;
    const reason = code ?? inner?.message ?? (cause as Error)?.message ?? String(cause);
    error = new NetworkError(
      `${request.method} ${redactUrl(request.url)} failed: ${redact(String(reason))}`,
      {
        ...details,
        phase: code !== undefined && CONNECT_CODES.has(code) ? 'connect' : 'exchange',
        cause,
      },
    );
  }
  if (request.retry === 'unsafe' && !(error instanceof NetworkError && error.phase === 'connect'))
    return new UnknownOutcomeError({
      ...details,
      operationId: request.operationId,
      check: request.outcomeCheck,
      reason: error instanceof TimeoutError ? 'the time ran out' : 'the connection was lost',
      cause: error,
    });
  return error;
}
