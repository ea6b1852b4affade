// The request a middleware chain passes along, and the chain's handler and middleware.

export type RequestBody = string | Uint8Array | URLSearchParams;

/** Per-call options every client method accepts. */
export interface CallOptions {
  /** Abort the call when this signal aborts (the call rejects with `AbortedError`). */
  readonly signal?: AbortSignal;
  /**
   * Time limit of each attempt in milliseconds, response body included (default: the transport's
   * `timeoutMs`); `0` or `Infinity` for none.
   */
  readonly timeoutMs?: number;
  /**
   * Time limit of the whole call in milliseconds: every attempt and every wait between them
   * (default: the transport's `deadlineMs`); `0` or `Infinity` for none.
   */
  readonly deadlineMs?: number;
  /** Largest response body accepted, in bytes (default: the transport's `maxResponseBytes`). */
  readonly maxResponseBytes?: number;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Retry an operation the spec marks unsafe to repeat (it creates something) like a safe one, even
   * after it may have reached the server. Off by default: such a call is sent at most once.
   */
  readonly retryNonIdempotent?: boolean;
}

/** May a request be sent again after it may have reached the server? From the spec's `x-retry`. */
export type RetrySafety = 'safe' | 'unsafe';

export interface RegkitRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body?: RequestBody;
  readonly signal?: AbortSignal;
  /** 1 for the first attempt; the retry middleware counts up. */
  readonly attempt: number;
  readonly options: CallOptions;
  readonly retry: RetrySafety;
  /** The operation being called, when the request comes from one. */
  readonly operationId?: string;
  /** How to see whether an unsafe operation was applied (the spec's `x-outcome-check`). */
  readonly outcomeCheck?: string;
  /** `performance.now()` by which the whole call must be done; undefined for no deadline. */
  readonly deadline?: number;
  /** The deadline as given, in ms (for messages). */
  readonly deadlineMs?: number;
}

export type Handler = (request: RegkitRequest) => Promise<Response>;
/** A step of the chain: look at or change the request, call `next`, look at or change the response. */
export type Middleware = (request: RegkitRequest, next: Handler) => Promise<Response>;
