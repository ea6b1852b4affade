import { ts } from 'ts-morph';
import type {
  MatrixParamDefinition,
  OperationDefinition,
  ParamDefinition,
  ResponseDefinition,
} from '@regkit/core';
import type { BodyRef, LinkedApi, ModelOperation, ModelParam, ModelResponse } from '../model.js';
import { pascalCase } from '../names.js';
import {
  arrayOf,
  call,
  inlineTypeLiteral,
  keyword,
  literal,
  member,
  property,
  propName,
  scalarType,
} from './code.js';
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

/** The parameter as the descriptor holds it: `prop` left out when it is the wire name, `required` when false. */
const runtimeParam = <P extends ParamDefinition>({ doc: _doc, prop, required, ...p }: ModelParam & P): P =>
  ({ ...p, ...(prop !== p.name ? { prop } : {}), ...(required ? { required } : {}) }) as unknown as P;
const runtimeResponse = ({ description: _description, ...r }: ModelResponse): ResponseDefinition => r;

/** The `x-` extensions `core` reads at run time; the docs module has all of them. */
const RUNTIME_EXTENSIONS = new Set(['x-empty-path-parameters']);

/**
 * The descriptor `core` executes: the operation without what only documentation and tooling read
 * (texts, catalogue id, tag, the other extensions: those go to `docs.gen.ts`), and without what
 * equals its default (empty parameter lists; a path parameter's `required`).
 */
export function runtimeOperation(op: ModelOperation): OperationDefinition {
  const {
    summary: _summary,
    doc: _doc,
    id: _id,
    tag: _tag,
    pathParams,
    matrixParams,
    queryParams,
    responses,
    extensions,
    ...rest
  } = op;
  const runtime = Object.entries(extensions ?? {}).filter(([k]) => RUNTIME_EXTENSIONS.has(k));
  return {
    ...rest,
    ...(runtime.length ? { extensions: Object.fromEntries(runtime) } : {}),
    ...(pathParams.length
      ? { pathParams: pathParams.map((p) => runtimeParam({ ...p, required: false })) }
      : {}),
    ...(matrixParams.length
      ? { matrixParams: matrixParams.map((p) => runtimeParam<MatrixParamDefinition>(p)) }
      : {}),
    ...(queryParams.length ? { queryParams: queryParams.map(runtimeParam) } : {}),
    responses: responses.map(runtimeResponse),
  };
}

/**
 * Error responses that several operations declare alike (ARIN's 400, 404, 429, 503): one local
 * constant each, referenced by the operations, rather than the same literal fifty times.
 */
function sharedErrorResponses(file: EmitFile, api: LinkedApi): Map<string, ts.Identifier> {
  const uses = new Map<string, { response: ResponseDefinition; count: number }>();
  for (const op of api.operations)
    for (const r of op.responses.map(runtimeResponse).filter((r) => r.error)) {
      const key = JSON.stringify(r);
      uses.set(key, { response: r, count: (uses.get(key)?.count ?? 0) + 1 });
    }
  const shared = new Map<string, ts.Identifier>();
  const taken = new Set<string>();
  for (const [key, { response, count }] of uses) {
    if (count < 2) continue;
    let name = `error${response.status}`;
    for (let n = 2; taken.has(name); n++) name = `error${response.status}_${n}`;
    taken.add(name);
    file.const(name, literal(response), { type: file.type('ResponseDefinition'), exported: false });
    shared.set(key, file.value(name));
  }
  return shared;
}

/** The descriptor as an object literal, its shared responses by reference. */
function operationLiteral(
  op: OperationDefinition,
  shared: ReadonlyMap<string, ts.Identifier>,
): ts.Expression {
  const props = Object.entries(op)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      f.createPropertyAssignment(
        propName(k),
        k === 'responses'
          ? f.createArrayLiteralExpression(
              op.responses.map((r) => shared.get(JSON.stringify(r)) ?? literal(r)),
              true,
            )
          : literal(v),
      ),
    );
  return f.createObjectLiteralExpression(props, true);
}

/**
 * Typed operation definitions: the descriptor `core` executes, an `…Input` interface per operation
 * (path, matrix and query parameters by their TS names, plus `body`), and a map of input and output types.
 */
export function emitOperations(file: EmitFile, api: LinkedApi): void {
  const requests: [string, ts.Expression][] = [];
  const responses: [string, ts.Expression][] = [];
  const map: ts.TypeElement[] = [];
  const shared = sharedErrorResponses(file, api);
  for (const op of api.operations) {
    const io = api.io.get(op.operationId);
    if (!io) throw new Error(`${op.operationId} was not linked`);
    const where = (p: ModelParam) =>
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
    // users reach them through the operation map (`arinOperations.getTicket`), since two APIs'
    // operations share names; exported only for the per-operation commands of an API that has them
    file.const(op.operationId, operationLiteral(runtimeOperation(op), shared), {
      type: file.type('OperationDefinition'),
      doc,
      exported: api.xml !== undefined,
    });
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
