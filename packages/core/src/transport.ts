import { createRequire } from 'node:module';
import { AbortedError, NetworkError, RegkitError, TimeoutError } from './errors.js';
import { redact, redactHeaders, redactUrl } from './redact.js';

export type RequestBody = string | Uint8Array | URLSearchParams;

/** Per-call options every client method accepts. */
export interface CallOptions {
  /** Abort the call when this signal aborts (the call rejects with `AbortedError`). */
  readonly signal?: AbortSignal;
  /** Time limit of each attempt in milliseconds (default: the transport's `timeoutMs`). */
  readonly timeoutMs?: number;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Retry a non-idempotent call (POST) on 429/503/connection errors too. Off by default. */
  readonly retryNonIdempotent?: boolean;
}

export interface RegkitRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body?: RequestBody;
  readonly signal?: AbortSignal;
  /** 1 for the first attempt; the retry middleware counts up. */
  readonly attempt: number;
  readonly options: CallOptions;
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
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly hooks?: TransportHooks;
}

export interface Transport {
  send(
    request: { method: string; url: URL; headers?: Headers | Record<string, string>; body?: RequestBody },
    options?: CallOptions,
  ): Promise<Response>;
}

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
/** `@regkit/core/<version> node/<version>`. */
export const DEFAULT_USER_AGENT = `regkit-core/${version} node/${process.versions.node}`;
export const DEFAULT_TIMEOUT_MS = 30_000;

function safeHook(fn: (() => void) | undefined): void {
  try {
    fn?.();
  } catch {
    // A failing log hook must not fail the call.
  }
}

function eventOf(request: RegkitRequest): RequestEvent {
  return {
    method: request.method,
    url: redactUrl(request.url),
    headers: redactHeaders(request.headers),
    attempt: request.attempt,
  };
}

/** The end of the chain: one `fetch` with timeout, abort and error mapping. */
function terminal(
  fetchImpl: typeof globalThis.fetch,
  defaultTimeoutMs: number,
  hooks?: TransportHooks,
): Handler {
  return async (request) => {
    const timeoutMs = request.options.timeoutMs ?? defaultTimeoutMs;
    const details = { method: request.method, url: request.url };
    if (request.signal?.aborted) throw new AbortedError({ ...details, cause: request.signal.reason });
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    // the redacted event is built only when a hook will see it
    const event = hooks?.onRequest || hooks?.onResponse || hooks?.onError ? eventOf(request) : undefined;
    const started = performance.now();
    safeHook(hooks?.onRequest && (() => hooks.onRequest?.(event as RequestEvent)));
    try {
      const response = await fetchImpl(request.url.href, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
      });
      safeHook(
        hooks?.onResponse &&
          (() =>
            hooks.onResponse?.({
              ...(event as RequestEvent),
              status: response.status,
              durationMs: performance.now() - started,
            })),
      );
      return response;
    } catch (cause) {
      let error: RegkitError;
      if (request.signal?.aborted) error = new AbortedError({ ...details, cause: request.signal.reason });
      else if (timeout.signal.aborted) error = new TimeoutError(timeoutMs, details);
      else if (cause instanceof RegkitError) error = cause;
      else {
        const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
        const reason = inner?.code ?? inner?.message ?? (cause as Error)?.message ?? String(cause);
        error = new NetworkError(
          `${request.method} ${redactUrl(request.url)} failed: ${redact(String(reason))}`,
          details,
        );
      }
      safeHook(
        hooks?.onError &&
          (() =>
            hooks.onError?.({ ...(event as RequestEvent), error, durationMs: performance.now() - started })),
      );
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A transport: the middleware chain in front of `fetch`. */
export function createTransport(options: TransportOptions = {}): Transport {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let chain = terminal(fetchImpl, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.hooks);
  for (const middleware of [...(options.middleware ?? [])].reverse()) {
    const next = chain;
    chain = (request) => middleware(request, next);
  }
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  return {
    send(request, callOptions = {}) {
      const headers = new Headers(options.headers);
      if (!headers.has('user-agent')) headers.set('user-agent', userAgent);
      if (request.headers instanceof Headers)
        request.headers.forEach((value, name) => headers.set(name, value));
      else for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
      for (const [name, value] of Object.entries(callOptions.headers ?? {})) headers.set(name, value);
      return chain({
        method: request.method,
        url: new URL(request.url),
        headers,
        body: request.body,
        signal: callOptions.signal,
        attempt: 1,
        options: callOptions,
      });
    },
  };
}
