import { escapeXml } from './escapeXml.js';

/**
 * Secret redaction. Every error message, `toString`, `util.inspect`, JSON form and hook payload
 * produced by regkit passes through `redact`, so an API key, token or password never leaves the
 * process in text. Secrets are recognised by shape (query `apikey=`, `Authorization` headers,
 * form and JSON passwords, token fields) and by value, for every secret registered here.
 */

export const REDACTED = '[REDACTED]';

/** Registered secrets, each with one case-insensitive pattern matching every form it can take in text. */
const registered = new Map<string, RegExp>();

/** Base64 and base64url of `value`, with and without padding. */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const b64 = bytes.toString('base64');
  return [b64, b64.split('=')[0]!, bytes.toString('base64url')];
}

/**
 * The forms a secret takes when a server or a log echoes it: as it is, percent-encoded (URL path
 * or query, form bodies with `+` for spaces), escaped in a JSON string, escaped in XML text,
 * escaped in a string printed by `util.inspect`, and base64-encoded (a Basic header, a token
 * claim). Matched without regard to case, so an upper- or lower-cased echo is caught too.
 */
function formsOf(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const forms = new Set([
    value,
    encodeURIComponent(value),
    new URLSearchParams({ s: value }).toString().slice(2),
    json,
    escapeXml(value),
    json.replace(/\\"/g, '"').replace(/'/g, "\\'"),
    ...base64Forms(value),
  ]);
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Remember a secret value so that it is redacted wherever it appears. Values shorter than 4 characters are ignored. */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < 4 || registered.has(value)) return;
  // alternatives of literal text, longest first: matching is linear in the text
  registered.set(value, new RegExp(formsOf(value).map(escapeRegExp).join('|'), 'giu'));
}

/** Secret shapes: each pattern runs only on text that its (case-insensitive) `hint` matches. */
const SHAPES: readonly [hint: RegExp, pattern: RegExp, replacement: string][] = [
  [/apikey=/i, /([?&;]apikey=)[^&;#\s"'<>]+/gi, `$1${REDACTED}`],
  [
    /authorization/i,
    /(authorization["']?\s*[:=]\s*["']?(?:bearer|apikey|basic)\s+)[^\s"',}]+/gi,
    `$1${REDACTED}`,
  ],
  [
    /password=|access_token=|refresh_token=|client_secret=/i,
    /\b((?:password|access_token|refresh_token|client_secret)=)[^&\s"']+/gi,
    `$1${REDACTED}`,
  ],
  // the password of a URL's user information (`https://user:password@host/`)
  [/:\/\/[^\s/?#@:]*:[^\s/?#@]*@/, /(:\/\/[^\s/?#@:]*:)[^\s/?#@]+@/g, `$1${REDACTED}@`],
  [
    /"(?:password|access_token|refresh_token|accesstoken|apikey)"/i,
    /("(?:password|access_token|refresh_token|accessToken|apiKey|apikey)"\s*:\s*")[^"]*"/gi,
    `$1${REDACTED}"`,
  ],
];
/** Text that none of the shapes can match: every shape needs a `=`, `:` or `"`. */
const SHAPELESS = /^[^=:"]*$/;

/** Replace every secret in `text` by `[REDACTED]`. */
export function redact(text: string): string {
  let out = text;
  if (!SHAPELESS.test(out))
    for (const [hint, pattern, replacement] of SHAPES)
      if (hint.test(out)) out = out.replace(pattern, replacement);
  for (const pattern of registered.values()) out = out.replace(pattern, REDACTED);
  return out;
}

/**
 * A copy of `value` with every string in it redacted: objects, arrays and errors are walked (to
 * `depth` levels, cycles cut), other values kept. Used on everything an error carries.
 */
export function redactDeep<T>(value: T, depth = 8, seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return redact(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth <= 0) return undefined as T;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth - 1, seen)) as T;
  if (value instanceof Error) return redactError(value, depth, seen) as T;
  if (value instanceof Uint8Array || value instanceof Date) return value;
  // keys are defined, not assigned: a `__proto__` key stays data and the prototype is kept as it was (null or Object)
  const out = (Object.getPrototypeOf(value) === null ? Object.create(null) : {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, redact(k), {
      value: redactDeep(v, depth - 1, seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out as T;
}

/** An error as plain, redacted data: same name, message, code and cause chain, nothing else. */
function redactError(error: Error, depth: number, seen: WeakSet<object>): Error {
  if ((error as { [REDACTED_MARK]?: true })[REDACTED_MARK]) return error;
  const copy = new Error(redact(error.message), {
    cause: 'cause' in error ? redactDeep(error.cause, depth - 1, seen) : undefined,
  });
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number')
    Object.assign(copy, { code: typeof code === 'string' ? redact(code) : code });
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

/** Set on errors whose every property was redacted when they were made (regkit's own). */
export const REDACTED_MARK = Symbol.for('regkit.redacted');

/** A URL as text with its secrets redacted. */
export function redactUrl(url: URL | string): string {
  return redact(String(url));
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** Headers as a plain object, with credential headers replaced by `[REDACTED]` and secrets in the rest redacted. */
export function redactHeaders(headers: Headers | Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (value: string, name: string) => {
    out[redact(name)] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redact(String(value));
  };
  if (headers instanceof Headers) headers.forEach(add);
  else for (const [name, value] of Object.entries(headers)) add(value, name);
  return out;
}
