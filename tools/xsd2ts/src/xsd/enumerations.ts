import type { ModelEnum, ModelType } from '../model.js';
import { pascalCase } from '../names.js';
import { lineAt } from '../specError.js';
import { docOf, fail, one, TS, tsAttr, xs, type El, type SchemaSet } from './schemaSet.js';
import { readSimpleType } from './simpleTypes.js';

const where = (el: El) => `${el.doc.file}:${lineAt(el.doc.text, el.index) ?? '?'}`;

/** `<xs:appinfo><ts:description>…</ts:description></xs:appinfo>` of an element. */
function tsDescription(el: El): string | undefined {
  for (const annotation of xs(el, 'annotation'))
    for (const appinfo of xs(annotation, 'appinfo'))
      for (const c of appinfo.children)
        if (c.ns === TS && c.local === 'description' && c.text.trim()) return c.text.trim();
  return undefined;
}

/** A simple type with `xs:enumeration`s: its values, the docs of each and ARIN's descriptions (`ts:description`). */
function enumOf(set: SchemaSet, simple: El, name: string): ModelEnum | undefined {
  const restriction = one(simple, 'restriction');
  const enumerations = restriction ? xs(restriction, 'enumeration') : [];
  if (!enumerations.length) return undefined;
  const { scalar } = readSimpleType(set, simple);
  const valueDocs: Record<string, string> = {};
  const descriptions: Record<string, string> = {};
  for (const e of enumerations) {
    const value = e.attrs.value ?? '';
    const doc = docOf(e);
    const description = tsDescription(e);
    if (doc) valueDocs[value] = doc;
    if (description) descriptions[value] = description;
  }
  const doc = docOf(simple);
  return {
    name,
    values: enumerations.map((e) => e.attrs.value ?? ''),
    ...(scalar === 'integer' ? { numeric: true } : {}),
    ...(doc ? { doc } : {}),
    ...(Object.keys(valueDocs).length ? { valueDocs } : {}),
    ...(Object.keys(descriptions).length ? { descriptions } : {}),
    source: where(simple),
  };
}

/** Anonymous `xs:simpleType`s below `el`, in document order. */
function* anonymousSimpleTypes(el: El): Generator<El> {
  for (const c of el.children) {
    if (c.ns === TS) continue;
    if (c.local === 'simpleType' && !c.attrs.name) yield c;
    yield* anonymousSimpleTypes(c);
  }
}

/**
 * Every enumeration of an XSD set, in declaration order: named simple types with
 * `xs:enumeration`s (by their `ts:name` or name), anonymous ones (which need a `ts:name`), then the
 * documented values of free-text fields (`ts:values`, by its `name` or the type's name and the
 * field's).
 */
export function readXsdEnums(set: SchemaSet, types: readonly ModelType[]): ModelEnum[] {
  const enums: ModelEnum[] = [];
  for (const simple of set.simpleTypes.values()) {
    const e = enumOf(set, simple, tsAttr(simple, 'name') ?? pascalCase(simple.attrs.name ?? ''));
    if (e) enums.push(e);
  }
  for (const doc of set.docs)
    for (const simple of anonymousSimpleTypes(doc.root)) {
      const name = tsAttr(simple, 'name');
      const restriction = one(simple, 'restriction');
      if (!restriction || !xs(restriction, 'enumeration').length) continue;
      if (!name) fail(simple, 'an anonymous enumeration needs ts:name, the name of its constants');
      const e = enumOf(set, simple, name);
      if (e) enums.push(e);
    }
  for (const type of types)
    for (const field of type.fields) {
      if (!field.values) continue;
      enums.push({
        name: field.valuesName ?? `${type.name}${pascalCase(field.prop)}`,
        values: field.values,
        open: true,
        doc: `The documented values of \`${type.name}.${field.prop}\`.`,
        ...(field.valueDescriptions ? { descriptions: field.valueDescriptions } : {}),
        source: `${type.source} (${type.name}.${field.prop})`,
      });
    }
  return enums;
}
