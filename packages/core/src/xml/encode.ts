// Encoding: plain values into a document, fields in schema order, driven by the compiled schema.
import type { XmlField } from '../descriptors.js';
import { EncodeError } from '../errors.js';
import { qualifiedName, typeOf, type CodecContext, type CompiledType } from './context.js';
import { encodeScalar } from './scalars.js';

export interface EncodeOptions {
  /** `create` leaves out read-only (server-set) fields. */
  readonly variant?: 'create' | 'full';
  /** Write the `<?xml …?>` declaration (default true). */
  readonly declaration?: boolean;
}

type Variant = EncodeOptions['variant'];

/** Closes the element opened at `out[start - 1]`: with an end tag, or as an empty-element tag. */
function closeElement(out: string[], start: number, name: string): void {
  if (out.length === start) out[start - 1] = (out[start - 1] as string).replace(/>$/, '/>');
  else out.push(`</${name}>`);
}

/** The attributes of `type` set in `value`, as ` name="value"` pairs. */
function encodeAttributes(
  ctx: CodecContext,
  type: CompiledType,
  value: Record<string, unknown>,
  variant: Variant,
  path: string,
): string {
  let out = '';
  for (const attr of type.def.attributes ?? []) {
    const v = value[attr.prop];
    if (v === undefined || v === null || (variant === 'create' && attr.readOnly)) continue;
    out += ` ${attr.ns ? qualifiedName(ctx, attr.ns, attr.local, path) : attr.local}="${encodeScalar(attr.scalar, v, `${path}/@${attr.local}`)}"`;
  }
  return out;
}

/** What goes between the tags of an element of `type`: its text, or its fields in schema order. */
function encodeContent(
  ctx: CodecContext,
  type: CompiledType,
  value: unknown,
  variant: Variant,
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
    encodeField(ctx, field, v, variant, `${path}/${field.local}`, out);
  }
}

/** An element named `name` holding an object of `type`: its attributes and its content. */
function encodeObjectElement(
  ctx: CodecContext,
  name: string,
  type: CompiledType,
  value: unknown,
  variant: Variant,
  path: string,
  out: string[],
): void {
  if (typeof value !== 'object' || value === null)
    throw new EncodeError(`expected an object for ${type.name}`, path);
  out.push(`<${name}${encodeAttributes(ctx, type, value as Record<string, unknown>, variant, path)}>`);
  const start = out.length;
  encodeContent(ctx, type, value, variant, path, out);
  closeElement(out, start, name);
}

/** Lines of text as numbered line elements (`<line number="0">…</line>`). */
function encodeMultiline(
  ctx: CodecContext,
  name: string,
  line: { readonly ns: string; readonly local: string },
  value: unknown,
  path: string,
  out: string[],
): void {
  if (!Array.isArray(value)) throw new EncodeError('expected an array of lines', path);
  if (value.length === 0) return void out.push(`<${name}/>`);
  const lineName = qualifiedName(ctx, line.ns, line.local, path);
  out.push(`<${name}>`);
  value.forEach((text, i) =>
    out.push(
      `<${lineName} number="${i}">${encodeScalar('string', text, `${path}/${line.local}[${i}]`)}</${lineName}>`,
    ),
  );
  out.push(`</${name}>`);
}

/** One element `ns:local` holding one value of `field`. */
function encodeElement(
  ctx: CodecContext,
  ns: string,
  local: string,
  field: XmlField,
  v: unknown,
  variant: Variant,
  path: string,
  out: string[],
): void {
  const name = qualifiedName(ctx, ns, local, path);
  const value = field.value;
  if (value.kind === 'scalar') {
    const text = encodeScalar(value.scalar, v, path);
    out.push(text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`);
  } else if (value.kind === 'multiline') encodeMultiline(ctx, name, value.line, v, path, out);
  else encodeObjectElement(ctx, name, typeOf(ctx, value.type), v, variant, path, out);
}

/** A field: one element, one element per item of a list, or a wrapper around the items. */
function encodeField(
  ctx: CodecContext,
  field: XmlField,
  v: unknown,
  variant: Variant,
  path: string,
  out: string[],
): void {
  if (!field.list) return encodeElement(ctx, field.ns, field.local, field, v, variant, path, out);
  if (!Array.isArray(v)) throw new EncodeError('expected an array', path);
  const item = field.list.item;
  if (!item) {
    v.forEach((entry, i) =>
      encodeElement(ctx, field.ns, field.local, field, entry, variant, `${path}[${i}]`, out),
    );
    return;
  }
  const wrapper = qualifiedName(ctx, field.ns, field.local, path);
  if (v.length === 0) return void out.push(`<${wrapper}/>`);
  out.push(`<${wrapper}>`);
  v.forEach((entry, i) =>
    encodeElement(ctx, item.ns, item.local, field, entry, variant, `${path}/${item.local}[${i}]`, out),
  );
  out.push(`</${wrapper}>`);
}

/** A document whose root is `element`, with the schema's namespace declarations and `attrs`. */
function encodeDocument(
  ctx: CodecContext,
  element: string,
  body: (out: string[]) => void,
  attrs: string,
  options: EncodeOptions,
): string {
  const el = ctx.schema.elements[element];
  if (!el) throw new EncodeError(`unknown element '${element}'`);
  const name = qualifiedName(ctx, el.ns, el.local, `/${el.local}`);
  const out: string[] = [];
  if (options.declaration !== false) out.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>');
  out.push(`<${name}${ctx.declarations}${attrs}>`);
  const start = out.length;
  body(out);
  closeElement(out, start, name);
  return out.join('');
}

/** A document of one `element`. */
export function encode(ctx: CodecContext, element: string, value: unknown, options: EncodeOptions): string {
  const el = ctx.schema.elements[element];
  if (!el) throw new EncodeError(`unknown element '${element}'`);
  const type = typeOf(ctx, el.type);
  const path = `/${el.local}`;
  if (typeof value !== 'object' || value === null)
    throw new EncodeError(`expected an object for ${type.name}`, path);
  const attrs = encodeAttributes(ctx, type, value as Record<string, unknown>, options.variant, path);
  return encodeDocument(
    ctx,
    element,
    (out) => encodeContent(ctx, type, value, options.variant, path, out),
    attrs,
    options,
  );
}

/** A `collection` document of `itemElement` elements. */
export function encodeCollection(
  ctx: CodecContext,
  itemElement: string,
  values: readonly unknown[],
  options: EncodeOptions,
): string {
  const item = ctx.schema.elements[itemElement];
  if (!item) throw new EncodeError(`unknown element '${itemElement}'`);
  const type = typeOf(ctx, item.type);
  const items = (out: string[]) =>
    values.forEach((v, i) => {
      const path = `/collection/${item.local}[${i}]`;
      encodeObjectElement(
        ctx,
        qualifiedName(ctx, item.ns, item.local, path),
        type,
        v,
        options.variant,
        path,
        out,
      );
    });
  return encodeDocument(ctx, 'collection', items, '', options);
}
