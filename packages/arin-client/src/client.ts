import {
  apiKeyAuth,
  createTransport,
  executeOperation,
  retryMiddleware,
  ValidationError,
  type CallOptions,
  type Middleware,
  type RetryOptions,
  type Transport,
  type TransportHooks,
  userAgentOf,
} from '@regkit/core';
import { ArinApiError } from './arinApiError.js';
import {
  arinOperations,
  arinRequestSchemas,
  arinResponseSchemas,
  type ArinOperationId,
  type ArinOperationTypes,
} from './generated/operations.gen.js';
import type { ErrorPayload } from './generated/types.gen.js';
import { arinCodec } from './payloads.js';
import { version } from './version.gen.js';

export const ARIN_ENVIRONMENTS = {
  ote: 'https://reg.ote.arin.net/rest',
  production: 'https://reg.arin.net/rest',
} as const;

export interface ArinClientOptions {
  /** The API key (`API-XXXX-XXXX-XXXX-XXXX`). Never appears in errors or logs. */
  readonly apiKey: string;
  /** `'ote'` (the default), `'production'` (only when named) or an http(s) base URL such as the mock server's; anything else is a `ValidationError` from the constructor. */
  readonly environment?: 'ote' | 'production' | (string & {}) | URL;
  /** Send the key as `?apikey=` (default) or as the `Authorization: ApiKey` header. */
  readonly apiKeyPlacement?: 'query' | 'header';
  readonly fetch?: typeof globalThis.fetch;
  /** Per-attempt time limit in ms, response body included (default 30 s); `0` for none. */
  readonly timeoutMs?: number;
  /** Time limit of a whole call in ms, retries and `Retry-After` waits included (default 120 s); `0` for none. */
  readonly deadlineMs?: number;
  /** Largest response body accepted, in bytes (default 32 MiB); reading stops past it with `ResponseTooLargeError`. */
  readonly maxResponseBytes?: number;
  /**
   * `'none'` (default): a redirect answer is a `RedirectError`. `'same-origin'`: redirects within the
   * API's origin are followed. A redirect to another origin is never followed and credentials never go there.
   */
  readonly redirects?: 'none' | 'same-origin';
  /** Retry settings, or `false` for none (default: 3 attempts on 429, 503 and connection errors). */
  readonly retry?: RetryOptions | false;
  /** Log hooks: they receive redacted URLs and headers only. */
  readonly hooks?: TransportHooks;
  /** Extra middleware, outermost first, run before authentication. */
  readonly middleware?: readonly Middleware[];
  /** Validate request payloads before sending (default true). */
  readonly validateRequests?: boolean;
  /** Validate decoded responses (default true). */
  readonly validateResponses?: boolean;
}

export type ArinCallOptions = CallOptions;

/** `'ote'`, `'production'` or an http(s) URL; anything else (`'prod'`, a bare host) fails here, not at the first call. */
function resolveBaseUrl(environment: ArinClientOptions['environment']): string {
  if (environment === undefined || environment === 'ote') return ARIN_ENVIRONMENTS.ote;
  if (environment === 'production') return ARIN_ENVIRONMENTS.production;
  let url: URL | undefined;
  try {
    url = new URL(String(environment));
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    const shown = typeof environment === 'string' ? JSON.stringify(environment) : typeof environment;
    throw new ValidationError(
      [{ path: 'environment', message: `must be 'ote', 'production' or an http(s) URL, not ${shown}` }],
      { what: 'Invalid ArinClient options' },
    );
  }
  return String(environment);
}

function zodIssues(
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
  root: string,
) {
  return error.issues.map((i) => ({
    path: [root, ...i.path]
      .map((p, n) => (typeof p === 'number' ? `[${p}]` : n === 0 ? String(p) : `.${String(p)}`))
      .join(''),
    message: i.message,
  }));
}

/** Runs the generated operations of Reg-RWS: validation, auth, retry, XML, ARIN's errors. */
export class ArinTransport {
  readonly baseUrl: string;
  readonly #transport: Transport;
  readonly #validateRequests: boolean;
  readonly #validateResponses: boolean;

  constructor(options: ArinClientOptions) {
    this.baseUrl = resolveBaseUrl(options.environment);
    const middleware: Middleware[] = [];
    if (options.retry !== false) middleware.push(retryMiddleware(options.retry ?? {}));
    middleware.push(...(options.middleware ?? []));
    middleware.push(apiKeyAuth({ apiKey: options.apiKey, placement: options.apiKeyPlacement }));
    this.#transport = createTransport({
      fetch: options.fetch,
      middleware,
      timeoutMs: options.timeoutMs,
      deadlineMs: options.deadlineMs,
      maxResponseBytes: options.maxResponseBytes,
      redirects: options.redirects,
      hooks: options.hooks,
      userAgent: userAgentOf('regkit-arin-client', version),
    });
    this.#validateRequests = options.validateRequests ?? true;
    this.#validateResponses = options.validateResponses ?? true;
  }

  /** Calls one operation by its operationId with typed input and output. */
  async call<K extends ArinOperationId>(
    operationId: K,
    input: ArinOperationTypes[K]['input'],
    options?: ArinCallOptions,
  ): Promise<ArinOperationTypes[K]['output']> {
    const operation = arinOperations[operationId];
    const requestSchema = (
      arinRequestSchemas as Record<string, { safeParse(v: unknown): { success: boolean; error?: unknown } }>
    )[operationId];
    if (this.#validateRequests && requestSchema && operation.request && 'element' in operation.request) {
      const result = requestSchema.safeParse((input as { body?: unknown }).body);
      if (!result.success) {
        throw new ValidationError(
          zodIssues(result.error as Parameters<typeof zodIssues>[0], operation.request.element),
          {
            what: `Invalid ${operation.request.element} payload for ${operationId}`,
            method: operation.method,
          },
        );
      }
    }
    const { data } = await executeOperation<ArinOperationTypes[K]['output']>(
      this.#transport,
      operation,
      input as unknown as Record<string, unknown>,
      {
        baseUrl: this.baseUrl,
        xml: arinCodec(),
        errorElement: 'error',
        mapError: (body, ctx) => new ArinApiError(body as ErrorPayload | undefined, { ...ctx, operationId }),
      },
      options,
    );
    const responseSchema = (
      arinResponseSchemas as Record<string, { safeParse(v: unknown): { success: boolean; error?: unknown } }>
    )[operationId];
    if (this.#validateResponses && responseSchema) {
      const result = responseSchema.safeParse(data);
      if (!result.success) {
        throw new ValidationError(zodIssues(result.error as Parameters<typeof zodIssues>[0], 'response'), {
          what: `ARIN's ${operationId} response does not match the schema`,
          method: operation.method,
        });
      }
    }
    return data;
  }
}
