import { ts } from 'ts-morph';
import type { ModelEnum } from '../model.js';
import { keyword, literal, typeRef } from './code.js';
import type { EmitFile } from './emitFile.js';

const f = ts.factory;

/** The doc of an enumeration's type: its own, then each value's. */
function typeDoc(e: ModelEnum): string {
  const docs = e.valueDocs;
  return [
    e.doc ?? `One of the values of {@link ${e.name}Values}.`,
    e.open ? 'Free text in the payload: other values may occur.' : '',
    docs ? e.values.map((v) => `- \`${v}\`${docs[v] ? `: ${docs[v]}` : ''}`).join('\n') : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Constants of every enumeration of the specs: `<Name>Values` (every value, in the spec's order,
 * `as const`), the type `<Name>` (one of them) and, when the spec describes the values,
 * `<Name>Descriptions` (value → description; `Partial` when only some are described).
 */
export function emitEnums(file: EmitFile, enums: readonly ModelEnum[]): void {
  for (const e of enums) {
    const values = `${e.name}Values`;
    file.const(values, literal(e.values.map((v) => (e.numeric ? Number(v) : v))), {
      asConst: true,
      doc: `Every ${e.open ? 'documented ' : ''}value of {@link ${e.name}}, in the spec's order.`,
    });
    file.typeAlias(
      e.name,
      f.createIndexedAccessTypeNode(
        f.createParenthesizedType(f.createTypeQueryNode(f.createIdentifier(values))),
        keyword('number'),
      ),
      typeDoc(e),
    );
    if (!e.descriptions) continue;
    const complete = e.values.every((v) => e.descriptions?.[v] !== undefined);
    const record = f.createTypeReferenceNode('Record', [typeRef(e.name), keyword('string')]);
    file.const(
      `${e.name}Descriptions`,
      literal(
        Object.fromEntries(
          e.values.filter((v) => e.descriptions?.[v] !== undefined).map((v) => [v, e.descriptions?.[v]]),
        ),
      ),
      {
        type: f.createTypeReferenceNode('Readonly', [
          complete ? record : f.createTypeReferenceNode('Partial', [record]),
        ]),
        doc: `The description of ${complete ? 'each' : 'some'} value${complete ? '' : 's'} of {@link ${e.name}}, as the spec gives it.`,
      },
    );
  }
}
