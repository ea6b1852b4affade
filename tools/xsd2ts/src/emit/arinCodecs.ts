import type { XmlModel } from '../model.js';
import { literal } from './layout.js';
import type { EmitFile } from './sourceFile.js';

/** The runtime XML schema `core` executes: wire names, namespaces, wrappers, attributes, order. */
export function emitXmlSchema(file: EmitFile, model: XmlModel, constName: string): void {
  const types: Record<string, unknown> = {};
  for (const t of model.types) {
    types[t.name] = {
      fields: t.fields.map(({ doc: _doc, values: _values, ...f }) => f),
      ...(t.attributes ? { attributes: t.attributes.map(({ doc: _doc, ...a }) => a) } : {}),
      ...(t.text ? { text: t.text } : {}),
      ...(t.choice ? { choice: t.choice } : {}),
      ...(t.openContent ? { openContent: true } : {}),
    };
  }
  const elements = Object.fromEntries(
    Object.entries(model.elements).map(([k, { doc: _doc, ...e }]) => [k, e]),
  );
  const schema = { prefixes: model.prefixes, closedNamespaces: model.closedNamespaces, types, elements };
  file.addImportDeclaration({
    moduleSpecifier: '@regkit/core',
    namedImports: ['XmlSchema'],
    isTypeOnly: true,
  });
  file.addConst({
    name: constName,
    isExported: true,
    type: 'XmlSchema',
    value: literal(schema),
    docs: 'Wire names, namespaces, wrappers, attributes and encode order of every payload.',
  });
  file.addInterface({
    name: 'XmlElementTypes',
    isExported: true,
    docs: 'Root elements and the payload type each one holds.',
    properties: Object.entries(model.elements).map(([name, e]) => ({ name, type: e.type })),
  });
}
