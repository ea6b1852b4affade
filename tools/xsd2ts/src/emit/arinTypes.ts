import type { XmlModel } from '../model.js';
import { typeLiteral, propertyName, quote, seq, union } from './layout.js';
import type { EmitFile } from './sourceFile.js';
import { createVariants, fieldTs, members, typeName, type Variant } from './xmlTypes.js';

/** TypeScript types of every payload, with `…Create` variants that leave read-only fields out. */
export function emitXmlTypes(file: EmitFile, model: XmlModel): void {
  const variants = createVariants(model);
  for (const type of model.types) {
    const forms: Variant[] = variants.has(type.name) ? ['full', 'create'] : ['full'];
    for (const variant of forms) {
      const name = typeName(type.name, variant, variants);
      const doc =
        variant === 'create'
          ? `${type.doc ? `${type.doc} As sent` : `${type.name} as sent`} in a create request: read-only fields left out.`
          : type.doc;
      if (type.choice) {
        const disc = type.choice.discriminant;
        const options = type.fields.map((f) =>
          typeLiteral([
            `readonly ${disc}: ${quote(f.prop)}`,
            seq(`${propertyName(f.prop)}: `, fieldTs({ ...f, list: undefined }, variant, variants)),
          ]),
        );
        file.addTypeAlias({ name, isExported: true, type: union(options), docs: doc });
        continue;
      }
      file.addInterface({
        name,
        isExported: true,
        docs: doc,
        properties: members(type, variant, variants).map((m) => ({
          name: m.name,
          type: m.type,
          hasQuestionToken: m.optional,
          isReadonly: m.readonly,
          docs: m.doc,
        })),
      });
    }
  }
}
