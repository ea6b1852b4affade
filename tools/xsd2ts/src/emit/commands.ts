import { ts } from 'ts-morph';
import type { BodyDefinition } from '@regkit/core';
import type { LinkedApi, ModelOperation, XmlModel } from '../model.js';
import { pascalCase } from '../names.js';
import { arrayOf, call, keyword, literal, member } from './code.js';
import type { EmitFile } from './emitFile.js';
import { runtimeElement, typesByReference } from './xmlCodecs.js';

const f = ts.factory;

/** Root elements an operation sends or receives: its XML bodies, collection items, the error payload. */
function elementsOf(op: ModelOperation): string[] {
  const bodies: (BodyDefinition | undefined)[] = [op.request, ...op.responses.map((r) => r.body)];
  const names = new Set<string>();
  for (const b of bodies)
    if (b && 'element' in b) {
      names.add(b.element);
      if ('collectionOf' in b) names.add(b.collectionOf);
    }
  return [...names].sort();
}

/** The types the codec walks from `elements`: each root's type and every type it refers to. */
function typeClosure(xml: XmlModel, elements: readonly string[]): string[] {
  const byName = new Map(xml.types.map((t) => [t.name, t]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const field of byName.get(name)?.fields ?? [])
      if (field.value.kind === 'ref') visit(field.value.type);
  };
  for (const e of elements) {
    const type = xml.elements[e]?.type;
    if (type) visit(type);
  }
  return xml.types.map((t) => t.name).filter((n) => seen.has(n));
}

/** The hand-written command type of the client (`ArinCommand`), imported as a type. */
function commandType(file: EmitFile, name: string): string {
  file.handWritten.set(name, '../command.js');
  file.type(name);
  return name;
}

/**
 * One command per operation (`getPocCommand`): its descriptor, the validators of its payloads and an
 * XML schema of only the types it reads and writes. Imported one by one (AWS SDK v3 style), a command
 * bundles what its operation needs and nothing of the others.
 */
export function emitCommands(file: EmitFile, api: LinkedApi): void {
  const xml = api.xml;
  if (!xml) return;
  const Command = `${pascalCase(api.name)}Command`;
  for (const op of api.operations) {
    const io = api.io.get(op.operationId);
    if (!io) throw new Error(`${op.operationId} was not linked`);
    const elements = elementsOf(op);
    const schema = f.createObjectLiteralExpression(
      [
        f.createPropertyAssignment('prefixes', file.value(`${api.name}XmlSchemaPrefixes`)),
        f.createPropertyAssignment('closedNamespaces', file.value(`${api.name}XmlSchemaClosedNamespaces`)),
        f.createPropertyAssignment('types', typesByReference(file, typeClosure(xml, elements))),
        f.createPropertyAssignment(
          'elements',
          literal(
            Object.fromEntries(
              elements.flatMap((e) => (xml.elements[e] ? [[e, runtimeElement(xml.elements[e])]] : [])),
            ),
          ),
        ),
      ],
      true,
    );
    const validator = (body: typeof io.request) => {
      if (!body?.validator) return undefined;
      const v = file.value(body.validator);
      // marked pure by `file.const`: a bundler may drop the commands a program never imports
      return body.list ? call(member(file.value('z'), 'array'), v) : v;
    };
    const request = validator(io.request);
    const response = validator(io.output);
    const output = io.output ? file.type(io.output.type) : keyword('void');
    file.const(
      `${op.operationId}Command`,
      f.createObjectLiteralExpression(
        [
          f.createPropertyAssignment('operation', file.value(op.operationId)),
          f.createPropertyAssignment('xml', schema),
          ...(request ? [f.createPropertyAssignment('request', request)] : []),
          ...(response ? [f.createPropertyAssignment('response', response)] : []),
        ],
        true,
      ),
      {
        type: f.createTypeReferenceNode(commandType(file, Command), [
          file.type(io.input),
          io.output?.list ? arrayOf(output) : output,
        ]),
        doc: `${op.id}: ${op.summary}. Run it with \`${pascalCase(api.name)}Core.call\`.`,
      },
    );
  }
}
