import { ts } from 'ts-morph';
import type { ParamDefinition } from '@regkit/core';
import type { BodyRef, LinkedApi } from '../model.js';
import { pascalCase } from '../names.js';
import { arrayOf, call, inlineTypeLiteral, keyword, literal, member, property, scalarType } from './code.js';
import type { EmitFile } from './emitFile.js';

const f = ts.factory;

const bodyType = (file: EmitFile, body: BodyRef | undefined): ts.TypeNode => {
  if (!body) return keyword('void');
  const t = file.type(body.type);
  return body.list ? arrayOf(t) : t;
};

const bodyValidator = (file: EmitFile, body: BodyRef | undefined): ts.Expression | undefined => {
  if (!body?.validator) return undefined;
  const v = file.value(body.validator);
  return body.list ? call(member(file.value('z'), 'array'), v) : v;
};

const shorthandObject = (entries: readonly [string, ts.Expression][]) =>
  f.createObjectLiteralExpression(
    entries.map(([name, value]) =>
      ts.isIdentifier(value) && value.text === name
        ? f.createShorthandPropertyAssignment(name)
        : f.createPropertyAssignment(name, value),
    ),
    true,
  );

/**
 * Typed operation definitions: the descriptor `core` executes, an `…Input` interface per operation
 * (path, matrix and query parameters by their TS names, plus `body`), and a map of input and output types.
 */
export function emitOperations(file: EmitFile, api: LinkedApi): void {
  const requests: [string, ts.Expression][] = [];
  const responses: [string, ts.Expression][] = [];
  const map: ts.TypeElement[] = [];
  for (const op of api.operations) {
    const io = api.io.get(op.operationId);
    if (!io) throw new Error(`${op.operationId} was not linked`);
    const where = (p: ParamDefinition) =>
      op.pathParams.includes(p) ? 'Path' : op.queryParams.includes(p) ? 'Query' : 'Matrix';
    const params = [...op.pathParams, ...op.matrixParams, ...op.queryParams].map((p) =>
      property(p.prop, scalarType(p.type, p.enum), {
        optional: !p.required && !op.pathParams.includes(p),
        doc: [p.doc, `${where(p)} parameter \`${p.name}\`.`].filter(Boolean).join('\n\n'),
      }),
    );
    if (io.request) params.push(property('body', bodyType(file, io.request), { doc: 'Request payload.' }));
    file.interface(io.input, params, `Input of operation \`${op.operationId}\` (${op.id}).`);
    const doc = [
      `${op.id}: ${op.summary}.`,
      op.doc,
      `\`${op.method} ${op.path}${op.matrixParams.map((m) => `;${m.name}=…`).join('')}\``,
    ]
      .filter(Boolean)
      .join('\n\n');
    // reached through the operation map (`arinOperations.getTicket`): as exports, two APIs' operations would clash
    file.const(op.operationId, literal(op), { type: file.type('OperationDefinition'), doc, exported: false });
    map.push(
      property(
        op.operationId,
        inlineTypeLiteral([
          property('input', file.type(io.input)),
          property('output', bodyType(file, io.output)),
        ]),
      ),
    );
    const req = bodyValidator(file, io.request);
    if (req) requests.push([op.operationId, req]);
    // Decoded XML is checked against its schema; JSON responses are the client's to read loosely.
    const res = api.xml && bodyValidator(file, io.output);
    if (res) responses.push([op.operationId, res]);
  }
  const Prefix = pascalCase(api.name);
  file.const(
    `${api.name}Operations`,
    shorthandObject(api.operations.map((o) => [o.operationId, f.createIdentifier(o.operationId)])),
    { asConst: true, doc: 'Every operation, by operationId.' },
  );
  file.interface(`${Prefix}OperationTypes`, map, 'Input and output types of every operation.');
  file.typeAlias(
    `${Prefix}OperationId`,
    f.createTypeOperatorNode(
      ts.SyntaxKind.KeyOfKeyword,
      f.createTypeReferenceNode(`${Prefix}OperationTypes`),
    ),
  );
  file.const(`${api.name}RequestSchemas`, shorthandObject(requests), {
    asConst: true,
    doc: 'Validators of request payloads, by operationId.',
  });
  if (!api.xml) return;
  file.const(`${api.name}ResponseSchemas`, shorthandObject(responses), {
    asConst: true,
    doc: 'Validators of decoded responses, by operationId.',
  });
}
