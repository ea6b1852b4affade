import type { XmlValue } from '@regkit/core';
import type { Facets, ModelAttribute, ModelField, ModelType, XmlModel } from '../model.js';
import { jsonSchemaOf } from '../scalars.js';
import { optionalIn, variantDoc, variantName, variantsOf, type Variant } from './xmlTypes.js';

type Schema = Record<string, unknown>;

/** An XSD pattern as JSON Schema and JavaScript read it: XSD anchors patterns, they do not. */
export const anchored = (xsdPattern: string) => `^(?:${xsdPattern})$`;

/** JSON Schema keywords of a simple type's facets. */
const facetSchema = (f: Facets | undefined): Schema => ({
  ...(f?.pattern === undefined ? {} : { pattern: anchored(f.pattern) }),
  ...(f?.minInclusive === undefined ? {} : { minimum: f.minInclusive }),
  ...(f?.maxInclusive === undefined ? {} : { maximum: f.maxInclusive }),
  ...(f?.minLength === undefined ? {} : { minLength: f.minLength }),
  ...(f?.maxLength === undefined ? {} : { maxLength: f.maxLength }),
});

/**
 * JSON Schema with OpenAPI `xml` objects for every payload type of an XSD (and each create
 * variant), keyed by TS name: properties by their TS names, `xml.name` for the wire name,
 * namespaces with their prefixes, wrapped arrays for wrapper lists and attributes as attributes.
 */
export function payloadSchemas(xml: XmlModel): Record<string, Schema> {
  const prefixOf = new Map(Object.entries(xml.prefixes).map(([p, ns]) => [ns, p]));
  const xmlObject = (ns: string, local: string, extra: Schema = {}): Schema => {
    const prefix = prefixOf.get(ns);
    return { name: local, ...(ns ? { namespace: ns } : {}), ...(prefix ? { prefix } : {}), ...extra };
  };
  const described = (schema: Schema, doc: string | undefined) =>
    doc ? { description: doc, ...schema } : schema;

  const valueSchema = (value: XmlValue, variant: Variant, documented?: readonly string[]): Schema => {
    if (value.kind === 'ref')
      return { $ref: `#/components/schemas/${variantName(xml, value.type, variant)}` };
    if (value.kind === 'multiline')
      return {
        type: 'array',
        description: 'Multiline text: one item per numbered line element.',
        items: { type: 'string', xml: xmlObject(value.line.ns, value.line.local) },
      };
    const schema = jsonSchemaOf(value.scalar, value.enum);
    return documented?.length ? { ...schema, examples: [...documented] } : schema;
  };

  const fieldSchema = (field: ModelField, variant: Variant): Schema => {
    const single = { ...valueSchema(field.value, variant, field.values), ...facetSchema(field.facets) };
    const multiline = field.value.kind === 'multiline';
    if (field.list?.item)
      return described(
        {
          type: 'array',
          items: { ...single, xml: xmlObject(field.list.item.ns, field.list.item.local) },
          xml: xmlObject(field.ns, field.local, { wrapped: true }),
        },
        field.doc,
      );
    if (field.list)
      return described({ type: 'array', items: single, xml: xmlObject(field.ns, field.local) }, field.doc);
    return described(
      { ...single, xml: xmlObject(field.ns, field.local, multiline ? { wrapped: true } : {}) },
      field.doc,
    );
  };

  const attributeSchema = (a: ModelAttribute): Schema =>
    described(
      {
        ...jsonSchemaOf(a.scalar, a.enum),
        ...facetSchema(a.facets),
        xml: xmlObject(a.ns, a.local, { attribute: true }),
      },
      a.doc,
    );

  const objectSchema = (type: ModelType, variant: Variant): Schema => {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    if (type.text) {
      properties[type.text.prop] = {
        ...jsonSchemaOf(type.text.scalar),
        ...facetSchema(type.textFacets),
        description: 'Text content of the element (x-xml-text).',
        'x-xml-text': true,
      };
      required.push(type.text.prop);
    }
    for (const a of type.attributes ?? []) {
      if (variant === 'create' && a.readOnly) continue;
      properties[a.prop] = attributeSchema(a);
      if (!a.optional) required.push(a.prop);
    }
    for (const field of type.fields) {
      if (variant === 'create' && field.readOnly) continue;
      properties[field.prop] = fieldSchema(field, variant);
      if (!optionalIn(field, variant)) required.push(field.prop);
    }
    return {
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    };
  };

  const choiceSchema = (type: ModelType, variant: Variant): Schema => ({
    oneOf: type.fields.map((field) => ({
      type: 'object',
      properties: { [field.prop]: fieldSchema({ ...field, list: undefined }, variant) },
      required: [field.prop],
      additionalProperties: false,
    })),
  });

  const rootOf = new Map(Object.values(xml.elements).map((e) => [e.type, e]));
  const schemas: Record<string, Schema> = {};
  for (const type of xml.types) {
    for (const variant of variantsOf(type)) {
      const root = rootOf.get(type.name);
      const body = type.choice ? choiceSchema(type, variant) : objectSchema(type, variant);
      const doc = variantDoc({ ...type, doc: undefined }, variant) ?? type.doc;
      schemas[variantName(xml, type.name, variant)] = described(
        { ...body, ...(root ? { xml: xmlObject(root.ns, root.local) } : {}) },
        doc,
      );
    }
  }
  return schemas;
}
