import {
  apiKeyAuth,
  clientMiddlewareStack,
  createTransport,
  createXmlCodec,
  executeOperation,
  issuePath,
  requireSecureBaseUrl,
  ValidationError,
  type CallOptions,
  type Middleware,
  type MiddlewareStack,
  type RetryOptions,
  type Transport,
  transportLimits,
  type TransportLimits,
  userAgentOf,
  type XmlCodec,
  type XmlSchema,
} from '@regkit/core';
import { ArinApiError } from './arinApiError.js';
import type { ArinCommand, PayloadValidator } from './command.js';
import type { ErrorPayload } from './generated/types.gen.js';
import { version } from './version.gen.js';

export const ARIN_ENVIRONMENTS = {
  ote: 'https://reg.ote.arin.net/rest',
  production: 'https://reg.arin.net/rest',
} as const;

/** `fetch` or `http`, `timeoutMs`, `deadlineMs`, `maxResponseBytes`, `redirects` and `hooks` are the transport's (`TransportOptions`). */
export interface ArinClientOptions extends TransportLimits {
  /** The API key (`API-XXXX-XXXX-XXXX-XXXX`). Never appears in errors or logs. */
  readonly apiKey: string;
  /** `'ote'` (the default), `'production'` (only when named) or an http(s) base URL such as the mock server's; anything else is a `ValidationError` from the constructor. */
  readonly environment?: 'ote' | 'production' | (string & {}) | URL;
  /** Send the key as `?apikey=` (default) or as the `Authorization: ApiKey` header. */
  readonly apiKeyPlacement?: 'query' | 'header';
  /** Retry settings, or `false` for none (default: 3 attempts on 429, 503 and connection errors). */
  readonly retry?: RetryOptions | false;
  /** Extra middleware, outermost first, run on every attempt before authentication (see `middlewareStack`). */
  readonly middleware?: readonly Middleware[];
  /** Validate request payloads before sending (default true). */
  readonly validateRequests?: boolean;
  /** Validate decoded responses (default true). */
  readonly validateResponses?: boolean;
  /**
   * Allow a plain `http://` environment URL to a host other than this machine (default false: the
   * key would travel unencrypted in the query, so the constructor throws a `ValidationError`).
   */
  readonly allowInsecureHttp?: boolean;
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
  return error.issues.map((i) => ({ path: issuePath(root, i.path), message: i.message }));
}

/** One codec per schema, shared by every client: the full schema's, or one operation's. */
const codecs = new WeakMap<XmlSchema, XmlCodec>();
function codecOf(schema: XmlSchema): XmlCodec {
  let codec = codecs.get(schema);
  if (!codec) codecs.set(schema, (codec = createXmlCodec(schema)));
  return codec;
}

/**
 * The smallest Reg-RWS client: it runs commands imported one by one from
 * `@regkit/arin-client/operations`, so a bundle holds only the operations it calls.
 * Validation, auth, retry, XML and ARIN's errors are those of `ArinClient`, which rests on it.
 *
 * ```ts
 * const core = new ArinCore({ apiKey: process.env.ARIN_API_KEY! });
 * const poc = await core.call(getPocCommand, { pocHandle: 'JD1-ARIN' });
 * ```
 */
export class ArinCore {
  readonly baseUrl: string;
  /**
   * The client's middleware: `retry`, then the `middleware` option's (step `build`), then `auth`
   * (the API key). Changes apply to the calls that start after them.
   */
  readonly middlewareStack: MiddlewareStack;
  readonly #transport: Transport;
  readonly #validateRequests: boolean;
  readonly #validateResponses: boolean;

  constructor(options: ArinClientOptions) {
    this.baseUrl = resolveBaseUrl(options.environment);
    requireSecureBaseUrl(this.baseUrl, options.allowInsecureHttp, 'environment');
    this.middlewareStack = clientMiddlewareStack(
      options,
      apiKeyAuth({ apiKey: options.apiKey, placement: options.apiKeyPlacement }),
    );
    this.#transport = createTransport({
      ...transportLimits(options),
      middleware: this.middlewareStack,
      userAgent: userAgentOf('regkit-arin-client', version),
    });
    this.#validateRequests = options.validateRequests ?? true;
    this.#validateResponses = options.validateResponses ?? true;
    // `call` works detached from the client, like ArinClient's
    this.call = this.call.bind(this);
  }

  /** Runs one command with its typed input; resolves to its typed output. */
  async call<Input, Output>(
    command: ArinCommand<Input, Output>,
    input: Input,
    options?: ArinCallOptions,
  ): Promise<Output> {
    const { operation } = command;
    const { operationId } = operation;
    if (this.#validateRequests && command.request && operation.request && 'element' in operation.request) {
      const element = operation.request.element;
      check(command.request, (input as { body?: unknown }).body, element, {
        what: `Invalid ${element} payload for ${operationId}`,
        method: operation.method,
      });
    }
    const data = await this.#execute<Output>(command, input, options);
    if (this.#validateResponses && command.response)
      check(command.response, data, 'response', {
        what: `ARIN's ${operationId} response does not match the schema`,
        method: operation.method,
      });
    return data;
  }

  /**
   * Runs an IRR command in its RPSL representation (`application/rpsl`, for advanced objects): the
   * body, if the operation takes one, is the RPSL text; resolves to the RPSL text ARIN answers.
   */
  callRpsl<Input>(
    command: ArinCommand<Input, unknown>,
    input: RpslInput<Input>,
    options?: ArinCallOptions,
  ): Promise<string> {
    return this.#execute<string>(command, input, options, 'rpsl');
  }

  async #execute<Output>(
    command: ArinCommand<unknown, unknown>,
    input: unknown,
    options: ArinCallOptions | undefined,
    representation?: 'rpsl',
  ): Promise<Output> {
    const { operation } = command;
    const { operationId } = operation;
    const { data } = await executeOperation<Output>(
      this.#transport,
      operation,
      input as Record<string, unknown>,
      {
        baseUrl: this.baseUrl,
        xml: codecOf(command.xml),
        errorElement: 'error',
        mapError: (body, ctx) => new ArinApiError(body as ErrorPayload | undefined, { ...ctx, operationId }),
        ...(representation ? { representation } : {}),
      },
      options,
    );
    return data;
  }
}

/** The input of an operation in its RPSL representation: the same parameters, the body as RPSL text. */
export type RpslInput<Input> = Omit<Input, 'body'> &
  ('body' extends keyof Input ? { body: string } : unknown);

function check(
  validator: PayloadValidator,
  value: unknown,
  root: string,
  context: { what: string; method: string },
): void {
  const result = validator.safeParse(value);
  if (!result.success)
    throw new ValidationError(zodIssues(result.error as Parameters<typeof zodIssues>[0], root), context);
}
