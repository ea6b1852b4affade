import type { MockResponse, PlumbingErrorResponse } from './types.js';

/**
 * The origin-form (`/path?query`) of a request target (RFC 9112 §3.2): as sent, or the path and
 * query of an absolute-form `http://host/path?query`; undefined for any other form.
 */
export function originForm(target: string): string | undefined {
  if (target.startsWith('/')) return target;
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (!absolute) return undefined;
  const rest = target.slice(absolute[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/** A request target read: the URL and raw path of a resource, or the answer of a target that names none. */
export type RequestTarget =
  { readonly url: URL; readonly rawPath: string } | { readonly answer: MockResponse };

/**
 * Reads a request target: origin-form or absolute-form name a resource; the asterisk-form is
 * answered here (`OPTIONS *` with the methods the server answers anywhere, RFC 9112 §3.2.4), and
 * any other form is a bad request.
 */
export function readRequestTarget(
  method: string | undefined,
  target: string,
  serverAllow: string,
  errorResponse: PlumbingErrorResponse,
): RequestTarget {
  if (target === '*')
    return {
      answer:
        method === 'OPTIONS'
          ? { status: 204, headers: { allow: serverAllow } }
          : errorResponse(400, 'bad-request', 'The request target * is only for OPTIONS.'),
    };
  const origin = originForm(target);
  if (origin === undefined)
    return {
      answer: errorResponse(
        400,
        'bad-request',
        'The request target must be a path (/…) or an absolute http URL.',
      ),
    };
  let url: URL;
  try {
    url = new URL(origin, 'http://mock');
  } catch {
    url = new URL('http://mock/');
  }
  const q = origin.indexOf('?');
  return { url, rawPath: q < 0 ? origin : origin.slice(0, q) };
}

/** The answer to CONNECT (authority-form): the mock is no proxy; refused with the methods it allows. */
export const connectRefusal = (serverAllow: string, errorResponse: PlumbingErrorResponse): MockResponse =>
  errorResponse(405, 'method-not-allowed', 'The method CONNECT is not allowed: this server is not a proxy.', {
    allow: serverAllow,
  });
