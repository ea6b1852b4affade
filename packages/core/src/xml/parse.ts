import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DecodeError } from '../errors.js';

export interface XmlLimits {
  /** Largest document accepted, in characters (default 10 MiB). */
  readonly maxBytes?: number;
  /** Deepest element nesting accepted (default 64). */
  readonly maxDepth?: number;
  /** Check well-formedness (matching tags, quoted attributes) before decoding (default true). */
  readonly checkWellFormed?: boolean;
}

export const DEFAULT_LIMITS = { maxBytes: 10 * 1024 * 1024, maxDepth: 64, checkWellFormed: true } as const;

/** One parsed node: `{ [qname]: children, ':@'?: attributes }` or `{ '#text': text }`. */
export type XmlNode = Record<string, unknown>;

/** The key of a node's attributes. */
export const ATTRS = ':@';
/** The key of a text node's text. */
export const TEXT = '#text';

/** The qualified name of an element node; undefined for a text node. */
export function tagOf(node: XmlNode): string | undefined {
  for (const k in node) if (k !== ATTRS) return k;
  return undefined;
}

/** The attributes of an element node, by qualified name. */
export function attrsOf(node: XmlNode): Record<string, string> | undefined {
  return node[ATTRS] as Record<string, string> | undefined;
}

const FORBIDDEN = /<!(?:DOCTYPE|ENTITY)/i;

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The five predefined XML entities and character references, decoded in one pass (so `&amp;#233;`
 * stays `&#233;`). Nothing else is expanded: a document may not declare entities of its own.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name) return NAMED[name] as string;
      const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    },
  );
}

export function createParser(limits: XmlLimits) {
  const maxBytes = limits.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const maxDepth = limits.maxDepth ?? DEFAULT_LIMITS.maxDepth;
  const checkWellFormed = limits.checkWellFormed ?? DEFAULT_LIMITS.checkWellFormed;
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // entities are decoded by decodeEntities in one pass: faster than the parser's, and never
    // HTML entities, which XML without a DTD does not have
    processEntities: false,
    htmlEntities: false,
    tagValueProcessor: (_name: string, value: string) => decodeEntities(value),
    attributeValueProcessor: (_name: string, value: string) => decodeEntities(value),
    maxNestedTags: maxDepth,
    // the processors above read no path: without one the parser never writes a path out per node
    jPath: false,
  });
  return (xml: string): XmlNode[] => {
    if (typeof xml !== 'string') throw new DecodeError('expected an XML document as a string');
    if (xml.length > maxBytes)
      throw new DecodeError(`document of ${xml.length} characters exceeds the limit of ${maxBytes}`);
    if (xml.includes('<!') && FORBIDDEN.test(xml))
      throw new DecodeError('DOCTYPE and entity declarations are not accepted');
    if (checkWellFormed) {
      const result = XMLValidator.validate(xml);
      if (result !== true)
        throw new DecodeError(`malformed XML at line ${result.err.line}: ${result.err.msg}`);
    }
    try {
      return parser.parse(xml) as XmlNode[];
    } catch (error) {
      throw new DecodeError(`malformed XML: ${(error as Error).message}`);
    }
  };
}
