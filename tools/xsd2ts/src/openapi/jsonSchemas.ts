import type { JsonShape, JsonType } from '../model.js';

type Obj = Record<string, unknown>;
type Fail = (at: (string | number)[], problem: string) => never;

const refName = (schema: unknown): string | undefined => {
  const ref = (schema as Obj | undefined)?.$ref;
  return typeof ref === 'string' ? ref.split('/').pop() : undefined;
};

/** `{ required: [...] }`: a constraint on the properties beside it, not a shape of its own. */
const requiresOnly = (member: unknown) =>
  !!member && typeof member === 'object' && Object.keys(member).every((k) => k === 'required');

/** `patternProperties` with one pattern: the pattern of the keys and the shape of their values. */
function patternOf(s: Obj): { key: string; value: unknown } | undefined {
  const patterns = s.patternProperties;
  if (!patterns || typeof patterns !== 'object') return undefined;
  const [first, ...more] = Object.entries(patterns as Obj);
  return first && !more.length ? { key: first[0], value: first[1] } : undefined;
}

function shapeOf(schema: unknown, at: (string | number)[], fail: Fail): JsonShape {
  const s = (schema ?? {}) as Obj;
  const name = refName(s);
  if (name) return { kind: 'ref', name };
  for (const k of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[k]) && !(s[k] as unknown[]).every(requiresOnly))
      return { kind: 'union', members: (s[k] as unknown[]).map((m, i) => shapeOf(m, [...at, k, i], fail)) };
  }
  if (Array.isArray(s.allOf)) fail(at, 'allOf is not supported');
  const type = Array.isArray(s.type) ? s.type : [s.type];
  if (type.length > 1)
    return { kind: 'union', members: type.map((t) => shapeOf({ ...s, type: t }, at, fail)) };
  switch (type[0]) {
    case 'array':
      return { kind: 'array', items: shapeOf(s.items, [...at, 'items'], fail) };
    case 'object':
    case undefined: {
      if (!s.properties && !s.additionalProperties && !s.patternProperties && type[0] === undefined)
        return { kind: 'primitive', type: 'unknown' };
      const required = new Set((s.required ?? []) as string[]);
      const properties = Object.entries((s.properties ?? {}) as Obj).map(([prop, p]) => ({
        name: prop,
        shape: shapeOf(p, [...at, 'properties', prop], fail),
        required: required.has(prop),
        ...(typeof (p as Obj).description === 'string' ? { doc: (p as Obj).description as string } : {}),
      }));
      const pattern = patternOf(s);
      if (s.patternProperties && !pattern) fail([...at, 'patternProperties'], 'one pattern is supported');
      const additional = pattern
        ? shapeOf(pattern.value, [...at, 'patternProperties'], fail)
        : s.additionalProperties && typeof s.additionalProperties === 'object'
          ? shapeOf(s.additionalProperties, [...at, 'additionalProperties'], fail)
          : s.additionalProperties === true
            ? ({ kind: 'primitive', type: 'unknown' } as const)
            : undefined;
      return {
        kind: 'object',
        properties,
        ...(additional ? { additional } : {}),
        ...(pattern ? { keyPattern: pattern.key } : {}),
        ...(s.additionalProperties === false ? { closed: true } : {}),
      };
    }
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return {
        kind: 'primitive',
        type: type[0],
        ...(Array.isArray(s.enum) ? { enum: s.enum as (string | number)[] } : {}),
      };
    default:
      return fail(at, `schema type '${String(type[0])}' is not supported`);
  }
}

/** The JSON schemas of `components.schemas` that are not XML payloads (those come from the XSD). */
export function readJsonTypes(schemas: unknown, fail: Fail): JsonType[] {
  if (!schemas || typeof schemas !== 'object' || Array.isArray(schemas)) return [];
  const types: JsonType[] = [];
  for (const [name, schema] of Object.entries(schemas as Obj)) {
    if ((schema as Obj).xml) continue;
    const doc = (schema as Obj).description;
    types.push({
      name,
      shape: shapeOf(schema, ['components', 'schemas', name], fail),
      ...(typeof doc === 'string' ? { doc } : {}),
    });
  }
  return types;
}
