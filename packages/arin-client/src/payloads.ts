import { createXmlCodec, type XmlCodec } from '@regkit/core';
import { arinXmlSchema } from './generated/codecs.gen.js';

export * from './generated/types.gen.js';
export * from './generated/schemas.gen.js';
export { arinXmlSchema, type XmlElementTypes } from './generated/codecs.gen.js';

/** Namespace URIs of Reg-RWS payloads. */
export const ARIN_NAMESPACES = {
  core: 'http://www.arin.net/regrws/core/v1',
  messages: 'http://www.arin.net/regrws/messages/v1',
  sharedTicket: 'http://www.arin.net/regrws/shared-ticket/v1',
  ttl: 'http://www.arin.net/regrws/ttl/v1',
  rpki: 'http://www.arin.net/regrws/rpki/v1',
} as const;

let codec: XmlCodec | undefined;
/** The XML codec of every Reg-RWS payload (decode in any order and prefix, encode in ARIN's order). */
export function arinCodec(): XmlCodec {
  codec ??= createXmlCodec(arinXmlSchema);
  return codec;
}

/** The validators of request and response payloads by operationId: what the client checks before sending and after decoding. */
export { arinRequestSchemas, arinResponseSchemas } from './generated/operations.gen.js';
