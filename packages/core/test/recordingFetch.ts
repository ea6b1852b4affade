/** One request and its answer, as a test sees them on the wire. */
export interface Exchange {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  status: number;
  responseBody: string;
}

/**
 * A `fetch` that performs real requests and records each one in `exchanges`; `onResponse` sees
 * every exchange as it completes.
 */
export function recordingFetch(exchanges: Exchange[], onResponse?: (e: Exchange) => void): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? await request.clone().text() : '';
    const response = await fetch(request);
    const exchange: Exchange = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body,
      status: response.status,
      responseBody: await response.clone().text(),
    };
    exchanges.push(exchange);
    onResponse?.(exchange);
    return response;
  };
}

/** The latest exchange; a test that expected a request fails here when none was sent. */
export function lastOf(exchanges: readonly Exchange[]): Exchange {
  const e = exchanges.at(-1);
  if (!e) throw new Error('no request was sent');
  return e;
}
