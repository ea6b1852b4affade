import { arinOperations, type ArinOperationId } from '@regkit/arin-client';
import { arinCodec, arinRequestSchemas } from '@regkit/arin-client/payloads';
import { DecodeError, type OperationDefinition } from '@regkit/core';
import { EncodeMemo } from '../http/encodeMemo.js';
import { ApiPipeline, type ApiProfile, type BodyCodec, type Exchange } from '../http/pipeline.js';
import type { OperationRouter, RouteMatch, Segment } from '../http/router.js';
import type { MockRequest, MockResponse } from '../http/types.js';
import { arinErrors, ArinRuleError, INVALID_KEY } from './errors.js';
import { arinHandlers, type ArinHandlerContext, type ArinHandlers } from './handlers.js';
import { checkFieldLengths } from './limits.js';
import { formatRpsl, parseRpsl, type IrrElement, type IrrPayload } from './rpsl.js';
import { callerOf } from './rules/access.js';
import { checkPrefixLengthText } from './rules/net.js';
import type { ArinState } from './state.js';

const XML = { 'content-type': 'application/xml' };
const RPSL = 'application/rpsl';

/** Percent-decodes a path part; control characters (NUL included) are no part of any handle. */
function decodePart(text: string): string {
  const value = text.includes('%') ? decodeURIComponent(text) : text;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f)
      throw new ArinRuleError(400, 'E_BAD_REQUEST', 'The URL path contains a control character.');
  }
  return value;
}

function splitSegment(segment: string): Segment {
  if (!segment.includes(';')) return { name: decodePart(segment), matrix: {} };
  const [name = '', ...params] = segment.split(';');
  const matrix: Record<string, string> = {};
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) throw new ArinRuleError(400, 'E_BAD_REQUEST', `The matrix parameter ${p} has no value.`);
    matrix[decodePart(p.slice(0, eq))] = decodePart(p.slice(eq + 1));
  }
  return { name: decodePart(name), matrix };
}

/** The operation of a request under `/rest`, with its path values and matrix parameters. */
function routeOf(request: MockRequest, router: OperationRouter<string>): RouteMatch<string> {
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

function apiKeyOf(request: MockRequest): string | undefined {
  for (const name of request.url.searchParams.keys()) {
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

/** The XML answers already encoded, by the data they encode. */
const encodings = new EncodeMemo();

const isArinOperationId = (id: string): id is ArinOperationId => Object.hasOwn(arinOperations, id);

/** XML payloads (RPSL objects for the IRR calls that take them), octet streams for attachments. */
const arinBodyCodec: BodyCodec<ArinState, ArinHandlerContext> = {
  decode({ match, request }, ctx) {
    const body = match.operation.request;
    const id = match.operationId;
    if (
      !body ||
      !('element' in body) ||
      !isArinOperationId(id) ||
      !arinRequestSchemas[id as keyof typeof arinRequestSchemas]
    )
      return undefined;
    if (ctx.representation === 'rpsl') return parseRpsl(body.element as IrrElement, request.body);
    const type = mediaTypeOf(request.headers['content-type']);
    if (type !== 'application/xml' && type !== 'text/xml') {
      throw new ArinRuleError(
        415,
        'E_UNSUPPORTED_MEDIA_TYPE',
        `The content type ${type || '(none)'} is not supported; send application/xml.`,
      );
    }
    checkPrefixLengthText(request.body);
    try {
      return arinCodec().decode(request.body, body.element);
    } catch (error) {
      if (error instanceof DecodeError)
        throw new ArinRuleError(
          400,
          'E_SCHEMA_VALIDATION',
          `Payload failed schema validation: ${error.message}`,
        );
      throw error;
    }
  },
  accept: ({ state }, value) => checkFieldLengths(value, state.settings.maxFieldLength),
  encode({ match, headers }, output, ctx): MockResponse {
    const body = (
      match.operation.responses.find((r) => r.status === 200) ??
      match.operation.responses.find((r) => !r.error)
    )?.body;
    if (!body) return { status: 200, headers };
    if (ctx.representation === 'rpsl' && 'element' in body)
      return {
        status: 200,
        headers: { 'content-type': RPSL, ...headers },
        body: formatRpsl(body.element as IrrElement, output as IrrPayload),
      };
    if (body.mediaType === 'application/octet-stream') {
      if (!(output instanceof Uint8Array)) throw new Error(`${match.operationId} answered no bytes`);
      return {
        status: 200,
        headers: { 'content-type': 'application/octet-stream', ...headers },
        body: output,
      };
    }
    if (!('element' in body)) throw new Error(`${match.operationId} answers no XML`);
    // a read answered again with the same data is not encoded again
    let xml: string;
    if ('collectionOf' in body) {
      const items = Array.isArray(output) ? output : [output];
      xml = encodings.encode(`collection ${body.collectionOf}`, items, () =>
        arinCodec().encodeCollection(body.collectionOf, items),
      );
    } else
      xml = encodings.encode(`element ${body.element}`, output, () =>
        arinCodec().encode(body.element, output),
      );
    return { status: 200, headers: { ...XML, ...headers }, body: xml };
  },
};

/** The Reg-RWS API as the pipeline serves it. */
const arinProfile: ApiProfile<ArinOperationId, ArinState, ArinHandlerContext> = {
  operations: arinOperations,
  route: routeOf,
  context: ({ state, request, match, headers }: Exchange<ArinState>) => ({
    caller: callerOf(state, apiKeyOf(request)),
    headers,
    representation: representationOf(match, request),
  }),
  // Exactly the validators the client runs before sending (the `…Create` variant where it sends one);
  // an RPSL object is checked as the RPSL parser reads it.
  schemaOf: (operationId, ctx) =>
    ctx.representation === 'rpsl'
      ? undefined
      : arinRequestSchemas[operationId as keyof typeof arinRequestSchemas],
  codec: arinBodyCodec,
  errors: arinErrors,
  handlers: arinHandlers,
};

export const arinPipeline = new ApiPipeline(arinProfile);

/** The operations the mock serves: the spec's, or those of a newer spec (`startArinMock({ operations })`). */
export type ArinOperationMap = Readonly<Record<string, OperationDefinition>>;

/** Answers one Reg-RWS request against the state: route, authenticate, parameters, body, rule, encode. */
export const handleArinRequest = (
  state: ArinState,
  request: MockRequest,
  handlers: ArinHandlers = arinHandlers,
  operations?: ArinOperationMap,
): MockResponse => arinPipeline.handle(state, request, handlers, operations);

/** Every operation of the spec, and those the mock has a rule for. */
export const ARIN_OPERATION_IDS = arinPipeline.operationIds;
export const ARIN_HANDLED_OPERATION_IDS = arinPipeline.handledOperationIds();
