import type { XmlSchema } from '../descriptors.js';
import { DecodeError } from '../errors.js';
import { compileContext } from './context.js';
import { decodeCollection, decodeRoot, readRoot } from './decode.js';
import { encode, encodeCollection, type EncodeOptions } from './encode.js';
import { createParser, type XmlLimits } from './parse.js';

export type { EncodeOptions } from './encode.js';

export interface XmlCodec {
  readonly schema: XmlSchema;
  /** Decode a document; with `expectedElement`, any other root is an error. */
  decode<T = unknown>(xml: string, expectedElement?: string): T;
  /** Decode a document whose root may be any known element. */
  decodeDocument(xml: string): { element: string; value: unknown };
  /** Decode a `collection` document, keeping its `itemElement` children. */
  decodeCollection<T = unknown>(xml: string, itemElement: string): T[];
  encode(element: string, value: unknown, options?: EncodeOptions): string;
  encodeCollection(itemElement: string, values: readonly unknown[], options?: EncodeOptions): string;
}

/**
 * The XML codec of one API, driven by its generated `XmlSchema`. Namespaces are bound by URI,
 * so any prefixes decode the same; children decode in any order and encode in field order.
 */
export function createXmlCodec(schema: XmlSchema, limits: XmlLimits = {}): XmlCodec {
  const ctx = compileContext(schema, createParser(limits));
  return {
    schema,
    decode<T>(xml: string, expectedElement?: string): T {
      const root = readRoot(ctx, xml);
      if (expectedElement !== undefined && root.element !== expectedElement)
        throw new DecodeError(
          `expected a '${expectedElement}' document, found '${root.element}'`,
          `/${root.element}`,
        );
      return decodeRoot(ctx, root) as T;
    },
    decodeDocument(xml) {
      const root = readRoot(ctx, xml);
      return { element: root.element, value: decodeRoot(ctx, root) };
    },
    decodeCollection<T>(xml: string, itemElement: string): T[] {
      return decodeCollection(ctx, xml, itemElement) as T[];
    },
    encode(element, value, options = {}) {
      return encode(ctx, element, value, options);
    },
    encodeCollection(itemElement, values, options = {}) {
      return encodeCollection(ctx, itemElement, values, options);
    },
  };
}
