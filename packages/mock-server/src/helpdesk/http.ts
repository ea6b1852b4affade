import type { OperationDefinition } from '@regkit/core';
import {
  helpdeskOperations,
  helpdeskRequestSchemas,
  requestIssues,
  type HelpdeskOperationId,
  type HelpdeskOperationTypes,
} from '@regkit/helpdesk-client/payloads';
import type * as z from 'zod/mini';
import type { MockRequest, MockResponse } from '../http/server.js';
import { OperationRouter, ParameterError, parametersOf, type RouteMatch } from '../http/router.js';
import { helpdeskHandlers, type HelpdeskHandlerContext, type HelpdeskHandlers } from './handlers.js';
import { HelpdeskRuleError, technicianOf } from './rules.js';
import type { HelpdeskState } from './state.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
export const helpdeskError = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): MockResponse => ({ status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) });

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

const isForm = (request: MockRequest) =>
  String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/**
 * Checks the body of a request with the generated schema the client checks it with: the OAuth error
 * for the token call (as its spec declares), ASP.NET's `{ Message, ModelState }` otherwise. An absent
 * body, or a token call that is not form-encoded, is left to the rules, which word those refusals.
 */
function checkBody(
  operationId: HelpdeskOperationId,
  operation: OperationDefinition,
  request: MockRequest,
  json: Record<string, unknown> | undefined,
): MockResponse | undefined {
  const schema = (helpdeskRequestSchemas as Partial<Record<HelpdeskOperationId, z.ZodMiniType>>)[operationId];
  const media = operation.request?.mediaType;
  const body =
    media === 'application/x-www-form-urlencoded' && isForm(request)
      ? Object.fromEntries(new URLSearchParams(request.body))
      : json;
  if (!schema || body === undefined) return undefined;
  const result = schema.safeParse(body);
  if (result.success) return undefined;
  const issues = requestIssues(result.error, body);
  const said = issues.map((i) => `${i.path} ${i.message}`).join('; ');
  const badRequest = operation.responses.find((r) => r.status === 400)?.body;
  if (badRequest && 'schema' in badRequest && badRequest.schema === 'OAuthError') {
    // RFC 6749: a grant type the server does not know is its own error.
    const grant = issues.some((i) => i.path === 'body.grant_type' && i.message !== 'is required');
    return helpdeskError(400, {
      error: grant ? 'unsupported_grant_type' : 'invalid_request',
      error_description: `The token request is invalid: ${said}.`,
    });
  }
  const modelState: Record<string, string[]> = {};
  for (const i of issues) (modelState[i.path] ??= []).push(i.message);
  return helpdeskError(400, { Message: `The request is invalid: ${said}.`, ModelState: modelState });
}

/** The operations the mock serves: the spec's, or those of a newer spec (`startHelpdeskMock({ operations })`). */
export type HelpdeskOperationMap = Readonly<Record<string, OperationDefinition>>;

// ASP.NET routing: literal segments match in any case.
const router = new OperationRouter<string>(helpdeskOperations, { caseInsensitive: true });
const routers = new WeakMap<HelpdeskOperationMap, OperationRouter<string>>();
function routerOf(operations: HelpdeskOperationMap | undefined): OperationRouter<string> {
  if (!operations) return router;
  let found = routers.get(operations);
  if (!found)
    routers.set(operations, (found = new OperationRouter<string>(operations, { caseInsensitive: true })));
  return found;
}

const isHelpdeskOperationId = (id: string): id is HelpdeskOperationId =>
  Object.hasOwn(helpdeskOperations, id);

const noResource = (path: string) =>
  new HelpdeskRuleError(404, `No HTTP resource was found that matches the request URI '${path}'.`);

/** The operation of a request under `/TrackIt/WebApi`; throws HelpdeskRuleError when none. */
function routeOf(request: MockRequest, operations?: HelpdeskOperationMap): RouteMatch<string> {
  const parts = request.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.some((p) => [...p].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)))
    throw new HelpdeskRuleError(400, 'The URL path contains a control character.');
  if (parts[0]?.toLowerCase() !== 'trackit' || parts[1]?.toLowerCase() !== 'webapi')
    throw noResource(request.url.pathname);
  const match = routerOf(operations).match(
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

/** The operation id (from the Track-It! spec) a request would run, or undefined. */
export function helpdeskOperationOf(
  request: MockRequest,
  operations?: HelpdeskOperationMap,
): string | undefined {
  try {
    return routeOf(request, operations).operationId;
  } catch {
    return undefined;
  }
}

/**
 * Runs the handler of one operation. The parameters were built from this operation's descriptor
 * by `parametersOf`: the shape its generated input type describes (the body is the rules' to check).
 */
function dispatch<K extends HelpdeskOperationId>(
  handlers: HelpdeskHandlers,
  operationId: K,
  params: Record<string, unknown>,
  ctx: HelpdeskHandlerContext,
): { handled: false } | { handled: true; output: HelpdeskOperationTypes[K]['output'] } {
  const handler = handlers[operationId];
  if (!handler) return { handled: false };
  return {
    handled: true,
    output: handler(params as Omit<HelpdeskOperationTypes[K]['input'], 'body'>, ctx),
  };
}

/** Answers one Track-It! Web API request against the state. */
export function handleHelpdeskRequest(
  state: HelpdeskState,
  request: MockRequest,
  handlers: HelpdeskHandlers = helpdeskHandlers,
  operations?: HelpdeskOperationMap,
): MockResponse {
  try {
    const match = routeOf(request, operations);
    const authorization =
      typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined;
    const tech = match.operation.security.length ? technicianOf(state, authorization) : undefined;
    const ctx: HelpdeskHandlerContext = {
      state,
      tech: () => tech ?? technicianOf(state, authorization),
      body: match.operation.request?.mediaType === 'application/json' ? jsonBody(request) : undefined,
      request,
      headers: {},
    };
    let params: Record<string, unknown>;
    try {
      params = parametersOf(match, request.url.searchParams);
    } catch (error) {
      // a path value outside its type is no route at all, as ASP.NET's route constraints have it
      if (error instanceof ParameterError && match.operation.pathParams.includes(error.param))
        throw noResource(request.url.pathname.split('/').filter(Boolean).slice(2).join('/'));
      throw error;
    }
    // An operation of a newer spec (`operations`) has no schema or rule here: it answers 501.
    const known = isHelpdeskOperationId(match.operationId) ? match.operationId : undefined;
    const refused = known && checkBody(known, match.operation, request, ctx.body);
    if (refused) return refused;
    const result = known ? dispatch(handlers, known, params, ctx) : { handled: false as const };
    if (!result.handled)
      return helpdeskError(501, { Message: `The mock server has no rule for ${match.operationId}.` });
    return helpdeskError(200, result.output, ctx.headers);
  } catch (error) {
    if (error instanceof HelpdeskRuleError)
      return helpdeskError(
        error.status,
        error.body(),
        error.status === 401 ? { 'www-authenticate': 'Bearer', ...error.headers } : { ...error.headers },
      );
    if (error instanceof ParameterError) return helpdeskError(400, { Message: error.message });
    if (error instanceof URIError)
      return helpdeskError(400, { Message: 'The URL is not correctly percent-encoded.' });
    throw error;
  }
}

/** Every operation of the spec, and those the mock has a rule for. */
export const HELPDESK_OPERATION_IDS = router.operationIds.filter(isHelpdeskOperationId);
export const HELPDESK_HANDLED_OPERATION_IDS = HELPDESK_OPERATION_IDS.filter(
  (id) => helpdeskHandlers[id] !== undefined,
);
