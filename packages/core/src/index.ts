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
export {
  createTransport,
  transportLimits,
  type TransportLimits,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  userAgentOf,
  type CallOptions,
  type ErrorEvent,
  type Handler,
  type Middleware,
  type RegkitRequest,
  type RequestBody,
  type RequestEvent,
  type ResponseEvent,
  type RetrySafety,
  type Transport,
  type TransportHooks,
  type TransportOptions,
} from './transport.js';
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
