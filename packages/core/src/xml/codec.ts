import type { XmlComplexType, XmlField, XmlSchema, XmlScalar, XmlAttribute } from '../descriptors.js';
import { DecodeError, EncodeError } from '../errors.js';
import { createParser, type XmlLimits, type XmlNode } from './parse.js';
import { escapeXml } from './escape.js';

export interface EncodeOptions {
  /** `create` leaves out read-only (server-set) fields. */
  readonly variant?: 'create' | 'full';
  /** Write the `<?xml …?>` declaration (default true). */
  readonly declaration?: boolean;
}

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

interface CompiledType {
  readonly name: string;
  readonly def: XmlComplexType;
  readonly byName: Map<string, XmlField>;
  readonly attrByName: Map<string, XmlAttribute>;
}

const key = (ns: string, local: string) => `${ns}\u0000${local}`;
const ATTRS = ':@';
const TEXT = '#text';

function tagOf(node: XmlNode): string | undefined {
  for (const k in node) if (k !== ATTRS) return k;
  return undefined;
}

type Scope = ReadonlyMap<string, string>;

function extendScope(scope: Scope, attrs: Record<string, string> | undefined): Scope {
  if (!attrs) return scope;
  let next: Map<string, string> | undefined;
  for (const name in attrs) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      next ??= new Map(scope);
      next.set(name === 'xmlns' ? '' : name.slice(6), attrs[name] ?? '');
    }
  }
  return next ?? scope;
}

function resolve(qname: string, scope: Scope, path: string, attribute = false): [string, string] {
  const colon = qname.indexOf(':');
  if (colon < 0) return [attribute ? '' : (scope.get('') ?? ''), qname];
  const prefix = qname.slice(0, colon);
  // `xml:` is bound by definition (Namespaces in XML 1.0 §3), never declared.
  const uri = prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : scope.get(prefix);
  if (uri === undefined) throw new DecodeError(`undeclared namespace prefix '${prefix}'`, path);
  return [uri, qname.slice(colon + 1)];
}

function textOf(children: unknown, path: string): string {
  if (!Array.isArray(children)) return '';
  let text = '';
  for (const child of children as XmlNode[]) {
    if (TEXT in child) text += String(child[TEXT]);
    else if (tagOf(child) !== undefined) throw new DecodeError('expected text, found an element', path);
  }
  return text;
}

// checked after whitespace is removed, so no part of the pattern can trade characters with another
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const WHITESPACE = /\s+/g;

function decodeScalar(scalar: XmlScalar, text: string, path: string): string | number | boolean {
  switch (scalar) {
    case 'integer':
      if (!/^\s*-?\d+\s*$/.test(text)) throw new DecodeError(`'${text}' is not an integer`, path);
      return Number(text);
    case 'boolean': {
      const t = text.trim();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      throw new DecodeError(`'${text}' is not a boolean`, path);
    }
    case 'base64': {
      const compact = text.replace(WHITESPACE, '');
      if (!BASE64.test(compact)) throw new DecodeError('not valid base64', path);
      return compact;
    }
    default:
      return text;
  }
}

// Characters XML 1.0 cannot carry at all.
// eslint-disable-next-line no-control-regex -- these are exactly the characters being refused
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function encodeScalar(scalar: XmlScalar, value: unknown, path: string): string {
  switch (scalar) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw new EncodeError('expected an integer', path);
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw new EncodeError('expected a boolean', path);
      return value ? 'true' : 'false';
    default: {
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new EncodeError('expected a string', path);
      const text = String(value);
      if (INVALID_CHARS.test(text)) throw new EncodeError('contains a character XML cannot represent', path);
      if (scalar === 'base64' && !BASE64.test(text.replace(WHITESPACE, '')))
        throw new EncodeError('not valid base64', path);
      return escapeXml(text);
    }
  }
}

/**
 * The XML codec of one API, driven by its generated `XmlSchema`. Namespaces are bound by URI,
 * so any prefixes decode the same; children decode in any order and encode in field order.
 */
export function createXmlCodec(schema: XmlSchema, limits: XmlLimits = {}): XmlCodec {
  const parse = createParser(limits);
  const closed = new Set(schema.closedNamespaces);
  const types = new Map<string, CompiledType>();
  for (const [name, def] of Object.entries(schema.types)) {
    types.set(name, {
      name,
      def,
      byName: new Map(def.fields.map((f) => [key(f.ns, f.local), f])),
      attrByName: new Map((def.attributes ?? []).map((a) => [key(a.ns, a.local), a])),
    });
  }
  const rootsByName = new Map(
    Object.entries(schema.elements).map(([name, el]) => [key(el.ns, el.local), name]),
  );
  const prefixOf = new Map<string, string>();
  for (const [prefix, uri] of Object.entries(schema.prefixes))
    if (!prefixOf.has(uri)) prefixOf.set(uri, prefix);
  const declarations = Object.entries(schema.prefixes)
    .map(([prefix, uri]) => ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeXml(uri)}"`)
    .join('');

  const typeOf = (name: string): CompiledType => {
    const t = types.get(name);
    if (!t) throw new Error(`XmlSchema has no type '${name}'`);
    return t;
  };

  const qname = (ns: string, local: string, path: string): string => {
    if (ns === '') return local;
    const prefix = prefixOf.get(ns);
    if (prefix === undefined) throw new EncodeError(`namespace ${ns} has no prefix in the schema`, path);
    return prefix ? `${prefix}:${local}` : local;
  };

  // ---- decode ----

  /**
   * One rule for the unknown: an attribute of no namespace or of the API's own is refused as an
   * unknown element is; one of a foreign namespace (xml:, xsi:) is left alone, as foreign elements are.
   */
  function refuseAttribute(ns: string, local: string, where: string, path: string): void {
    if (ns === '' || closed.has(ns))
      throw new DecodeError(`unknown attribute '${local}' on ${where}`, `${path}/@${local}`);
  }

  /** Refuses every attribute of an element that has none but `allowed`. */
  function refuseAttributes(
    attrs: Record<string, string> | undefined,
    scope: Scope,
    path: string,
    allowed?: string,
  ): void {
    for (const name in attrs) {
      if (name === 'xmlns' || name.startsWith('xmlns:') || name === allowed) continue;
      const [ns, local] = resolve(name, scope, path, true);
      refuseAttribute(ns, local, path.slice(path.lastIndexOf('/') + 1), path);
    }
  }

  function decodeValue(
    field: XmlField,
    children: unknown,
    attrs: Record<string, string> | undefined,
    scope: Scope,
    path: string,
  ): unknown {
    const value = field.value;
    if (value.kind === 'scalar') {
      refuseAttributes(attrs, scope, path);
      return decodeScalar(value.scalar, textOf(children, path), path);
    }
    if (value.kind === 'ref') return decodeType(typeOf(value.type), children, attrs, scope, path);
    const lines: [number, string][] = [];
    for (const child of (children ?? []) as XmlNode[]) {
      const tag = tagOf(child);
      if (tag === undefined) continue;
      const childAttrs = child[ATTRS] as Record<string, string> | undefined;
      const childScope = extendScope(scope, childAttrs);
      const [ns, local] = resolve(tag, childScope, path);
      const linePath = `${path}/${local}`;
      if (ns !== value.line.ns || local !== value.line.local) {
        if (closed.has(ns)) throw new DecodeError(`unexpected element '${local}'`, linePath);
        continue;
      }
      refuseAttributes(childAttrs, childScope, linePath, 'number');
      const number = childAttrs?.number;
      lines.push([
        number === undefined ? lines.length : Number(decodeScalar('integer', number, `${linePath}/@number`)),
        textOf(child[tag], linePath),
      ]);
    }
    return lines.sort((a, b) => a[0] - b[0]).map((l) => l[1]);
  }

  function decodeType(
    type: CompiledType,
    children: unknown,
    attrs: Record<string, string> | undefined,
    scope: Scope,
    path: string,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const def = type.def;
    if (attrs) {
      for (const name in attrs) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
        const [ns, local] = resolve(name, scope, path, true);
        const attr = type.attrByName.get(key(ns, local));
        if (attr) out[attr.prop] = decodeScalar(attr.scalar, attrs[name] ?? '', `${path}/@${local}`);
        else if (!def.openContent) refuseAttribute(ns, local, type.name, path);
      }
    }
    if (def.text) {
      out[def.text.prop] = decodeScalar(def.text.scalar, textOf(children, path), path);
      return out;
    }
    const counts = new Map<string, number>();
    for (const child of (children ?? []) as XmlNode[]) {
      const tag = tagOf(child);
      if (tag === undefined) continue;
      const childAttrs = child[ATTRS] as Record<string, string> | undefined;
      const childScope = extendScope(scope, childAttrs);
      const [ns, local] = resolve(tag, childScope, path);
      const field = type.byName.get(key(ns, local));
      const n = counts.get(local) ?? 0;
      counts.set(local, n + 1);
      const childPath = `${path}/${local}${n ? `[${n}]` : ''}`;
      if (!field) {
        if (closed.has(ns) && !def.openContent)
          throw new DecodeError(`unknown element '${local}' in ${type.name}`, childPath);
        continue;
      }
      if (def.choice) {
        if (def.choice.discriminant in out)
          throw new DecodeError(
            `only one of ${def.fields.map((f) => f.local).join(', ')} is allowed`,
            childPath,
          );
        out[def.choice.discriminant] = field.prop;
      }
      if (field.list?.item) {
        refuseAttributes(childAttrs, childScope, childPath);
        const item = field.list.item;
        const items: unknown[] = [];
        const itemCounts = { n: 0 };
        for (const entry of (child[tag] ?? []) as XmlNode[]) {
          const entryTag = tagOf(entry);
          if (entryTag === undefined) continue;
          const entryAttrs = entry[ATTRS] as Record<string, string> | undefined;
          const entryScope = extendScope(childScope, entryAttrs);
          const [ens, elocal] = resolve(entryTag, entryScope, childPath);
          const entryPath = `${childPath}/${elocal}[${itemCounts.n++}]`;
          if (ens !== item.ns || elocal !== item.local) {
            if (closed.has(ens))
              throw new DecodeError(`unexpected element '${elocal}' in ${local}`, entryPath);
            continue;
          }
          items.push(decodeValue(field, entry[entryTag], entryAttrs, entryScope, entryPath));
        }
        out[field.prop] = items;
      } else if (field.list) {
        const list = (out[field.prop] as unknown[] | undefined) ?? [];
        list.push(decodeValue(field, child[tag], childAttrs, childScope, childPath));
        out[field.prop] = list;
      } else {
        if (field.prop in out) throw new DecodeError(`element '${local}' appears more than once`, childPath);
        out[field.prop] = decodeValue(field, child[tag], childAttrs, childScope, childPath);
      }
    }
    return out;
  }

  function root(xml: string): { element: string; node: XmlNode; tag: string; scope: Scope } {
    const nodes = parse(xml);
    const node = nodes.find((n) => tagOf(n) !== undefined && !(TEXT in n));
    if (!node) throw new DecodeError('the document has no root element');
    const tag = tagOf(node) as string;
    const scope = extendScope(new Map(), node[ATTRS] as Record<string, string> | undefined);
    const [ns, local] = resolve(tag, scope, '/');
    const element = rootsByName.get(key(ns, local));
    if (!element) throw new DecodeError(`unknown root element '${local}' in namespace '${ns}'`, `/${local}`);
    return { element, node, tag, scope };
  }

  function decodeRoot(r: ReturnType<typeof root>): unknown {
    const el = schema.elements[r.element];
    if (!el) throw new DecodeError(`unknown element '${r.element}'`);
    return decodeType(
      typeOf(el.type),
      r.node[r.tag],
      r.node[ATTRS] as Record<string, string> | undefined,
      r.scope,
      `/${el.local}`,
    );
  }

  // ---- encode ----

  function encodeAttrs(
    type: CompiledType,
    value: Record<string, unknown>,
    variant: string | undefined,
    path: string,
  ): string {
    let out = '';
    for (const attr of type.def.attributes ?? []) {
      const v = value[attr.prop];
      if (v === undefined || v === null || (variant === 'create' && attr.readOnly)) continue;
      out += ` ${attr.ns ? qname(attr.ns, attr.local, path) : attr.local}="${encodeScalar(attr.scalar, v, `${path}/@${attr.local}`)}"`;
    }
    return out;
  }

  function encodeBody(
    type: CompiledType,
    value: unknown,
    variant: string | undefined,
    path: string,
    out: string[],
  ): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new EncodeError(`expected an object for ${type.name}`, path);
    const record = value as Record<string, unknown>;
    const def = type.def;
    if (def.text) {
      const v = record[def.text.prop];
      if (v !== undefined && v !== null) out.push(encodeScalar(def.text.scalar, v, path));
      return;
    }
    let fields = def.fields;
    if (def.choice) {
      const member = record[def.choice.discriminant];
      const chosen = def.fields.find((f) => f.prop === member);
      if (!chosen)
        throw new EncodeError(
          `${def.choice.discriminant} must be one of ${def.fields.map((f) => f.prop).join(', ')}`,
          path,
        );
      fields = [chosen];
    }
    for (const field of fields) {
      const v = record[field.prop];
      if (v === undefined || v === null || (variant === 'create' && field.readOnly)) continue;
      encodeField(field, v, variant, `${path}/${field.local}`, out);
    }
  }

  function encodeElement(
    ns: string,
    local: string,
    field: XmlField,
    v: unknown,
    variant: string | undefined,
    path: string,
    out: string[],
  ): void {
    const name = qname(ns, local, path);
    const value = field.value;
    if (value.kind === 'scalar') {
      const text = encodeScalar(value.scalar, v, path);
      out.push(text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`);
    } else if (value.kind === 'multiline') {
      if (!Array.isArray(v)) throw new EncodeError('expected an array of lines', path);
      if (v.length === 0) return void out.push(`<${name}/>`);
      const line = qname(value.line.ns, value.line.local, path);
      out.push(`<${name}>`);
      v.forEach((text, i) =>
        out.push(
          `<${line} number="${i}">${encodeScalar('string', text, `${path}/${value.line.local}[${i}]`)}</${line}>`,
        ),
      );
      out.push(`</${name}>`);
    } else {
      const type = typeOf(value.type);
      if (typeof v !== 'object' || v === null)
        throw new EncodeError(`expected an object for ${type.name}`, path);
      out.push(`<${name}${encodeAttrs(type, v as Record<string, unknown>, variant, path)}>`);
      const start = out.length;
      encodeBody(type, v, variant, path, out);
      if (out.length === start) out[start - 1] = (out[start - 1] as string).replace(/>$/, '/>');
      else out.push(`</${name}>`);
    }
  }

  function encodeField(
    field: XmlField,
    v: unknown,
    variant: string | undefined,
    path: string,
    out: string[],
  ): void {
    if (!field.list) return encodeElement(field.ns, field.local, field, v, variant, path, out);
    if (!Array.isArray(v)) throw new EncodeError('expected an array', path);
    const item = field.list.item;
    if (!item) {
      v.forEach((entry, i) =>
        encodeElement(field.ns, field.local, field, entry, variant, `${path}[${i}]`, out),
      );
      return;
    }
    const wrapper = qname(field.ns, field.local, path);
    if (v.length === 0) return void out.push(`<${wrapper}/>`);
    out.push(`<${wrapper}>`);
    v.forEach((entry, i) =>
      encodeElement(item.ns, item.local, field, entry, variant, `${path}/${item.local}[${i}]`, out),
    );
    out.push(`</${wrapper}>`);
  }

  function encodeRoot(
    element: string,
    body: (out: string[]) => void,
    attrs: string,
    options: EncodeOptions,
  ): string {
    const el = schema.elements[element];
    if (!el) throw new EncodeError(`unknown element '${element}'`);
    const name = qname(el.ns, el.local, `/${el.local}`);
    const out: string[] = [];
    if (options.declaration !== false) out.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>');
    out.push(`<${name}${declarations}${attrs}>`);
    const start = out.length;
    body(out);
    if (out.length === start) out[start - 1] = (out[start - 1] as string).replace(/>$/, '/>');
    else out.push(`</${name}>`);
    return out.join('');
  }

  return {
    schema,
    decode<T>(xml: string, expectedElement?: string): T {
      const r = root(xml);
      if (expectedElement !== undefined && r.element !== expectedElement) {
        throw new DecodeError(
          `expected a '${expectedElement}' document, found '${r.element}'`,
          `/${r.element}`,
        );
      }
      return decodeRoot(r) as T;
    },
    decodeDocument(xml) {
      const r = root(xml);
      return { element: r.element, value: decodeRoot(r) };
    },
    decodeCollection<T>(xml: string, itemElement: string): T[] {
      const item = schema.elements[itemElement];
      if (!item) throw new DecodeError(`unknown element '${itemElement}'`);
      const r = root(xml);
      if (r.element === itemElement) return [decodeRoot(r) as T];
      if (r.element !== 'collection')
        throw new DecodeError(`expected a 'collection' document, found '${r.element}'`, `/${r.element}`);
      const items: T[] = [];
      let n = 0;
      for (const child of (r.node[r.tag] ?? []) as XmlNode[]) {
        const tag = tagOf(child);
        if (tag === undefined) continue;
        const attrs = child[ATTRS] as Record<string, string> | undefined;
        const scope = extendScope(r.scope, attrs);
        const [ns, local] = resolve(tag, scope, '/collection');
        const path = `/collection/${local}[${n++}]`;
        if (ns !== item.ns || local !== item.local) {
          if (closed.has(ns))
            throw new DecodeError(`unexpected element '${local}' in a collection of ${itemElement}`, path);
          continue;
        }
        items.push(decodeType(typeOf(item.type), child[tag], attrs, scope, path) as T);
      }
      return items;
    },
    encode(element, value, options = {}) {
      const el = schema.elements[element];
      if (!el) throw new EncodeError(`unknown element '${element}'`);
      const type = typeOf(el.type);
      if (typeof value !== 'object' || value === null)
        throw new EncodeError(`expected an object for ${type.name}`, `/${el.local}`);
      const attrs = encodeAttrs(type, value as Record<string, unknown>, options.variant, `/${el.local}`);
      return encodeRoot(
        element,
        (out) => encodeBody(type, value, options.variant, `/${el.local}`, out),
        attrs,
        options,
      );
    },
    encodeCollection(itemElement, values, options = {}) {
      const item = schema.elements[itemElement];
      if (!item) throw new EncodeError(`unknown element '${itemElement}'`);
      const type = typeOf(item.type);
      return encodeRoot(
        'collection',
        (out) =>
          values.forEach((v, i) => {
            const path = `/collection/${item.local}[${i}]`;
            const name = qname(item.ns, item.local, path);
            if (typeof v !== 'object' || v === null)
              throw new EncodeError(`expected an object for ${type.name}`, path);
            out.push(`<${name}${encodeAttrs(type, v as Record<string, unknown>, options.variant, path)}>`);
            const start = out.length;
            encodeBody(type, v, options.variant, path, out);
            if (out.length === start) out[start - 1] = (out[start - 1] as string).replace(/>$/, '/>');
            else out.push(`</${name}>`);
          }),
        '',
        options,
      );
    },
  };
}
