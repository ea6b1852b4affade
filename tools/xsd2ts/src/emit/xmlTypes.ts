import type { ts } from 'ts-morph';
import type { ModelField, ModelType, XmlModel } from '../model.js';
import { arrayOf, inlineTypeLiteral, keyword, literalType, property, scalarType, union } from './code.js';
import type { EmitFile } from './emitFile.js';

export type Variant = 'full' | 'create';

/** The forms a type is emitted in: every type in full, types with read-only fields also as `…Create`. */
export const variantsOf = (t: ModelType): Variant[] => (t.createVariant ? ['full', 'create'] : ['full']);

/** Name of a type in a variant: `PocCreate` for a create variant, the type's own name otherwise. */
export function variantName(xml: XmlModel, name: string, variant: Variant): string {
  return variant === 'create' && xml.types.some((t) => t.name === name && t.createVariant)
    ? `${name}Create`
    : name;
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

const fieldDoc = (field: { doc?: string; readOnly?: boolean }, wire: string) =>
  [field.doc ?? '', `XML: \`${wire}\`.`, field.readOnly ? '@readonly Set by the server.' : '']
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
        optional: field.optional,
        readonly: !!field.readOnly,
        doc: fieldDoc(field, wire),
      }),
    );
  }
  return out;
}

/** TypeScript types of every payload, with `…Create` variants that leave read-only fields out. */
export function emitXmlTypes(file: EmitFile, xml: XmlModel): void {
  for (const type of xml.types) {
    for (const variant of variantsOf(type)) {
      const name = variantName(xml, type.name, variant);
      const doc =
        variant === 'create'
          ? `${type.doc ? `${type.doc} As sent` : `${type.name} as sent`} in a create request: read-only fields left out.`
          : type.doc;
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
