// The request, the handler chain, the log events and the options of a transport.
import type { RegkitError } from '../errors.js';

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

/** What the log hooks receive: never a secret. */
export interface RequestEvent {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly attempt: number;
}
export interface ResponseEvent extends RequestEvent {
  readonly status: number;
  readonly durationMs: number;
}
export interface ErrorEvent extends RequestEvent {
  readonly error: RegkitError;
  readonly durationMs: number;
}
export interface TransportHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
  onError?(event: ErrorEvent): void;
}

export interface TransportOptions {
  /** The `fetch` to call (default: the platform's). */
  readonly fetch?: typeof globalThis.fetch;
  /** Outermost first. */
  readonly middleware?: readonly Middleware[];
  /** Time limit of each attempt in ms, body included (default 30 000); `0` or `Infinity` for none. */
  readonly timeoutMs?: number;
  /** Time limit of a whole call in ms, retries and waits included (default 120 000); `0` or `Infinity` for none. */
  readonly deadlineMs?: number;
  /** Largest response body accepted, in bytes (default 32 MiB). Reading stops past it. */
  readonly maxResponseBytes?: number;
  /**
   * `'none'` (default): a 3xx answer is a `RedirectError`. `'same-origin'`: redirects within the
   * request's origin are followed (up to 5); a redirect to another origin is never followed.
   */
  readonly redirects?: 'none' | 'same-origin';
  readonly userAgent?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Log hooks: they receive redacted URLs and headers only; a hook that throws fails nothing. */
  readonly hooks?: TransportHooks;
}

/** The settings of a transport a client passes through unchanged from its own options. */
export type TransportLimits = Pick<
  TransportOptions,
  'fetch' | 'timeoutMs' | 'deadlineMs' | 'maxResponseBytes' | 'redirects' | 'hooks'
>;

export interface Transport {
  send(
    request: {
      method: string;
      url: URL | string;
      headers?: Headers | Record<string, string>;
      body?: RequestBody;
      /** Default: `safe` for GET, HEAD and OPTIONS, `unsafe` for anything else. */
      retry?: RetrySafety;
      operationId?: string;
      outcomeCheck?: string;
    },
    options?: CallOptions,
  ): Promise<Response>;
}
