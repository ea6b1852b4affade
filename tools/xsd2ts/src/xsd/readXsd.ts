import type { XmlModel } from '../model.js';
import { pascalCase } from '../names.js';
import { ComplexTypeReader } from './complexTypes.js';
import { elementValue, multilineLine } from './elements.js';
import { readXsdEnums } from './enumerations.js';
import { docOf, loadSchemaSet, one, xs } from './schemaSet.js';
import { readSimpleType } from './simpleTypes.js';

/**
 * Reads an XSD (and every schema it imports) into the model: root elements, complex and simple
 * types, occurrences, attributes, simple content, enumerations, annotations, anonymous types and
 * references across namespaces. Each construct has its reader beside this file.
 */
export function readXsd(entry: string, repoRoot: string): XmlModel {
  const set = loadSchemaSet(entry, repoRoot);
  const reader = new ComplexTypeReader(set);
  // every named simple type is checked, used or not: a spec error should not wait for its first use
  for (const simple of set.simpleTypes.values()) readSimpleType(set, simple);

  const elements: Record<string, XmlModel['elements'][string]> = {};
  for (const doc of set.docs) {
    for (const el of xs(doc.root, 'element')) {
      if (!el.attrs.type && !one(el, 'complexType')) continue;
      const value = elementValue(reader, el, pascalCase(el.attrs.name ?? ''));
      if (value.kind !== 'ref') continue;
      const d = docOf(el);
      elements[el.attrs.name ?? ''] = {
        ns: doc.targetNamespace,
        local: el.attrs.name ?? '',
        type: value.type,
        ...(d ? { doc: d } : {}),
      };
    }
  }
  // named types nobody references are part of the model too
  for (const [k, el] of set.complexTypes)
    if (!reader.has(el) && !multilineLine(el)) reader.complexType(el, k.split('|')[1] ?? '');

  const [main, ...imported] = set.docs;
  const prefixes: Record<string, string> = { '': main?.targetNamespace ?? '' };
  imported.forEach((d, i) => (prefixes[`ns${i + 2}`] = d.targetNamespace));
  return {
    prefixes,
    closedNamespaces: set.docs.map((d) => d.targetNamespace),
    types: reader.types,
    elements,
    enums: readXsdEnums(set, reader.types),
  };
}
