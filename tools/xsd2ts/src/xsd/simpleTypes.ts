import type { XmlScalar } from '@regkit/core';
import type { Facets } from '../model.js';
import { fail, one, qkey, resolveQName, XS, xs, type El, type SchemaSet } from './schemaSet.js';

/** Built-in XSD types and the wire scalar each decodes to. */
const BUILTINS: Record<string, XmlScalar> = {
  string: 'string',
  token: 'string',
  normalizedString: 'string',
  anyURI: 'string',
  dateTime: 'string',
  date: 'string',
  integer: 'integer',
  int: 'integer',
  long: 'integer',
  short: 'integer',
  nonNegativeInteger: 'integer',
  positiveInteger: 'integer',
  boolean: 'boolean',
  base64Binary: 'base64',
};

export interface SimpleValue {
  readonly scalar: XmlScalar;
  readonly enum?: string[];
  readonly facets?: Facets;
}

const BOUNDS = ['minInclusive', 'maxInclusive', 'minLength', 'maxLength'] as const;
const FACETS = new Set<string>(['enumeration', 'pattern', 'annotation', ...BOUNDS]);

function readFacets(restriction: El): Facets | undefined {
  for (const c of restriction.children)
    if (c.ns === XS && !FACETS.has(c.local)) fail(c, `unsupported facet xs:${c.local}`);
  const patterns = xs(restriction, 'pattern');
  if (patterns.length > 1) fail(restriction, 'one xs:pattern per restriction is supported');
  const bound = (name: string): number | undefined => {
    const el = one(restriction, name);
    if (!el) return undefined;
    const n = Number(el.attrs.value);
    if (!Number.isSafeInteger(n)) fail(el, `xs:${name} must be an integer`);
    return n;
  };
  const facets: Record<string, string | number> = {};
  if (patterns[0]) facets.pattern = patterns[0].attrs.value ?? '';
  for (const name of BOUNDS) {
    const n = bound(name);
    if (n !== undefined) facets[name] = n;
  }
  return Object.keys(facets).length ? (facets as Facets) : undefined;
}

/** An `xs:simpleType`: a restriction of a scalar, with its enumeration and facets. */
export function readSimpleType(set: SchemaSet, el: El): SimpleValue {
  const restriction = one(el, 'restriction');
  if (!restriction) fail(el, 'only xs:restriction simple types are supported (xs:list and xs:union are not)');
  const base = scalarOfQName(set, restriction, restriction.attrs.base ?? '');
  const enums = xs(restriction, 'enumeration').map((e) => e.attrs.value ?? '');
  const facets = readFacets(restriction);
  return {
    scalar: base.scalar,
    ...(enums.length ? { enum: enums } : {}),
    ...(facets ? { facets } : {}),
  };
}

/** The scalar of a built-in or named simple type, by qualified name. */
export function scalarOfQName(set: SchemaSet, el: El, qname: string): SimpleValue {
  const { ns, local } = resolveQName(el, qname);
  if (ns === XS) {
    const scalar = BUILTINS[local];
    if (!scalar) fail(el, `unsupported built-in type xs:${local}`);
    return { scalar };
  }
  const simple = set.simpleTypes.get(qkey(ns, local));
  if (!simple) fail(el, `unknown simple type '${qname}'`);
  return readSimpleType(set, simple);
}

/** True when the qualified name is a built-in or a named simple type. */
export function isSimpleQName(set: SchemaSet, el: El, qname: string): boolean {
  const { ns, local } = resolveQName(el, qname);
  return ns === XS || set.simpleTypes.has(qkey(ns, local));
}
