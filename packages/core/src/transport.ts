import { createRequire } from 'node:module';
import { AbortedError, NetworkError, RegkitError, TimeoutError, ValidationError } from './errors.js';
import { redact, redactHeaders, redactUrl } from './redact.js';

export type RequestBody = string | Uint8Array | URLSearchParams;

/** Per-call options every client method accepts. */
export interface CallOptions {
  /** Abort the call when this signal aborts (the call rejects with `AbortedError`). */
  readonly signal?: AbortSignal;
  /**
   * Time limit of each attempt in milliseconds (default: the transport's `timeoutMs`); `0` or
   * `Infinity` for none.
   */
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
  /** Time limit of each attempt in milliseconds (default 30 000); `0` or `Infinity` for none. */
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly hooks?: TransportHooks;
}

export interface Transport {
  send(
    request: {
      method: string;
      url: URL | string;
      headers?: Headers | Record<string, string>;
      body?: RequestBody;
    },
    options?: CallOptions,
  ): Promise<Response>;
}

const version = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
/** `@regkit/core/<version> node/<version>`. */
export const DEFAULT_USER_AGENT = `regkit-core/${version} node/${process.versions.node}`;
export const DEFAULT_TIMEOUT_MS = 30_000;

function eventOf(request: RegkitRequest): RequestEvent {
  return {
    method: request.method,
    url: redactUrl(request.url.href),
    headers: redactHeaders(request.headers),
    attempt: request.attempt,
  };
}

/** Calls a log hook; a failing hook must not fail the call. */
function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  try {
    hook?.(event);
  } catch {
    // ignored
  }
}

function abortOnTimeout(controller: AbortController): void {
  controller.abort();
}

/** The end of the chain: one `fetch` with timeout, abort and error mapping. */
function terminal(
  fetchImpl: typeof globalThis.fetch,
  defaultTimeoutMs: number,
  hooks: TransportHooks | undefined,
): Handler {
  // the redacted events are built only when a hook will see them
  const observed = hooks?.onRequest || hooks?.onResponse || hooks?.onError ? hooks : undefined;
  return async (request) => {
    const callerSignal = request.signal;
    if (callerSignal?.aborted)
      throw new AbortedError({ method: request.method, url: request.url, cause: callerSignal.reason });
    const timeoutMs = request.options.timeoutMs === undefined ? defaultTimeoutMs : request.options.timeoutMs;
    // one controller per attempt, aborted when the attempt's time is up
    const controller = timeoutMs === 0 ? undefined : new AbortController();
    const timer = controller && setTimeout(abortOnTimeout, timeoutMs, controller);
    // the caller's signal also reaches the response body, which is read after this returns
    const signal =
      callerSignal && controller
        ? AbortSignal.any([callerSignal, controller.signal])
        : (controller?.signal ?? callerSignal);
    const event = observed && eventOf(request);
    const started = performance.now();
    if (event) notify(observed.onRequest, event);
    try {
      const response = await fetchImpl(request.url.href, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
      });
      if (event && observed.onResponse)
        notify(observed.onResponse, {
          ...event,
          status: response.status,
          durationMs: performance.now() - started,
        });
      return response;
    } catch (cause) {
      const error = failure(request, cause, timeoutMs, controller?.signal.aborted === true);
      if (event && observed.onError)
        notify(observed.onError, { ...event, error, durationMs: performance.now() - started });
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
    }
  };
}

/** The typed error for a failed `fetch`: aborted by the caller, timed out, or a network failure. */
function failure(request: RegkitRequest, cause: unknown, timeoutMs: number, aborted: boolean): RegkitError {
  const details = { method: request.method, url: request.url };
  if (request.signal?.aborted) return new AbortedError({ ...details, cause: request.signal.reason });
  if (aborted) return new TimeoutError(timeoutMs, details);
  if (cause instanceof RegkitError) return cause;
  const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
  const reason = inner?.code ?? inner?.message ?? (cause as Error)?.message ?? String(cause);
  return new NetworkError(
    `${request.method} ${redactUrl(request.url)} failed: ${redact(String(reason))}`,
    details,
  );
}

/** A transport: the middleware chain in front of `fetch`. */
export function createTransport(options: TransportOptions = {}): Transport {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = timeLimit(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs');
  let chain = terminal(fetchImpl, timeoutMs, options.hooks);
  for (const middleware of [...(options.middleware ?? [])].reverse()) {
    const next = chain;
    chain = (request) => middleware(request, next);
  }
  // the transport's own headers, checked once: every call starts from a copy of these
  const defaults = new Headers();
  mergeHeaders(defaults, 'transport option', options.headers);
  if (!defaults.has('user-agent')) defaults.set('user-agent', options.userAgent ?? DEFAULT_USER_AGENT);
  return {
    send(request, callOptions = {}) {
      let headers: Headers;
      let url: URL;
      try {
        headers = new Headers(defaults);
        mergeHeaders(headers, 'request', request.headers);
        mergeHeaders(headers, 'call option', callOptions.headers);
        if (callOptions.timeoutMs !== undefined)
          callOptions = { ...callOptions, timeoutMs: timeLimit(callOptions.timeoutMs, 'options.timeoutMs') };
        url = urlOf(request.url);
      } catch (error) {
        return Promise.reject(error);
      }
      return chain({
        method: request.method,
        url,
        headers,
        body: request.body,
        signal: callOptions.signal,
        attempt: 1,
        options: callOptions,
      });
    },
  };
}

/** The largest delay `setTimeout` keeps (longer ones would fire at once). */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** A time limit in milliseconds, 0 for none; anything else is a `ValidationError`. */
function timeLimit(ms: number, path: string): number {
  if (ms === 0 || ms === Number.POSITIVE_INFINITY) return 0;
  if (typeof ms !== 'number' || !(ms > 0) || ms > MAX_TIMEOUT_MS)
    throw new ValidationError([
      { path, message: `must be milliseconds from 1 to ${MAX_TIMEOUT_MS}, or 0 or Infinity for no limit` },
    ]);
  return ms;
}

function urlOf(url: URL | string): URL {
  try {
    return new URL(url);
  } catch {
    throw new ValidationError([{ path: 'url', message: 'is not an absolute URL' }]);
  }
}

/** Sets each header of `from` on `to`; a name or value HTTP cannot carry is a `ValidationError`. */
function mergeHeaders(
  to: Headers,
  source: string,
  from: Headers | Readonly<Record<string, string>> | undefined,
): void {
  if (from === undefined) return;
  const set = (value: string, name: string) => {
    try {
      to.set(name, value);
    } catch {
      // the value is left out of the message: it may be a credential
      throw new ValidationError([
        { path: `headers.${name}`, message: `is not a valid HTTP header (${source})` },
      ]);
    }
  };
  if (from instanceof Headers) from.forEach(set);
  else for (const name in from) if (Object.hasOwn(from, name)) set(from[name] as string, name);
}
