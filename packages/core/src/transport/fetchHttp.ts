// The default exchange: one `fetch`, its body read whole under the size limit.
import { BufferedResponse } from '../bufferedResponse.js';
import { readBody } from './readBody.js';
import type { HttpExchange } from './types.js';

/** The exchange over `fetchImpl` (the platform's `fetch` or the `fetch` option). */
export function fetchHttp(fetchImpl: typeof globalThis.fetch): HttpExchange {
  return {
    name: 'fetch',
    async send(request, { signal, maxResponseBytes }) {
      const response = await fetchImpl(request.url.href, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
        redirect: 'manual',
      });
      return new BufferedResponse(await readBody(response, maxResponseBytes, request), response);
    },
  };
}
