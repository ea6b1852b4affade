// What a transport does with a 3xx answer: follow it within the origin when allowed, otherwise fail.
import { RedirectError } from '../errors.js';
import type { Handler, RegkitRequest } from '../request.js';

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
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

/** Why the redirect to `target` is not followed; undefined when it is. */
function refusal(target: URL | undefined, from: URL, followSameOrigin: boolean, hop: number) {
  if (!target) return 'its Location header is missing or unreadable';
  if (target.origin !== from.origin)
    return 'redirects to another origin are never followed and credentials are never sent there';
  if (!followSameOrigin)
    return "redirects are not followed (the transport option redirects: 'same-origin' allows them within the origin)";
  if (hop >= MAX_REDIRECTS) return `more than ${MAX_REDIRECTS} redirects`;
  return undefined;
}

/** The request that follows a redirect to `target`. */
function redirectedRequest(request: RegkitRequest, status: number, target: URL): RegkitRequest {
  // as browsers do: 303, and 301/302 after a POST, continue as a GET without the body
  const asGet =
    (status === 303 && request.method !== 'HEAD') ||
    ((status === 301 || status === 302) && request.method === 'POST');
  let headers = request.headers;
  if (asGet) {
    headers = new Headers(headers);
    headers.delete('content-type');
  }
  return {
    ...request,
    url: target,
    attempt: 1,
    headers,
    ...(asGet ? { method: 'GET', body: undefined } : {}),
  };
}

/**
 * Follows the redirects that start with `firstResponse` through `chain`, within the request's
 * origin and up to 5 when `followSameOrigin`; any other redirect is a `RedirectError`.
 */
export async function followRedirects(
  chain: Handler,
  first: RegkitRequest,
  firstResponse: Response,
  followSameOrigin: boolean,
): Promise<Response> {
  let request = first;
  let response = firstResponse;
  for (let hop = 0; isRedirect(response.status); hop++) {
    await response.body?.cancel().catch(() => undefined);
    const target = locationOf(response, request.url);
    const reason = refusal(target, request.url, followSameOrigin, hop);
    if (reason !== undefined || !target)
      throw new RedirectError(response.status, target?.origin, {
        method: request.method,
        url: request.url,
        reason: reason ?? '',
      });
    request = redirectedRequest(request, response.status, target);
    response = await chain(request);
  }
  return response;
}
