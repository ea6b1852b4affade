import type { XmlValue } from '@regkit/core';
import type { ModelField, ModelType, XmlModel } from '../model.js';
import { quote, seq, union, type Doc } from './layout.js';

/** Types that need a `…Create` variant: they hold read-only fields, directly or through a reference. */
export function createVariants(model: XmlModel): Set<string> {
  const byName = new Map(model.types.map((t) => [t.name, t]));
  const result = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of model.types) {
      if (result.has(t.name)) continue;
      const direct = t.fields.some((f) => f.readOnly) || (t.attributes ?? []).some((a) => a.readOnly);
      const nested = t.fields.some(
        (f) => f.value.kind === 'ref' && result.has(f.value.type) && byName.has(f.value.type),
      );
      if (direct || nested) {
        result.add(t.name);
        changed = true;
      }
    }
  }
  return result;
}

export type Variant = 'full' | 'create';

export const typeName = (name: string, variant: Variant, variants: Set<string>) =>
  variant === 'create' && variants.has(name) ? `${name}Create` : name;

const literals = (values: readonly string[], numeric: boolean) => values.map((v) => (numeric ? v : quote(v)));

export function scalarTs(value: Extract<XmlValue, { kind: 'scalar' }>, values?: readonly string[]): Doc {
  if (value.enum) return union(literals(value.enum, value.scalar === 'integer'));
  if (value.scalar === 'integer') return 'number';
  if (value.scalar === 'boolean') return 'boolean';
  if (values?.length) return union([...literals(values, false), '(string & {})']);
  return 'string';
}

export function fieldTs(field: ModelField, variant: Variant, variants: Set<string>): Doc {
  const v = field.value;
  const single =
    v.kind === 'scalar'
      ? scalarTs(v, field.values)
      : v.kind === 'multiline'
        ? 'string[]'
        : typeName(v.type, variant, variants);
  if (!field.list) return single;
  return typeof single === 'string' ? `${single}[]` : seq('(', single, ')[]');
}

export function docFor(
  field: { doc?: string; local: string; readOnly?: boolean; immutable?: boolean },
  wire: string,
): string {
  const parts = [field.doc ?? '', `XML: \`${wire}\`.`];
  if (field.readOnly) parts.push('@readonly Set by the server.');
  return parts.filter(Boolean).join('\n\n');
}

/** Member lines of an object type (properties), for types and interfaces. */
export function members(
  type: ModelType,
  variant: Variant,
  variants: Set<string>,
): { name: string; type: Doc; optional: boolean; readonly: boolean; doc: string }[] {
  const out: { name: string; type: Doc; optional: boolean; readonly: boolean; doc: string }[] = [];
  if (type.text)
    out.push({
      name: type.text.prop,
      type: type.text.scalar === 'integer' ? 'number' : type.text.scalar === 'boolean' ? 'boolean' : 'string',
      optional: false,
      readonly: false,
      doc: 'Text content of the element.',
    });
  for (const a of type.attributes ?? []) {
    if (variant === 'create' && a.readOnly) continue;
    const ts = a.enum
      ? union(literals(a.enum, a.scalar === 'integer'))
      : a.scalar === 'integer'
        ? 'number'
        : a.scalar === 'boolean'
          ? 'boolean'
          : 'string';
    out.push({
      name: a.prop,
      type: ts,
      optional: a.optional,
      readonly: !!a.readOnly,
      doc: docFor({ ...a, immutable: false }, `@${a.local}`),
    });
  }
  for (const f of type.fields) {
    if (variant === 'create' && f.readOnly) continue;
    const wire = f.list?.item ? `<${f.local}><${f.list.item.local}/>…</${f.local}>` : `<${f.local}>`;
    out.push({
      name: f.prop,
      type: fieldTs(f, variant, variants),
      optional: f.optional,
      readonly: !!f.readOnly,
      doc: docFor(f, wire),
    });
  }
  return out;
}
