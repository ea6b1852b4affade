// Reading a response body whole, counted against the size limit as it arrives.
import { ResponseTooLargeError } from '../errors.js';
import type { RegkitRequest } from '../request.js';

/** Statuses whose response never has a body. */
export const BODILESS: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/**
 * The whole body, counted against `maxBytes` as it arrives; past it reading stops and the connection
 * is released. A declared `Content-Length` above the limit fails before anything is read. Reading
 * the stream directly costs less than `arrayBuffer()`, whose extra layers and copy showed in the
 * per-request profile.
 */
export async function readBody(
  response: Response,
  maxBytes: number,
  request: RegkitRequest,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const stream = response.body;
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await stream?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes, request, response.status);
  }
  if (!stream || BODILESS.has(response.status)) {
    await stream?.cancel().catch(() => undefined);
    return null;
  }
  return readCounted(stream.getReader(), maxBytes, request, response);
}

/** Every chunk of `reader` joined; past `maxBytes` the stream is cancelled and the read fails. */
async function readCounted(
  reader: ReadableStreamDefaultReader<Uint8Array<ArrayBuffer>>,
  maxBytes: number,
  request: RegkitRequest,
  response: Response,
): Promise<Uint8Array<ArrayBuffer>> {
  // most bodies arrive in one chunk: a list is made only for a second one
  let first: Uint8Array<ArrayBuffer> | undefined;
  let chunks: Uint8Array<ArrayBuffer>[] | undefined;
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, request, response.status);
    }
    if (first === undefined) first = value;
    else (chunks ??= [first]).push(value);
  }
  if (chunks === undefined) return first ?? new Uint8Array(0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The error of a body larger than `maxBytes`. */
export function tooLarge(maxBytes: number, request: RegkitRequest, status: number): ResponseTooLargeError {
  return new ResponseTooLargeError(maxBytes, { method: request.method, url: request.url, status });
}
