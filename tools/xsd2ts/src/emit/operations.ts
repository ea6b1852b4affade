import type { BodyDefinition, OperationDefinition, ParamDefinition } from '@regkit/core';
import { pascalCase } from '../names.js';
import { literal, object, quote, typeLiteral, union, type Doc } from './layout.js';
import type { EmitFile } from './sourceFile.js';

export interface BodyTypes {
  /** TS type of a body (request when `request` is true). */
  type(body: BodyDefinition, request: boolean): string;
  /** Name of the validator of a body, when there is one. */
  schema?(body: BodyDefinition, request: boolean): string | undefined;
}

function paramTs(p: ParamDefinition): Doc {
  if (p.enum) return union(p.enum.map(quote));
  return p.type === 'integer' ? 'number' : p.type;
}

export function successBody(op: OperationDefinition): BodyDefinition | undefined {
  return (op.responses.find((r) => r.status === 200) ?? op.responses.find((r) => !r.error))?.body;
}

/**
 * Typed operation definitions: the descriptor `core` executes, an `…Input` interface per operation
 * (path, matrix and query parameters by their TS names, plus `body`), and a map of input and output types.
 */
export function emitOperations(
  file: EmitFile,
  operations: readonly OperationDefinition[],
  api: { prefix: string; bodies: BodyTypes },
): void {
  file.addImportDeclaration({
    moduleSpecifier: '@regkit/core',
    namedImports: ['OperationDefinition'],
    isTypeOnly: true,
  });
  const mapEntries: { name: string; type: Doc }[] = [];
  const schemaEntries: { request: string[]; response: string[] } = { request: [], response: [] };
  for (const op of operations) {
    const inputName = `${pascalCase(op.operationId)}Input`;
    const params = [...op.pathParams, ...op.matrixParams, ...op.queryParams];
    const properties = params.map((p) => ({
      name: p.prop,
      type: paramTs(p),
      hasQuestionToken: !p.required && !op.pathParams.includes(p),
      docs: [
        p.doc,
        `${op.pathParams.includes(p) ? 'Path' : op.queryParams.includes(p) ? 'Query' : 'Matrix'} parameter \`${p.name}\`.`,
      ]
        .filter(Boolean)
        .join('\n\n'),
    }));
    if (op.request)
      properties.push({
        name: 'body',
        type: api.bodies.type(op.request, true),
        hasQuestionToken: false,
        docs: 'Request payload.',
      });
    file.addInterface({
      name: inputName,
      isExported: true,
      docs: `Input of {@link ${op.operationId}} (${op.id}).`,
      properties,
    });
    const success = successBody(op);
    const output = success ? api.bodies.type(success, false) : 'void';
    const doc = [
      `${op.id}: ${op.summary}.`,
      op.doc,
      `\`${op.method} ${op.path}${op.matrixParams.map((m) => `;${m.name}=…`).join('')}\``,
    ]
      .filter(Boolean)
      .join('\n\n');
    file.addConst({
      name: op.operationId,
      isExported: true,
      type: 'OperationDefinition',
      value: literal(op),
      docs: doc,
    });
    mapEntries.push({
      name: op.operationId,
      type: typeLiteral([`input: ${inputName}`, `output: ${output}`]),
    });
    const req = op.request && api.bodies.schema?.(op.request, true);
    if (req) schemaEntries.request.push(`${op.operationId}: ${req}`);
    const res = success && api.bodies.schema?.(success, false);
    if (res) schemaEntries.response.push(`${op.operationId}: ${res}`);
  }
  const Prefix = pascalCase(api.prefix);
  file.addConst({
    name: `${api.prefix}Operations`,
    isExported: true,
    value: object(operations.map((o) => o.operationId)),
    asConst: true,
    docs: 'Every operation, by operationId.',
  });
  file.addInterface({
    name: `${Prefix}OperationTypes`,
    isExported: true,
    docs: 'Input and output types of every operation.',
    properties: mapEntries,
  });
  file.addStatements(`export type ${Prefix}OperationId = keyof ${Prefix}OperationTypes;`);
  if (api.bodies.schema) {
    file.addConst({
      name: `${api.prefix}RequestSchemas`,
      isExported: true,
      value: object(schemaEntries.request),
      asConst: true,
      docs: 'Validators of request payloads, by operationId.',
    });
    file.addConst({
      name: `${api.prefix}ResponseSchemas`,
      isExported: true,
      value: object(schemaEntries.response),
      asConst: true,
      docs: 'Validators of decoded responses, by operationId.',
    });
  }
}
