import type { EmitFile } from './sourceFile.js';
import type { ModelField, ModelType, XmlModel } from '../model.js';
import { propertyKey } from '../names.js';
import { createVariants, typeName, type Variant } from './xmlTypes.js';

const schemaName = (name: string) => `${name}Schema`;

function scalarZod(scalar: string, enumValues?: readonly string[]): string {
  if (enumValues) {
    if (scalar === 'integer')
      return enumValues.length === 1
        ? `z.literal(${enumValues[0]})`
        : `z.union([${enumValues.map((v) => `z.literal(${v})`).join(', ')}])`;
    return `z.enum(${JSON.stringify(enumValues)})`;
  }
  if (scalar === 'integer') return 'z.number().int()';
  if (scalar === 'boolean') return 'z.boolean()';
  if (scalar === 'base64') return 'z.string().regex(BASE64, "must be base64")';
  return 'z.string()';
}

function fieldZod(field: ModelField, variant: Variant, variants: Set<string>): string {
  const v = field.value;
  const single =
    v.kind === 'scalar'
      ? scalarZod(v.scalar, v.enum)
      : v.kind === 'multiline'
        ? 'z.array(z.string())'
        : schemaName(typeName(v.type, variant, variants));
  return field.list ? `z.array(${single})` : single;
}

function objectZod(type: ModelType, variant: Variant, variants: Set<string>): string {
  const props: string[] = [];
  if (type.text) props.push(`${propertyKey(type.text.prop)}: ${scalarZod(type.text.scalar)}`);
  for (const a of type.attributes ?? []) {
    if (variant === 'create' && a.readOnly) continue;
    props.push(`${propertyKey(a.prop)}: ${scalarZod(a.scalar, a.enum)}${a.optional ? '.optional()' : ''}`);
  }
  for (const f of type.fields) {
    if (variant === 'create' && f.readOnly) continue;
    props.push(`${propertyKey(f.prop)}: ${fieldZod(f, variant, variants)}${f.optional ? '.optional()' : ''}`);
  }
  return `z.strictObject({ ${props.join(', ')} })`;
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
      let init: string;
      if (type.choice) {
        const disc = type.choice.discriminant;
        const members = type.fields.map(
          (f) =>
            `z.strictObject({ ${disc}: z.literal(${JSON.stringify(f.prop)}), ${propertyKey(f.prop)}: ${fieldZod({ ...f, list: undefined }, variant, variants)} })`,
        );
        init = `z.discriminatedUnion(${JSON.stringify(disc)}, [${members.join(', ')}])`;
      } else {
        init = objectZod(type, variant, variants);
      }
      file.addStatements(
        `/** Validates a {@link ${name}}. */\nexport const ${schemaName(name)}: z.ZodType<${name}> = ${init};`,
      );
    }
  }
}
