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
  transportLimits,
  type TransportLimits,
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

/** `fetch`, `timeoutMs`, `deadlineMs`, `maxResponseBytes`, `redirects` and `hooks` are the transport's (`TransportOptions`). */
export interface ArinClientOptions extends TransportLimits {
  /** The API key (`API-XXXX-XXXX-XXXX-XXXX`). Never appears in errors or logs. */
  readonly apiKey: string;
  /** `'ote'` (the default), `'production'` (only when named) or an http(s) base URL such as the mock server's; anything else is a `ValidationError` from the constructor. */
  readonly environment?: 'ote' | 'production' | (string & {}) | URL;
  /** Send the key as `?apikey=` (default) or as the `Authorization: ApiKey` header. */
  readonly apiKeyPlacement?: 'query' | 'header';
  /** Retry settings, or `false` for none (default: 3 attempts on 429, 503 and connection errors). */
  readonly retry?: RetryOptions | false;
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
      ...transportLimits(options),
      middleware,
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
