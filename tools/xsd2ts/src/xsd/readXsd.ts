import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { XmlScalar, XmlValue } from '@regkit/core';
import type { ModelField, ModelType, XmlModel } from '../model.js';
import { camelCase, pascalCase } from '../names.js';
import { lineAt, SpecError } from '../specError.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const TS = 'urn:regkit:xsd2ts';
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type Node = Record<string, unknown>;

/** One element of a parsed schema document, with namespaces resolved. */
interface El {
  readonly ns: string;
  readonly local: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly El[];
  readonly text: string;
  readonly scope: ReadonlyMap<string, string>;
  readonly doc: SchemaDoc;
  readonly index: number | undefined;
}

interface SchemaDoc {
  readonly file: string;
  readonly text: string;
  readonly targetNamespace: string;
  readonly root: El;
}

const BUILTINS: Record<string, XmlScalar> = {
  string: 'string',
  token: 'string',
  normalizedString: 'string',
  anyURI: 'string',
  dateTime: 'string',
  date: 'string',
  integer: 'integer',
  int: 'integer',
  long: 'integer',
  short: 'integer',
  nonNegativeInteger: 'integer',
  positiveInteger: 'integer',
  boolean: 'boolean',
  base64Binary: 'base64',
};

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
  const childNodes = (node[tag] ?? []) as Node[];
  const children: El[] = [];
  let text = '';
  for (const c of childNodes) {
    if ('#text' in c) text += String(c['#text']);
    const el = toEl(c, scope, doc);
    if (el) children.push(el);
  }
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  const el: El = {
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
  return el;
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

const xs = (el: El, local: string) => el.children.filter((c) => c.ns === XS && c.local === local);
const one = (el: El, local: string) => xs(el, local)[0];

function fail(el: El, problem: string): never {
  const name = el.attrs.name ?? el.attrs.ref ?? el.attrs.base;
  throw new SpecError(
    el.doc.file,
    lineAt(el.doc.text, el.index),
    `<xs:${el.local}${name ? ` ${el.attrs.name ? 'name' : el.attrs.ref ? 'ref' : 'base'}="${name}"` : ''}>`,
    problem,
  );
}

function docOf(el: El): string | undefined {
  const text = xs(el, 'annotation')
    .flatMap((a) => xs(a, 'documentation'))
    .map((d) => d.text.trim())
    .filter(Boolean)
    .join('\n');
  return text || undefined;
}

function valuesOf(el: El): string[] | undefined {
  for (const annotation of xs(el, 'annotation')) {
    for (const appinfo of xs(annotation, 'appinfo')) {
      const values = appinfo.children.find((c) => c.ns === TS && c.local === 'values');
      if (values) return values.text.split(/\s+/).filter(Boolean);
    }
  }
  return undefined;
}

/** The value of a `ts:` attribute (any prefix bound to urn:regkit:xsd2ts). */
function tsAttr(el: El, name: string): string | undefined {
  for (const [k, v] of Object.entries(el.attrs)) {
    const [prefix, local] = k.includes(':') ? k.split(':') : ['', k];
    if (local === name && prefix && el.scope.get(prefix) === TS) return v;
  }
  return undefined;
}

function resolveQName(el: El, qname: string): { ns: string; local: string } {
  const [prefix, local] = qname.includes(':') ? (qname.split(':') as [string, string]) : ['', qname];
  const ns = el.scope.get(prefix);
  if (ns === undefined && prefix) fail(el, `undeclared namespace prefix '${prefix}' in '${qname}'`);
  return { ns: ns ?? '', local };
}

function occurs(el: El): { min: number; max: number } {
  const max = el.attrs.maxOccurs === 'unbounded' ? Infinity : Number(el.attrs.maxOccurs ?? '1');
  return { min: Number(el.attrs.minOccurs ?? '1'), max };
}

const SUPPORTED_CONTENT = new Set(['annotation', 'all', 'sequence', 'choice', 'attribute', 'simpleContent']);

/**
 * Reads an XSD (and every schema it imports) into the model: complex and simple types,
 * sequence/all/choice, occurrences, attributes, simple content, enumerations, annotations,
 * anonymous types and references across namespaces.
 */
export function readXsd(entry: string, repoRoot: string): XmlModel {
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
  const main = docs[0] as SchemaDoc;

  const key = (ns: string, local: string) => `${ns}|${local}`;
  const complexTypes = new Map<string, El>();
  const simpleTypes = new Map<string, El>();
  const globalElements = new Map<string, El>();
  const globalAttributes = new Map<string, El>();
  for (const doc of docs) {
    for (const child of doc.root.children) {
      if (child.ns !== XS) fail(child, 'unexpected element at schema level');
      const name = child.attrs.name;
      const k = key(doc.targetNamespace, name ?? '');
      switch (child.local) {
        case 'complexType':
          complexTypes.set(k, child);
          break;
        case 'simpleType':
          simpleTypes.set(k, child);
          break;
        case 'element':
          globalElements.set(k, child);
          break;
        case 'attribute':
          globalAttributes.set(k, child);
          break;
        case 'import':
        case 'include':
        case 'annotation':
          break;
        default:
          fail(child, `unsupported schema construct xs:${child.local}`);
      }
    }
  }

  const types: ModelType[] = [];
  const typeNames = new Map<El, string>();
  const building = new Set<string>();

  function simpleScalar(el: El): { scalar: XmlScalar; enum?: string[] } {
    const restriction = one(el, 'restriction');
    if (!restriction)
      fail(el, 'only xs:restriction simple types are supported (xs:list and xs:union are not)');
    const base = scalarOfQName(restriction, restriction.attrs.base ?? '');
    const enums = xs(restriction, 'enumeration').map((e) => e.attrs.value ?? '');
    return enums.length ? { scalar: base.scalar, enum: enums } : base;
  }

  function scalarOfQName(el: El, qname: string): { scalar: XmlScalar; enum?: string[] } {
    const { ns, local } = resolveQName(el, qname);
    if (ns === XS) {
      const scalar = BUILTINS[local];
      if (!scalar) fail(el, `unsupported built-in type xs:${local}`);
      return { scalar };
    }
    const simple = simpleTypes.get(key(ns, local));
    if (!simple) fail(el, `unknown simple type '${qname}'`);
    return simpleScalar(simple);
  }

  function isMultiline(el: El): { ns: string; local: string } | undefined {
    const seq = one(el, 'sequence');
    if (!seq || el.children.some((c) => c.ns === XS && c.local !== 'sequence' && c.local !== 'annotation'))
      return undefined;
    const items = xs(seq, 'element');
    if (items.length !== 1 || seq.children.filter((c) => c.local !== 'annotation').length !== 1)
      return undefined;
    const line = items[0] as El;
    if (occurs(line).max !== Infinity) return undefined;
    const ext = one(one(line, 'complexType') ?? line, 'simpleContent');
    const extension = ext && one(ext, 'extension');
    if (!extension || !xs(extension, 'attribute').some((a) => a.attrs.name === 'number')) return undefined;
    return { ns: line.doc.targetNamespace, local: line.attrs.name ?? '' };
  }

  function valueOfType(el: El, qname: string, contextName: string): XmlValue {
    const { ns, local } = resolveQName(el, qname);
    if (ns === XS || simpleTypes.has(key(ns, local))) {
      const s = scalarOfQName(el, qname);
      return s.enum
        ? { kind: 'scalar', scalar: s.scalar, enum: s.enum }
        : { kind: 'scalar', scalar: s.scalar };
    }
    const complex = complexTypes.get(key(ns, local));
    if (!complex) fail(el, `unknown type '${qname}'`);
    const line = isMultiline(complex);
    if (line) return { kind: 'multiline', line };
    return { kind: 'ref', type: buildType(complex, local, contextName) };
  }

  function valueOfElement(el: El, contextName: string): XmlValue {
    if (el.attrs.type) return valueOfType(el, el.attrs.type, contextName);
    const simple = one(el, 'simpleType');
    if (simple) {
      const s = simpleScalar(simple);
      return s.enum
        ? { kind: 'scalar', scalar: s.scalar, enum: s.enum }
        : { kind: 'scalar', scalar: s.scalar };
    }
    const complex = one(el, 'complexType');
    if (complex) {
      const line = isMultiline(complex);
      if (line) return { kind: 'multiline', line };
      return {
        kind: 'ref',
        type: buildType(complex, contextName + pascalCase(el.attrs.name ?? ''), contextName),
      };
    }
    return { kind: 'scalar', scalar: 'string' };
  }

  /** A wrapper: an anonymous complex type holding exactly one repeated element. */
  function wrapperItem(el: El): El | undefined {
    const complex = one(el, 'complexType');
    if (!complex || el.attrs.type) return undefined;
    const seq = one(complex, 'sequence');
    if (!seq || complex.children.some((c) => c.ns === XS && !['sequence', 'annotation'].includes(c.local)))
      return undefined;
    const items = seq.children.filter((c) => c.local !== 'annotation');
    if (items.length !== 1 || items[0]?.local !== 'element' || occurs(items[0]).max <= 1) return undefined;
    return isMultiline(complex) ? undefined : items[0];
  }

  function fieldOf(el: El, typeName: string, inChoice: { max: number } | undefined): ModelField {
    let decl = el;
    let ns = el.doc.targetNamespace;
    let local = el.attrs.name;
    if (el.attrs.ref) {
      const ref = resolveQName(el, el.attrs.ref);
      const global = globalElements.get(key(ref.ns, ref.local));
      if (!global) fail(el, `unknown element '${el.attrs.ref}'`);
      decl = global;
      ns = ref.ns;
      local = ref.local;
    }
    if (!local) fail(el, 'an element needs a name or a ref');
    for (const c of el.children)
      if (c.ns === XS && !['annotation', 'complexType', 'simpleType'].includes(c.local))
        fail(c, `unsupported construct xs:${c.local} in an element`);
    const { min, max } = occurs(el);
    const flag = (name: string) => (tsAttr(el, name) ?? tsAttr(decl, name)) === 'true';
    const prop = tsAttr(el, 'name') ?? tsAttr(decl, 'name') ?? camelCase(local);
    const doc = docOf(el) ?? docOf(decl);
    const values = valuesOf(el) ?? valuesOf(decl);
    const item = wrapperItem(decl);
    const repeated = max > 1 || (inChoice !== undefined && inChoice.max > 1);
    let field: ModelField;
    if (item) {
      const itemName = item.attrs.name ?? resolveQName(item, item.attrs.ref ?? '').local;
      const itemNs = item.attrs.ref ? resolveQName(item, item.attrs.ref).ns : item.doc.targetNamespace;
      const itemValue = item.attrs.ref
        ? valueOfElement(
            globalElements.get(key(itemNs, itemName)) ?? fail(item, `unknown element '${item.attrs.ref}'`),
            typeName,
          )
        : valueOfElement(item, typeName);
      field = {
        prop,
        ns,
        local,
        value: itemValue,
        list: { item: { ns: itemNs, local: itemName } },
        optional: min === 0 || inChoice !== undefined,
      };
    } else {
      field = {
        prop,
        ns,
        local,
        value: valueOfElement(decl, typeName),
        optional: min === 0 || inChoice !== undefined,
        ...(repeated ? { list: {} } : {}),
      };
    }
    return {
      ...field,
      ...(flag('readOnly') ? { readOnly: true } : {}),
      ...(flag('immutable') ? { immutable: true } : {}),
      ...(doc ? { doc } : {}),
      ...(values ? { values } : {}),
    };
  }

  function attributesOf(owner: El, typeName: string) {
    return xs(owner, 'attribute').map((a) => {
      let decl = a;
      let ns = '';
      let local = a.attrs.name;
      if (a.attrs.ref) {
        const ref = resolveQName(a, a.attrs.ref);
        const global = globalAttributes.get(key(ref.ns, ref.local));
        if (!global) fail(a, `unknown attribute '${a.attrs.ref}'`);
        decl = global;
        ns = ref.ns;
        local = ref.local;
      }
      if (!local) fail(a, 'an attribute needs a name or a ref');
      const simple = one(decl, 'simpleType');
      const s = decl.attrs.type
        ? scalarOfQName(decl, decl.attrs.type)
        : simple
          ? simpleScalar(simple)
          : { scalar: 'string' as XmlScalar };
      const doc = docOf(a) ?? docOf(decl);
      void typeName;
      return {
        prop: tsAttr(a, 'name') ?? tsAttr(decl, 'name') ?? camelCase(local),
        ns,
        local,
        scalar: s.scalar,
        ...(s.enum ? { enum: s.enum } : {}),
        optional: (a.attrs.use ?? decl.attrs.use) !== 'required',
        ...((tsAttr(a, 'readOnly') ?? tsAttr(decl, 'readOnly')) === 'true' ? { readOnly: true } : {}),
        ...(doc ? { doc } : {}),
      };
    });
  }

  function buildType(complex: El, name: string, contextName: string): string {
    const existing = typeNames.get(complex);
    if (existing) return existing;
    const tsName = tsAttr(complex, 'name') ?? pascalCase(name);
    typeNames.set(complex, tsName);
    if (building.has(tsName)) return tsName;
    building.add(tsName);
    void contextName;
    for (const c of complex.children) {
      if (c.ns !== XS || !SUPPORTED_CONTENT.has(c.local))
        fail(
          c,
          `unsupported construct xs:${c.local} in a complex type (supported: ${[...SUPPORTED_CONTENT].join(', ')})`,
        );
    }
    const doc = docOf(complex);
    const attributes = attributesOf(complex, tsName);
    const simpleContent = one(complex, 'simpleContent');
    let type: ModelType;
    if (simpleContent) {
      const extension = one(simpleContent, 'extension');
      if (!extension) fail(simpleContent, 'only xs:extension is supported in simple content');
      const text = scalarOfQName(extension, extension.attrs.base ?? 'xs:string');
      type = {
        name: tsName,
        source: complex.doc.file,
        fields: [],
        attributes: attributesOf(extension, tsName),
        text: { prop: tsAttr(complex, 'text') ?? 'value', scalar: text.scalar },
        ...(doc ? { doc } : {}),
      };
    } else {
      const group = one(complex, 'all') ?? one(complex, 'sequence') ?? one(complex, 'choice');
      const isChoice = group?.local === 'choice';
      const fields: ModelField[] = [];
      for (const c of group?.children ?? []) {
        if (c.local === 'annotation') continue;
        if (c.local !== 'element')
          fail(c, `unsupported construct xs:${c.local} in xs:${group?.local} (only xs:element is supported)`);
        fields.push(fieldOf(c, tsName, isChoice ? occurs(group as El) : undefined));
      }
      const repeatedChoice = isChoice && occurs(group as El).max > 1;
      type = {
        name: tsName,
        source: complex.doc.file,
        fields,
        ...(attributes.length ? { attributes } : {}),
        ...(isChoice && !repeatedChoice
          ? { choice: { discriminant: tsAttr(complex, 'discriminant') ?? 'kind' } }
          : {}),
        ...(doc ? { doc } : {}),
      };
    }
    types.push(type);
    return tsName;
  }

  // every named simple type is checked, used or not: a spec error should not wait for its first use
  for (const simple of simpleTypes.values()) simpleScalar(simple);

  const elements: Record<string, XmlModel['elements'][string]> = {};
  for (const doc of docs) {
    for (const el of xs(doc.root, 'element')) {
      if (!el.attrs.type && !one(el, 'complexType')) continue;
      const value = valueOfElement(el, pascalCase(el.attrs.name ?? ''));
      if (value.kind !== 'ref') continue;
      const d = docOf(el);
      elements[el.attrs.name ?? ''] = {
        ns: doc.targetNamespace,
        local: el.attrs.name ?? '',
        type: value.type,
        ...(d ? { doc: d } : {}),
      };
    }
  }
  // Named types nobody references are part of the model too.
  for (const [k, el] of complexTypes)
    if (!typeNames.has(el) && !isMultiline(el)) buildType(el, k.split('|')[1] ?? '', '');

  const prefixes: Record<string, string> = { '': main.targetNamespace };
  docs.slice(1).forEach((d, i) => (prefixes[`ns${i + 2}`] = d.targetNamespace));
  return { prefixes, closedNamespaces: docs.map((d) => d.targetNamespace), types, elements };
}
