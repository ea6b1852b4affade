import { ts } from 'ts-morph';
import type { ModelFieldMap } from '../model.js';
import { camelCase } from '../names.js';
import { keyword, literal, literalType, property, scalarType, union, withDoc } from './code.js';
import type { EmitFile } from './emitFile.js';

const f = ts.factory;

/** Typed records and field-map descriptors from the helpdesk field catalogues. */
export function emitFieldMaps(file: EmitFile, maps: readonly ModelFieldMap[], prefix = ''): void {
  for (const map of maps) {
    // the TS names carry the API's prefix; the runtime definition keeps the record's own name for messages
    const name = `${prefix}${map.name}`;
    file.interface(
      name,
      map.fields.map((field) =>
        property(field.prop, scalarType(field.type), {
          optional: true,
          readonly: !field.writable,
          doc: [
            field.doc,
            `Field ${field.sequence} "${field.displayName}" (${field.type}${field.writable ? ', writable' : ', read-only'}).`,
          ]
            .filter(Boolean)
            .join('\n\n'),
        }),
      ),
      `A ${map.name} record, decoded from its field map by sequence number.`,
    );
    const writable = map.fields.filter((field) => field.writable).map((field) => literalType(field.prop));
    // { -readonly [K in 'a' | 'b']?: Record[K] }
    const mapped = f.createMappedTypeNode(
      f.createToken(ts.SyntaxKind.MinusToken),
      f.createTypeParameterDeclaration(undefined, 'K', union(writable)),
      undefined,
      f.createToken(ts.SyntaxKind.QuestionToken),
      f.createIndexedAccessTypeNode(f.createTypeReferenceNode(name), f.createTypeReferenceNode('K')),
      undefined,
    );
    file.typeAlias(
      `${name}Writable`,
      writable.length
        ? ts.setEmitFlags(mapped, ts.EmitFlags.SingleLine)
        : f.createTypeReferenceNode('Record', [
            keyword('string'),
            f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
          ]),
      `The fields of a ${map.name} that create and update calls may set.`,
    );
    file.const(
      `${name}Field`,
      f.createObjectLiteralExpression(
        map.fields.map((field) =>
          withDoc(
            f.createPropertyAssignment(field.prop, f.createNumericLiteral(field.sequence)),
            `"${field.displayName}"`,
          ),
        ),
        true,
      ),
      {
        asConst: true,
        doc: `The sequence number of each ${map.name} field, by its TS name: the key of the field map on the wire.`,
      },
    );
    const runtime = { ...map, fields: map.fields.map(({ doc: _doc, ...field }) => field) };
    file.const(`${camelCase(name)}Fields`, literal(runtime), {
      type: file.type('FieldMapDefinition'),
      doc: `Field catalogue of ${map.name}: sequence numbers, display names, types and writability.`,
    });
  }
}
