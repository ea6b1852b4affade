import type { BodyDefinition, OperationDefinition } from '@regkit/core';
import type { ApiModel, BodyRef, LinkedApi, ModelType, OperationIo, XmlModel } from './model.js';
import { pascalCase } from './names.js';
import { SpecError } from './specError.js';

/** Types that hold read-only fields, directly or through a reference, need a `…Create` variant. */
function withCreateVariants(xml: XmlModel): XmlModel {
  const marked = new Set<string>();
  const known = new Set(xml.types.map((t) => t.name));
  for (let changed = true; changed;) {
    changed = false;
    for (const t of xml.types) {
      if (marked.has(t.name)) continue;
      const direct = t.fields.some((f) => f.readOnly) || (t.attributes ?? []).some((a) => a.readOnly);
      const nested = t.fields.some(
        (f) => f.value.kind === 'ref' && marked.has(f.value.type) && known.has(f.value.type),
      );
      if (direct || nested) {
        marked.add(t.name);
        changed = true;
      }
    }
  }
  const types = xml.types.map((t): ModelType => (marked.has(t.name) ? { ...t, createVariant: true } : t));
  return { ...xml, types };
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
  const xml = model.xml && withCreateVariants(model.xml);
  const typeByName = new Map((xml?.types ?? []).map((t) => [t.name, t]));
  const jsonNames = new Set(model.jsonTypes.map((t) => t.name));
  const xsd = model.sources.find((s) => s.endsWith('.xsd')) ?? 'the XSD';

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
    if ('collectionOf' in body) {
      elementType(op, body.element);
      const item = elementType(op, body.collectionOf);
      return { type: item, validator: `${item}Schema`, list: true };
    }
    const full = elementType(op, body.element);
    const type =
      request && body.variant === 'create' && typeByName.get(full)?.createVariant ? `${full}Create` : full;
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
    const success = successBody(op);
    io.set(op.operationId, {
      input,
      ...(op.request ? { request: ref(op, op.request, true) } : {}),
      ...(success ? { output: ref(op, success, false) } : {}),
    });
  }
  return { ...model, ...(xml ? { xml } : {}), io, typeByName, specPaths };
}
