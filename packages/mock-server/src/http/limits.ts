import { maxHeaderSize, type IncomingMessage } from 'node:http';
import type { MockResponse, PlumbingErrorResponse } from './types.js';

/** The default limit of a request body, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** The answer to a body over the limit: the API's 400, and the connection is closed after it. */
export const bodyTooLarge = (maxBodyBytes: number, errorResponse: PlumbingErrorResponse): MockResponse =>
  errorResponse(400, 'bad-request', `The request body exceeds the limit of ${maxBodyBytes} bytes.`);

/**
 * Collects a request's body up to `maxBodyBytes`: `done` gets the text when it is complete, `tooLarge`
 * is told once when the limit is passed (the rest is read and thrown away).
 */
export function readBody(
  req: IncomingMessage,
  maxBodyBytes: number,
  tooLarge: () => void,
  done: (body: string) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > maxBodyBytes) {
      over = true;
      tooLarge();
      req.resume();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (!over) done(Buffer.concat(chunks).toString('utf8'));
  });
}

/**
 * The answer to a request Node's parser refuses: an over-long URL (414) or header block (431), or
 * bytes HTTP does not allow (400), in the API's own error format.
 */
export function parserRefusal(
  error: NodeJS.ErrnoException & { rawPacket?: Buffer },
  errorResponse: PlumbingErrorResponse,
): MockResponse {
  const overflow = error.code === 'HPE_HEADER_OVERFLOW';
  const firstLine = error.rawPacket?.indexOf('\r\n') ?? -1;
  const status = overflow ? (firstLine < 0 || firstLine > 8192 ? 414 : 431) : 400;
  return errorResponse(
    status,
    'bad-request',
    overflow
      ? `The request ${status === 414 ? 'URL' : 'header block'} is longer than the server accepts (${maxHeaderSize} bytes with the headers).`
      : 'The request is not valid HTTP: the URL must be ASCII with other characters percent-encoded.',
  );
}
