// The log events, the options and the interface of a transport.
import type { RegkitError } from '../errors.js';
import type { MiddlewareStack } from '../middleware/stack.js';
import type { CallOptions, Middleware, RegkitRequest, RequestBody, RetrySafety } from '../request.js';

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

/**
 * How a transport performs one HTTP exchange at the end of its chain. The default calls `fetch`
 * (the platform's, or the `fetch` option); `undiciHttp()` from `@regkit/core/undici` calls undici's
 * own request API under Node, which costs less per request. The transport keeps the rest: time
 * limits, deadline, log hooks, redirect handling and typed errors.
 */
export interface HttpExchange {
  /** What performs the exchange, for messages: `'fetch'`, `'undici'`. */
  readonly name: string;
  /**
   * Sends `request` once, never following a redirect, and resolves to its response with the body
   * read whole: a `ResponseTooLargeError` when the body (declared or as it arrives) is larger than
   * `maxResponseBytes`, reading stopped there. Stops when `signal` aborts. Any other failure rejects
   * with the error as it came: an error `code` such as `ECONNREFUSED` (on it or its `cause`) marks a
   * request that never left, anything else one that may have reached the server.
   */
  send(request: RegkitRequest, options: HttpExchangeOptions): Promise<Response>;
}

/** The limits of one exchange. */
export interface HttpExchangeOptions {
  /** Aborted when the caller aborts or the attempt's time is up. */
  readonly signal: AbortSignal | undefined;
  /** Largest response body accepted, in bytes. */
  readonly maxResponseBytes: number;
}

export interface TransportOptions {
  /** The `fetch` to call (default: the platform's). Not with `http`. */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * What performs each HTTP exchange (default: `fetch`). Under Node, `undiciHttp()` from
   * `@regkit/core/undici` uses undici's request API with a keep-alive agent. Not with `fetch`.
   */
  readonly http?: HttpExchange;
  /**
   * Outermost first, or a `MiddlewareStack`: the chain is then resolved from the stack as it is
   * when each call starts, so changes to the stack apply to the calls after them.
   */
  readonly middleware?: readonly Middleware[] | MiddlewareStack;
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
  'fetch' | 'http' | 'timeoutMs' | 'deadlineMs' | 'maxResponseBytes' | 'redirects' | 'hooks'
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
