import type { ModelEnum } from '../model.js';

type Obj = Record<string, unknown>;
type Path = (string | number)[];
type Fail = (at: Path, problem: string) => never;

/** A schema's `enum`, named by `x-enum-name`, with `x-enum-descriptions` (value → description). */
function enumOf(schema: Obj, at: Path, fail: Fail, lineOf: (at: Path) => number | undefined, file: string) {
  const name = schema['x-enum-name'];
  if (typeof name !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(name))
    fail(at, 'an enum needs x-enum-name, the PascalCase name of its constants');
  const values = (schema.enum as unknown[]).map(String);
  const given = schema['x-enum-descriptions'];
  let descriptions: Record<string, string> | undefined;
  if (given !== undefined) {
    if (typeof given !== 'object' || given === null || Array.isArray(given))
      fail([...at, 'x-enum-descriptions'], 'x-enum-descriptions maps each value to its description');
    descriptions = {};
    for (const [value, text] of Object.entries(given as Obj)) {
      if (!values.includes(value) || typeof text !== 'string')
        fail(
          [...at, 'x-enum-descriptions', value],
          `'${value}' is not a value of the enum, or its description is not text`,
        );
      descriptions[value] = text;
    }
  }
  const doc = typeof schema.description === 'string' ? schema.description : undefined;
  const line = lineOf(at);
  return {
    name,
    values,
    ...(schema.type === 'integer' || schema.type === 'number' ? { numeric: true } : {}),
    ...(doc ? { doc } : {}),
    ...(descriptions ? { descriptions } : {}),
    source: `${file}${line === undefined ? '' : `:${line}`}`,
  } as ModelEnum;
}

/**
 * Every `enum` of an OpenAPI document's paths and components, in document order: each needs an
 * `x-enum-name` (the name of its constants; several enums may share one when their values agree)
 * and may carry `x-enum-descriptions`.
 */
export function readOpenApiEnums(
  root: Obj,
  fail: Fail,
  lineOf: (at: Path) => number | undefined,
  file: string,
): ModelEnum[] {
  const enums: ModelEnum[] = [];
  const walk = (node: unknown, at: Path) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, [...at, i]));
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Obj;
    if (Array.isArray(obj.enum)) enums.push(enumOf(obj, at, fail, lineOf, file));
    for (const [k, v] of Object.entries(obj))
      if (k !== 'enum' && k !== 'example' && k !== 'examples') walk(v, [...at, k]);
  };
  walk(root.paths, ['paths']);
  walk(root.components, ['components']);
  return enums;
}
