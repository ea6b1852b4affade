import type { JsonShape, JsonType } from '../model.js';
import { propertyKey } from '../names.js';
import { jsDoc, type EmitFile } from './sourceFile.js';

function shapeTs(shape: JsonShape): string {
  switch (shape.kind) {
    case 'ref':
      return shape.name;
    case 'array': {
      const inner = shapeTs(shape.items);
      return /[|&]/.test(inner) ? `(${inner})[]` : `${inner}[]`;
    }
    case 'union':
      return shape.members.map(shapeTs).join(' | ');
    case 'primitive':
      if (shape.enum) return shape.enum.map((v) => JSON.stringify(v)).join(' | ');
      return shape.type === 'integer' ? 'number' : shape.type;
    case 'object': {
      const props = shape.properties.map(
        (p) =>
          `${p.doc ? `/** ${p.doc.replace(/\*\//g, '')} */\n` : ''}${propertyKey(p.name)}${p.required ? '' : '?'}: ${shapeTs(p.shape)};`,
      );
      if (shape.additional)
        props.push(`[key: string]: ${shape.properties.length ? 'unknown' : shapeTs(shape.additional)};`);
      return `{ ${props.join('\n')} }`;
    }
  }
}

/** TS types of the JSON schemas of an OpenAPI document. */
export function emitJsonTypes(file: EmitFile, types: readonly JsonType[]): void {
  for (const t of types) {
    file.addTypeAlias({ name: t.name, isExported: true, type: shapeTs(t.shape), docs: jsDoc(t.doc) });
  }
}
