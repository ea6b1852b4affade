// `@regkit/core/undici`: the HTTP exchange over undici's request API, for Node only (browser bundles
// of `@regkit/core` never reach this entry point, nor undici).
export { undiciHttp, type UndiciHttp, type UndiciHttpOptions } from './transport/undiciHttp.js';
// the types an exchange is written against (the same declarations as `@regkit/core`'s)
export type { HttpExchange, HttpExchangeOptions } from './transport/types.js';
export type { CallOptions, RegkitRequest, RequestBody, RetrySafety } from './request.js';
