import type { ts } from 'ts-morph';
import type { ModelField, ModelType, XmlModel } from '../model.js';
import { arrayOf, inlineTypeLiteral, keyword, literalType, property, scalarType, union } from './code.js';
import type { EmitFile } from './emitFile.js';

/**
 * The forms of a type: `full` (its own name) as a response holds it, with the fields ARIN always
 * returns required; `input` (`PocInput`) as a request sends it, those fields optional; `create`
 * (`PocCreate`) as a create request sends it, read-only fields left out.
 */
export type Variant = 'full' | 'input' | 'create';

/** The forms a type is emitted in: every type in full, then `…Input` and `…Create` where they differ. */
export const variantsOf = (t: ModelType): Variant[] => [
  'full',
  ...(t.inputVariant ? (['input'] as const) : []),
  ...(t.createVariant ? (['create'] as const) : []),
];

/**
 * Name of a type in a variant: `PocCreate`, `PocInput` or `Poc`. A create request holds a type
 * without a create form in its input form, and a type without an input form in full.
 */
export function variantName(xml: XmlModel, name: string, variant: Variant): string {
  const type = xml.types.find((t) => t.name === name);
  if (variant === 'create' && type?.createVariant) return `${name}Create`;
  return variant !== 'full' && type?.inputVariant ? `${name}Input` : name;
}

/** Optional in this variant: optional in the XSD, unless ARIN always returns it and this is the response form. */
export const optionalIn = (field: ModelField, variant: Variant) =>
  field.optional && !(variant === 'full' && field.alwaysReturned);

/** The doc of a variant, from the type's own. */
export function variantDoc(type: ModelType, variant: Variant): string | undefined {
  const as = type.doc ? `${type.doc} As` : `${type.name} as`;
  if (variant === 'create') return `${as} sent in a create request: read-only fields left out.`;
  if (variant === 'input')
    return `${as} sent in a request: the fields ARIN always returns (required in {@link ${type.name}}) are optional.`;
  return type.inputVariant
    ? `${as} ARIN returns it: the fields it always returns are required ({@link ${type.name}Input} is the request form).`
    : type.doc;
}

/** TS type of a field's value (an array for lists). */
function fieldType(file: EmitFile, xml: XmlModel, field: ModelField, variant: Variant): ts.TypeNode {
  const v = field.value;
  const single =
    v.kind === 'scalar'
      ? scalarType(v.scalar, v.enum, field.values)
      : v.kind === 'multiline'
        ? arrayOf(keyword('string'))
        : file.type(variantName(xml, v.type, variant));
  return field.list ? arrayOf(single) : single;
}

const fieldDoc = (field: { doc?: string; readOnly?: boolean; alwaysReturned?: boolean }, wire: string) =>
  [
    field.doc ?? '',
    `XML: \`${wire}\`.`,
    field.alwaysReturned ? 'Always present in responses.' : '',
    field.readOnly ? '@readonly Set by the server.' : '',
  ]
    .filter(Boolean)
    .join('\n\n');

function members(file: EmitFile, xml: XmlModel, type: ModelType, variant: Variant): ts.TypeElement[] {
  const out: ts.TypeElement[] = [];
  if (type.text)
    out.push(property(type.text.prop, scalarType(type.text.scalar), { doc: 'Text content of the element.' }));
  for (const a of type.attributes ?? []) {
    if (variant === 'create' && a.readOnly) continue;
    out.push(
      property(a.prop, scalarType(a.scalar, a.enum), {
        optional: a.optional,
        readonly: !!a.readOnly,
        doc: fieldDoc(a, `@${a.local}`),
      }),
    );
  }
  for (const field of type.fields) {
    if (variant === 'create' && field.readOnly) continue;
    const wire = field.list?.item
      ? `<${field.local}><${field.list.item.local}/>…</${field.local}>`
      : `<${field.local}>`;
    out.push(
      property(field.prop, fieldType(file, xml, field, variant), {
        optional: optionalIn(field, variant),
        readonly: !!field.readOnly,
        doc: fieldDoc(field, wire),
      }),
    );
  }
  return out;
}

/** TypeScript types of every payload, with `…Input` request forms and `…Create` variants that leave read-only fields out. */
export function emitXmlTypes(file: EmitFile, xml: XmlModel): void {
  for (const type of xml.types) {
    for (const variant of variantsOf(type)) {
      const name = variantName(xml, type.name, variant);
      const doc = variantDoc(type, variant);
      if (type.choice) {
        const disc = type.choice.discriminant;
        const options = type.fields.map((field) =>
          inlineTypeLiteral([
            property(disc, literalType(field.prop), { readonly: true }),
            property(field.prop, fieldType(file, xml, { ...field, list: undefined }, variant)),
          ]),
        );
        file.typeAlias(name, union(options), doc);
        continue;
      }
      file.interface(name, members(file, xml, type, variant), doc);
    }
  }
}
