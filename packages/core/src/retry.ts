import { AbortedError, NetworkError, RetryAfterError, UnknownOutcomeError } from './errors.js';
import type { Handler, Middleware, RegkitRequest } from './request.js';

export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  readonly maxAttempts?: number;
  /** First backoff ceiling in ms (default 200); doubles per attempt. */
  readonly baseDelayMs?: number;
  /** Longest wait between attempts (default 20 000); a longer `Retry-After` fails at once with `RetryAfterError`. */
  readonly maxDelayMs?: number;
  /** Statuses that are retried (default 429 and 503). */
  readonly statuses?: readonly number[];
  /** Injected for tests. */
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each wait, with the attempt that failed. */
  readonly onRetry?: (event: { attempt: number; delayMs: number; reason: string }) => void;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError({ cause: signal.reason }));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError({ cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// RFC 9110 §10.2.3: `Retry-After = HTTP-date / delay-seconds`. An HTTP-date is an IMF-fixdate or
// one of the two obsolete forms (RFC 850, asctime); anything else (a negative or fractional delay,
// a list, a bare year) is not a Retry-After value and is ignored.
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT|${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT|${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4})$`,
);

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds (digits only) or an HTTP-date (RFC 9110);
 * undefined when absent or not one of those forms.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  if (!HTTP_DATE.test(text)) return undefined;
  // asctime carries no zone; HTTP-dates are always UTC
  const date = Date.parse(text.includes(',') ? text : `${text} GMT`);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** May the failed attempt be sent again? */
function retryableError(error: unknown, safe: boolean, optedIn: boolean): boolean {
  // refused, DNS, unreachable: the request never left, so any operation may be sent again
  if (error instanceof NetworkError) return error.phase === 'connect' || safe;
  return error instanceof UnknownOutcomeError && optedIn;
}

/** Milliseconds until the call's deadline (Infinity without one). */
function timeLeft(request: RegkitRequest): number {
  return request.deadline === undefined ? Number.POSITIVE_INFINITY : request.deadline - performance.now();
}

/**
 * Retries with exponential backoff and full jitter, honouring `Retry-After`. Whether a call may be
 * sent again comes from its operation (the spec's `x-retry`), never from its HTTP method:
 * - a failure before the request left (connection refused, DNS) is retried for any operation;
 * - a safe operation is also retried on 429, 503 and a lost connection;
 * - an unsafe one (it creates something) only on 429, which says it was not processed; a lost
 *   connection or timeout after sending surfaces as `UnknownOutcomeError`, never sent again,
 *   unless the call opts in with `retryNonIdempotent`.
 * A `Retry-After` longer than `maxDelayMs` or the time left before the deadline fails at once
 * with `RetryAfterError`; a backoff that would pass the deadline ends the retries.
 */
export function retryMiddleware(options: RetryOptions = {}): Middleware {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  const statuses = new Set(options.statuses ?? [429, 503]);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  const backoff = (attempt: number) => random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  // a middleware further in that throws instead of rejecting fails its attempt all the same
  const send = (request: RegkitRequest, next: Handler, attempt: number): Promise<Response> => {
    try {
      return next(attempt === request.attempt ? request : { ...request, attempt });
    } catch (error) {
      return Promise.reject(error);
    }
  };
  /** Is this response one to send the request again for, attempts allowing? */
  const retryableStatus = (request: RegkitRequest, status: number) =>
    statuses.has(status) && (status === 429 || isSafe(request));

  /** Attempt `attempt` ended with `outcome`: return its response, throw its error, or wait and try again. */
  const followUp = async (
    request: RegkitRequest,
    next: Handler,
    attempt: number,
    outcome: Outcome,
  ): Promise<Response> => {
    const optedIn = request.options.retryNonIdempotent === true;
    for (;;) {
      const last = attempt >= maxAttempts;
      let delayMs: number;
      let reason: string;
      if (outcome.ok) {
        const response = outcome.response;
        if (last || !retryableStatus(request, response.status)) return response;
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        const available = Math.min(maxDelayMs, timeLeft(request));
        if (retryAfter !== undefined && retryAfter > available) {
          await response.body?.cancel().catch(() => undefined);
          throw new RetryAfterError(retryAfter, Math.max(0, available), {
            method: request.method,
            url: request.url,
            status: response.status,
          });
        }
        delayMs = retryAfter ?? backoff(attempt);
        if (delayMs >= timeLeft(request)) return response;
        reason = `status ${response.status}`;
        await response.body?.cancel().catch(() => undefined);
      } else {
        const { error } = outcome;
        if (last || !retryableError(error, isSafe(request), optedIn)) throw error;
        delayMs = backoff(attempt);
        if (delayMs >= timeLeft(request)) throw error;
        reason = (error as Error).message;
      }
      options.onRetry?.({ attempt, delayMs, reason });
      await sleep(delayMs, request.signal);
      attempt++;
      outcome = await send(request, next, attempt).then(succeeded, failed);
    }
  };

  // the first attempt is chained without an async frame: most calls need no second one
  return (request, next) =>
    send(request, next, 1).then(
      (response) =>
        maxAttempts > 1 && retryableStatus(request, response.status)
          ? followUp(request, next, 1, { ok: true, response })
          : response,
      (error: unknown) => followUp(request, next, 1, { ok: false, error }),
    );
}

type Outcome =
  { readonly ok: true; readonly response: Response } | { readonly ok: false; readonly error: unknown };
const succeeded = (response: Response): Outcome => ({ ok: true, response });
const failed = (error: unknown): Outcome => ({ ok: false, error });

/** Safe to send again after it may have reached the server: the spec says so, or the call opts in. */
function isSafe(request: RegkitRequest): boolean {
  return request.retry === 'safe' || request.options.retryNonIdempotent === true;
}
