/**
 * Secret redaction. Every error message, `toString`, `util.inspect`, JSON form and hook payload
 * produced by regkit passes through `redact`, so an API key, token or password never leaves the
 * process in text. Secrets are recognised by shape (query `apikey=`, `Authorization` headers,
 * form and JSON passwords, token fields) and by value, for every secret registered here.
 */

export const REDACTED = '[REDACTED]';

/** Registered secrets, each with its percent-encoded form when that differs. */
const registered = new Map<string, string | undefined>();

/** Remember a secret value so that it is redacted wherever it appears. Values shorter than 4 characters are ignored. */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== 'string' || value.length < 4 || registered.has(value)) return;
  const encoded = encodeURIComponent(value);
  registered.set(value, encoded !== value ? encoded : undefined);
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
  for (const [secret, encoded] of registered) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    if (encoded !== undefined && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/** A URL as text with its secrets redacted. */
export function redactUrl(url: URL | string): string {
  return redact(String(url));
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** Headers as a plain object, with credential headers replaced by `[REDACTED]`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redact(value);
  });
  return out;
}
