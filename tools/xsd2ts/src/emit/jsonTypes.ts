import { ts } from 'ts-morph';
import type { JsonShape, JsonType } from '../model.js';
import { arrayOf, keyword, literalType, property, scalarType, union } from './code.js';
import type { EmitFile } from './emitFile.js';

const f = ts.factory;

function shapeType(file: EmitFile, shape: JsonShape): ts.TypeNode {
  switch (shape.kind) {
    case 'ref':
      return file.type(shape.name);
    case 'array':
      return arrayOf(shapeType(file, shape.items));
    case 'union':
      return union(shape.members.map((m) => shapeType(file, m)));
    case 'primitive':
      if (shape.enum) return union(shape.enum.map(literalType));
      if (shape.type === 'null' || shape.type === 'unknown') return keyword(shape.type);
      return scalarType(shape.type);
    case 'object': {
      const members: ts.TypeElement[] = shape.properties.map((p) =>
        property(p.name, shapeType(file, p.shape), {
          optional: !p.required,
          doc: p.doc,
        }),
      );
      if (shape.additional)
        members.push(
          f.createIndexSignature(
            undefined,
            [f.createParameterDeclaration(undefined, undefined, 'key', undefined, keyword('string'))],
            shape.properties.length ? keyword('unknown') : shapeType(file, shape.additional),
          ),
        );
      return f.createTypeLiteralNode(members);
    }
  }
}

/** TS types of the JSON schemas of an OpenAPI document. */
export function emitJsonTypes(file: EmitFile, types: readonly JsonType[]): void {
  for (const t of types) file.typeAlias(t.name, shapeType(file, t.shape), t.doc);
}
