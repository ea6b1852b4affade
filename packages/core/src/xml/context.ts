// The codec's context: an `XmlSchema` compiled once into the lookups decoding and encoding use.
import type { XmlAttribute, XmlComplexType, XmlField, XmlSchema } from '../descriptors.js';
import { EncodeError } from '../errors.js';
import { escapeXml } from '../escapeXml.js';
import { xmlFieldsOf } from './fields.js';
import type { XmlNode } from './parse.js';

export interface CompiledType {
  readonly name: string;
  /** The descriptor with its fields' defaults filled in. */
  readonly def: Omit<XmlComplexType, 'fields'> & { readonly fields: readonly XmlField[] };
  readonly byName: Map<string, XmlField>;
  readonly attrByName: Map<string, XmlAttribute>;
}

export interface CodecContext {
  readonly schema: XmlSchema;
  readonly parse: (xml: string) => XmlNode[];
  /** The API's own namespaces: an unknown element or attribute of these is refused. */
  readonly closed: ReadonlySet<string>;
  readonly types: ReadonlyMap<string, CompiledType>;
  /** `nameKey(ns, local)` of each root element → its element name. */
  readonly rootsByName: ReadonlyMap<string, string>;
  /** Namespace URI → the prefix it is written with. */
  readonly prefixOf: ReadonlyMap<string, string>;
  /** The `xmlns` declarations written on a root element. */
  readonly declarations: string;
}

/** The lookup key of a name in a namespace. */
export const nameKey = (ns: string, local: string): string => `${ns}\u0000${local}`;

export function compileContext(schema: XmlSchema, parse: (xml: string) => XmlNode[]): CodecContext {
  const types = new Map<string, CompiledType>();
  for (const [name, spec] of Object.entries(schema.types)) {
    const def = { ...spec, fields: xmlFieldsOf(spec) };
    types.set(name, {
      name,
      def,
      byName: new Map(def.fields.map((f) => [nameKey(f.ns, f.local), f])),
      attrByName: new Map((def.attributes ?? []).map((a) => [nameKey(a.ns, a.local), a])),
    });
  }
  const prefixOf = new Map<string, string>();
  for (const [prefix, uri] of Object.entries(schema.prefixes))
    if (!prefixOf.has(uri)) prefixOf.set(uri, prefix);
  return {
    schema,
    parse,
    closed: new Set(schema.closedNamespaces),
    types,
    rootsByName: new Map(
      Object.entries(schema.elements).map(([name, el]) => [nameKey(el.ns, el.local), name]),
    ),
    prefixOf,
    declarations: Object.entries(schema.prefixes)
      .map(([prefix, uri]) => ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeXml(uri)}"`)
      .join(''),
  };
}

/** The compiled type of this name; a name the schema lacks is a schema error. */
export function typeOf(ctx: CodecContext, name: string): CompiledType {
  const t = ctx.types.get(name);
  if (!t) throw new Error(`XmlSchema has no type '${name}'`);
  return t;
}

/** The qualified name an element or attribute is written with. */
export function qualifiedName(ctx: CodecContext, ns: string, local: string, path: string): string {
  if (ns === '') return local;
  const prefix = ctx.prefixOf.get(ns);
  if (prefix === undefined) throw new EncodeError(`namespace ${ns} has no prefix in the schema`, path);
  return prefix ? `${prefix}:${local}` : local;
}
