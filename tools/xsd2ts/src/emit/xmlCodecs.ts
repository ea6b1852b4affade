import { ts } from 'ts-morph';
import type { XmlComplexType, XmlField, XmlFieldSpec, XmlRootElement } from '@regkit/core';
import type { ModelField, ModelType, XmlModel } from '../model.js';
import { literal, property, propName } from './code.js';
import type { EmitFile } from './emitFile.js';

const f = ts.factory;

/** The name of the constant holding one type's codec descriptor (`PocCodec`). */
export const codecName = (type: string) => `${type}Codec`;

/** The namespace most of the type's fields are in (the first one's on a tie): the type's `ns`. */
function commonNamespace(fields: readonly ModelField[]): string | undefined {
  const counts = new Map<string, number>();
  for (const f of fields) counts.set(f.ns, (counts.get(f.ns) ?? 0) + 1);
  let best: string | undefined;
  for (const [ns, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = ns;
  return best;
}

/** The field without what only the TypeScript emitters read: the `XmlField` the codec reads. */
export const codecField = ({
  doc: _doc,
  values: _values,
  valuesName: _valuesName,
  valueDescriptions: _descriptions,
  facets: _facets,
  alwaysReturned: _returned,
  ...field
}: ModelField): XmlField => field;

/**
 * The field as the codec descriptor holds it (`XmlFieldSpec`): what equals its default is left out,
 * namespace (the type's), local name (the property), text value, the list item's namespace (the
 * field's) and `optional: true`; `xmlFieldsOf` in core fills them in.
 */
function runtimeField(field: XmlField, typeNs: string): XmlFieldSpec {
  const { prop, ns, local, value, list, optional, ...flags } = field;
  const item = list?.item;
  return {
    prop,
    ...(ns !== typeNs ? { ns } : {}),
    ...(local !== prop ? { local } : {}),
    ...(value.kind === 'scalar' && value.scalar === 'string' && !value.enum ? {} : { value }),
    ...(list ? { list: item ? { item: item.ns === ns ? { local: item.local } : item } : {} } : {}),
    ...(optional ? {} : { optional }),
    ...flags,
  };
}

export function runtimeType(t: ModelType): XmlComplexType {
  const ns = commonNamespace(t.fields);
  return {
    ...(ns ? { ns } : {}),
    fields: t.fields.map((f) => runtimeField(codecField(f), ns ?? '')),
    ...(t.attributes ? { attributes: t.attributes.map(({ doc: _doc, facets: _facets, ...a }) => a) } : {}),
    ...(t.text ? { text: t.text } : {}),
    ...(t.choice ? { choice: t.choice } : {}),
    ...(t.openContent ? { openContent: true } : {}),
  };
}

export const runtimeElement = ({ doc: _doc, ...e }: XmlRootElement & { doc?: string }): XmlRootElement => e;

/** `{ A: ACodec, B: BCodec }`: types by reference to their constants. */
export function typesByReference(file: EmitFile, names: readonly string[]): ts.Expression {
  return f.createObjectLiteralExpression(
    names.map((n) => f.createPropertyAssignment(propName(n), file.value(codecName(n)))),
    true,
  );
}

/**
 * The runtime XML schema `core` executes: wire names, namespaces, wrappers, attributes, order. Each
 * type is its own constant, so a schema of a few types (one operation's) bundles only those.
 */
export function emitXmlCodecs(file: EmitFile, xml: XmlModel, constName: string): void {
  for (const t of xml.types)
    file.const(codecName(t.name), literal(runtimeType(t)), {
      type: file.type('XmlComplexType'),
      doc: `Codec descriptor of {@link ${t.name}}.`,
    });
  const elements = Object.fromEntries(Object.entries(xml.elements).map(([k, e]) => [k, runtimeElement(e)]));
  file.const(`${constName}Prefixes`, literal(xml.prefixes), {
    asConst: true,
    doc: "Prefixes written when encoding ('' is the default namespace).",
  });
  file.const(`${constName}ClosedNamespaces`, literal(xml.closedNamespaces), {
    type: f.createTypeOperatorNode(
      ts.SyntaxKind.ReadonlyKeyword,
      f.createArrayTypeNode(f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)),
    ),
    doc: 'The API’s own namespaces: an unknown element in one of them is an error on decode.',
  });
  const value = f.createObjectLiteralExpression(
    [
      f.createPropertyAssignment('prefixes', file.value(`${constName}Prefixes`)),
      f.createPropertyAssignment('closedNamespaces', file.value(`${constName}ClosedNamespaces`)),
      f.createPropertyAssignment(
        'types',
        typesByReference(
          file,
          xml.types.map((t) => t.name),
        ),
      ),
      f.createPropertyAssignment('elements', literal(elements)),
    ],
    true,
  );
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
