import type { OperationDefinition } from '@regkit/core';
import {
  helpdeskOperations,
  helpdeskRequestSchemas,
  type HelpdeskOperationId,
} from '@regkit/helpdesk-client/payloads';
import { ApiPipeline, type ApiProfile, type BodyCodec } from '../http/pipeline.js';
import type { OperationRouter, RouteMatch } from '../http/router.js';
import type { MockRequest } from '../http/types.js';
import { helpdeskAnswer, helpdeskErrors, HelpdeskRuleError, noResource } from './errors.js';
import { helpdeskHandlers, type HelpdeskHandlerContext } from './handlers.js';
import { technicianOf } from './rules.js';
import type { HelpdeskState } from './state.js';

const FORM = 'application/x-www-form-urlencoded';

function jsonBody(request: MockRequest): Record<string, unknown> | undefined {
  if (!request.body.trim()) return undefined;
  const type = String(request.headers['content-type'] ?? '');
  if (!type.includes('json'))
    throw new HelpdeskRuleError(
      415,
      `The request entity's media type '${type || '(none)'}' is not supported for this resource.`,
    );
  try {
    const value = JSON.parse(request.body) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new HelpdeskRuleError(400, 'The request body is not a valid JSON object.');
  }
}

/** The operation of a request under `/TrackIt/WebApi`; throws HelpdeskRuleError when none. */
function routeOf(request: MockRequest, router: OperationRouter<string>): RouteMatch<string> {
  const parts = request.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.some((p) => [...p].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)))
    throw new HelpdeskRuleError(400, 'The URL path contains a control character.');
  if (parts[0]?.toLowerCase() !== 'trackit' || parts[1]?.toLowerCase() !== 'webapi')
    throw noResource(request.url.pathname);
  const match = router.match(
    request.method,
    parts.slice(2).map((name) => ({ name, matrix: {} })),
  );
  if (!('reason' in match)) return match;
  const m = request.method;
  if (match.reason === 'method-not-allowed' || (m !== 'GET' && m !== 'POST'))
    throw new HelpdeskRuleError(405, 'The requested resource does not support this method.', undefined, {
      allow: match.reason === 'method-not-allowed' ? match.allow.join(', ') : '',
    });
  throw noResource(parts.slice(2).join('/'));
}

/**
 * JSON bodies, and the form of the token call. An absent body, or a token call that is not
 * form-encoded, reaches the rules without one: they word those refusals.
 */
const helpdeskBodyCodec: BodyCodec<HelpdeskState, HelpdeskHandlerContext> = {
  decode({ match, request }) {
    const media = match.operation.request?.mediaType;
    if (media === 'application/json') return jsonBody(request);
    if (media === FORM && String(request.headers['content-type'] ?? '').startsWith(FORM))
      return Object.fromEntries(new URLSearchParams(request.body));
    return undefined;
  },
  encode: ({ headers }, output) => helpdeskAnswer(200, output, headers),
};

/** The Track-It! Web API as the pipeline serves it. */
const helpdeskProfile: ApiProfile<HelpdeskOperationId, HelpdeskState, HelpdeskHandlerContext> = {
  operations: helpdeskOperations,
  // ASP.NET routing: literal segments match in any case.
  caseInsensitive: true,
  route: routeOf,
  context({ state, request, match, headers }) {
    const authorization =
      typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
    const tech = match.operation.security.length ? technicianOf(state, authorization) : undefined;
    return { state, tech: () => tech ?? technicianOf(state, authorization), request, headers };
  },
  // The validators the client checks its bodies with.
  schemaOf: (operationId) => helpdeskRequestSchemas[operationId as keyof typeof helpdeskRequestSchemas],
  codec: helpdeskBodyCodec,
  errors: helpdeskErrors,
  handlers: helpdeskHandlers,
};

export const helpdeskPipeline = new ApiPipeline(helpdeskProfile);

/** The operations the mock serves: the spec's, or those of a newer spec (`startHelpdeskMock({ operations })`). */
export type HelpdeskOperationMap = Readonly<Record<string, OperationDefinition>>;

/** Every operation of the spec, and those the mock has a rule for. */
export const HELPDESK_OPERATION_IDS = helpdeskPipeline.operationIds;
export const HELPDESK_HANDLED_OPERATION_IDS = helpdeskPipeline.handledOperationIds();
