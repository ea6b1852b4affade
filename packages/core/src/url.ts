import { trimTrailing } from './text.js';
import type { OperationDefinition, ParamDefinition } from './descriptors.js';
import { ValidationError } from './errors.js';

export type OperationInput = Readonly<Record<string, unknown>>;

/** The parameter's property in a call's input: its `prop`, else its wire name. */
export const paramProp = (param: ParamDefinition): string => param.prop ?? param.name;

function scalar(param: ParamDefinition, value: unknown): string {
  if (param.type === 'boolean') {
    if (typeof value !== 'boolean') throw invalid(param, 'must be a boolean');
    return value ? 'true' : 'false';
  }
  if (param.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(param, 'must be an integer');
    return String(value);
  }
  if (typeof value !== 'string' && typeof value !== 'number') throw invalid(param, 'must be a string');
  const text = String(value);
  if (param.enum && !param.enum.includes(text))
    throw invalid(param, `must be one of ${param.enum.join(', ')}`);
  return text;
}

function invalid(param: ParamDefinition, message: string): ValidationError {
  return new ValidationError([{ path: paramProp(param), message }], { what: 'Invalid request parameter' });
}

function present(param: ParamDefinition, input: OperationInput): boolean {
  const value = input[paramProp(param)];
  if (value === undefined || value === null) {
    if (param.required) throw invalid(param, 'is required');
    return false;
  }
  if (param.required && value === '') throw invalid(param, 'must not be empty');
  return true;
}

/** Base URL without a trailing slash; accepts a path prefix (`https://reg.ote.arin.net/rest`). */
export function normalizeBaseUrl(baseUrl: string | URL): string {
  const text = String(baseUrl);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ValidationError([{ path: 'baseUrl', message: `is not an absolute URL` }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ValidationError([{ path: 'baseUrl', message: 'must use http or https' }]);
  }
  return `${url.origin}${trimTrailing(url.pathname, '/')}`;
}

/**
 * The request URL of an operation: path values percent-encoded (`@`, `+`, `/` and spaces included),
 * matrix parameters written as `;name=value` after their segment (left out when undefined),
 * query parameters appended. `input` is keyed by each parameter's `prop`.
 */
export function buildUrl(baseUrl: string | URL, operation: OperationDefinition, input: OperationInput): URL {
  const base = normalizeBaseUrl(baseUrl);
  const byName = new Map((operation.pathParams ?? []).map((p) => [p.name, p]));
  // Path parameters the API lets a caller leave empty (ARIN's `/phone/;type=F`), from the spec.
  const mayBeEmpty = operation.extensions?.['x-empty-path-parameters'];
  const emptyAllowed = new Set(Array.isArray(mayBeEmpty) ? mayBeEmpty.map(String) : []);
  const segments = operation.path
    .split('/')
    .slice(1)
    .map((segment) =>
      segment.replace(/\{([^{}]+)\}/g, (_, name: string) => {
        const param = byName.get(name);
        if (!param) throw new ValidationError([{ path: name, message: 'is not a declared path parameter' }]);
        const value = input[paramProp(param)];
        if (emptyAllowed.has(name) && (value === '' || value === undefined)) return '';
        present({ ...param, required: true }, input);
        return encodeURIComponent(scalar(param, value));
      }),
    );
  for (const param of operation.matrixParams ?? []) {
    if (!present(param, input)) continue;
    const index = Math.min(param.segment, segments.length - 1);
    segments[index] +=
      `;${encodeURIComponent(param.name)}=${encodeURIComponent(scalar(param, input[paramProp(param)]))}`;
  }
  const url = new URL(`${base}/${segments.join('/')}`);
  for (const param of operation.queryParams ?? []) {
    if (present(param, input)) url.searchParams.append(param.name, scalar(param, input[paramProp(param)]));
  }
  return url;
}

/** Is `hostname` (as `URL.hostname` gives it) this machine: `localhost`, 127.0.0.0/8 or `[::1]`? */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * Refuses a plain `http://` base URL to any host but this machine: the API key travels in the
 * query and a password in the form body, readable by anyone on the path. A loopback address (a
 * mock server) is fine, and so is any host when `allowInsecureHttp` is set.
 *
 * @throws ValidationError naming `path` when the URL is http to another host.
 */
export function requireSecureBaseUrl(
  baseUrl: string | URL,
  allowInsecureHttp = false,
  path = 'baseUrl',
): void {
  // a URL that does not parse is reported where it is used
  if (!URL.canParse(String(baseUrl))) return;
  const url = new URL(String(baseUrl));
  if (url.protocol !== 'http:' || allowInsecureHttp || isLoopbackHost(url.hostname)) return;
  throw new ValidationError(
    [
      {
        path,
        message: `uses plain http:// to ${url.hostname}, which is not this machine: credentials would cross the network unencrypted; use https://, or allow it explicitly (allowInsecureHttp)`,
      },
    ],
    { what: 'Insecure base URL' },
  );
}
