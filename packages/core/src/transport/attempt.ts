// How one attempt ends early: the caller aborts, or its time is up.
import type { HttpExchangeOptions } from './types.js';

type Listener = () => void;

/**
 * The limits an exchange gets for one attempt, and the attempt's abort. An `AbortController` costs
 * more to make and to listen to than the rest of an undici request (measured: about 20 µs of CPU
 * time a request), so one is made only when an exchange asks for `signal` (fetch does); the undici
 * exchange listens to this object itself, which undici accepts in place of an `AbortSignal`.
 */
export class AttemptAbort implements HttpExchangeOptions {
  readonly maxResponseBytes: number;
  aborted = false;
  /** Why it was aborted: the caller's reason, or a `TimeoutError` DOMException. */
  reason: unknown = undefined;
  /** Whether the attempt's time ran out (rather than the caller aborting). */
  timedOut = false;
  readonly #canAbort: boolean;
  #listeners: Listener[] | undefined;
  #controller: AbortController | undefined;

  constructor(maxResponseBytes: number, canAbort: boolean) {
    this.maxResponseBytes = maxResponseBytes;
    this.#canAbort = canAbort;
  }

  /** An `AbortSignal` that follows this attempt; undefined when nothing can abort it. */
  get signal(): AbortSignal | undefined {
    if (!this.#canAbort) return undefined;
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  /** Ends the attempt: the signal (if made) aborts and every listener runs once. */
  abort(reason: unknown, timedOut = false): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.timedOut = timedOut;
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners) for (const listener of listeners) listener();
  }

  // the part of EventTarget undici uses on a request's signal ('abort' is the only event)
  addEventListener(_type: 'abort', listener: Listener): void {
    (this.#listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: Listener): void {
    const at = this.#listeners?.indexOf(listener) ?? -1;
    if (at !== -1) this.#listeners?.splice(at, 1);
  }
}

/** Fires when an attempt's time is up. */
export function abortOnTimeout(attempt: AttemptAbort): void {
  attempt.abort(new DOMException('The attempt ran out of time', 'TimeoutError'), true);
}
