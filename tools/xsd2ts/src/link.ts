import type { BodyDefinition, OperationDefinition } from '@regkit/core';
import type { ApiModel, BodyRef, LinkedApi, ModelEnum, ModelType, OperationIo, XmlModel } from './model.js';
import { pascalCase } from './names.js';
import { SpecError } from './specError.js';

/** Names of the types that match `direct`, or hold such a type through a reference (to any depth). */
function markedTypes(xml: XmlModel, direct: (t: ModelType) => boolean): Set<string> {
  const marked = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const t of xml.types) {
      if (marked.has(t.name)) continue;
      if (direct(t) || t.fields.some((f) => f.value.kind === 'ref' && marked.has(f.value.type))) {
        marked.add(t.name);
        changed = true;
      }
    }
  }
  return marked;
}

/**
 * Types that hold read-only fields need a `…Create` variant; types that hold fields ARIN always
 * returns need an `…Input` variant (the request form), their own name being the response form.
 */
function withVariants(xml: XmlModel, xsd: string): XmlModel {
  const create = markedTypes(
    xml,
    (t) => t.fields.some((f) => f.readOnly) || (t.attributes ?? []).some((a) => a.readOnly),
  );
  const input = markedTypes(xml, (t) => t.fields.some((f) => f.alwaysReturned));
  const names = new Set(xml.types.map((t) => t.name));
  for (const name of input)
    if (names.has(`${name}Input`))
      throw new SpecError(xsd, undefined, `${name}Input`, `the name is taken by the request form of ${name}`);
  const types = xml.types.map((t): ModelType => ({
    ...t,
    ...(create.has(t.name) ? { createVariant: true } : {}),
    ...(input.has(t.name) ? { inputVariant: true } : {}),
  }));
  return { ...xml, types };
}

/**
 * Every enumeration once: the XSD's, then the OpenAPI document's. Enumerations of one name (a
 * parameter restating an XSD type, the same list on several operations) must have the same values;
 * the first declaration gives their order, and docs and descriptions are gathered from all.
 */
function mergeEnums(enums: readonly ModelEnum[], taken: ReadonlySet<string>): ModelEnum[] {
  const byName = new Map<string, ModelEnum>();
  for (const e of enums) {
    if (taken.has(e.name) || taken.has(`${e.name}Values`) || taken.has(`${e.name}Descriptions`))
      throw new SpecError(
        e.source,
        undefined,
        e.name,
        'the name is taken by a payload type (or its constants would be)',
      );
    const first = byName.get(e.name);
    if (!first) {
      byName.set(e.name, e);
      continue;
    }
    const same =
      first.values.length === e.values.length &&
      e.values.every((v) => first.values.includes(v)) &&
      !!first.numeric === !!e.numeric;
    if (!same)
      throw new SpecError(
        e.source,
        undefined,
        e.name,
        `its values (${e.values.join(' ')}) differ from those of ${e.name} at ${first.source} (${first.values.join(' ')})`,
      );
    const descriptions = { ...e.descriptions, ...first.descriptions };
    const valueDocs = { ...e.valueDocs, ...first.valueDocs };
    byName.set(e.name, {
      ...first,
      ...(first.doc || !e.doc ? {} : { doc: e.doc }),
      ...(first.open && !e.open ? { open: undefined } : {}),
      ...(Object.keys(valueDocs).length ? { valueDocs } : {}),
      ...(Object.keys(descriptions).length ? { descriptions } : {}),
    });
  }
  return [...byName.values()].map(({ open, ...e }) => (open ? { ...e, open } : e));
}

const bodiesOf = (op: OperationDefinition) => [op.request, ...op.responses.map((r) => r.body)];

/** The success body: 200, else the first success response. */
export function successBody(op: OperationDefinition): BodyDefinition | undefined {
  return (op.responses.find((r) => r.status === 200) ?? op.responses.find((r) => !r.error))?.body;
}

/**
 * Resolves and checks every cross-reference of a model once: XML bodies name root elements of the
 * XSD, JSON bodies name schemas of the document, input type names are free. Decides the create
 * variants and the TS names of each operation's input and payloads for every emitter.
 */
export function link(model: ApiModel, specPaths: Record<string, string>): LinkedApi {
  const [openapi = ''] = model.sources.filter((s) => s.endsWith('.yaml'));
  const xsd = model.sources.find((s) => s.endsWith('.xsd')) ?? 'the XSD';
  const xml = model.xml && withVariants(model.xml, xsd);
  const typeByName = new Map((xml?.types ?? []).map((t) => [t.name, t]));
  const jsonNames = new Set(model.jsonTypes.map((t) => t.name));

  const elementType = (op: OperationDefinition, element: string): string => {
    const type = xml?.elements[element]?.type;
    if (!type)
      throw new SpecError(
        openapi,
        undefined,
        op.operationId,
        `x-xsd element '${element}' is not a root element of ${xsd}`,
      );
    return type;
  };
  const ref = (op: OperationDefinition, body: BodyDefinition, request: boolean): BodyRef => {
    if (body.mediaType === 'application/octet-stream') return { type: 'Uint8Array', list: false };
    if (body.mediaType !== 'application/xml') {
      if (!jsonNames.has(body.schema))
        throw new SpecError(openapi, undefined, op.operationId, `schema '${body.schema}' is not defined`);
      // JSON types and their validators are emitted for a JSON API (an XML API's come from its XSD).
      return { type: body.schema, ...(xml ? {} : { validator: `${body.schema}Schema` }), list: false };
    }
    // a response holds a type in full; a request its create form, else its input form
    const form = (name: string, create: boolean) => {
      const t = typeByName.get(name);
      if (!request) return name;
      if (create && t?.createVariant) return `${name}Create`;
      return t?.inputVariant ? `${name}Input` : name;
    };
    if ('collectionOf' in body) {
      elementType(op, body.element);
      const item = form(elementType(op, body.collectionOf), false);
      return { type: item, validator: `${item}Schema`, list: true };
    }
    const type = form(elementType(op, body.element), body.variant === 'create');
    return { type, validator: `${type}Schema`, list: false };
  };

  const io = new Map<string, OperationIo>();
  for (const op of model.operations) {
    for (const body of bodiesOf(op)) if (body) ref(op, body, false);
    const input = `${model.typePrefix ?? ''}${pascalCase(op.operationId)}Input`;
    if (jsonNames.has(input))
      throw new SpecError(
        openapi,
        undefined,
        `components.schemas.${input}`,
        `the name is taken by the input type of operation ${op.operationId}; rename the schema`,
      );
    const payload = input.slice(0, -'Input'.length);
    if (typeByName.get(payload)?.inputVariant)
      throw new SpecError(
        openapi,
        undefined,
        op.operationId,
        `its input type ${input} is the name of the request form of payload ${payload}; rename the operation`,
      );
    const success = successBody(op);
    io.set(op.operationId, {
      input,
      ...(op.request ? { request: ref(op, op.request, true) } : {}),
      ...(success ? { output: ref(op, success, false) } : {}),
    });
  }
  const taken = new Set([...(xml?.types ?? []).map((t) => t.name), ...jsonNames]);
  const enums = mergeEnums([...(xml?.enums ?? []), ...(model.enums ?? [])], taken);
  return { ...model, ...(xml ? { xml } : {}), io, typeByName, specPaths, enums };
}
