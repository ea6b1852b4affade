import { requestIssues } from '@regkit/helpdesk-client/payloads';
import type { ApiErrors } from '../http/pipeline.js';
import type { MockResponse, PlumbingErrorResponse } from '../http/types.js';

/** A rule failure: status and the ASP.NET-style `{ Message }` body (or OAuth's `{ error, error_description }`). */
export class HelpdeskRuleError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly oauthError?: string,
    /** Headers of the answer (`Allow` of a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
  body(): Record<string, string> {
    return this.oauthError
      ? { error: this.oauthError, error_description: this.message }
      : { Message: this.message };
  }
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** A Web API answer: the value as JSON. */
export const helpdeskAnswer = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): MockResponse => ({ status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) });

/** ASP.NET's answer for a path no route fits. */
export const noResource = (path: string) =>
  new HelpdeskRuleError(404, `No HTTP resource was found that matches the request URI '${path}'.`);

/** The path of a request after `/TrackIt/WebApi`, as ASP.NET names it in a 404. */
export const apiPathOf = (pathname: string) => pathname.split('/').filter(Boolean).slice(2).join('/');

/** A plumbing failure (oversized body, bad request target, injected fault) as ASP.NET words it. */
export const helpdeskPlumbingError: PlumbingErrorResponse = (status, _failure, message, headers) =>
  helpdeskAnswer(status, { Message: message }, headers);

const ruleAnswer = (error: HelpdeskRuleError) =>
  helpdeskAnswer(
    error.status,
    error.body(),
    error.status === 401 ? { 'www-authenticate': 'Bearer', ...error.headers } : { ...error.headers },
  );

/**
 * How the Track-It! mock words its refusals: the OAuth error of the token call (as its spec
 * declares), ASP.NET's `{ Message }` and `{ Message, ModelState }` otherwise.
 */
export const helpdeskErrors: ApiErrors<unknown> = {
  answer(error) {
    if (error instanceof HelpdeskRuleError) return ruleAnswer(error);
    if (error instanceof URIError)
      return helpdeskAnswer(400, { Message: 'The URL is not correctly percent-encoded.' });
    return undefined;
  },
  badParameter(error, { match, request }) {
    // a path value outside its type is no route at all, as ASP.NET's route constraints have it
    if (match.operation.pathParams?.includes(error.param))
      return ruleAnswer(noResource(apiPathOf(request.url.pathname)));
    return helpdeskAnswer(400, { Message: error.message });
  },
  invalidBody(error, { match }, value) {
    const issues = requestIssues(error, value);
    const said = issues.map((i) => `${i.path} ${i.message}`).join('; ');
    const badRequest = match.operation.responses.find((r) => r.status === 400)?.body;
    if (badRequest && 'schema' in badRequest && badRequest.schema === 'OAuthError') {
      // RFC 6749: a grant type the server does not know is its own error.
      const grant = issues.some((i) => i.path === 'body.grant_type' && i.message !== 'is required');
      return helpdeskAnswer(400, {
        error: grant ? 'unsupported_grant_type' : 'invalid_request',
        error_description: `The token request is invalid: ${said}.`,
      });
    }
    const modelState: Record<string, string[]> = {};
    for (const i of issues) (modelState[i.path] ??= []).push(i.message);
    return helpdeskAnswer(400, { Message: `The request is invalid: ${said}.`, ModelState: modelState });
  },
  notImplemented: (operationId) =>
    helpdeskAnswer(501, { Message: `The mock server has no rule for ${operationId}.` }),
};
