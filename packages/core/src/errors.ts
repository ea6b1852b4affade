import { REDACTED_MARK, redact, redactDeep, redactHeaders, redactUrl } from './redact.js';

const BRANDS = Symbol.for('regkit.error.brands');

export type ErrorKind =
  | 'http'
  | 'timeout'
  | 'network'
  | 'aborted'
  | 'unknown-outcome'
  | 'redirect'
  | 'too-large'
  | 'retry-after'
  | 'decode'
  | 'encode'
  | 'validation';

export interface RequestDetails {
  /** HTTP method of the request that failed. */
  readonly method?: string;
  /** The request URL; stored redacted. */
  readonly url?: URL | string;
  readonly status?: number;
  readonly cause?: unknown;
}

type Branded = { readonly [BRANDS]?: readonly symbol[] };
const BRAND_PREFIX = 'regkit.error.';

/**
 * Base of every error regkit throws. `instanceof` works across two installed copies of
 * `@regkit/core`: classes are compared by a brand registered with `Symbol.for`, not by identity.
 * Messages and URLs are redacted when the error is made, so no secret can leak from it.
 */
export class RegkitError extends Error {
  static readonly brand: symbol = Symbol.for('regkit.error.RegkitError');

  readonly kind: ErrorKind;
  readonly method: string | undefined;
  /** The request URL with every secret redacted. */
  readonly url: string | undefined;
  readonly status: number | undefined;

  constructor(kind: ErrorKind, message: string, details: RequestDetails = {}) {
    super(redact(message), details.cause === undefined ? undefined : { cause: redactDeep(details.cause) });
    // from the brand, not the class: a minifying bundler renames classes, never symbol descriptions
    const brand = Object.hasOwn(new.target, 'brand')
      ? (new.target as unknown as { brand: symbol }).brand.description
      : undefined;
    this.name = brand?.startsWith(BRAND_PREFIX) ? brand.slice(BRAND_PREFIX.length) : new.target.name;
    this.kind = kind;
    this.method = details.method;
    this.url = details.url === undefined ? undefined : redactUrl(details.url);
    this.status = details.status;
    const brands: symbol[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'brand')) brands.push((c as unknown as { brand: symbol }).brand);
    }
    Object.defineProperty(this, BRANDS, { value: brands, enumerable: false });
    Object.defineProperty(this, REDACTED_MARK, { value: true, enumerable: false });
    if (this.stack) this.stack = redact(this.stack);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const brands = (value as Branded)[BRANDS];
    if (!Array.isArray(brands)) return Function.prototype[Symbol.hasInstance].call(this, value);
    return Object.hasOwn(this, 'brand') && brands.includes((this as unknown as { brand: symbol }).brand);
  }

  override toString(): string {
    return redact(`${this.name}: ${this.message}`);
  }

  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, kind: this.kind, message: this.message };
    if (this.method !== undefined) json.method = this.method;
    if (this.url !== undefined) json.url = this.url;
    if (this.status !== undefined) json.status = this.status;
    return JSON.parse(redact(JSON.stringify({ ...json, ...this.details() }))) as Record<string, unknown>;
  }

  /** Extra fields subclasses expose in `toJSON` and `util.inspect`. */
  protected details(): Record<string, unknown> {
    return {};
  }

  // Node's util.inspect looks this symbol up and passes itself as the third argument, so no
  // `node:util` import is needed and the class loads in browsers too.
  [Symbol.for('nodejs.util.inspect.custom')](
    _depth?: number,
    _options?: unknown,
    inspect: (value: unknown, options: { depth: number }) => string = (value) => JSON.stringify(value),
  ): string {
    const extra = { method: this.method, url: this.url, status: this.status, ...this.details() };
    const cause = this.cause === undefined ? '' : `\n  [cause]: ${String(this.cause)}`;
    return redact(`${this.stack ?? this.toString()} ${inspect(extra, { depth: 4 })}${cause}`);
  }
}

/** The server answered with an error status. `body` holds the parsed error body of the API. */
export class HttpStatusError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.HttpStatusError');
  declare readonly status: number;
  readonly statusText: string;
  /** The API's error body, parsed (an ErrorPayload for ARIN, a JSON object for the helpdesk). */
  readonly body: unknown;
  /** The raw error body, redacted, when it could not be parsed. */
  readonly bodyText: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    message: string,
    details: RequestDetails & {
      status: number;
      statusText?: string;
      body?: unknown;
      bodyText?: string;
      headers?: Record<string, string>;
    },
  ) {
    super('http', message, details);
    this.statusText = redact(details.statusText ?? '');
    this.body = redactDeep(details.body);
    this.bodyText = details.bodyText === undefined ? undefined : redact(details.bodyText);
    this.headers = redactHeaders(details.headers ?? {});
  }

  protected override details(): Record<string, unknown> {
    return { statusText: this.statusText, body: this.body };
  }
}

/**
 * The call did not finish in time: one attempt ran past its `timeoutMs` (`scope: 'attempt'`), or
 * the call as a whole, retries and waits included, ran past its `deadlineMs` (`scope: 'deadline'`).
 */
export class TimeoutError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.TimeoutError');
  readonly timeoutMs: number;
  readonly scope: 'attempt' | 'deadline';
  constructor(timeoutMs: number, details: RequestDetails & { scope?: 'attempt' | 'deadline' } = {}) {
    const scope = details.scope ?? 'attempt';
    super(
      'timeout',
      scope === 'deadline'
        ? `${details.method ?? 'Request'} did not finish within its deadline of ${timeoutMs} ms`
        : `${details.method ?? 'Request'} timed out after ${timeoutMs} ms`,
      details,
    );
    this.timeoutMs = timeoutMs;
    this.scope = scope;
  }
  protected override details(): Record<string, unknown> {
    return { timeoutMs: this.timeoutMs, scope: this.scope };
  }
}

/**
 * A write that must not be sent twice failed after it may have reached the server: the connection
 * was lost or the time ran out once the request was on its way. The server may have applied it.
 * It was not sent again; `check` says how to see whether it was applied before trying again.
 */
export class UnknownOutcomeError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.UnknownOutcomeError');
  /** The operation whose outcome is unknown (`reassignNet`), when known. */
  readonly operationId: string | undefined;
  /** How to see whether the server applied it (from the spec's `x-outcome-check`). */
  readonly check: string | undefined;
  constructor(details: RequestDetails & { operationId?: string; check?: string; reason: string }) {
    const what = details.operationId ?? details.method ?? 'The request';
    super(
      'unknown-outcome',
      `${what} may have been applied: ${details.reason} after the request was sent, and it was not sent again.` +
        (details.check ? ` Check before retrying: ${details.check}` : ''),
      details,
    );
    this.operationId = details.operationId;
    this.check = details.check === undefined ? undefined : redact(details.check);
  }
  protected override details(): Record<string, unknown> {
    return { operationId: this.operationId, check: this.check };
  }
}

/** The server answered with a redirect that was not followed; `location` is only the target's origin. */
export class RedirectError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.RedirectError');
  declare readonly status: number;
  /** Origin of the redirect target (`https://other.example`), or `undefined` without a readable `Location`. */
  readonly targetOrigin: string | undefined;
  constructor(
    status: number,
    targetOrigin: string | undefined,
    details: RequestDetails & { reason: string },
  ) {
    super(
      'redirect',
      `${details.method ?? 'Request'} was redirected with ${status} to ${targetOrigin ?? 'an unreadable location'}; ${details.reason}`,
      { ...details, status },
    );
    this.targetOrigin = targetOrigin === undefined ? undefined : redact(targetOrigin);
  }
  protected override details(): Record<string, unknown> {
    return { targetOrigin: this.targetOrigin };
  }
}

/** The response body was larger than the limit; reading stopped there and the connection was released. */
export class ResponseTooLargeError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.ResponseTooLargeError');
  readonly limitBytes: number;
  constructor(limitBytes: number, details: RequestDetails = {}) {
    super(
      'too-large',
      `${details.method ?? 'Request'}: the response body is larger than the limit of ${limitBytes} bytes (maxResponseBytes)`,
      details,
    );
    this.limitBytes = limitBytes;
  }
  protected override details(): Record<string, unknown> {
    return { limitBytes: this.limitBytes };
  }
}

/**
 * The server asked to wait (`Retry-After`) longer than the call may wait: beyond its deadline or
 * beyond the retry's `maxDelayMs`. Thrown at once instead of waiting.
 */
export class RetryAfterError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.RetryAfterError');
  declare readonly status: number;
  /** The wait the server asked for, in milliseconds. */
  readonly retryAfterMs: number;
  /** How long the call could still wait, in milliseconds. */
  readonly availableMs: number;
  constructor(retryAfterMs: number, availableMs: number, details: RequestDetails & { status: number }) {
    super(
      'retry-after',
      `${details.method ?? 'Request'} got ${details.status} with Retry-After of ${Math.ceil(retryAfterMs / 1000)} s, longer than the ${Math.floor(availableMs)} ms it may still wait`,
      details,
    );
    this.retryAfterMs = retryAfterMs;
    this.availableMs = availableMs;
  }
  protected override details(): Record<string, unknown> {
    return { retryAfterMs: this.retryAfterMs, availableMs: this.availableMs };
  }
}

/** The caller aborted the call through its AbortSignal. */
export class AbortedError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.AbortedError');
  constructor(details: RequestDetails = {}) {
    super('aborted', `${details.method ?? 'Request'} was aborted`, details);
  }
}

/**
 * The connection failed before a response arrived. `phase: 'connect'` means the request surely
 * never left (refused, DNS, unreachable); `'exchange'` means it may have reached the server.
 */
export class NetworkError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.NetworkError');
  readonly phase: 'connect' | 'exchange';
  constructor(message: string, details: RequestDetails & { phase?: 'connect' | 'exchange' } = {}) {
    super('network', message, details);
    this.phase = details.phase ?? 'exchange';
  }
  protected override details(): Record<string, unknown> {
    return { phase: this.phase };
  }
}

/** A response body could not be decoded; `path` points at the offending node. */
export class DecodeError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.DecodeError');
  readonly path: string;
  constructor(message: string, path = '', details: RequestDetails = {}) {
    super('decode', path ? `${path}: ${message}` : message, details);
    this.path = path;
  }
  protected override details(): Record<string, unknown> {
    return { path: this.path };
  }
}

/** A request payload could not be encoded. */
export class EncodeError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.EncodeError');
  readonly path: string;
  constructor(message: string, path = '', details: RequestDetails = {}) {
    super('encode', path ? `${path}: ${message}` : message, details);
    this.path = path;
  }
  protected override details(): Record<string, unknown> {
    return { path: this.path };
  }
}

export interface ValidationIssue {
  /** Dotted path of the field (`net.netBlocks[0].startAddress`). */
  readonly path: string;
  readonly message: string;
}

/**
 * The dotted path of a `ValidationIssue` from a schema issue's path below `root`:
 * `issuePath('net', ['netBlocks', 0, 'startAddress'])` is `net.netBlocks[0].startAddress`.
 */
export function issuePath(root: string, path: readonly PropertyKey[]): string {
  return [root, ...path]
    .map((p, n) => (typeof p === 'number' ? `[${p}]` : n === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** Input (or a decoded response) broke the schema; every issue names its field. */
export class ValidationError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.ValidationError');
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[], details: RequestDetails & { what?: string } = {}) {
    const list = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    super('validation', details.what ? `${details.what}: ${list}` : list, details);
    this.issues = issues.map((i) => ({ path: i.path, message: redact(i.message) }));
  }
  protected override details(): Record<string, unknown> {
    return { issues: this.issues };
  }
}

export function isRegkitError(value: unknown): value is RegkitError {
  return value instanceof RegkitError;
}
