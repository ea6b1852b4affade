import type { XmlComplexType, XmlField, XmlValue } from '../descriptors.js';

const STRING: XmlValue = { kind: 'scalar', scalar: 'string' };

/**
 * The fields of a complex type with the defaults its descriptor leaves out filled in: namespace (the
 * type's), local name (the property's), value (text), list item namespace (the field's), optional.
 */
export function xmlFieldsOf(type: XmlComplexType): XmlField[] {
  return type.fields.map((f): XmlField => {
    const ns = f.ns ?? type.ns ?? '';
    const { list, ...rest } = f;
    const item = list?.item;
    return {
      ...rest,
      ns,
      local: f.local ?? f.prop,
      value: f.value ?? STRING,
      ...(list ? { list: item ? { item: { ns: item.ns ?? ns, local: item.local } } : {} } : {}),
      optional: f.optional ?? true,
    };
  });
}
