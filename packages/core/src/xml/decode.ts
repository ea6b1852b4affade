// Decoding: a parsed document into plain values, driven by the compiled schema.
import type { XmlField } from '../descriptors.js';
import { DecodeError } from '../errors.js';
import { nameKey, typeOf, type CodecContext, type CompiledType } from './context.js';
import { extendScope, isNamespaceDeclaration, resolveName, type Scope } from './namespaces.js';
import { attrsOf, tagOf, TEXT, type XmlNode } from './parse.js';
import { decodeScalar, textOf } from './scalars.js';

type Attributes = Record<string, string> | undefined;

/** A document's root element, known to the schema. */
export interface DecodedRoot {
  readonly element: string;
  readonly node: XmlNode;
  readonly tag: string;
  readonly scope: Scope;
}

/** A child element as its parent sees it: its attributes, the scope inside it, its expanded name. */
interface ChildElement {
  readonly tag: string;
  readonly attrs: Attributes;
  readonly scope: Scope;
  readonly ns: string;
  readonly local: string;
}

/** `node` as a child element in `scope`; undefined for a text node. */
function childElement(node: XmlNode, scope: Scope, path: string): ChildElement | undefined {
  const tag = tagOf(node);
  if (tag === undefined) return undefined;
  const attrs = attrsOf(node);
  const inner = extendScope(scope, attrs);
  const [ns, local] = resolveName(tag, inner, path);
  return { tag, attrs, scope: inner, ns, local };
}

/**
 * Is `child` the `expected` element? Another element of the API's own namespaces is a `DecodeError`
 * (`where` ends its message); one of a foreign namespace is skipped.
 */
function isExpected(
  ctx: CodecContext,
  child: ChildElement,
  expected: { readonly ns: string; readonly local: string },
  where: string,
  path: string,
): boolean {
  if (child.ns === expected.ns && child.local === expected.local) return true;
  if (ctx.closed.has(child.ns)) throw new DecodeError(`unexpected element '${child.local}'${where}`, path);
  return false;
}

/**
 * One rule for the unknown: an attribute of no namespace or of the API's own is refused as an
 * unknown element is; one of a foreign namespace (xml:, xsi:) is left alone, as foreign elements are.
 */
function refuseAttribute(ctx: CodecContext, ns: string, local: string, where: string, path: string): void {
  if (ns === '' || ctx.closed.has(ns))
    throw new DecodeError(`unknown attribute '${local}' on ${where}`, `${path}/@${local}`);
}

/** Refuses every attribute of an element that has none but `allowed`. */
function refuseAttributes(
  ctx: CodecContext,
  attrs: Attributes,
  scope: Scope,
  path: string,
  allowed?: string,
): void {
  for (const name in attrs) {
    if (isNamespaceDeclaration(name) || name === allowed) continue;
    const [ns, local] = resolveName(name, scope, path, true);
    refuseAttribute(ctx, ns, local, path.slice(path.lastIndexOf('/') + 1), path);
  }
}

/** The attributes of an element of `type` into `out`; an unknown one is refused unless the type is open. */
function decodeAttributes(
  ctx: CodecContext,
  type: CompiledType,
  attrs: Record<string, string>,
  scope: Scope,
  path: string,
  out: Record<string, unknown>,
): void {
  for (const name in attrs) {
    if (isNamespaceDeclaration(name)) continue;
    const [ns, local] = resolveName(name, scope, path, true);
    const attr = type.attrByName.get(nameKey(ns, local));
    if (attr) out[attr.prop] = decodeScalar(attr.scalar, attrs[name] ?? '', `${path}/@${local}`);
    else if (!type.def.openContent) refuseAttribute(ctx, ns, local, type.name, path);
  }
}

/** The lines of a multiline element, in the order of their `number` attributes (else document order). */
function decodeMultiline(
  ctx: CodecContext,
  line: { readonly ns: string; readonly local: string },
  children: unknown,
  scope: Scope,
  path: string,
): string[] {
  const lines: [number, string][] = [];
  for (const node of (children ?? []) as XmlNode[]) {
    const child = childElement(node, scope, path);
    if (child === undefined) continue;
    const linePath = `${path}/${child.local}`;
    if (!isExpected(ctx, child, line, '', linePath)) continue;
    refuseAttributes(ctx, child.attrs, child.scope, linePath, 'number');
    const number = child.attrs?.number;
    lines.push([
      number === undefined ? lines.length : Number(decodeScalar('integer', number, `${linePath}/@number`)),
      textOf(node[child.tag], linePath),
    ]);
  }
  return lines.sort((a, b) => a[0] - b[0]).map((l) => l[1]);
}

/** The value of one element of `field`: a scalar, an object of its type, or multiline text. */
function decodeValue(
  ctx: CodecContext,
  field: XmlField,
  children: unknown,
  attrs: Attributes,
  scope: Scope,
  path: string,
): unknown {
  const value = field.value;
  if (value.kind === 'scalar') {
    refuseAttributes(ctx, attrs, scope, path);
    return decodeScalar(value.scalar, textOf(children, path), path);
  }
  if (value.kind === 'ref') return decodeType(ctx, typeOf(ctx, value.type), children, attrs, scope, path);
  return decodeMultiline(ctx, value.line, children, scope, path);
}

/** The items of a list field wrapped in its own element (`<emails><email>…</email></emails>`). */
function decodeWrappedList(
  ctx: CodecContext,
  field: XmlField,
  item: { readonly ns: string; readonly local: string },
  entries: unknown,
  scope: Scope,
  path: string,
  wrapper: string,
): unknown[] {
  const items: unknown[] = [];
  let n = 0;
  for (const node of (entries ?? []) as XmlNode[]) {
    const entry = childElement(node, scope, path);
    if (entry === undefined) continue;
    const entryPath = `${path}/${entry.local}[${n++}]`;
    if (!isExpected(ctx, entry, item, ` in ${wrapper}`, entryPath)) continue;
    items.push(decodeValue(ctx, field, node[entry.tag], entry.attrs, entry.scope, entryPath));
  }
  return items;
}

/** An element of `type`: its attributes, then its text or its child elements in any order. */
export function decodeType(
  ctx: CodecContext,
  type: CompiledType,
  children: unknown,
  attrs: Attributes,
  scope: Scope,
  path: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const def = type.def;
  if (attrs) decodeAttributes(ctx, type, attrs, scope, path, out);
  if (def.text) {
    out[def.text.prop] = decodeScalar(def.text.scalar, textOf(children, path), path);
    return out;
  }
  const counts = new Map<string, number>();
  for (const node of (children ?? []) as XmlNode[]) {
    const child = childElement(node, scope, path);
    if (child === undefined) continue;
    const { tag, attrs: childAttrs, scope: childScope, ns, local } = child;
    const field = type.byName.get(nameKey(ns, local));
    const n = counts.get(local) ?? 0;
    counts.set(local, n + 1);
    const childPath = `${path}/${local}${n ? `[${n}]` : ''}`;
    if (!field) {
      if (ctx.closed.has(ns) && !def.openContent)
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
      refuseAttributes(ctx, childAttrs, childScope, childPath);
      out[field.prop] = decodeWrappedList(
        ctx,
        field,
        field.list.item,
        node[tag],
        childScope,
        childPath,
        local,
      );
    } else if (field.list) {
      const list = (out[field.prop] as unknown[] | undefined) ?? [];
      list.push(decodeValue(ctx, field, node[tag], childAttrs, childScope, childPath));
      out[field.prop] = list;
    } else {
      if (field.prop in out) throw new DecodeError(`element '${local}' appears more than once`, childPath);
      out[field.prop] = decodeValue(ctx, field, node[tag], childAttrs, childScope, childPath);
    }
  }
  return out;
}

/** The root element of `xml`; one the schema does not know is a `DecodeError`. */
export function readRoot(ctx: CodecContext, xml: string): DecodedRoot {
  const nodes = ctx.parse(xml);
  const node = nodes.find((n) => tagOf(n) !== undefined && !(TEXT in n));
  if (!node) throw new DecodeError('the document has no root element');
  const tag = tagOf(node) as string;
  const scope = extendScope(new Map(), attrsOf(node));
  const [ns, local] = resolveName(tag, scope, '/');
  const element = ctx.rootsByName.get(nameKey(ns, local));
  if (!element) throw new DecodeError(`unknown root element '${local}' in namespace '${ns}'`, `/${local}`);
  return { element, node, tag, scope };
}

/** The value of a root element. */
export function decodeRoot(ctx: CodecContext, root: DecodedRoot): unknown {
  const el = ctx.schema.elements[root.element];
  if (!el) throw new DecodeError(`unknown element '${root.element}'`);
  return decodeType(
    ctx,
    typeOf(ctx, el.type),
    root.node[root.tag],
    attrsOf(root.node),
    root.scope,
    `/${el.local}`,
  );
}

/** The `itemElement` children of a `collection` document (or the one item a document of it holds). */
export function decodeCollection(ctx: CodecContext, xml: string, itemElement: string): unknown[] {
  const item = ctx.schema.elements[itemElement];
  if (!item) throw new DecodeError(`unknown element '${itemElement}'`);
  const root = readRoot(ctx, xml);
  if (root.element === itemElement) return [decodeRoot(ctx, root)];
  if (root.element !== 'collection')
    throw new DecodeError(`expected a 'collection' document, found '${root.element}'`, `/${root.element}`);
  const items: unknown[] = [];
  let n = 0;
  const where = ` in a collection of ${itemElement}`;
  for (const node of (root.node[root.tag] ?? []) as XmlNode[]) {
    const child = childElement(node, root.scope, '/collection');
    if (child === undefined) continue;
    const path = `/collection/${child.local}[${n++}]`;
    if (!isExpected(ctx, child, item, where, path)) continue;
    items.push(decodeType(ctx, typeOf(ctx, item.type), node[child.tag], child.attrs, child.scope, path));
  }
  return items;
}
