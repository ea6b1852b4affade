// The time and size limits of a transport and of a call, and how their values are checked.
import { ValidationError } from '../errors.js';
import type { TransportLimits } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 120_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** The largest delay `setTimeout` keeps (longer ones would fire at once). */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** The limits the end of the chain applies to every attempt. */
export interface AttemptLimits {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/** The `TransportLimits` of a client's options. */
export function transportLimits(options: TransportLimits): TransportLimits {
  const { fetch, http, timeoutMs, deadlineMs, maxResponseBytes, redirects, hooks } = options;
  return { fetch, http, timeoutMs, deadlineMs, maxResponseBytes, redirects, hooks };
}

/** A byte limit: a positive safe integer; anything else is a `ValidationError`. */
export function byteLimit(bytes: number, path: string): number {
  if (!Number.isSafeInteger(bytes) || bytes <= 0)
    throw new ValidationError([{ path, message: 'must be a whole number of bytes above 0' }]);
  return bytes;
}

/** A time limit in milliseconds, 0 for none; anything else is a `ValidationError`. */
export function timeLimit(ms: number, path: string): number {
  if (ms === 0 || ms === Number.POSITIVE_INFINITY) return 0;
  if (typeof ms !== 'number' || !(ms > 0) || ms > MAX_TIMEOUT_MS)
    throw new ValidationError([
      { path, message: `must be milliseconds from 1 to ${MAX_TIMEOUT_MS}, or 0 or Infinity for no limit` },
    ]);
  return ms;
}
