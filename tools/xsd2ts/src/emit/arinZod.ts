import type { ModelField, ModelType, XmlModel } from '../model.js';
import { array, call, object, propertyName, quote, seq, type Doc } from './layout.js';
import type { EmitFile } from './sourceFile.js';
import { createVariants, typeName, type Variant } from './xmlTypes.js';

const schemaName = (name: string) => `${name}Schema`;

function scalarZod(scalar: string, enumValues?: readonly string[]): Doc {
  if (enumValues) {
    if (scalar === 'integer')
      return enumValues.length === 1
        ? `z.literal(${enumValues[0]})`
        : call('z.union', array(enumValues.map((v) => `z.literal(${v})`)));
    return call('z.enum', array(enumValues.map(quote)));
  }
  if (scalar === 'integer') return 'z.number().int()';
  if (scalar === 'boolean') return 'z.boolean()';
  if (scalar === 'base64') return "z.string().regex(BASE64, 'must be base64')";
  return 'z.string()';
}

function fieldZod(field: ModelField, variant: Variant, variants: Set<string>): Doc {
  const v = field.value;
  const single =
    v.kind === 'scalar'
      ? scalarZod(v.scalar, v.enum)
      : v.kind === 'multiline'
        ? 'z.array(z.string())'
        : schemaName(typeName(v.type, variant, variants));
  return field.list ? call('z.array', single) : single;
}

const entry = (name: string, value: Doc, optional?: boolean) =>
  seq(`${propertyName(name)}: `, value, optional ? '.optional()' : '');

function objectZod(type: ModelType, variant: Variant, variants: Set<string>): Doc {
  const props: Doc[] = [];
  if (type.text) props.push(entry(type.text.prop, scalarZod(type.text.scalar)));
  for (const a of type.attributes ?? []) {
    if (variant === 'create' && a.readOnly) continue;
    props.push(entry(a.prop, scalarZod(a.scalar, a.enum), a.optional));
  }
  for (const f of type.fields) {
    if (variant === 'create' && f.readOnly) continue;
    props.push(entry(f.prop, fieldZod(f, variant, variants), f.optional));
  }
  return call('z.strictObject', object(props));
}

/** zod validators of every payload (and of its create variant), in dependency order. */
export function emitXmlZod(file: EmitFile, model: XmlModel): void {
  const variants = createVariants(model);
  file.addImportDeclaration({ moduleSpecifier: 'zod', namedImports: ['z'] });
  file.addStatements('const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;');
  for (const type of model.types) {
    const forms: Variant[] = variants.has(type.name) ? ['full', 'create'] : ['full'];
    for (const variant of forms) {
      const name = typeName(type.name, variant, variants);
      let value: Doc;
      if (type.choice) {
        const disc = type.choice.discriminant;
        const options = type.fields.map((f) =>
          call(
            'z.strictObject',
            object([
              entry(disc, `z.literal(${quote(f.prop)})`),
              entry(f.prop, fieldZod({ ...f, list: undefined }, variant, variants)),
            ]),
          ),
        );
        value = call('z.discriminatedUnion', quote(disc), array(options));
      } else {
        value = objectZod(type, variant, variants);
      }
      file.addConst({
        name: schemaName(name),
        isExported: true,
        type: `z.ZodType<${name}>`,
        value,
        docs: `Validates a {@link ${name}}.`,
      });
    }
  }
}
