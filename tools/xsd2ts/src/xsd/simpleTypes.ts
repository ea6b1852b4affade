import type { XmlScalar } from '@regkit/core';
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
}

/** An `xs:simpleType`: a restriction of a scalar, with its enumeration. */
export function readSimpleType(set: SchemaSet, el: El): SimpleValue {
  const restriction = one(el, 'restriction');
  if (!restriction) fail(el, 'only xs:restriction simple types are supported (xs:list and xs:union are not)');
  const base = scalarOfQName(set, restriction, restriction.attrs.base ?? '');
  const enums = xs(restriction, 'enumeration').map((e) => e.attrs.value ?? '');
  return enums.length ? { scalar: base.scalar, enum: enums } : base;
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
