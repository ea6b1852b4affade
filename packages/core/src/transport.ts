import { BufferedResponse } from './bufferedResponse.js';
import { isHeaderName, isHeaderValue } from './headerValue.js';
import { version } from './version.gen.js';
import {
  AbortedError,
  NetworkError,
  RedirectError,
  RegkitError,
  ResponseTooLargeError,
  TimeoutError,
  UnknownOutcomeError,
  ValidationError,
} from './errors.js';
import { redact, redactHeaders, redactUrl } from './redact.js';

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

/** The `TransportLimits` of a client's options. */
export function transportLimits(options: TransportLimits): TransportLimits {
  const { fetch, timeoutMs, deadlineMs, maxResponseBytes, redirects, hooks } = options;
  return { fetch, timeoutMs, deadlineMs, maxResponseBytes, redirects, hooks };
}

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

/**
 * `<product>/<version>` followed by `node/<version>` under Node, Deno and Bun, or by nothing in a
 * browser (which sends its own); reads no file, so bundles need no package.json.
 */
export function userAgentOf(product: string, productVersion: string): string {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node === undefined ? `${product}/${productVersion}` : `${product}/${productVersion} node/${node}`;
}
/** `regkit-core/<version> node/<version>`. */
export const DEFAULT_USER_AGENT: string = userAgentOf('regkit-core', version);
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 120_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BODILESS = new Set([101, 204, 205, 304]);

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

interface Limits {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/**
 * The end of the chain: one `fetch`, its whole body read under the attempt's time limit and the
 * size limit, and every failure turned into a typed error.
 */
function terminal(
  fetchImpl: typeof globalThis.fetch,
  limits: Limits,
  hooks: TransportHooks | undefined,
): Handler {
  // the redacted events are built only when a hook will see them
  const observed = hooks?.onRequest || hooks?.onResponse || hooks?.onError ? hooks : undefined;
  return async (request) => {
    const callerSignal = request.signal;
    if (callerSignal?.aborted)
      throw new AbortedError({ method: request.method, url: request.url, cause: callerSignal.reason });
    let timeoutMs = request.options.timeoutMs === undefined ? limits.timeoutMs : request.options.timeoutMs;
    let scope: 'attempt' | 'deadline' = 'attempt';
    if (request.deadline !== undefined) {
      const left = Math.ceil(request.deadline - performance.now());
      if (left <= 0)
        throw new TimeoutError(request.deadlineMs ?? 0, {
          method: request.method,
          url: request.url,
          scope: 'deadline',
        });
      if (timeoutMs === 0 || left < timeoutMs) {
        timeoutMs = left;
        scope = 'deadline';
      }
    }
    // one controller per attempt, aborted when the attempt's time is up
    const controller = timeoutMs === 0 ? undefined : new AbortController();
    const timer = controller && setTimeout(abortOnTimeout, timeoutMs, controller);
    const signal =
      callerSignal && controller
        ? AbortSignal.any([callerSignal, controller.signal])
        : (controller?.signal ?? callerSignal);
    const event = observed && eventOf(request);
    const started = event ? performance.now() : 0;
    if (event) notify(observed.onRequest, event);
    try {
      const response = await fetchImpl(request.url.href, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
        redirect: 'manual',
      });
      const body = await readBody(
        response,
        request.options.maxResponseBytes ?? limits.maxResponseBytes,
        request,
      );
      if (event && observed.onResponse)
        notify(observed.onResponse, {
          ...event,
          status: response.status,
          durationMs: performance.now() - started,
        });
      return new BufferedResponse(body, response);
    } catch (cause) {
      const error = failure(request, cause, {
        timeoutMs: scope === 'deadline' ? (request.deadlineMs ?? timeoutMs) : timeoutMs,
        scope,
        timedOut: controller?.signal.aborted === true,
      });
      if (event && observed.onError)
        notify(observed.onError, { ...event, error, durationMs: performance.now() - started });
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
    }
  };
}

/**
 * The whole body, counted against `maxBytes` as it arrives; past it reading stops and the connection
 * is released. Reading the stream directly costs less than `arrayBuffer()`, whose extra layers and
 * copy showed in the per-request profile.
 */
async function readBody(
  response: Response,
  maxBytes: number,
  request: RegkitRequest,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const stream = response.body;
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await stream?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes, request, response);
  }
  if (!stream || BODILESS.has(response.status)) {
    await stream?.cancel().catch(() => undefined);
    return null;
  }
  const reader = stream.getReader();
  // most bodies arrive in one chunk: a list is made only for a second one
  let first: Uint8Array<ArrayBuffer> | undefined;
  let chunks: Uint8Array<ArrayBuffer>[] | undefined;
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, request, response);
    }
    if (first === undefined) first = value;
    else (chunks ??= [first]).push(value);
  }
  if (chunks === undefined) return first ?? new Uint8Array(0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number, request: RegkitRequest, response: Response): ResponseTooLargeError {
  return new ResponseTooLargeError(maxBytes, {
    method: request.method,
    url: request.url,
    status: response.status,
  });
}

/** Error codes of failures that happen before a request leaves: it surely did not reach the server. */
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function causeCode(cause: unknown): string | undefined {
  for (let c: unknown = cause, depth = 0; c && depth < 4; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const errors = (c as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) c = errors[0];
    else c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The typed error for a failed attempt: aborted by the caller, timed out, or a network failure;
 * for an unsafe operation that may have reached the server, an `UnknownOutcomeError` around it.
 */
function failure(
  request: RegkitRequest,
  cause: unknown,
  timing: { timeoutMs: number; scope: 'attempt' | 'deadline'; timedOut: boolean },
): RegkitError {
  const details = { method: request.method, url: request.url };
  if (request.signal?.aborted) return new AbortedError({ ...details, cause: request.signal.reason });
  let error: RegkitError;
  if (timing.timedOut) error = new TimeoutError(timing.timeoutMs, { ...details, scope: timing.scope });
  else if (cause instanceof RegkitError) return cause;
  else {
    const code = causeCode(cause);
    const inner = (cause as { cause?: { message?: string } })?.cause;
    const reason = code ?? inner?.message ?? (cause as Error)?.message ?? String(cause);
    error = new NetworkError(
      `${request.method} ${redactUrl(request.url)} failed: ${redact(String(reason))}`,
      {
        ...details,
        phase: code !== undefined && CONNECT_CODES.has(code) ? 'connect' : 'exchange',
        cause,
      },
    );
  }
  if (request.retry === 'unsafe' && !(error instanceof NetworkError && error.phase === 'connect'))
    return new UnknownOutcomeError({
      ...details,
      operationId: request.operationId,
      check: request.outcomeCheck,
      reason: error instanceof TimeoutError ? 'the time ran out' : 'the connection was lost',
      cause: error,
    });
  return error;
}

/** Where a redirect points, resolved against the request URL; undefined when unreadable. */
function locationOf(response: Response, base: URL): URL | undefined {
  const location = response.headers.get('location');
  if (location === null) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** A transport: the middleware chain in front of `fetch`. */
export function createTransport(options: TransportOptions = {}): Transport {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const limits: Limits = {
    timeoutMs: timeLimit(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    maxResponseBytes: byteLimit(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes'),
  };
  const deadlineMs = timeLimit(options.deadlineMs ?? DEFAULT_DEADLINE_MS, 'deadlineMs');
  const followSameOrigin = options.redirects === 'same-origin';
  if (options.redirects !== undefined && options.redirects !== 'none' && !followSameOrigin)
    throw new ValidationError([{ path: 'redirects', message: "must be 'none' or 'same-origin'" }]);
  let chain = terminal(fetchImpl, limits, options.hooks);
  for (const middleware of [...(options.middleware ?? [])].reverse()) {
    const next = chain;
    chain = (request) => middleware(request, next);
  }

  /** Runs the chain; a 3xx is followed within the origin when allowed, otherwise a `RedirectError`. */
  const dispatch = (request: RegkitRequest): Promise<Response> =>
    chain(request).then((response) =>
      REDIRECT_STATUSES.has(response.status) ? redirected(request, response) : response,
    );
  const redirected = async (first: RegkitRequest, firstResponse: Response): Promise<Response> => {
    let request = first;
    let response = firstResponse;
    for (let hop = 0; REDIRECT_STATUSES.has(response.status); hop++) {
      await response.body?.cancel().catch(() => undefined);
      const target = locationOf(response, request.url);
      const reason = !target
        ? 'its Location header is missing or unreadable'
        : target.origin !== request.url.origin
          ? 'redirects to another origin are never followed and credentials are never sent there'
          : !followSameOrigin
            ? "redirects are not followed (the transport option redirects: 'same-origin' allows them within the origin)"
            : hop >= MAX_REDIRECTS
              ? `more than ${MAX_REDIRECTS} redirects`
              : undefined;
      if (reason || !target)
        throw new RedirectError(response.status, target?.origin, {
          method: request.method,
          url: request.url,
          reason: reason ?? '',
        });
      // as browsers do: 303, and 301/302 after a POST, continue as a GET without the body
      const asGet =
        (response.status === 303 && request.method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && request.method === 'POST');
      let headers = request.headers;
      if (asGet) {
        headers = new Headers(headers);
        headers.delete('content-type');
      }
      request = {
        ...request,
        url: target,
        attempt: 1,
        headers,
        ...(asGet ? { method: 'GET', body: undefined } : {}),
      };
      response = await chain(request);
    }
    return response;
  };

  // the transport's own headers, checked once: every call starts from a copy of these
  const defaults = new Headers();
  mergeHeaders(defaults, 'transport option', options.headers);
  if (!defaults.has('user-agent')) defaults.set('user-agent', options.userAgent ?? DEFAULT_USER_AGENT);
  return {
    send(request, callOptions = {}) {
      let headers: Headers;
      let url: URL;
      let callDeadlineMs = deadlineMs;
      try {
        headers = new Headers(defaults);
        mergeHeaders(headers, 'request', request.headers);
        mergeHeaders(headers, 'call option', callOptions.headers);
        if (callOptions.timeoutMs !== undefined)
          callOptions = { ...callOptions, timeoutMs: timeLimit(callOptions.timeoutMs, 'options.timeoutMs') };
        if (callOptions.deadlineMs !== undefined)
          callDeadlineMs = timeLimit(callOptions.deadlineMs, 'options.deadlineMs');
        if (callOptions.maxResponseBytes !== undefined)
          byteLimit(callOptions.maxResponseBytes, 'options.maxResponseBytes');
        url = urlOf(request.url);
      } catch (error) {
        return Promise.reject(error);
      }
      return dispatch({
        method: request.method,
        url,
        headers,
        body: request.body,
        signal: callOptions.signal,
        attempt: 1,
        options: callOptions,
        retry: request.retry ?? (SAFE_METHODS.has(request.method.toUpperCase()) ? 'safe' : 'unsafe'),
        operationId: request.operationId,
        outcomeCheck: request.outcomeCheck,
        // always both keys, so every request object has one shape
        deadline: callDeadlineMs === 0 ? undefined : performance.now() + callDeadlineMs,
        deadlineMs: callDeadlineMs === 0 ? undefined : callDeadlineMs,
      });
    },
  };
}

/** A byte limit: a positive safe integer; anything else is a `ValidationError`. */
function byteLimit(bytes: number, path: string): number {
  if (!Number.isSafeInteger(bytes) || bytes <= 0)
    throw new ValidationError([{ path, message: 'must be a whole number of bytes above 0' }]);
  return bytes;
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
  // requests never change their URL, so a caller's URL is used as it is
  if (url instanceof URL) return url;
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
      if (!isHeaderName(name) || !isHeaderValue(value)) throw new TypeError('invalid header');
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
