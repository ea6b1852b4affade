import type { ModelAttribute } from '../model.js';
import { camelCase } from '../names.js';
import { docOf, fail, one, qkey, resolveQName, tsAttr, xs, type El, type SchemaSet } from './schemaSet.js';
import { readSimpleType, scalarOfQName, type SimpleValue } from './simpleTypes.js';

/** The `xs:attribute`s of a complex type or an extension, local or by reference. */
export function readAttributes(set: SchemaSet, owner: El): ModelAttribute[] {
  return xs(owner, 'attribute').map((a) => {
    let decl = a;
    let ns = '';
    let local = a.attrs.name;
    if (a.attrs.ref) {
      const ref = resolveQName(a, a.attrs.ref);
      const global = set.attributes.get(qkey(ref.ns, ref.local));
      if (!global) fail(a, `unknown attribute '${a.attrs.ref}'`);
      decl = global;
      ns = ref.ns;
      local = ref.local;
    }
    if (!local) fail(a, 'an attribute needs a name or a ref');
    const simple = one(decl, 'simpleType');
    const s: SimpleValue = decl.attrs.type
      ? scalarOfQName(set, decl, decl.attrs.type)
      : simple
        ? readSimpleType(set, simple)
        : { scalar: 'string' };
    const doc = docOf(a) ?? docOf(decl);
    return {
      prop: tsAttr(a, 'name') ?? tsAttr(decl, 'name') ?? camelCase(local),
      ns,
      local,
      scalar: s.scalar,
      ...(s.enum ? { enum: s.enum } : {}),
      optional: (a.attrs.use ?? decl.attrs.use) !== 'required',
      ...((tsAttr(a, 'readOnly') ?? tsAttr(decl, 'readOnly')) === 'true' ? { readOnly: true } : {}),
      ...(doc ? { doc } : {}),
    };
  });
}
