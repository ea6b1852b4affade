import { HttpStatusError, RetryAfterError, abortableSleep } from '@regkit/core';

/** A 429 or 503 (or a Retry-After too long for the client to wait): ARIN asks everyone to slow down. */
export function isThrottle(err: unknown): boolean {
  return (
    err instanceof RetryAfterError ||
    (err instanceof HttpStatusError && (err.status === 429 || err.status === 503))
  );
}

/** One pause shared by every worker: when ARIN throttles one of them, all of them wait. */
export class SharedBackoff {
  #until = 0;
  #streak = 0;

  constructor(
    private readonly baseMs = 250,
    private readonly maxMs = 30_000,
  ) {}

  async wait(signal?: AbortSignal): Promise<void> {
    for (let ms = this.#until - Date.now(); ms > 0; ms = this.#until - Date.now())
      await abortableSleep(ms, signal);
  }

  hit(err: unknown): void {
    const retryAfter = err instanceof RetryAfterError ? err.retryAfterMs : 0;
    const ms = Math.min(this.maxMs, Math.max(retryAfter, this.baseMs * 2 ** Math.min(this.#streak, 10)));
    this.#streak++;
    this.#until = Math.max(this.#until, Date.now() + ms);
  }

  ok(): void {
    this.#streak = 0;
  }
}
