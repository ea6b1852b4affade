import { ts } from 'ts-morph';
import type { JsonShape, JsonType } from '../model.js';
import { call, literal, member, propName, str } from './code.js';
import type { EmitFile } from './emitFile.js';

const f = ts.factory;

const zCall = (file: EmitFile, name: string, ...args: ts.Expression[]) =>
  call(member(file.value('z'), name), ...args);

const isUnknown = (shape: JsonShape | undefined) => shape?.kind === 'primitive' && shape.type === 'unknown';

function primitiveZod(file: EmitFile, shape: Extract<JsonShape, { kind: 'primitive' }>): ts.Expression {
  if (shape.enum) {
    const values = shape.enum;
    return values.every((v) => typeof v === 'string')
      ? zCall(file, 'enum', f.createArrayLiteralExpression(values.map(str)))
      : zCall(file, 'literal', f.createArrayLiteralExpression(values.map(literal)));
  }
  const name = { integer: 'int', number: 'number', string: 'string', boolean: 'boolean', null: 'null' }[
    shape.type as string
  ];
  return zCall(file, name ?? 'unknown');
}

function objectZod(file: EmitFile, shape: Extract<JsonShape, { kind: 'object' }>): ts.Expression {
  const { additional } = shape;
  if (!shape.properties.length && additional && !isUnknown(additional)) {
    // A map such as a field map: keys by their pattern (when other keys are refused), values by their shape.
    const key =
      shape.keyPattern !== undefined && shape.closed
        ? call(
            member(zCall(file, 'string'), 'check'),
            zCall(
              file,
              'regex',
              f.createRegularExpressionLiteral(`/${shape.keyPattern.replaceAll('/', '\\/')}/`),
            ),
          )
        : zCall(file, 'string');
    return zCall(file, 'record', key, shapeZod(file, additional));
  }
  if (!shape.properties.length && additional)
    return zCall(file, 'record', zCall(file, 'string'), zCall(file, 'unknown'));
  const props = shape.properties.map((p) => {
    const value = shapeZod(file, p.shape);
    return f.createPropertyAssignment(propName(p.name), p.required ? value : zCall(file, 'optional', value));
  });
  const body = f.createObjectLiteralExpression(props, props.length > 0);
  // JSON Schema allows keys beyond the properties unless additionalProperties says otherwise.
  if (shape.closed) return zCall(file, 'strictObject', body);
  if (additional && !isUnknown(additional))
    return zCall(file, 'catchall', zCall(file, 'object', body), shapeZod(file, additional));
  return zCall(file, 'looseObject', body);
}

function shapeZod(file: EmitFile, shape: JsonShape): ts.Expression {
  switch (shape.kind) {
    case 'ref':
      return file.value(`${shape.name}Schema`);
    case 'array':
      return zCall(file, 'array', shapeZod(file, shape.items));
    case 'union':
      return zCall(
        file,
        'union',
        f.createArrayLiteralExpression(shape.members.map((m) => shapeZod(file, m))),
      );
    case 'primitive':
      return primitiveZod(file, shape);
    case 'object':
      return objectZod(file, shape);
  }
}

const refsOf = (shape: JsonShape): string[] => {
  switch (shape.kind) {
    case 'ref':
      return [shape.name];
    case 'array':
      return refsOf(shape.items);
    case 'union':
      return shape.members.flatMap(refsOf);
    case 'primitive':
      return [];
    case 'object':
      return [
        ...shape.properties.flatMap((p) => refsOf(p.shape)),
        ...(shape.additional ? refsOf(shape.additional) : []),
      ];
  }
};

/** The types with each one after those it refers to, so every schema constant is declared before use. */
function dependencyOrder(types: readonly JsonType[]): JsonType[] {
  const byName = new Map(types.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: JsonType[] = [];
  const visit = (t: JsonType) => {
    if (done.has(t.name)) return;
    if (visiting.has(t.name))
      throw new Error(`JSON schema ${t.name} refers to itself; recursion is not supported`);
    visiting.add(t.name);
    for (const name of refsOf(t.shape)) {
      const target = byName.get(name);
      if (target) visit(target);
    }
    visiting.delete(t.name);
    done.add(t.name);
    ordered.push(t);
  };
  types.forEach(visit);
  return ordered;
}

/** zod validators (`zod/mini`) of the JSON schemas of an OpenAPI document, each typed by its TS type. */
export function emitJsonZod(file: EmitFile, types: readonly JsonType[]): void {
  for (const t of dependencyOrder(types)) {
    file.const(`${t.name}Schema`, shapeZod(file, t.shape), {
      type: f.createTypeReferenceNode(f.createQualifiedName(file.value('z'), 'ZodMiniType'), [
        file.type(t.name),
      ]),
      doc: `Validates a {@link ${t.name}}.`,
    });
  }
}
