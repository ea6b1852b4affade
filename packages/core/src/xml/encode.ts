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

/** One encoding: the codec's context, the variant asked for, and the text written so far. */
interface EncodeRun {
  readonly ctx: CodecContext;
  readonly variant: EncodeOptions['variant'];
  readonly out: string[];
}

/** Closes the element opened at `out[start - 1]`: with an end tag, or as an empty-element tag. */
function closeElement(out: string[], start: number, name: string): void {
  if (out.length === start) out[start - 1] = (out[start - 1] as string).replace(/>$/, '/>');
  else out.push(`</${name}>`);
}

/** The attributes of `type` set in `value`, as ` name="value"` pairs. */
function encodeAttributes(
  run: EncodeRun,
  type: CompiledType,
  value: Record<string, unknown>,
  path: string,
): string {
  let out = '';
  for (const attr of type.def.attributes ?? []) {
    const v = value[attr.prop];
    if (v === undefined || v === null || (run.variant === 'create' && attr.readOnly)) continue;
    out += ` ${attr.ns ? qualifiedName(run.ctx, attr.ns, attr.local, path) : attr.local}="${encodeScalar(attr.scalar, v, `${path}/@${attr.local}`)}"`;
  }
  return out;
}

/** What goes between the tags of an element of `type`: its text, or its fields in schema order. */
function encodeContent(run: EncodeRun, type: CompiledType, value: unknown, path: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new EncodeError(`expected an object for ${type.name}`, path);
  const record = value as Record<string, unknown>;
  const def = type.def;
  if (def.text) {
    const v = record[def.text.prop];
    if (v !== undefined && v !== null) run.out.push(encodeScalar(def.text.scalar, v, path));
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
    if (v === undefined || v === null || (run.variant === 'create' && field.readOnly)) continue;
    encodeField(run, field, v, `${path}/${field.local}`);
  }
}

/** An element named `name` holding an object of `type`: its attributes and its content. */
function encodeObjectElement(
  run: EncodeRun,
  name: string,
  type: CompiledType,
  value: unknown,
  path: string,
): void {
  if (typeof value !== 'object' || value === null)
    throw new EncodeError(`expected an object for ${type.name}`, path);
  run.out.push(`<${name}${encodeAttributes(run, type, value as Record<string, unknown>, path)}>`);
  const start = run.out.length;
  encodeContent(run, type, value, path);
  closeElement(run.out, start, name);
}

/** Lines of text as numbered line elements (`<line number="0">…</line>`). */
function encodeMultiline(
  run: EncodeRun,
  name: string,
  line: { readonly ns: string; readonly local: string },
  value: unknown,
  path: string,
): void {
  const { out } = run;
  if (!Array.isArray(value)) throw new EncodeError('expected an array of lines', path);
  if (value.length === 0) return void out.push(`<${name}/>`);
  const lineName = qualifiedName(run.ctx, line.ns, line.local, path);
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
  run: EncodeRun,
  ns: string,
  local: string,
  field: XmlField,
  v: unknown,
  path: string,
): void {
  const name = qualifiedName(run.ctx, ns, local, path);
  const value = field.value;
  if (value.kind === 'scalar') {
    const text = encodeScalar(value.scalar, v, path);
    run.out.push(text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`);
  } else if (value.kind === 'multiline') encodeMultiline(run, name, value.line, v, path);
  else encodeObjectElement(run, name, typeOf(run.ctx, value.type), v, path);
}

/** A field: one element, one element per item of a list, or a wrapper around the items. */
function encodeField(run: EncodeRun, field: XmlField, v: unknown, path: string): void {
  if (!field.list) return encodeElement(run, field.ns, field.local, field, v, path);
  if (!Array.isArray(v)) throw new EncodeError('expected an array', path);
  const item = field.list.item;
  if (!item) {
    v.forEach((entry, i) => encodeElement(run, field.ns, field.local, field, entry, `${path}[${i}]`));
    return;
  }
  const wrapper = qualifiedName(run.ctx, field.ns, field.local, path);
  if (v.length === 0) return void run.out.push(`<${wrapper}/>`);
  run.out.push(`<${wrapper}>`);
  v.forEach((entry, i) =>
    encodeElement(run, item.ns, item.local, field, entry, `${path}/${item.local}[${i}]`),
  );
  run.out.push(`</${wrapper}>`);
}

/**
 * A document whose root is `element`, with the schema's namespace declarations and the attributes
 * `attrs` gives; `body` writes its content.
 */
function encodeDocument(
  ctx: CodecContext,
  element: string,
  options: EncodeOptions,
  attrs: (run: EncodeRun) => string,
  body: (run: EncodeRun) => void,
): string {
  const el = ctx.schema.elements[element];
  if (!el) throw new EncodeError(`unknown element '${element}'`);
  const run: EncodeRun = { ctx, variant: options.variant, out: [] };
  const attributes = attrs(run);
  const name = qualifiedName(ctx, el.ns, el.local, `/${el.local}`);
  if (options.declaration !== false) run.out.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>');
  run.out.push(`<${name}${ctx.declarations}${attributes}>`);
  const start = run.out.length;
  body(run);
  closeElement(run.out, start, name);
  return run.out.join('');
}

/** A document of one `element`. */
export function encode(ctx: CodecContext, element: string, value: unknown, options: EncodeOptions): string {
  const el = ctx.schema.elements[element];
  if (!el) throw new EncodeError(`unknown element '${element}'`);
  const type = typeOf(ctx, el.type);
  const path = `/${el.local}`;
  if (typeof value !== 'object' || value === null)
    throw new EncodeError(`expected an object for ${type.name}`, path);
  return encodeDocument(
    ctx,
    element,
    options,
    (run) => encodeAttributes(run, type, value as Record<string, unknown>, path),
    (run) => encodeContent(run, type, value, path),
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
  return encodeDocument(
    ctx,
    'collection',
    options,
    () => '',
    (run) =>
      values.forEach((v, i) => {
        const path = `/collection/${item.local}[${i}]`;
        encodeObjectElement(run, qualifiedName(ctx, item.ns, item.local, path), type, v, path);
      }),
  );
}
