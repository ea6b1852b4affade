import type { BodyDefinition, OperationDefinition } from './descriptors.js';
import {
  DecodeError,
  EncodeError,
  HttpStatusError,
  type RegkitError,
  type RequestDetails,
} from './errors.js';
import { redact } from './redact.js';
import type { CallOptions, RequestBody } from './request.js';
import type { Transport } from './transport/types.js';
import { buildUrl, type OperationInput } from './url.js';
import type { EncodeOptions, XmlCodec } from './xml/codec.js';

export interface ErrorContext extends RequestDetails {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Record<string, string>;
  readonly bodyText: string;
}

export interface ExecuteOptions {
  readonly baseUrl: string | URL;
  /** Required for operations with XML bodies. */
  readonly xml?: XmlCodec;
  readonly encode?: EncodeOptions;
  /** Turn an error response into the API's own error class (default: HttpStatusError). */
  readonly mapError?: (body: unknown, context: ErrorContext) => RegkitError;
  /** Element of the API's XML error body (ARIN: `error`). */
  readonly errorElement?: string;
  /**
   * Send and receive the RPSL text an operation offers beside XML (`application/rpsl`): the body
   * is a string and the answer is the text as ARIN sent it.
   */
  readonly representation?: 'rpsl';
}

export interface OperationResult<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly data: T;
}

function encodeBody(
  body: BodyDefinition,
  value: unknown,
  options: ExecuteOptions,
): { body: RequestBody; type: string } {
  switch (body.mediaType) {
    case 'application/xml': {
      if (!options.xml) throw new EncodeError('no XML codec configured');
      const xml =
        'collectionOf' in body
          ? options.xml.encodeCollection(body.collectionOf, value as unknown[], options.encode)
          : options.xml.encode(body.element, value, {
              variant: 'variant' in body ? body.variant : undefined,
              ...options.encode,
            });
      return { body: xml, type: 'application/xml' };
    }
    case 'application/json':
      return { body: JSON.stringify(value), type: 'application/json' };
    case BYTES:
      if (!(value instanceof Uint8Array)) throw new EncodeError('a binary body must be a Uint8Array');
      return { body: value, type: BYTES };
    default: {
      const form = new URLSearchParams();
      for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>))
        if (v !== undefined) form.set(k, String(v));
      return { body: form, type: 'application/x-www-form-urlencoded' };
    }
  }
}

function decodeBody(
  body: BodyDefinition | undefined,
  text: string,
  options: ExecuteOptions,
  details: RequestDetails,
): unknown {
  if (!body) return undefined;
  try {
    if (body.mediaType === 'application/xml') {
      if (!options.xml) throw new DecodeError('no XML codec configured');
      return 'collectionOf' in body
        ? options.xml.decodeCollection(text, body.collectionOf)
        : options.xml.decode(text, body.element);
    }
    if (text.trim() === '') return undefined;
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (error instanceof DecodeError) throw new DecodeError(error.message, '', { ...details, cause: error });
    throw new DecodeError(
      `response is not valid ${body.mediaType}: ${(error as Error).message}`,
      '',
      details,
    );
  }
}

function parseErrorBody(text: string, contentType: string, options: ExecuteOptions): unknown {
  if (text.trim() === '') return undefined;
  try {
    if (contentType.includes('xml') && options.xml && options.errorElement)
      return options.xml.decode(text, options.errorElement);
    if (contentType.includes('json') || /^\s*[{[]/.test(text)) return parseJsonWithoutPrototypes(text);
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * JSON whose objects have a null prototype: a key such as `__proto__` or `constructor` in a
 * server's error body is an ordinary own property, never the object's prototype.
 */
export function parseJsonWithoutPrototypes(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.assign(Object.create(null) as Record<string, unknown>, value)
      : value,
  );
}

const BYTES = 'application/octet-stream';
const RPSL = 'application/rpsl';

const offersRpsl = (body: BodyDefinition | undefined) => !!body && 'rpsl' in body && body.rpsl === true;

function rpslRequest(operation: OperationDefinition, body: unknown): RequestBody | undefined {
  if (!operation.responses.some((r) => !r.error && offersRpsl(r.body)))
    throw new EncodeError(`${operation.operationId} is not offered as RPSL`);
  if (!operation.request) return undefined;
  if (typeof body !== 'string' || body.trim() === '')
    throw new EncodeError(`${operation.operationId} needs its RPSL object as a non-empty string`);
  return body;
}

const acceptOf = (op: OperationDefinition) => {
  const types = new Set(
    op.responses.map((r) => r.body?.mediaType).filter((t): t is BodyDefinition['mediaType'] => !!t),
  );
  return types.size ? [...types].join(', ') : '*/*';
};

/**
 * Run one operation: build the URL, encode the body, send it through the transport, and decode
 * the response by status, or throw the API's error with its parsed error body.
 */
export async function executeOperation<T>(
  transport: Transport,
  operation: OperationDefinition,
  input: OperationInput,
  options: ExecuteOptions,
  callOptions: CallOptions = {},
): Promise<OperationResult<T>> {
  const url = buildUrl(options.baseUrl, operation, input);
  const rpsl = options.representation === 'rpsl';
  const headers = new Headers({ accept: rpsl ? RPSL : acceptOf(operation) });
  let body: RequestBody | undefined;
  if (rpsl) {
    body = rpslRequest(operation, input.body);
    if (body !== undefined) headers.set('content-type', RPSL);
  } else if (operation.request) {
    if (input.body === undefined) throw new EncodeError(`${operation.operationId} needs a request body`);
    const encoded = encodeBody(operation.request, input.body, options);
    body = encoded.body;
    headers.set('content-type', encoded.type);
  }
  const response = await transport.send(
    {
      method: operation.method,
      url,
      headers,
      body,
      retry: operation.retry,
      operationId: operation.operationId,
      outcomeCheck: operation.outcomeCheck,
    },
    callOptions,
  );
  const details: RequestDetails = { method: operation.method, url, status: response.status };
  const definition = operation.responses.find((r) => r.status === response.status);
  if (response.ok && (definition ?? operation.responses.find((r) => !r.error))?.body?.mediaType === BYTES) {
    const data = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, data: data as T };
  }
  const text = await response.text();
  if (!response.ok) {
    const headerObject: Record<string, string> = {};
    response.headers.forEach((v, k) => (headerObject[k] = v));
    const parsed = parseErrorBody(text, response.headers.get('content-type') ?? '', options);
    const context: ErrorContext = {
      ...details,
      status: response.status,
      statusText: response.statusText,
      headers: headerObject,
      bodyText: text,
    };
    if (options.mapError) throw options.mapError(parsed, context);
    throw new HttpStatusError(
      `${operation.operationId} failed with ${response.status} ${response.statusText}`,
      {
        ...context,
        body: parsed,
        bodyText: parsed === undefined ? redact(text.slice(0, 2000)) : undefined,
      },
    );
  }
  const success = definition ?? operation.responses.find((r) => !r.error);
  if (rpsl) return { status: response.status, headers: response.headers, data: text as T };
  return {
    status: response.status,
    headers: response.headers,
    data: decodeBody(success?.body, text, options, details) as T,
  };
}
