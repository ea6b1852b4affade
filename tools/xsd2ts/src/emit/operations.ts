import type { BodyDefinition, OperationDefinition, ParamDefinition } from '@regkit/core';
import { pascalCase, propertyKey } from '../names.js';
import { jsDoc, literal, type EmitFile } from './sourceFile.js';

export interface BodyTypes {
  /** TS type of a body (request when `request` is true). */
  type(body: BodyDefinition, request: boolean): string;
  /** Name of the validator of a body, when there is one. */
  schema?(body: BodyDefinition, request: boolean): string | undefined;
}

function paramTs(p: ParamDefinition): string {
  if (p.enum) return p.enum.map((v) => JSON.stringify(v)).join(' | ');
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
  const mapEntries: string[] = [];
  const schemaEntries: { request: string[]; response: string[] } = { request: [], response: [] };
  for (const op of operations) {
    const inputName = `${pascalCase(op.operationId)}Input`;
    const params = [...op.pathParams, ...op.matrixParams, ...op.queryParams];
    const properties = params.map((p) => ({
      name: propertyKey(p.prop),
      type: paramTs(p),
      hasQuestionToken: !p.required && !op.pathParams.includes(p),
      docs: jsDoc(
        [
          p.doc,
          `${op.pathParams.includes(p) ? 'Path' : op.queryParams.includes(p) ? 'Query' : 'Matrix'} parameter \`${p.name}\`.`,
        ]
          .filter(Boolean)
          .join('\n\n'),
      ),
    }));
    if (op.request)
      properties.push({
        name: 'body',
        type: api.bodies.type(op.request, true),
        hasQuestionToken: false,
        docs: jsDoc('Request payload.'),
      });
    file.addInterface({
      name: inputName,
      isExported: true,
      docs: jsDoc(`Input of {@link ${op.operationId}} (${op.id}).`),
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
    file.addStatements(
      `/** ${doc.replace(/\*\//g, '*\u200b/').replace(/\n/g, '\n * ')} */\nexport const ${op.operationId}: OperationDefinition = ${literal(op)};`,
    );
    mapEntries.push(`${op.operationId}: { input: ${inputName}; output: ${output} }`);
    const req = op.request && api.bodies.schema?.(op.request, true);
    if (req) schemaEntries.request.push(`${op.operationId}: ${req}`);
    const res = success && api.bodies.schema?.(success, false);
    if (res) schemaEntries.response.push(`${op.operationId}: ${res}`);
  }
  file.addStatements(
    `/** Every operation, by operationId. */\nexport const ${api.prefix}Operations = { ${operations.map((o) => o.operationId).join(', ')} } as const;`,
  );
  file.addStatements(
    `/** Input and output types of every operation. */\nexport interface ${pascalCase(api.prefix)}OperationTypes { ${mapEntries.join('; ')} }`,
  );
  file.addStatements(
    `export type ${pascalCase(api.prefix)}OperationId = keyof ${pascalCase(api.prefix)}OperationTypes;`,
  );
  if (api.bodies.schema) {
    file.addStatements(
      `/** Validators of request payloads, by operationId. */\nexport const ${api.prefix}RequestSchemas = { ${schemaEntries.request.join(', ')} } as const;`,
    );
    file.addStatements(
      `/** Validators of decoded responses, by operationId. */\nexport const ${api.prefix}ResponseSchemas = { ${schemaEntries.response.join(', ')} } as const;`,
    );
  }
}
