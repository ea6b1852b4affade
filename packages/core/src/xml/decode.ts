// Decoding: a parsed document into plain values, driven by the compiled schema.
import type { XmlField } from '../descriptors.js';
import { DecodeError } from '../errors.js';
import { lookUp, nameKey, typeOf, type CodecContext, type CompiledType } from './context.js';
import { extendScope, isNamespaceDeclaration, namespaceOf, type Scope } from './namespaces.js';
import { attrsOf, tagOf, TEXT, type XmlNode } from './parse.js';
import { childPath, decodeError, entryPath, localOf, plainPath, type Path } from './path.js';
import { decodeScalar, textOf } from './scalars.js';

type Attributes = Record<string, string> | undefined;

/** A document's root element, known to the schema. */
export interface DecodedRoot {
  readonly element: string;
  readonly node: XmlNode;
  readonly tag: string;
  readonly scope: Scope;
}

/** An expanded element name. */
interface Name {
  readonly ns: string;
  readonly local: string;
}

/** A child element as its parent sees it: its attributes, the scope inside it, its expanded name. */
interface ChildElement extends Name {
  readonly tag: string;
  readonly attrs: Attributes;
  readonly scope: Scope;
}

/** `node` as a child element in `scope` (a text node is one named `#text`); undefined for none. */
function childElement(node: XmlNode, scope: Scope, path: Path): ChildElement | undefined {
  const tag = tagOf(node);
  if (tag === undefined) return undefined;
  const attrs = attrsOf(node);
  const inner = extendScope(scope, attrs);
  return { tag, attrs, scope: inner, ns: namespaceOf(tag, inner, path), local: localOf(tag) };
}

/**
 * Is `child` the `expected` element? Another element of the API's own namespaces is a `DecodeError`
 * (`where` ends its message); one of a foreign namespace is skipped.
 */
function isExpected(ctx: CodecContext, child: Name, expected: Name, where: string, path: Path): boolean {
  if (child.ns === expected.ns && child.local === expected.local) return true;
  if (ctx.closed.has(child.ns)) throw decodeError(`unexpected element '${child.local}'${where}`, path);
  return false;
}

/**
 * One rule for the unknown: an attribute of no namespace or of the API's own is refused as an
 * unknown element is; one of a foreign namespace (xml:, xsi:) is left alone, as foreign elements are.
 * `where` names the element, when given; else the last step of `path` does.
 */
function refuseAttribute(ctx: CodecContext, ns: string, local: string, path: Path, where?: string): void {
  if (ns === '' || ctx.closed.has(ns)) {
    const at = String(path);
    where ??= at.slice(at.lastIndexOf('/') + 1);
    throw new DecodeError(`unknown attribute '${local}' on ${where}`, `${at}/@${local}`);
  }
}

/** Refuses every attribute of an element that has none but `allowed`. */
function refuseAttributes(
  ctx: CodecContext,
  attrs: Attributes,
  scope: Scope,
  path: Path,
  allowed?: string,
): void {
  for (const name in attrs) {
    if (isNamespaceDeclaration(name) || name === allowed) continue;
    refuseAttribute(ctx, namespaceOf(name, scope, path, true), localOf(name), path);
  }
}

/** The attributes of an element of `type` into `out`; an unknown one is refused unless the type is open. */
function decodeAttributes(
  ctx: CodecContext,
  type: CompiledType,
  attrs: Record<string, string>,
  scope: Scope,
  path: Path,
  out: Record<string, unknown>,
): void {
  for (const name in attrs) {
    if (isNamespaceDeclaration(name)) continue;
    const ns = namespaceOf(name, scope, path, true);
    const local = localOf(name);
    const attr = lookUp(type.attributes, ns, local);
    if (attr) out[attr.prop] = decodeScalar(attr.scalar, attrs[name] ?? '', plainPath(path, `@${local}`));
    else if (!type.def.openContent) refuseAttribute(ctx, ns, local, path, type.name);
  }
}

/** The lines of a multiline element, in the order of their `number` attributes (else document order). */
function decodeMultiline(
  ctx: CodecContext,
  line: Name,
  children: unknown,
  scope: Scope,
  path: Path,
): string[] {
  const lines: [number, string][] = [];
  for (const node of (children ?? []) as XmlNode[]) {
    const child = childElement(node, scope, path);
    if (child === undefined) continue;
    const { tag, attrs, scope: inner, local } = child;
    const linePath = plainPath(path, local);
    if (!isExpected(ctx, child, line, '', linePath)) continue;
    refuseAttributes(ctx, attrs, inner, linePath, 'number');
    const number = attrs?.number;
    lines.push([
      number === undefined
        ? lines.length
        : Number(decodeScalar('integer', number, plainPath(linePath, '@number'))),
      textOf(node[tag], linePath),
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
  path: Path,
): unknown {
  const value = field.value;
  if (value.kind === 'scalar') {
    if (attrs) refuseAttributes(ctx, attrs, scope, path);
    return decodeScalar(value.scalar, textOf(children, path), path);
  }
  if (value.kind === 'ref') return decodeType(ctx, typeOf(ctx, value.type), children, attrs, scope, path);
  return decodeMultiline(ctx, value.line, children, scope, path);
}

/** The items of a list field wrapped in its own element (`<emails><email>…</email></emails>`). */
function decodeWrappedList(
  ctx: CodecContext,
  field: XmlField,
  item: Name,
  entries: unknown,
  scope: Scope,
  path: Path,
  wrapper: string,
): unknown[] {
  const items: unknown[] = [];
  let n = 0;
  for (const node of (entries ?? []) as XmlNode[]) {
    const child = childElement(node, scope, path);
    if (child === undefined) continue;
    const { tag, attrs, scope: inner, local } = child;
    const at = entryPath(path, local, n++);
    if (!isExpected(ctx, child, item, ` in ${wrapper}`, at)) continue;
    items.push(decodeValue(ctx, field, node[tag], attrs, inner, at));
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
  path: Path,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const def = type.def;
  if (attrs) decodeAttributes(ctx, type, attrs, scope, path, out);
  if (def.text) {
    out[def.text.prop] = decodeScalar(def.text.scalar, textOf(children, path), path);
    return out;
  }
  const nodes = (children ?? []) as XmlNode[];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as XmlNode;
    const child = childElement(node, scope, path);
    if (child === undefined) continue;
    const { tag, attrs: childAttrs, scope: childScope, ns, local } = child;
    const field = lookUp(type.fields, ns, local);
    const at = childPath(path, nodes, i, local);
    if (!field) {
      if (ctx.closed.has(ns) && !def.openContent)
        throw decodeError(`unknown element '${local}' in ${type.name}`, at);
      continue;
    }
    if (def.choice) {
      if (def.choice.discriminant in out) throw decodeError(type.choiceError, at);
      out[def.choice.discriminant] = field.prop;
    }
    if (field.list?.item) {
      if (childAttrs) refuseAttributes(ctx, childAttrs, childScope, at);
      out[field.prop] = decodeWrappedList(ctx, field, field.list.item, node[tag], childScope, at, local);
    } else if (field.list) {
      const list = (out[field.prop] as unknown[] | undefined) ?? [];
      list.push(decodeValue(ctx, field, node[tag], childAttrs, childScope, at));
      out[field.prop] = list;
    } else {
      if (field.prop in out) throw decodeError(`element '${local}' appears more than once`, at);
      out[field.prop] = decodeValue(ctx, field, node[tag], childAttrs, childScope, at);
    }
  }
  return out;
}

/** The scope outside a document's root: no prefix declared. */
const NO_SCOPE: Scope = new Map();

/** The root element of `xml`; one the schema does not know is a `DecodeError`. */
export function readRoot(ctx: CodecContext, xml: string): DecodedRoot {
  const nodes = ctx.parse(xml);
  const node = nodes.find((n) => tagOf(n) !== undefined && !(TEXT in n));
  if (!node) throw new DecodeError('the document has no root element');
  const tag = tagOf(node) as string;
  const scope = extendScope(NO_SCOPE, attrsOf(node));
  const ns = namespaceOf(tag, scope, '/');
  const local = localOf(tag);
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
  const where = ` in a collection of ${itemElement}`;
  let n = 0;
  for (const node of (root.node[root.tag] ?? []) as XmlNode[]) {
    const child = childElement(node, root.scope, '/collection');
    if (child === undefined) continue;
    const { tag, attrs, scope, local } = child;
    const at = entryPath('/collection', local, n++);
    if (!isExpected(ctx, child, item, where, at)) continue;
    items.push(decodeType(ctx, typeOf(ctx, item.type), node[tag], attrs, scope, at));
  }
  return items;
}
