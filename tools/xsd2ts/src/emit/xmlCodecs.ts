import type { ts } from 'ts-morph';
import type { XmlModel } from '../model.js';
import { literal, property } from './code.js';
import type { EmitFile } from './emitFile.js';

/** The runtime XML schema `core` executes: wire names, namespaces, wrappers, attributes, order. */
export function emitXmlCodecs(file: EmitFile, xml: XmlModel, constName: string): void {
  const types: Record<string, unknown> = {};
  for (const t of xml.types) {
    types[t.name] = {
      fields: t.fields.map(({ doc: _doc, values: _values, facets: _facets, ...field }) => field),
      ...(t.attributes ? { attributes: t.attributes.map(({ doc: _doc, facets: _facets, ...a }) => a) } : {}),
      ...(t.text ? { text: t.text } : {}),
      ...(t.choice ? { choice: t.choice } : {}),
      ...(t.openContent ? { openContent: true } : {}),
    };
  }
  const elements = Object.fromEntries(Object.entries(xml.elements).map(([k, { doc: _doc, ...e }]) => [k, e]));
  const schema = { prefixes: xml.prefixes, closedNamespaces: xml.closedNamespaces, types, elements };
  const value: ts.Expression = literal(schema);
  file.const(constName, value, {
    type: file.type('XmlSchema'),
    doc: 'Wire names, namespaces, wrappers, attributes and encode order of every payload.',
  });
  file.interface(
    'XmlElementTypes',
    Object.entries(xml.elements).map(([name, e]) => property(name, file.type(e.type))),
    'Root elements and the payload type each one holds.',
  );
}
