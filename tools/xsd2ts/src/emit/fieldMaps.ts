import type { FieldMapDefinition } from '@regkit/core';
import { camelCase } from '../names.js';
import { literal, quote, seq, union } from './layout.js';
import type { EmitFile } from './sourceFile.js';

const tsOf = (type: string) =>
  type === 'integer' || type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string';

/** Typed records and field-map descriptors from the helpdesk field catalogues. */
export function emitFieldMaps(file: EmitFile, maps: readonly FieldMapDefinition[]): void {
  file.addImportDeclaration({
    moduleSpecifier: '@regkit/core',
    namedImports: ['FieldMapDefinition'],
    isTypeOnly: true,
  });
  for (const map of maps) {
    file.addInterface({
      name: map.name,
      isExported: true,
      docs: `A ${map.name} record, decoded from its field map by sequence number.`,
      properties: map.fields.map((f) => ({
        name: f.prop,
        type: tsOf(f.type),
        hasQuestionToken: true,
        isReadonly: !f.writable,
        docs: [
          f.doc,
          `Field ${f.sequence} "${f.displayName}" (${f.type}${f.writable ? ', writable' : ', read-only'}).`,
        ]
          .filter(Boolean)
          .join('\n\n'),
      })),
    });
    const writable = map.fields.filter((f) => f.writable).map((f) => quote(f.prop));
    file.addTypeAlias({
      name: `${map.name}Writable`,
      isExported: true,
      type: writable.length
        ? seq('{ -readonly [K in ', union(writable), `]?: ${map.name}[K] }`)
        : 'Record<string, never>',
      docs: `The fields of a ${map.name} that create and update calls may set.`,
    });
    file.addConst({
      name: `${camelCase(map.name)}Fields`,
      isExported: true,
      type: 'FieldMapDefinition',
      value: literal(map),
      docs: `Field catalogue of ${map.name}: sequence numbers, display names, types and writability.`,
    });
  }
}
