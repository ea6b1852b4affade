// The request headers of a transport: its own defaults, then the request's, then the call's.
import { ValidationError } from '../errors.js';
import { isHeaderName, isHeaderValue } from '../headerValue.js';
import { DEFAULT_USER_AGENT } from './userAgent.js';

/** Sets each header of `from` on `to`; a name or value HTTP cannot carry is a `ValidationError`. */
export function mergeHeaders(
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

/** The transport's own headers, checked once: every call starts from a copy of these. */
export function defaultHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  userAgent: string | undefined,
): Headers {
  const defaults = new Headers();
  mergeHeaders(defaults, 'transport option', headers);
  if (!defaults.has('user-agent')) defaults.set('user-agent', userAgent ?? DEFAULT_USER_AGENT);
  return defaults;
}
