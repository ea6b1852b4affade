import { arinOperations, type ArinOperationId, type ArinOperationTypes } from '@regkit/arin-client';
import { arinCodec, arinRequestSchemas, type ErrorPayload } from '@regkit/arin-client/payloads';
import { DecodeError, type OperationDefinition } from '@regkit/core';
import type { MockRequest, MockResponse } from '../http/server.js';
import {
  OperationRouter,
  ParameterError,
  parametersOf,
  type RouteMatch,
  type Segment,
} from '../http/router.js';
import { ArinRuleError, INVALID_KEY } from './errors.js';
import { arinHandlers, type ArinHandlerContext, type ArinHandlers } from './handlers.js';
import { checkFieldLengths } from './limits.js';
import { formatRpsl, parseRpsl, type IrrElement, type IrrPayload } from './rpsl.js';
import { callerOf } from './rules/context.js';
import { checkPrefixLengthText } from './rules/net.js';
import type { ArinState } from './state.js';

/** zod issue codes of facet checks (pattern, length) rather than of the payload's shape. */
const FACET_CODES = new Set(['invalid_format', 'too_small', 'too_big']);

const XML = { 'content-type': 'application/xml' };

export function arinError(
  status: number,
  code: string,
  message: string,
  components: readonly NonNullable<ErrorPayload['components']>[number][] = [],
  headers: Record<string, string> = {},
): MockResponse {
  const payload: ErrorPayload = { message, code, components: [...components], additionalInfo: [] };
  return { status, headers: { ...XML, ...headers }, body: arinCodec().encode('error', payload) };
}

/** Percent-decodes a path part; control characters (NUL included) are no part of any handle. */
function decodePart(text: string): string {
  const value = decodeURIComponent(text);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f)
      throw new ArinRuleError(400, 'E_BAD_REQUEST', 'The URL path contains a control character.');
  }
  return value;
}

function splitSegment(segment: string): Segment {
  const [name = '', ...params] = segment.split(';');
  const matrix: Record<string, string> = {};
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) throw new ArinRuleError(400, 'E_BAD_REQUEST', `The matrix parameter ${p} has no value.`);
    matrix[decodePart(p.slice(0, eq))] = decodePart(p.slice(eq + 1));
  }
  return { name: decodePart(name), matrix };
}

function apiKeyOf(request: MockRequest): string | undefined {
  for (const name of new Set(request.url.searchParams.keys())) {
    if (name !== 'apikey' && name.toLowerCase() === 'apikey')
      throw new ArinRuleError(
        400,
        'E_AUTHENTICATION',
        `${INVALID_KEY} The parameter is named apikey, not ${name}.`,
      );
  }
  const query = request.url.searchParams.get('apikey');
  if (query !== null) return query;
  const header = request.headers.authorization;
  const m = typeof header === 'string' ? /^ApiKey\s+(\S+)$/.exec(header) : null;
  return m?.[1];
}

interface PayloadSchema {
  safeParse(value: unknown):
    | { success: true; data: unknown }
    | {
        success: false;
        error: { issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[] };
      };
}
/** Exactly the validators the client runs before sending (the `…Create` variant where it sends one). */
const REQUEST_SCHEMAS: Readonly<Partial<Record<ArinOperationId, PayloadSchema>>> = arinRequestSchemas;

const mediaTypeOf = (header: string | string[] | undefined) =>
  String(header ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();

/**
 * The representation of an IRR call: RPSL when the body is `application/rpsl`, or, without a body,
 * when `application/rpsl` is accepted and XML is not.
 */
function representationOf(match: RouteMatch<string>, request: MockRequest): 'xml' | 'rpsl' {
  const body = match.operation.responses.find((r) => !r.error)?.body;
  if (!body || !('rpsl' in body) || !body.rpsl) return 'xml';
  if (match.operation.request) return mediaTypeOf(request.headers['content-type']) === RPSL ? 'rpsl' : 'xml';
  const accept = String(request.headers.accept ?? '').toLowerCase();
  return accept.includes(RPSL) && !accept.includes('xml') ? 'rpsl' : 'xml';
}
const RPSL = 'application/rpsl';

function decodeBody(state: ArinState, match: RouteMatch<string>, request: MockRequest): unknown {
  const body = match.operation.request;
  const schema = isArinOperationId(match.operationId) ? REQUEST_SCHEMAS[match.operationId] : undefined;
  if (!body || !('element' in body) || !schema) return undefined;
  const type = mediaTypeOf(request.headers['content-type']);
  if (type === RPSL && 'rpsl' in body && body.rpsl) {
    const value = parseRpsl(body.element as IrrElement, request.body);
    checkFieldLengths(value, state.settings.maxFieldLength);
    return value;
  }
  if (type !== 'application/xml' && type !== 'text/xml') {
    throw new ArinRuleError(
      415,
      'E_UNSUPPORTED_MEDIA_TYPE',
      `The content type ${type || '(none)'} is not supported; send application/xml.`,
    );
  }
  checkPrefixLengthText(request.body);
  let value: unknown;
  try {
    value = arinCodec().decode(request.body, body.element);
  } catch (error) {
    if (error instanceof DecodeError)
      throw new ArinRuleError(
        400,
        'E_SCHEMA_VALIDATION',
        `Payload failed schema validation: ${error.message}`,
      );
    throw error;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // ARIN's own schema types addresses and prefix lengths as plain text and refuses bad ones in its
    // entity rules; the facets our XSD adds for clients (patterns, lengths) answer the same way here.
    const issues = parsed.error.issues;
    if (issues.length > 0 && issues.every((i) => FACET_CODES.has(i.code ?? '')))
      throw new ArinRuleError(
        400,
        'E_ENTITY_VALIDATION',
        'Payload has invalid values.',
        issues.map((i) => ({ name: String(i.path.at(-1) ?? body.element), message: i.message })),
      );
    const components = issues.map((i) => ({
      name: i.path.map(String).join('.') || body.element,
      message: i.message,
    }));
    throw new ArinRuleError(400, 'E_SCHEMA_VALIDATION', 'Payload failed schema validation.', components);
  }
  checkFieldLengths(parsed.data, state.settings.maxFieldLength);
  return parsed.data;
}

/** The operations the mock serves: the spec's, or those of a newer spec (`startArinMock({ operations })`). */
export type ArinOperationMap = Readonly<Record<string, OperationDefinition>>;

const specRouter = new OperationRouter<string>(arinOperations);
const routers = new WeakMap<ArinOperationMap, OperationRouter<string>>();
function routerOf(operations: ArinOperationMap | undefined): OperationRouter<string> {
  if (!operations) return specRouter;
  let router = routers.get(operations);
  if (!router) routers.set(operations, (router = new OperationRouter<string>(operations)));
  return router;
}

const isArinOperationId = (id: string): id is ArinOperationId => Object.hasOwn(arinOperations, id);

/** The operation of a request, with its path values and matrix parameters; throws ArinRuleError when none. */
function routeOf(request: MockRequest, router: OperationRouter<string> = specRouter): RouteMatch<string> {
  const raw = request.rawPath.split('/').slice(1);
  // ARIN answers 405 for a path it has no resource at: the resource allows no method (empty Allow).
  if (raw[0] !== 'rest')
    throw new ArinRuleError(
      405,
      'E_METHOD_NOT_ALLOWED',
      `${request.method} ${request.url.pathname} is not a Reg-RWS resource.`,
      [],
      { allow: '' },
    );
  const match = router.match(request.method, raw.slice(1).map(splitSegment));
  if ('reason' in match)
    throw new ArinRuleError(
      405,
      'E_METHOD_NOT_ALLOWED',
      `The method ${request.method} is not allowed for ${request.url.pathname}.`,
      [],
      { allow: match.reason === 'method-not-allowed' ? match.allow.join(', ') : '' },
    );
  return match;
}

/** The operation id a request would run, or undefined when it matches none. */
export function arinOperationOf(request: MockRequest, operations?: ArinOperationMap): string | undefined {
  try {
    return routeOf(request, routerOf(operations)).operationId;
  } catch {
    return undefined;
  }
}

function parameterMessage(error: ParameterError): string {
  const { param } = error;
  if (param.type === 'boolean') return `The parameter ${param.name} must be true or false.`;
  if (param.type === 'integer') return `The parameter ${param.name} must be an integer.`;
  return `The parameter ${param.name} must be one of ${(param.enum ?? []).join(', ')}.`;
}

/**
 * Runs the handler of one operation. The input was built from this operation's descriptor (the
 * parameters typed by `parametersOf`, the body validated by its request schema): the shape its
 * generated input type describes.
 */
function dispatch<K extends ArinOperationId>(
  handlers: ArinHandlers,
  operationId: K,
  input: Record<string, unknown>,
  ctx: ArinHandlerContext,
): { handled: false } | { handled: true; output: ArinOperationTypes[K]['output'] } {
  const handler = handlers[operationId];
  if (!handler) return { handled: false };
  return { handled: true, output: handler(input as ArinOperationTypes[K]['input'], ctx) };
}

function encodeOutput(
  match: RouteMatch<string>,
  output: unknown,
  headers: Record<string, string>,
  representation: 'xml' | 'rpsl',
): MockResponse {
  const body = (
    match.operation.responses.find((r) => r.status === 200) ?? match.operation.responses.find((r) => !r.error)
  )?.body;
  if (!body) return { status: 200, headers };
  if (representation === 'rpsl' && 'element' in body)
    return {
      status: 200,
      headers: { 'content-type': RPSL, ...headers },
      body: formatRpsl(body.element as IrrElement, output as IrrPayload),
    };
  if (body.mediaType === 'application/octet-stream') {
    if (!(output instanceof Uint8Array)) throw new Error(`${match.operationId} answered no bytes`);
    return { status: 200, headers: { 'content-type': 'application/octet-stream', ...headers }, body: output };
  }
  if (!('element' in body)) throw new Error(`${match.operationId} answers no XML`);
  const xml =
    'collectionOf' in body
      ? arinCodec().encodeCollection(body.collectionOf, Array.isArray(output) ? output : [output])
      : arinCodec().encode(body.element, output);
  return { status: 200, headers: { ...XML, ...headers }, body: xml };
}

/** Answers one Reg-RWS request against the state: route, authenticate, parameters, body, rule, encode. */
export function handleArinRequest(
  state: ArinState,
  request: MockRequest,
  handlers: ArinHandlers = arinHandlers,
  operations?: ArinOperationMap,
): MockResponse {
  try {
    const match = routeOf(request, routerOf(operations));
    const caller = callerOf(state, apiKeyOf(request));
    const input = parametersOf(match, request.url.searchParams);
    const body = decodeBody(state, match, request);
    if (body !== undefined) input.body = body;
    const headers: Record<string, string> = {};
    const representation = representationOf(match, request);
    const result = isArinOperationId(match.operationId)
      ? dispatch(handlers, match.operationId, input, { caller, headers, representation })
      : { handled: false as const };
    if (!result.handled)
      return arinError(501, 'E_NOT_IMPLEMENTED', `The mock server has no rule for ${match.operationId}.`);
    return encodeOutput(match, result.output, headers, representation);
  } catch (error) {
    if (error instanceof ArinRuleError)
      return arinError(error.status, error.code, error.message, error.components, { ...error.headers });
    if (error instanceof ParameterError) return arinError(400, 'E_BAD_REQUEST', parameterMessage(error));
    if (error instanceof URIError)
      return arinError(400, 'E_BAD_REQUEST', 'The URL is not correctly percent-encoded.');
    throw error;
  }
}

/** Every operation of the spec, and those the mock has a rule for. */
export const ARIN_OPERATION_IDS = specRouter.operationIds.filter(isArinOperationId);
export const ARIN_HANDLED_OPERATION_IDS = ARIN_OPERATION_IDS.filter((id) => arinHandlers[id] !== undefined);
