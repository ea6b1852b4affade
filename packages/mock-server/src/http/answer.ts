import { STATUS_CODES, type ServerResponse } from 'node:http';
import { redact } from '@regkit/core';
import type { MockResponse, PlumbingErrorResponse } from './types.js';

/** Writes an answer with its Content-Length. */
export function send(res: ServerResponse, response: MockResponse): void {
  const body = response.body ?? '';
  res.writeHead(response.status, { 'content-length': Buffer.byteLength(body), ...response.headers });
  res.end(body);
}

/** Writes an answer on a socket Node's HTTP layer has let go of, and closes it. */
export function writeRaw(socket: { end(data: Buffer): unknown }, response: MockResponse): void {
  const body = response.body ?? '';
  const headers = Object.entries({
    ...response.headers,
    connection: 'close',
    'content-length': String(Buffer.byteLength(body)),
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(
    Buffer.concat([
      Buffer.from(`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n${headers}\r\n`),
      typeof body === 'string' ? Buffer.from(body) : body,
    ]),
  );
}

/** The answer to a handler that failed unexpectedly: the API's own 400, the message redacted. */
export const handlerFailure = (error: unknown, errorResponse: PlumbingErrorResponse): MockResponse =>
  errorResponse(
    400,
    'handler-failed',
    `The request could not be processed: ${redact(error instanceof Error ? error.message : String(error))}`,
  );
