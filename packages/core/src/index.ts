export type * from './descriptors.js';
export type * from './descriptorDocs.js';
export * from './errors.js';
export { REDACTED, redact, redactDeep, redactHeaders, redactUrl, registerSecret } from './redact.js';
export { trimTrailing } from './text.js';
export {
  buildUrl,
  isLoopbackHost,
  normalizeBaseUrl,
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
export type {
  CallOptions,
  ErrorEvent,
  Handler,
  Middleware,
  RegkitRequest,
  RequestBody,
  RequestEvent,
  ResponseEvent,
  RetrySafety,
  Transport,
  TransportHooks,
  TransportLimits,
  TransportOptions,
} from './transport/types.js';
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
