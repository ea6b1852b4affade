import { ValidationError } from './errors.js';
import { isHeaderValue } from './headerValue.js';
import { registerSecret } from './redact.js';
import type { Middleware } from './request.js';

export interface ApiKeyAuthOptions {
  readonly apiKey: string;
  /** `query` (default) adds `?apikey=`; `header` sends `Authorization: ApiKey <key>`. */
  readonly placement?: 'query' | 'header';
}

/** ARIN's API key: the query parameter `apikey` (exactly that spelling) or the ApiKey header. */
export function apiKeyAuth(options: ApiKeyAuthOptions): Middleware {
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
    throw new ValidationError([{ path: 'apiKey', message: 'is required' }]);
  registerSecret(options.apiKey);
  checkCredential(options.apiKey, 'apiKey');
  if (options.placement === 'header') {
    return (request, next) => {
      const headers = new Headers(request.headers);
      headers.set('authorization', `ApiKey ${options.apiKey}`);
      return next({ ...request, headers });
    };
  }
  const param = `apikey=${encodeURIComponent(options.apiKey)}`;
  return (request, next) => next({ ...request, url: withApiKey(request.url, options.apiKey, param) });
}

/**
 * Refuses a credential that HTTP cannot carry, before any `Headers` is built: the error names the
 * credential, never its value (the platform's own `TypeError` would quote it).
 */
function checkCredential(value: string, path: string): void {
  if (!isHeaderValue(value))
    throw new ValidationError([
      { path, message: 'holds a control character or surrounding spaces that HTTP cannot carry' },
    ]);
}

/** `url` with `apikey` set to `key`; `param` is `apikey=<key percent-encoded>`. */
function withApiKey(url: URL, key: string, param: string): URL {
  const { href } = url;
  // common case: no fragment and no apikey in the query yet, so the parameter goes at the end as it
  // is (without a fragment, the first `?` of an href starts its query)
  if (!href.includes('#')) {
    const query = href.indexOf('?');
    if (query === -1) return new URL(`${href}?${param}`);
    if (!href.includes('apikey', query))
      return new URL(query === href.length - 1 ? href + param : `${href}&${param}`);
  }
  const copy = new URL(url);
  copy.searchParams.set('apikey', key);
  return copy;
}

export interface Token {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export interface TokenCache {
  /** A valid token: the cached one, or a fresh one (one fetch at a time, shared by every caller). */
  get(): Promise<string>;
  /** Forget `token` (or whatever is cached) so that the next `get` fetches a new one. */
  invalidate(token?: string): void;
  /** How many tokens have been fetched so far. */
  readonly fetches: number;
}

export interface TokenCacheOptions {
  /**
   * Renew this long before expiry (default 60 000 ms). For a token that lives less than twice
   * this, the window is capped at half its lifetime, so a short-lived token is still used.
   */
  readonly renewBeforeMs?: number;
  readonly now?: () => number;
}

export function createTokenCache(
  fetchToken: () => Promise<Token>,
  options: TokenCacheOptions = {},
): TokenCache {
  const renewBeforeMs = options.renewBeforeMs ?? 60_000;
  const now = options.now ?? Date.now;
  let current: Token | undefined;
  /** When `current` stops being used: expiry less the (capped) renewal window. */
  let renewAt = 0;
  let pending: Promise<Token> | undefined;
  let fetches = 0;
  const renew = (): Promise<Token> => {
    pending ??= (async () => {
      fetches++;
      try {
        const token = await fetchToken();
        registerSecret(token.accessToken);
        const lifetime = token.expiresAt - now();
        current = token;
        renewAt = token.expiresAt - Math.min(renewBeforeMs, Math.max(0, lifetime / 2));
        return token;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
  return {
    async get() {
      if (current && renewAt > now()) return current.accessToken;
      return (await renew()).accessToken;
    },
    invalidate(token) {
      if (token === undefined || current?.accessToken === token) current = undefined;
    },
    get fetches() {
      return fetches;
    },
  };
}

/** Bearer tokens from a cache; after a 401 the token is renewed once and the call retried once. */
export function bearerAuth(tokens: TokenCache): Middleware {
  return async (request, next) => {
    const send = (token: string) => {
      checkCredential(token, 'accessToken');
      const headers = new Headers(request.headers);
      headers.set('authorization', `Bearer ${token}`);
      return next({ ...request, headers });
    };
    const token = await tokens.get();
    const response = await send(token);
    if (response.status !== 401) return response;
    await response.body?.cancel().catch(() => undefined);
    tokens.invalidate(token);
    return send(await tokens.get());
  };
}
