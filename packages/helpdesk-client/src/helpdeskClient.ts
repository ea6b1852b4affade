import {
  trimTrailing,
  bearerAuth,
  clientMiddlewareStack,
  createTokenCache,
  createTransport,
  executeOperation,
  registerSecret,
  requireSecureBaseUrl,
  ValidationError,
  type CallOptions,
  type Middleware,
  type MiddlewareStack,
  type RetryOptions,
  type Token,
  type TokenCache,
  type Transport,
  transportLimits,
  type TransportLimits,
  userAgentOf,
} from '@regkit/core';
import type * as z from 'zod/mini';
import { HelpdeskFacade } from './generated/facade.gen.js';
import {
  helpdeskOperations,
  helpdeskRequestSchemas,
  type HelpdeskOperationId,
  type HelpdeskOperationTypes,
} from './generated/operations.gen.js';
import { HelpdeskApiError } from './helpdeskApiError.js';
import { requestIssues } from './requestIssues.js';
import { version } from './version.gen.js';

/** `fetch` or `http`, `timeoutMs`, `deadlineMs`, `maxResponseBytes`, `redirects` and `hooks` are the transport's (`TransportOptions`). */
export interface HelpdeskClientOptions extends TransportLimits {
  /** Base URL of the Web API, such as `https://helpdesk.example.com/TrackIt/WebApi`. */
  readonly baseUrl: string | URL;
  /** Technician login (`GROUP\LOGINID`) and password for the token call. */
  readonly username?: string;
  readonly password?: string;
  /** Or bring your own tokens (then username and password are not used). */
  readonly tokenProvider?: () => Promise<Token>;
  /** Renew tokens this long before they expire (default 60 s). */
  readonly renewBeforeMs?: number;
  /** Retry settings, or `false` for none (default: 3 attempts on 429, 503 and connection errors). */
  readonly retry?: RetryOptions | false;
  /** Extra middleware, outermost first, run on every attempt before authentication (see `middlewareStack`). */
  readonly middleware?: readonly Middleware[];
  /** The clock, for token expiry (tests). */
  readonly now?: () => number;
  /**
   * Allow a plain `http://` base URL to a host other than this machine (default false: the
   * password would travel unencrypted in the token call, so the constructor throws a `ValidationError`).
   */
  readonly allowInsecureHttp?: boolean;
}

/**
 * A typed client of the Track-It! ticket Web API: tokens handled for you, records decoded by
 * field sequence number into camelCase objects, list calls as async iterators.
 */
export class HelpdeskClient extends HelpdeskFacade {
  readonly baseUrl: string;
  /**
   * The client's middleware: `retry`, then the `middleware` option's (step `build`), then `auth`
   * (the bearer token). Changes apply to the calls that start after them; the token call itself
   * runs without middleware.
   */
  readonly middlewareStack: MiddlewareStack;
  readonly #transport: Transport;
  readonly #tokens: TokenCache;

  constructor(options: HelpdeskClientOptions) {
    super();
    this.baseUrl = trimTrailing(String(options.baseUrl), '/');
    requireSecureBaseUrl(this.baseUrl, options.allowInsecureHttp);
    const userAgent = userAgentOf('regkit-helpdesk-client', version);
    const tokenTransport = createTransport({
      ...transportLimits(options),
      userAgent,
    });
    const now = options.now ?? Date.now;
    let provider = options.tokenProvider;
    if (!provider) {
      const { username, password } = options;
      if (!username || !password)
        throw new ValidationError(
          [{ path: username ? 'password' : 'username', message: 'is required (or pass a tokenProvider)' }],
          { what: 'HelpdeskClient' },
        );
      registerSecret(password);
      provider = async () => {
        const { data } = await this.#execute(tokenTransport, 'requestToken', {
          body: { grant_type: 'password', username, password },
        });
        if (typeof data?.access_token !== 'string' || typeof data.expires_in !== 'number')
          throw new HelpdeskApiError(undefined, {
            status: 200,
            operationId: 'requestToken',
            bodyText: 'the token response has no access_token or expires_in',
          });
        return { accessToken: data.access_token, expiresAt: now() + data.expires_in * 1000 };
      };
    }
    this.#tokens = createTokenCache(provider, { renewBeforeMs: options.renewBeforeMs, now });
    this.middlewareStack = clientMiddlewareStack(options, bearerAuth(this.#tokens));
    this.#transport = createTransport({
      ...transportLimits(options),
      middleware: this.middlewareStack,
      userAgent,
    });
  }

  /** How many tokens the client has fetched so far. */
  get tokenRequests(): number {
    return this.#tokens.fetches;
  }

  #execute<K extends HelpdeskOperationId>(
    transport: Transport,
    operationId: K,
    input: HelpdeskOperationTypes[K]['input'],
    options?: CallOptions,
  ) {
    const operation = helpdeskOperations[operationId];
    const schema = (helpdeskRequestSchemas as Partial<Record<HelpdeskOperationId, z.ZodMiniType>>)[
      operationId
    ];
    if (schema && operation.request && 'schema' in operation.request) {
      const body = (input as { body?: unknown }).body;
      const result = schema.safeParse(body);
      if (!result.success)
        throw new ValidationError(requestIssues(result.error, body), {
          what: `Invalid ${operation.request.schema} for ${operationId}`,
          method: operation.method,
        });
    }
    return executeOperation<HelpdeskOperationTypes[K]['output']>(
      transport,
      operation,
      input as unknown as Record<string, unknown>,
      { baseUrl: this.baseUrl, mapError: (body, ctx) => new HelpdeskApiError(body, { ...ctx, operationId }) },
      options,
    );
  }

  /** Any operation by its operationId, with typed input and raw output. */
  async call<K extends HelpdeskOperationId>(
    operationId: K,
    input: HelpdeskOperationTypes[K]['input'],
    options?: CallOptions,
  ): Promise<HelpdeskOperationTypes[K]['output']> {
    return (await this.#execute(this.#transport, operationId, input, options)).data;
  }
}
