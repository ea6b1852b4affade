import { ts } from 'ts-morph';
import { isNumeric, tsKeyword, type Scalar } from '../scalars.js';

const f = ts.factory;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal, single-quoted. */
export const str = (text: string) => f.createStringLiteral(text, true);

/** A property name: bare when it is an identifier, quoted otherwise. */
export const propName = (name: string): ts.PropertyName =>
  IDENTIFIER.test(name) ? f.createIdentifier(name) : str(name);

/** A JSDoc comment on `node` (the printer indents its lines with the node). */
export function withDoc<T extends ts.Node>(node: T, text: string | undefined): T {
  if (!text) return node;
  const lines = text.replace(/\*\//g, '*\u200b/').split('\n');
  const body =
    lines.length === 1 ? `* ${lines[0]} ` : `*\n${lines.map((l) => (l ? ` * ${l}` : ' *')).join('\n')}\n `;
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, body, true);
}

const annotated = new WeakSet<ts.Node>();

/**
 * Marks every call in `expr` outside function and class bodies `/* @__PURE__ *\/`. A bundler drops a
 * top-level constant nobody imports only when its initializer cannot have side effects, and it
 * cannot know that of a call (`z.strictObject(…)`): annotated, the unused schemas of a module are
 * shaken out. TypeScript keeps the comments in its output.
 */
export function pure<T extends ts.Node>(node: T): T {
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && !annotated.has(n)) {
      annotated.add(n);
      ts.addSyntheticLeadingComment(n, ts.SyntaxKind.MultiLineCommentTrivia, ' @__PURE__ ', false);
    }
    ts.forEachChild(n, visit);
  };
  visit(node);
  return node;
}

/** Plain data (what JSON can hold; undefined properties left out) as an object or array literal. */
export function literal(value: unknown): ts.Expression {
  if (value === null || value === undefined) return f.createNull();
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number')
    return value < 0
      ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-value))
      : f.createNumericLiteral(value);
  if (typeof value === 'boolean') return value ? f.createTrue() : f.createFalse();
  if (Array.isArray(value)) {
    const items = value.map(literal);
    return f.createArrayLiteralExpression(items, items.some(isNonEmptyLiteral));
  }
  const props = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => f.createPropertyAssignment(propName(k), literal(v)));
  return f.createObjectLiteralExpression(
    props,
    props.length > 3 || props.some((p) => isNonEmptyLiteral(p.initializer)),
  );
}

const isNonEmptyLiteral = (e: ts.Expression) =>
  (ts.isObjectLiteralExpression(e) && e.properties.length > 0) ||
  (ts.isArrayLiteralExpression(e) && e.elements.length > 0 && e.elements.some(isNonEmptyLiteral));

export const typeRef = (name: string) => f.createTypeReferenceNode(name);
export const keyword = (k: 'string' | 'number' | 'boolean' | 'unknown' | 'null' | 'void') =>
  k === 'null'
    ? f.createLiteralTypeNode(f.createNull())
    : f.createKeywordTypeNode(
        {
          string: ts.SyntaxKind.StringKeyword,
          number: ts.SyntaxKind.NumberKeyword,
          boolean: ts.SyntaxKind.BooleanKeyword,
          unknown: ts.SyntaxKind.UnknownKeyword,
          void: ts.SyntaxKind.VoidKeyword,
        }[k] as ts.KeywordTypeSyntaxKind,
      );

/** `A | B`; one member is itself. */
export const union = (members: readonly ts.TypeNode[]): ts.TypeNode =>
  members.length === 1 ? (members[0] as ts.TypeNode) : f.createUnionTypeNode(members);

/** `T[]`, parenthesised when T is a union. */
export const arrayOf = (t: ts.TypeNode) =>
  f.createArrayTypeNode(ts.isUnionTypeNode(t) ? f.createParenthesizedType(t) : t);

export const literalType = (v: string | number) =>
  f.createLiteralTypeNode(typeof v === 'number' ? f.createNumericLiteral(v) : str(v));

/**
 * The TS type of a scalar: its keyword, a union of its enumerated values, or documented values of
 * free text (`'A' | 'B' | (string & {})`).
 */
export function scalarType(scalar: Scalar, values?: readonly string[], documented?: readonly string[]) {
  if (values) return union(values.map((v) => literalType(isNumeric(scalar) ? Number(v) : v)));
  const k = tsKeyword(scalar);
  if (k === 'string' && documented?.length)
    return union([
      ...documented.map((v) => literalType(v)),
      f.createParenthesizedType(
        f.createIntersectionTypeNode([keyword('string'), f.createTypeLiteralNode([])]),
      ),
    ]);
  return keyword(k);
}

/** A property signature of an interface or type literal. */
export function property(
  name: string,
  type: ts.TypeNode,
  opts: { optional?: boolean; readonly?: boolean; doc?: string } = {},
): ts.PropertySignature {
  return withDoc(
    f.createPropertySignature(
      opts.readonly ? [f.createModifier(ts.SyntaxKind.ReadonlyKeyword)] : undefined,
      propName(name),
      opts.optional ? f.createToken(ts.SyntaxKind.QuestionToken) : undefined,
      type,
    ),
    opts.doc,
  );
}

/** `{ a: T; b: U }` on one line. */
export function inlineTypeLiteral(members: readonly ts.TypeElement[]): ts.TypeLiteralNode {
  return ts.setEmitFlags(f.createTypeLiteralNode(members), ts.EmitFlags.SingleLine);
}

export const call = (callee: ts.Expression, ...args: ts.Expression[]) =>
  f.createCallExpression(callee, undefined, args);

/** `target.name` */
export const member = (target: ts.Expression, name: string) => f.createPropertyAccessExpression(target, name);
