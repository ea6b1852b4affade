import type { JsonShape, JsonType } from '../model.js';
import { propertyName, quote, seq, typeLiteral, union, type Doc, type Item } from './layout.js';
import type { EmitFile } from './sourceFile.js';

function shapeTs(shape: JsonShape): Doc {
  switch (shape.kind) {
    case 'ref':
      return shape.name;
    case 'array': {
      const inner = shapeTs(shape.items);
      return typeof inner === 'string' && !/[|&]/.test(inner) ? `${inner}[]` : seq('(', inner, ')[]');
    }
    case 'union':
      return union(shape.members.map(shapeTs));
    case 'primitive':
      if (shape.enum) return union(shape.enum.map((v) => (typeof v === 'string' ? quote(v) : String(v))));
      return shape.type === 'integer' ? 'number' : shape.type;
    case 'object': {
      const props: Item[] = shape.properties.map((p) => ({
        code: seq(`${propertyName(p.name)}${p.required ? '' : '?'}: `, shapeTs(p.shape)),
        ...(p.doc ? { doc: p.doc } : {}),
      }));
      if (shape.additional)
        props.push({
          code: seq('[key: string]: ', shape.properties.length ? 'unknown' : shapeTs(shape.additional)),
        });
      return typeLiteral(props);
    }
  }
}

/** TS types of the JSON schemas of an OpenAPI document. */
export function emitJsonTypes(file: EmitFile, types: readonly JsonType[]): void {
  for (const t of types) {
    file.addTypeAlias({ name: t.name, isExported: true, type: shapeTs(t.shape), docs: t.doc });
  }
}
