import { inspect } from 'node:util';
import { redact, redactUrl } from './redact.js';

const BRANDS = Symbol.for('regkit.error.brands');

export type ErrorKind = 'http' | 'timeout' | 'network' | 'aborted' | 'decode' | 'encode' | 'validation';

export interface RequestDetails {
  /** HTTP method of the request that failed. */
  readonly method?: string;
  /** The request URL; stored redacted. */
  readonly url?: URL | string;
  readonly status?: number;
  readonly cause?: unknown;
}

type Branded = { readonly [BRANDS]?: readonly symbol[] };

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
    super(redact(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.method = details.method;
    this.url = details.url === undefined ? undefined : redactUrl(details.url);
    this.status = details.status;
    const brands: symbol[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'brand')) brands.push((c as unknown as { brand: symbol }).brand);
    }
    Object.defineProperty(this, BRANDS, { value: brands, enumerable: false });
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

  [inspect.custom](): string {
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
    this.statusText = details.statusText ?? '';
    this.body = details.body;
    this.bodyText = details.bodyText === undefined ? undefined : redact(details.bodyText);
    this.headers = details.headers ?? {};
  }

  protected override details(): Record<string, unknown> {
    return { statusText: this.statusText, body: this.body };
  }
}

/** The call did not finish within its timeout. */
export class TimeoutError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.TimeoutError');
  readonly timeoutMs: number;
  constructor(timeoutMs: number, details: RequestDetails = {}) {
    super('timeout', `${details.method ?? 'Request'} timed out after ${timeoutMs} ms`, details);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller aborted the call through its AbortSignal. */
export class AbortedError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.AbortedError');
  constructor(details: RequestDetails = {}) {
    super('aborted', `${details.method ?? 'Request'} was aborted`, details);
  }
}

/** The connection failed (refused, reset, DNS) before a response arrived. */
export class NetworkError extends RegkitError {
  static override readonly brand: symbol = Symbol.for('regkit.error.NetworkError');
  constructor(message: string, details: RequestDetails = {}) {
    super('network', message, details);
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
