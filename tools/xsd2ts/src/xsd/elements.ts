import type { XmlValue } from '@regkit/core';
import type { Facets, ModelField } from '../model.js';
import { camelCase, pascalCase } from '../names.js';
import {
  docOf,
  fail,
  occurs,
  one,
  qkey,
  resolveQName,
  TS,
  tsAttr,
  XS,
  xs,
  type El,
  type SchemaSet,
} from './schemaSet.js';
import { isSimpleQName, readSimpleType, scalarOfQName, type SimpleValue } from './simpleTypes.js';

/** What element reading needs from the complex-type reader: a type's model name, built on first use. */
export interface TypeBuilder {
  readonly set: SchemaSet;
  complexType(complex: El, name: string): string;
}

const scalarValue = (s: SimpleValue): XmlValue =>
  s.enum ? { kind: 'scalar', scalar: s.scalar, enum: s.enum } : { kind: 'scalar', scalar: s.scalar };

/** A sequence of repeated `line` elements with a `number` attribute: multiline text. */
export function multilineLine(complex: El): { ns: string; local: string } | undefined {
  const seq = one(complex, 'sequence');
  if (!seq || complex.children.some((c) => c.ns === XS && c.local !== 'sequence' && c.local !== 'annotation'))
    return undefined;
  const items = xs(seq, 'element');
  if (items.length !== 1 || seq.children.filter((c) => c.local !== 'annotation').length !== 1)
    return undefined;
  const line = items[0] as El;
  if (occurs(line).max !== Infinity) return undefined;
  const content = one(one(line, 'complexType') ?? line, 'simpleContent');
  const extension = content && one(content, 'extension');
  if (!extension || !xs(extension, 'attribute').some((a) => a.attrs.name === 'number')) return undefined;
  return { ns: line.doc.targetNamespace, local: line.attrs.name ?? '' };
}

function complexValue(b: TypeBuilder, complex: El, name: string): XmlValue {
  const line = multilineLine(complex);
  return line ? { kind: 'multiline', line } : { kind: 'ref', type: b.complexType(complex, name) };
}

/** The value of an element: its named type, its anonymous type (named after `context`), or text. */
export function elementValue(b: TypeBuilder, el: El, context: string): XmlValue {
  const type = el.attrs.type;
  if (type) {
    if (isSimpleQName(b.set, el, type)) return scalarValue(scalarOfQName(b.set, el, type));
    const { ns, local } = resolveQName(el, type);
    const complex = b.set.complexTypes.get(qkey(ns, local));
    if (!complex) fail(el, `unknown type '${type}'`);
    return complexValue(b, complex, local);
  }
  const simple = one(el, 'simpleType');
  if (simple) return scalarValue(readSimpleType(b.set, simple));
  const complex = one(el, 'complexType');
  if (complex) return complexValue(b, complex, context + pascalCase(el.attrs.name ?? ''));
  return { kind: 'scalar', scalar: 'string' };
}

/** The facets of an element's simple type (named or anonymous), if any. */
function elementFacets(b: TypeBuilder, el: El): Facets | undefined {
  const type = el.attrs.type;
  if (type) return isSimpleQName(b.set, el, type) ? scalarOfQName(b.set, el, type).facets : undefined;
  const simple = one(el, 'simpleType');
  return simple ? readSimpleType(b.set, simple).facets : undefined;
}

/** A wrapper: an anonymous complex type holding exactly one repeated element. */
function wrapperItem(el: El): El | undefined {
  const complex = one(el, 'complexType');
  if (!complex || el.attrs.type) return undefined;
  const seq = one(complex, 'sequence');
  if (!seq || complex.children.some((c) => c.ns === XS && !['sequence', 'annotation'].includes(c.local)))
    return undefined;
  const items = seq.children.filter((c) => c.local !== 'annotation');
  if (items.length !== 1 || items[0]?.local !== 'element' || occurs(items[0]).max <= 1) return undefined;
  return multilineLine(complex) ? undefined : items[0];
}

interface DocumentedValues {
  readonly values: string[];
  readonly name?: string;
  readonly descriptions?: Record<string, string>;
}

/**
 * Documented values of a free-text field: `<xs:appinfo><ts:values>A B</ts:values></xs:appinfo>`, or
 * `<ts:values name="…">` holding one `<ts:value name="A">what A means</ts:value>` per value.
 */
function documentedValues(el: El): DocumentedValues | undefined {
  for (const annotation of xs(el, 'annotation')) {
    for (const appinfo of xs(annotation, 'appinfo')) {
      const list = appinfo.children.find((c) => c.ns === TS && c.local === 'values');
      if (!list) continue;
      const items = list.children.filter((c) => c.ns === TS && c.local === 'value');
      const named = list.attrs.name ? { name: list.attrs.name } : {};
      if (!items.length) return { values: list.text.split(/\s+/).filter(Boolean), ...named };
      if (list.text.trim())
        fail(list, 'ts:values holds either a list of values or ts:value elements, not both');
      const descriptions: Record<string, string> = {};
      const values = items.map((item) => {
        const value = item.attrs.name;
        if (!value) fail(item, 'a ts:value needs a name');
        if (item.text.trim()) descriptions[value] = item.text.trim();
        return value;
      });
      return { values, ...named, ...(Object.keys(descriptions).length ? { descriptions } : {}) };
    }
  }
  return undefined;
}

/** A global element by reference: its declaration and qualified name. */
function dereference(b: TypeBuilder, el: El): { decl: El; ns: string; local: string } {
  const ref = resolveQName(el, el.attrs.ref ?? '');
  const decl = b.set.elements.get(qkey(ref.ns, ref.local));
  if (!decl) fail(el, `unknown element '${el.attrs.ref}'`);
  return { decl, ...ref };
}

/**
 * A child element of a complex type named `typeName`: by name or reference, with its occurrences,
 * wrapper lists, `ts:` annotations and documentation. `choice` is the enclosing choice's occurrences.
 */
export function readField(
  b: TypeBuilder,
  el: El,
  typeName: string,
  choice: { max: number } | undefined,
): ModelField {
  const { decl, ns, local } = el.attrs.ref
    ? dereference(b, el)
    : { decl: el, ns: el.doc.targetNamespace, local: el.attrs.name };
  if (!local) fail(el, 'an element needs a name or a ref');
  for (const c of el.children)
    if (c.ns === XS && !['annotation', 'complexType', 'simpleType'].includes(c.local))
      fail(c, `unsupported construct xs:${c.local} in an element`);
  const { min, max } = occurs(el);
  const flag = (name: string) => (tsAttr(el, name) ?? tsAttr(decl, name)) === 'true';
  const doc = docOf(el) ?? docOf(decl);
  const values = documentedValues(el) ?? documentedValues(decl);
  const optional = min === 0 || choice !== undefined;
  const item = wrapperItem(decl);
  let shape: Pick<ModelField, 'value' | 'list'>;
  if (item) {
    const target = item.attrs.ref
      ? dereference(b, item)
      : { decl: item, ns: item.doc.targetNamespace, local: item.attrs.name ?? '' };
    shape = {
      value: elementValue(b, target.decl, typeName),
      list: { item: { ns: target.ns, local: target.local } },
    };
  } else {
    const repeated = max > 1 || (choice !== undefined && choice.max > 1);
    shape = { value: elementValue(b, decl, typeName), ...(repeated ? { list: {} } : {}) };
  }
  const facets = item ? undefined : elementFacets(b, decl);
  return {
    prop: tsAttr(el, 'name') ?? tsAttr(decl, 'name') ?? camelCase(local),
    ns,
    local,
    ...shape,
    optional,
    ...(flag('readOnly') ? { readOnly: true } : {}),
    ...(flag('immutable') ? { immutable: true } : {}),
    ...(flag('alwaysReturned') ? { alwaysReturned: true } : {}),
    ...(doc ? { doc } : {}),
    ...(values ? { values: values.values } : {}),
    ...(values?.name ? { valuesName: values.name } : {}),
    ...(values?.descriptions ? { valueDescriptions: values.descriptions } : {}),
    ...(facets ? { facets } : {}),
  };
}
