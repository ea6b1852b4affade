export type * from './descriptors.js';
export type * from './descriptorDocs.js';
export * from './errors.js';
export { REDACTED, redact, redactDeep, redactHeaders, redactUrl, registerSecret } from './redact.js';
export { trimTrailing } from './text.js';
export {
  buildUrl,
  isLoopbackHost,
  normalizeBaseUrl,
  paramProp,
  requireSecureBaseUrl,
  type OperationInput,
} from './url.js';
export { createTransport } from './transport/createTransport.js';
export {
  transportLimits,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from './transport/limits.js';
export { DEFAULT_USER_AGENT, userAgentOf } from './transport/userAgent.js';
export type { CallOptions, Handler, Middleware, RegkitRequest, RequestBody, RetrySafety } from './request.js';
export type {
  ErrorEvent,
  HttpExchange,
  HttpExchangeOptions,
  RequestEvent,
  ResponseEvent,
  Transport,
  TransportHooks,
  TransportLimits,
  TransportOptions,
} from './transport/types.js';
export {
  createMiddlewareStack,
  type AbsoluteMiddlewareEntry,
  type MiddlewareAddOptions,
  type MiddlewareEntry,
  type MiddlewarePriority,
  type MiddlewareRelativeOptions,
  type MiddlewareStack,
  type MiddlewareStep,
  type RelativeMiddlewareEntry,
} from './middleware/stack.js';
export { clientMiddlewareStack, type ClientMiddlewareOptions } from './middleware/clientStack.js';
export { abortableSleep, parseRetryAfter, retryMiddleware, type RetryOptions } from './retry.js';
export {
  apiKeyAuth,
  bearerAuth,
  createTokenCache,
  type ApiKeyAuthOptions,
  type Token,
  type TokenCache,
  type TokenCacheOptions,
} from './auth.js';
export { createXmlCodec, type EncodeOptions, type XmlCodec } from './xml/codec.js';
export { xmlFieldsOf } from './xml/fields.js';
export { DEFAULT_LIMITS, type XmlLimits } from './xml/parse.js';
export {
  decodeFieldMap,
  encodeFieldMap,
  type DecodedFieldMap,
  type EncodeFieldMapOptions,
  type RawField,
  type RawFieldMap,
  type UnknownField,
} from './fieldMap.js';
export { fieldValueText, toFieldValue, type FieldValueResult, type TypedFieldValue } from './fieldValue.js';
export {
  executeOperation,
  type ErrorContext,
  type ExecuteOptions,
  type OperationResult,
} from './executeOperation.js';
