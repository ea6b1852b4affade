// The codec's context: an `XmlSchema` compiled once into the lookups decoding and encoding use.
import type { XmlAttribute, XmlComplexType, XmlField, XmlSchema } from '../descriptors.js';
import { EncodeError } from '../errors.js';
import { escapeXml } from '../escapeXml.js';
import { xmlFieldsOf } from './fields.js';
import type { XmlNode } from './parse.js';

/** Namespace URI → local name → what is known by that name. */
export type NameTable<T> = ReadonlyMap<string, ReadonlyMap<string, T>>;

export interface CompiledType {
  readonly name: string;
  /** The descriptor with its fields' defaults filled in. */
  readonly def: Omit<XmlComplexType, 'fields'> & { readonly fields: readonly XmlField[] };
  /** Fields by the expanded name of their element. */
  readonly fields: NameTable<XmlField>;
  /** Attributes by their expanded name. */
  readonly attributes: NameTable<XmlAttribute>;
  /** The error when a second member of a choice appears. */
  readonly choiceError: string;
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

/**
 * The entries of `items` by namespace and local name; of two with one name, the later is kept.
 * Looked up in two steps, so decoding never joins a namespace and a name into a key.
 */
function nameTable<T extends { readonly ns: string; readonly local: string }>(
  items: readonly T[],
): NameTable<T> {
  const table = new Map<string, Map<string, T>>();
  for (const item of items) {
    let names = table.get(item.ns);
    if (!names) table.set(item.ns, (names = new Map()));
    names.set(item.local, item);
  }
  return table;
}

/** What `table` knows by this expanded name. */
export const lookUp = <T>(table: NameTable<T>, ns: string, local: string): T | undefined =>
  table.get(ns)?.get(local);

export function compileContext(schema: XmlSchema, parse: (xml: string) => XmlNode[]): CodecContext {
  const types = new Map<string, CompiledType>();
  for (const [name, spec] of Object.entries(schema.types)) {
    const def = { ...spec, fields: xmlFieldsOf(spec) };
    types.set(name, {
      name,
      def,
      fields: nameTable(def.fields),
      attributes: nameTable(def.attributes ?? []),
      choiceError: `only one of ${def.fields.map((f) => f.local).join(', ')} is allowed`,
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
