import { arinCodec } from '@regkit/arin-client/payloads';
import { startArinMock, type ArinMock } from '../src/index.js';

export const KEY = 'API-1111-2222-3333-4444';
export const OUTSIDER = 'API-9999-8888-7777-6666';
export const INACTIVE = 'API-DEAD-DEAD-DEAD-DEAD';
const codec = arinCodec();

/** Every XML body the ARIN mock answered in this test file, for the XSD check. */
export const arinBodies: { name: string; xml: string }[] = [];

export interface ArinReply {
  status: number;
  text: string;
  headers: Headers;
  /** The root element and its decoded value (XML bodies only). */
  element?: string;
  value?: unknown;
  /** ErrorPayload fields, when the body is one. */
  code?: string;
  message?: string;
  components?: { name?: string; message?: string }[];
}

export async function startArin(): Promise<ArinMock> {
  return startArinMock({ now: () => '2026-11-23T10:00:00.000-05:00' });
}

/**
 * A raw Reg-RWS request: `path` relative to `/rest`, the key added as `?apikey=` unless
 * `key: null`; bodies are sent as application/xml unless `contentType` says otherwise.
 */
export async function arin(
  mock: ArinMock,
  method: string,
  path: string,
  options: {
    body?: string;
    key?: string | null;
    keyParam?: string;
    contentType?: string;
    query?: string;
  } = {},
): Promise<ArinReply> {
  const key = options.key === undefined ? KEY : options.key;
  const params = new URLSearchParams(options.query ?? '');
  if (key !== null) params.set(options.keyParam ?? 'apikey', key);
  const qs = params.toString();
  const res = await fetch(`${mock.baseUrl}${path}${qs ? `?${qs}` : ''}`, {
    method,
    headers: options.body !== undefined ? { 'content-type': options.contentType ?? 'application/xml' } : {},
    body: options.body,
  });
  const text = await res.text();
  const reply: ArinReply = { status: res.status, text, headers: res.headers };
  if (text.startsWith('<')) {
    arinBodies.push({ name: `${method} ${path} → ${res.status}`, xml: text });
    const doc = codec.decodeDocument(text);
    reply.element = doc.element;
    reply.value = doc.value;
    if (doc.element === 'error') {
      const e = doc.value as {
        code?: string;
        message?: string;
        components?: { name?: string; message?: string }[];
      };
      reply.code = e.code;
      reply.message = e.message;
      reply.components = e.components ?? [];
    }
  }
  return reply;
}

export const encode = (element: string, value: unknown) =>
  codec.encode(element, value, { variant: 'create' });
export const encodeFull = (element: string, value: unknown) => codec.encode(element, value);
export const collection = <T>(xml: string, item: string) => codec.decodeCollection<T>(xml, item);
