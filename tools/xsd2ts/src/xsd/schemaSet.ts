import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { lineAt, SpecError } from '../specError.js';

export const XS = 'http://www.w3.org/2001/XMLSchema';
export const TS = 'urn:regkit:xsd2ts';
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type Node = Record<string, unknown>;

/** One element of a parsed schema document, with namespaces resolved. */
export interface El {
  readonly ns: string;
  readonly local: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly El[];
  readonly text: string;
  readonly scope: ReadonlyMap<string, string>;
  readonly doc: SchemaDoc;
  readonly index: number | undefined;
}

export interface SchemaDoc {
  readonly file: string;
  readonly text: string;
  readonly targetNamespace: string;
  readonly root: El;
}

/** Every schema document reachable from the entry, with its global declarations by namespace and name. */
export interface SchemaSet {
  /** The entry document first, then its imports in the order they were met. */
  readonly docs: readonly SchemaDoc[];
  readonly complexTypes: ReadonlyMap<string, El>;
  readonly simpleTypes: ReadonlyMap<string, El>;
  readonly elements: ReadonlyMap<string, El>;
  readonly attributes: ReadonlyMap<string, El>;
}

/** Key of a global declaration. */
export const qkey = (ns: string, local: string) => `${ns}|${local}`;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: true,
  captureMetaData: true,
  ignoreDeclaration: true,
  commentPropName: '#comment',
});

function toEl(node: Node, parentScope: ReadonlyMap<string, string>, doc: () => SchemaDoc): El | undefined {
  const tag = Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#comment');
  if (!tag) return undefined;
  const attrs = (node[':@'] ?? {}) as Record<string, string>;
  let scope = parentScope;
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(k === 'xmlns' ? '' : k.slice(6), v);
    }
  }
  const [prefix, local] = tag.includes(':') ? (tag.split(':') as [string, string]) : ['', tag];
  const children: El[] = [];
  let text = '';
  for (const c of (node[tag] ?? []) as Node[]) {
    if ('#text' in c) text += String(c['#text']);
    const el = toEl(c, scope, doc);
    if (el) children.push(el);
  }
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  return {
    ns: scope.get(prefix) ?? '',
    local,
    attrs,
    children,
    text,
    scope,
    get doc() {
      return doc();
    },
    index: meta?.startIndex,
  };
}

function parseSchemaFile(path: string, root: string): SchemaDoc {
  const text = readFileSync(path, 'utf8');
  const file = relative(root, path);
  let nodes: Node[];
  try {
    nodes = parser.parse(text) as Node[];
  } catch (error) {
    throw new SpecError(file, undefined, 'xs:schema', `not well-formed XML: ${(error as Error).message}`);
  }
  const holder: { doc?: SchemaDoc } = {};
  const schema = nodes
    .map((n) => toEl(n, new Map(), () => holder.doc as SchemaDoc))
    .find((e) => e !== undefined);
  if (!schema || schema.ns !== XS || schema.local !== 'schema')
    throw new SpecError(file, 1, 'xs:schema', 'the root element must be xs:schema');
  holder.doc = { file, text, targetNamespace: schema.attrs.targetNamespace ?? '', root: schema };
  return holder.doc;
}

/** Children of `el` in the XSD namespace named `local`. */
export const xs = (el: El, local: string) => el.children.filter((c) => c.ns === XS && c.local === local);
export const one = (el: El, local: string): El | undefined => xs(el, local)[0];

/** Stops reading: names the file, the line and the element at fault. */
export function fail(el: El, problem: string): never {
  const name = el.attrs.name ?? el.attrs.ref ?? el.attrs.base;
  throw new SpecError(
    el.doc.file,
    lineAt(el.doc.text, el.index),
    `<xs:${el.local}${name ? ` ${el.attrs.name ? 'name' : el.attrs.ref ? 'ref' : 'base'}="${name}"` : ''}>`,
    problem,
  );
}

/** `xs:documentation` text of an element. */
export function docOf(el: El): string | undefined {
  const text = xs(el, 'annotation')
    .flatMap((a) => xs(a, 'documentation'))
    .map((d) => d.text.trim())
    .filter(Boolean)
    .join('\n');
  return text || undefined;
}

/** The value of a `ts:` attribute (any prefix bound to urn:regkit:xsd2ts). */
export function tsAttr(el: El, name: string): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) {
    const [prefix, local] = k.includes(':') ? k.split(':') : ['', k];
    if (local === name && prefix && el.scope.get(prefix) === TS) return v;
  }
  return undefined;
}

export function resolveQName(el: El, qname: string): { ns: string; local: string } {
  const [prefix, local] = qname.includes(':') ? (qname.split(':') as [string, string]) : ['', qname];
  const ns = el.scope.get(prefix);
  if (ns === undefined && prefix) fail(el, `undeclared namespace prefix '${prefix}' in '${qname}'`);
  return { ns: ns ?? '', local };
}

export function occurs(el: El): { min: number; max: number } {
  const max = el.attrs.maxOccurs === 'unbounded' ? Infinity : Number(el.attrs.maxOccurs ?? '1');
  return { min: Number(el.attrs.minOccurs ?? '1'), max };
}

/** Reads the entry schema and, transitively, every `xs:import`/`xs:include`, and indexes their globals. */
export function loadSchemaSet(entry: string, repoRoot: string): SchemaSet {
  const docs: SchemaDoc[] = [];
  const seen = new Set<string>();
  const load = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const doc = parseSchemaFile(path, repoRoot);
    docs.push(doc);
    for (const imp of [...xs(doc.root, 'import'), ...xs(doc.root, 'include')]) {
      if (!imp.attrs.schemaLocation) fail(imp, 'imports need a schemaLocation');
      load(join(dirname(path), imp.attrs.schemaLocation));
    }
  };
  load(entry);
  const byKind = { complexType: new Map(), simpleType: new Map(), element: new Map(), attribute: new Map() };
  for (const doc of docs) {
    for (const child of doc.root.children) {
      if (child.ns !== XS) fail(child, 'unexpected element at schema level');
      if (child.local === 'import' || child.local === 'include' || child.local === 'annotation') continue;
      const index = (byKind as Record<string, Map<string, El>>)[child.local];
      if (!index) fail(child, `unsupported schema construct xs:${child.local}`);
      index.set(qkey(doc.targetNamespace, child.attrs.name ?? ''), child);
    }
  }
  return {
    docs,
    complexTypes: byKind.complexType,
    simpleTypes: byKind.simpleType,
    elements: byKind.element,
    attributes: byKind.attribute,
  };
}
