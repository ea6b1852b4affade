import {
  arinCodec,
  type ArinErrorCode,
  type ErrorComponent,
  type ErrorPayload,
} from '@regkit/arin-client/payloads';
import type { ApiErrors } from '../http/pipeline.js';
import type { ParameterError } from '../http/router.js';
import type { MockResponse, PlumbingErrorResponse, PlumbingFailure } from '../http/types.js';

/** A rule failure, answered with ARIN's ErrorPayload. */
export class ArinRuleError extends Error {
  constructor(
    readonly status: number,
    /** One of ARIN's documented codes: a code the spec does not list does not compile. */
    readonly code: ArinErrorCode,
    message: string,
    readonly components: readonly ErrorComponent[] = [],
    /** Headers of the answer (`Allow` of a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ArinRuleError';
  }
}

export const INVALID_KEY = 'The API key specified was missing or invalid.';
export const ENTITY_FAILED = 'Payload entity failed to validate; see component messages for details.';

export const notFound = (what: string, handle: string) =>
  new ArinRuleError(404, 'E_OBJECT_NOT_FOUND', `The ${what} ${handle} was not found.`);
export const invalidKey = () => new ArinRuleError(400, 'E_AUTHENTICATION', INVALID_KEY);
export const forbidden = (message: string) => new ArinRuleError(403, 'E_AUTHENTICATION', message);

/** Collects component errors; throws one E_ENTITY_VALIDATION when any were found. */
export class Problems {
  readonly components: ErrorComponent[] = [];
  add(name: string, message: string): this {
    this.components.push({ name, message });
    return this;
  }
  get any(): boolean {
    return this.components.length > 0;
  }
  throwIfAny(status = 400): void {
    if (this.any) throw this.error(status);
  }
  /** The E_ENTITY_VALIDATION error of the problems found. */
  error(status = 400): ArinRuleError {
    return new ArinRuleError(status, 'E_ENTITY_VALIDATION', ENTITY_FAILED, this.components);
  }
}

const XML = { 'content-type': 'application/xml' };

/** ARIN's ErrorPayload answer. */
export function arinError(
  status: number,
  code: ArinErrorCode,
  message: string,
  components: readonly ErrorComponent[] = [],
  headers: Record<string, string> = {},
): MockResponse {
  const payload: ErrorPayload = { message, code, components: [...components], additionalInfo: [] };
  return { status, headers: { ...XML, ...headers }, body: arinCodec().encode('error', payload) };
}

/** ARIN's codes of the failures the shared HTTP plumbing reports. */
const PLUMBING_CODES: Readonly<Record<PlumbingFailure, ArinErrorCode>> = {
  'bad-request': 'E_BAD_REQUEST',
  'method-not-allowed': 'E_METHOD_NOT_ALLOWED',
  'too-many-requests': 'E_TOO_MANY_REQUESTS',
  unavailable: 'E_OUTAGE',
  'handler-failed': 'E_UNSPECIFIED',
};

/** A plumbing failure (oversized body, bad request target, injected fault) as ARIN words it. */
export const arinPlumbingError: PlumbingErrorResponse = (status, failure, message, headers) =>
  arinError(status, PLUMBING_CODES[failure], message, [], headers);

function parameterMessage(error: ParameterError): string {
  const { param } = error;
  if (param.type === 'boolean') return `The parameter ${param.name} must be true or false.`;
  if (param.type === 'integer') return `The parameter ${param.name} must be an integer.`;
  return `The parameter ${param.name} must be one of ${(param.enum ?? []).join(', ')}.`;
}

/** zod issue codes of facet checks (pattern, length) rather than of the payload's shape. */
const FACET_CODES = new Set(['invalid_format', 'too_small', 'too_big']);

/** How the Reg-RWS mock words its refusals: ARIN's ErrorPayload with ARIN's codes. */
export const arinErrors: ApiErrors<unknown> = {
  answer(error) {
    if (error instanceof ArinRuleError)
      return arinError(error.status, error.code, error.message, error.components, { ...error.headers });
    if (error instanceof URIError)
      return arinError(400, 'E_BAD_REQUEST', 'The URL is not correctly percent-encoded.');
    return undefined;
  },
  badParameter: (error) => arinError(400, 'E_BAD_REQUEST', parameterMessage(error)),
  invalidBody(error, { match }) {
    const element =
      match.operation.request && 'element' in match.operation.request ? match.operation.request.element : '';
    // ARIN's own schema types addresses and prefix lengths as plain text and refuses bad ones in its
    // entity rules; the facets our XSD adds for clients (patterns, lengths) answer the same way here.
    const { issues } = error;
    if (issues.length > 0 && issues.every((i) => FACET_CODES.has(i.code)))
      return arinError(
        400,
        'E_ENTITY_VALIDATION',
        'Payload has invalid values.',
        issues.map((i) => ({ name: String(i.path.at(-1) ?? element), message: i.message })),
      );
    const components = issues.map((i) => ({
      name: i.path.map(String).join('.') || element,
      message: i.message,
    }));
    return arinError(400, 'E_SCHEMA_VALIDATION', 'Payload failed schema validation.', components);
  },
  notImplemented: (operationId) =>
    arinError(501, 'E_NOT_IMPLEMENTED', `The mock server has no rule for ${operationId}.`),
};
