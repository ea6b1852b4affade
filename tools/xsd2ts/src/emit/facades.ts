import { ts } from 'ts-morph';
import type { FacadeGroup, FacadeMethod, LinkedApi, ModelOperation, ModelParam } from '../model.js';
import { pascalCase } from '../names.js';
import { arrayOf, inlineTypeLiteral, keyword, member, property, scalarType, withDoc } from './code.js';
import type { EmitFile } from './emitFile.js';

const f = ts.factory;
/** The hand-written module of a client whose functions `via` names, seen from `src/generated/`. */
export const FACADE_PARTS = '../facadeParts.js';

const modifier = (k: ts.ModifierSyntaxKind) => f.createModifier(k);
const param = (name: string, type: ts.TypeNode, optional: boolean) =>
  f.createParameterDeclaration(
    undefined,
    undefined,
    name,
    optional ? f.createToken(ts.SyntaxKind.QuestionToken) : undefined,
    type,
  );
const promiseOf = (t: ts.TypeNode) => f.createTypeReferenceNode('Promise', [t]);
const clientField = () =>
  f.createPropertyAccessExpression(f.createThis(), f.createPrivateIdentifier('#client'));

/** A member of the caller: an interface method signature, or an abstract method of the facade class. */
function callMember(
  name: string,
  typeParams: ts.TypeParameterDeclaration[] | undefined,
  params: ts.ParameterDeclaration[],
  returns: ts.TypeNode,
  doc: string,
  abstract: boolean,
) {
  return withDoc(
    abstract
      ? f.createMethodDeclaration(
          [modifier(ts.SyntaxKind.AbstractKeyword)],
          undefined,
          name,
          undefined,
          typeParams,
          params,
          returns,
          undefined,
        )
      : f.createMethodSignature(undefined, name, undefined, typeParams, params, returns),
    doc,
  );
}

/** `call<K extends XOperationId>(operationId: K, input: XOperationTypes[K]['input'], options?: CallOptions): Promise<…['output']>` */
function callSignature(file: EmitFile, prefix: string, abstract: boolean) {
  const types = (k: string) =>
    f.createIndexedAccessTypeNode(
      f.createIndexedAccessTypeNode(file.type(`${prefix}OperationTypes`), f.createTypeReferenceNode('K')),
      f.createLiteralTypeNode(f.createStringLiteral(k, true)),
    );
  const typeParams = [f.createTypeParameterDeclaration(undefined, 'K', file.type(`${prefix}OperationId`))];
  const params = [
    param('operationId', f.createTypeReferenceNode('K'), false),
    param('input', types('input'), false),
    param('options', file.type('CallOptions'), true),
  ];
  const doc = 'Calls any operation by its operationId, with typed input and output.';
  return callMember('call', typeParams, params, promiseOf(types('output')), doc, abstract);
}

/** Does the operation also offer its object as RPSL text (`application/rpsl`)? */
const offersRpsl = (op: ModelOperation) =>
  op.responses.some((r) => !r.error && !!r.body && 'rpsl' in r.body && r.body.rpsl === true);

/** `callRpsl(operationId, input, options?): Promise<string>`: an operation in its RPSL representation. */
function callRpslSignature(file: EmitFile, prefix: string, abstract: boolean) {
  const params = [
    param('operationId', file.type(`${prefix}OperationId`), false),
    param('input', f.createTypeReferenceNode('Record', [keyword('string'), keyword('unknown')]), false),
    param('options', file.type('CallOptions'), true),
  ];
  const doc = 'Calls an operation in its RPSL representation: the body and the answer are RPSL text.';
  return callMember('callRpsl', undefined, params, promiseOf(keyword('string')), doc, abstract);
}

function methodDoc(op: ModelOperation, m: FacadeMethod): string {
  const params = [...op.pathParams, ...op.matrixParams, ...op.queryParams];
  const lines = m.args.flatMap((a) => {
    const p = params.find((x) => x.prop === a.name);
    return p?.doc ? [`@param ${a.name} ${p.doc}`] : [];
  });
  return [`${op.id}: ${op.summary}.`, op.doc, lines.join('\n')].filter(Boolean).join('\n\n');
}

/** A method that calls the operation: positional arguments and options mapped onto its input. */
function directMethod(file: EmitFile, api: LinkedApi, op: ModelOperation, m: FacadeMethod, rpsl = false) {
  const io = api.io.get(op.operationId);
  if (!io) throw new Error(`${op.operationId} was not linked`);
  const params = [...op.pathParams, ...op.matrixParams, ...op.queryParams];
  const byProp = (name: string) => params.find((p) => p.prop === name) as ModelParam;
  const bodyType = (b: typeof io.request) =>
    rpsl && b
      ? keyword('string')
      : !b
        ? keyword('void')
        : b.list
          ? arrayOf(file.type(b.type))
          : file.type(b.type);
  const positional = m.args.map((a) => {
    if (a.name === m.body) return param(a.name, bodyType(io.request), a.optional);
    const p = byProp(a.name);
    const optional = a.optional || (!p.required && !op.pathParams.includes(p));
    return param(a.name, scalarType(p.type, p.enum), optional);
  });
  const optionsType = m.options.length
    ? f.createIntersectionTypeNode([
        file.type('CallOptions'),
        inlineTypeLiteral(
          m.options.map((o) => property(o, scalarType(byProp(o).type, byProp(o).enum), { optional: true })),
        ),
      ])
    : file.type('CallOptions');
  const input = f.createObjectLiteralExpression(
    [
      ...m.args.map((a) =>
        a.name === m.body
          ? f.createPropertyAssignment('body', f.createIdentifier(a.name))
          : f.createShorthandPropertyAssignment(a.name),
      ),
      ...m.options.map((o) =>
        f.createPropertyAssignment(
          o,
          f.createPropertyAccessChain(
            f.createIdentifier('options'),
            f.createToken(ts.SyntaxKind.QuestionDotToken),
            o,
          ),
        ),
      ),
    ],
    false,
  );
  const body = f.createReturnStatement(
    f.createCallExpression(member(clientField(), rpsl ? 'callRpsl' : 'call'), undefined, [
      f.createStringLiteral(op.operationId, true),
      input,
      f.createIdentifier('options'),
    ]),
  );
  return {
    params: [...positional, param('options', optionsType, true)],
    returns: promiseOf(bodyType(io.output)),
    body,
  };
}

/** A method that hands its arguments to a hand-written piece, typed from that piece's parameters. */
function viaMethod(file: EmitFile, m: FacadeMethod & { via: string }) {
  const piece = file.handWrittenValue(m.via, FACADE_PARTS);
  const nth = (i: number) =>
    f.createIndexedAccessTypeNode(
      f.createTypeReferenceNode('Parameters', [f.createTypeQueryNode(f.createIdentifier(m.via))]),
      f.createLiteralTypeNode(f.createNumericLiteral(i)),
    );
  const names = [...m.args.map((a) => a.name), 'options'];
  const params = [
    ...m.args.map((a, i) => param(a.name, nth(i + 1), a.optional)),
    param('options', nth(m.args.length + 1), true),
  ];
  const returns = f.createTypeReferenceNode('ReturnType', [f.createTypeQueryNode(f.createIdentifier(m.via))]);
  const body = f.createReturnStatement(
    f.createCallExpression(piece, undefined, [clientField(), ...names.map((n) => f.createIdentifier(n))]),
  );
  return { params, returns, body };
}

function groupClass(file: EmitFile, api: LinkedApi, group: FacadeGroup, caller: string): string {
  const name = `${pascalCase(group.name)}Api`;
  const ops = new Map(api.operations.map((o) => [o.operationId, o]));
  const method = (name: string, parts: ReturnType<typeof directMethod>, doc: string) =>
    withDoc(
      f.createMethodDeclaration(
        undefined,
        undefined,
        name,
        undefined,
        undefined,
        parts.params,
        parts.returns,
        f.createBlock([parts.body], true),
      ),
      doc,
    );
  const methods = group.methods.flatMap((m) => {
    const op = ops.get(m.operationId) as ModelOperation;
    const xml = method(
      m.method,
      m.via ? viaMethod(file, { ...m, via: m.via }) : directMethod(file, api, op, m),
      methodDoc(op, m),
    );
    if (m.via || !offersRpsl(op)) return [xml];
    // the same operation in its RPSL representation (advanced IRR objects): RPSL text in and out
    const rpslDoc = `${methodDoc(op, m)}\n\nIn RPSL: ${op.request ? 'the object is RPSL text, and so is ' : ''}the answer.`;
    return [xml, method(`${m.method}Rpsl`, directMethod(file, api, op, m, true), rpslDoc)];
  });
  const field = f.createPropertyDeclaration(
    [modifier(ts.SyntaxKind.ReadonlyKeyword)],
    f.createPrivateIdentifier('#client'),
    undefined,
    file.type(caller),
    undefined,
  );
  const ctor = withDoc(
    f.createConstructorDeclaration(
      undefined,
      [param('client', file.type(caller), false)],
      f.createBlock(
        [f.createExpressionStatement(f.createAssignment(clientField(), f.createIdentifier('client')))],
        true,
      ),
    ),
    `Use the client's \`${group.name}\` property.`,
  );
  file.declare(
    name,
    withDoc(
      f.createClassDeclaration([modifier(ts.SyntaxKind.ExportKeyword)], name, undefined, undefined, [
        field,
        ctor,
        ...methods,
      ]),
      group.doc,
    ),
  );
  return name;
}

const callerName = (api: LinkedApi) => `${pascalCase(api.name)}Caller`;

/**
 * What a facade group calls (`XCaller`): `call`, and `callRpsl` when an operation offers RPSL. A
 * file of its own, so that the facade and the hand-written pieces it calls both import it.
 */
export function emitCaller(file: EmitFile, api: LinkedApi): void {
  const Prefix = pascalCase(api.name);
  file.interface(
    callerName(api),
    callMembers(api).map((sig) => sig(file, Prefix, false) as unknown as ts.TypeElement),
    'What a facade group calls: any operation by its operationId.',
  );
}

/** The call signatures of the caller, as members of an interface or abstract methods of a class. */
const callMembers = (api: LinkedApi) =>
  api.operations.some(offersRpsl) ? [callSignature, callRpslSignature] : [callSignature];

/**
 * The facade of a client: a class per group (`x-facade-group` of the tags) whose methods
 * (`x-facade` of the operations) call the operation, or a hand-written piece for behaviour the
 * spec cannot express; and an abstract base class holding one instance of each group.
 */
export function emitFacades(file: EmitFile, api: LinkedApi): void {
  const Prefix = pascalCase(api.name);
  const caller = callerName(api);
  const members = api.facades.map((g) => {
    const cls = groupClass(file, api, g, caller);
    return withDoc(
      f.createPropertyDeclaration(
        [modifier(ts.SyntaxKind.ReadonlyKeyword)],
        g.name,
        undefined,
        file.type(cls),
        f.createNewExpression(f.createIdentifier(cls), undefined, [f.createThis()]),
      ),
      g.doc,
    );
  });
  const base = `${Prefix}Facade`;
  file.declare(
    base,
    withDoc(
      f.createClassDeclaration(
        [modifier(ts.SyntaxKind.ExportKeyword), modifier(ts.SyntaxKind.AbstractKeyword)],
        base,
        undefined,
        [
          f.createHeritageClause(ts.SyntaxKind.ImplementsKeyword, [
            f.createExpressionWithTypeArguments(file.type(caller).typeName as ts.Identifier, undefined),
          ]),
        ],
        [...members, ...callMembers(api).map((sig) => sig(file, Prefix, true) as unknown as ts.ClassElement)],
      ),
      'The operation groups of the client, generated from the spec: one property per group.',
    ),
  );
}
