import { AbortedError, NetworkError } from './errors.js';
import type { Middleware, RegkitRequest } from './transport.js';

export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  readonly maxAttempts?: number;
  /** First backoff ceiling in ms (default 200); doubles per attempt. */
  readonly baseDelayMs?: number;
  /** Upper bound of any wait, `Retry-After` included (default 20 000). */
  readonly maxDelayMs?: number;
  /** Statuses that are retried (default 429 and 503). */
  readonly statuses?: readonly number[];
  /** Injected for tests. */
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each wait, with the attempt that failed. */
  readonly onRetry?: (event: { attempt: number; delayMs: number; reason: string }) => void;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

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

/** Seconds or an HTTP date, as milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function retryable(request: RegkitRequest): boolean {
  return IDEMPOTENT.has(request.method) || request.options.retryNonIdempotent === true;
}

/**
 * Retries idempotent calls on 429, 503 and connection errors with exponential backoff and full
 * jitter, honouring `Retry-After` (capped by `maxDelayMs`). POST is retried only when the call
 * opts in with `retryNonIdempotent`.
 */
export function retryMiddleware(options: RetryOptions = {}): Middleware {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 20_000;
  const statuses = new Set(options.statuses ?? [429, 503]);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? abortableSleep;
  return async (request, next) => {
    for (let attempt = 1; ; attempt++) {
      const current = attempt === request.attempt ? request : { ...request, attempt };
      const last = attempt >= maxAttempts || !retryable(request);
      let delayMs: number;
      let reason: string;
      try {
        const response = await next(current);
        if (last || !statuses.has(response.status)) return response;
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        delayMs = Math.min(
          maxDelayMs,
          retryAfter ?? random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)),
        );
        reason = `status ${response.status}`;
        await response.body?.cancel().catch(() => undefined);
      } catch (error) {
        if (last || !(error instanceof NetworkError)) throw error;
        delayMs = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        reason = error.message;
      }
      options.onRetry?.({ attempt, delayMs, reason });
      await sleep(delayMs, request.signal);
    }
  };
}
