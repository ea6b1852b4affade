import { ts } from 'ts-morph';
import { pure, withDoc } from './code.js';

const f = ts.factory;

/** Symbols that come from packages rather than from another generated file. */
const EXTERNAL: Readonly<Record<string, string>> = {
  OperationDefinition: '@regkit/core',
  ResponseDefinition: '@regkit/core',
  ApiDocs: '@regkit/core',
  XmlComplexType: '@regkit/core',
  XmlSchema: '@regkit/core',
  FieldMapDefinition: '@regkit/core',
  CallOptions: '@regkit/core',
};

/**
 * Packages imported as a namespace (`import * as z from 'zod/mini'`): bundlers drop the members a
 * namespace import never reads, which they cannot do for a re-exported namespace object (`{ z }`).
 */
const NAMESPACES: Readonly<Record<string, string>> = { z: 'zod/mini' };

const exportModifier = () => [f.createModifier(ts.SyntaxKind.ExportKeyword)];

/**
 * A generated TS file being built from TypeScript nodes. Declarations record the names they
 * export; references record the names they use, as types or as values, so the imports are
 * collected once every file is built (`imports`).
 */
export class EmitFile {
  readonly statements: ts.Statement[] = [];
  readonly declared = new Set<string>();
  /** Names used, and whether any use is a value (a type-only import otherwise). */
  readonly used = new Map<string, boolean>();
  readonly reexports: string[] = [];
  /** Names this file imports from a hand-written module of its package, by name. */
  readonly handWritten = new Map<string, string>();

  constructor(readonly name: string) {}

  /** A reference to a type by name. */
  type(name: string): ts.TypeReferenceNode {
    if (!this.used.has(name)) this.used.set(name, false);
    return f.createTypeReferenceNode(name);
  }

  /** A reference to a value by name. */
  value(name: string): ts.Identifier {
    this.used.set(name, true);
    return f.createIdentifier(name);
  }

  /** A value exported by a hand-written module of the package (`../facadeParts.js`). */
  handWrittenValue(name: string, module: string): ts.Identifier {
    this.handWritten.set(name, module);
    return this.value(name);
  }

  /** Any declaration statement that exports `name` (a class). */
  declare(name: string, statement: ts.Statement): void {
    this.declared.add(name);
    this.statements.push(statement);
  }

  interface(name: string, members: readonly ts.TypeElement[], doc?: string): void {
    this.declared.add(name);
    this.statements.push(
      withDoc(f.createInterfaceDeclaration(exportModifier(), name, undefined, undefined, members), doc),
    );
  }

  typeAlias(name: string, type: ts.TypeNode, doc?: string): void {
    this.declared.add(name);
    this.statements.push(withDoc(f.createTypeAliasDeclaration(exportModifier(), name, undefined, type), doc));
  }

  /**
   * `export const name: type = value;` (`as const` when `asConst`); `exported: false` keeps it local.
   * The calls of `value` are marked pure, so a bundler drops the constant when nothing reads it.
   */
  const(
    name: string,
    value: ts.Expression,
    opts: { type?: ts.TypeNode; doc?: string; asConst?: boolean; exported?: boolean } = {},
  ): void {
    this.declared.add(name);
    const init = pure(opts.asConst ? f.createAsExpression(value, f.createTypeReferenceNode('const')) : value);
    const statement = f.createVariableStatement(
      opts.exported === false ? undefined : exportModifier(),
      f.createVariableDeclarationList(
        [f.createVariableDeclaration(name, undefined, opts.type, init)],
        ts.NodeFlags.Const,
      ),
    );
    this.statements.push(withDoc(statement, opts.doc));
  }

  /** `export * from './other.gen.js';` */
  reexport(file: string): void {
    this.reexports.push(file);
  }
}

export interface PrintContext {
  readonly header: string;
  /** Declaring file of every name declared by a generated file of the same API. */
  readonly declaredIn: ReadonlyMap<string, string>;
}

/** Names the platform provides: never imported. */
const GLOBALS = new Set(['Uint8Array']);

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
const scratch = ts.createSourceFile('generated.ts', '', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
const moduleOf = (file: string) => `./${file.replace(/\.ts$/, '.js')}`;

/** The import declarations of a file: one per module, names sorted, `type` on names used only as types. */
function imports(file: EmitFile, ctx: PrintContext): ts.ImportDeclaration[] {
  const byModule = new Map<string, Map<string, boolean>>();
  const namespaces: ts.ImportDeclaration[] = [];
  for (const [name, asValue] of file.used) {
    if (file.declared.has(name) || GLOBALS.has(name)) continue;
    const namespace = NAMESPACES[name];
    if (namespace) {
      namespaces.push(
        f.createImportDeclaration(
          undefined,
          f.createImportClause(!asValue, undefined, f.createNamespaceImport(f.createIdentifier(name))),
          f.createStringLiteral(namespace, true),
        ),
      );
      continue;
    }
    const from =
      EXTERNAL[name] ??
      file.handWritten.get(name) ??
      (ctx.declaredIn.has(name) ? moduleOf(ctx.declaredIn.get(name) as string) : undefined);
    if (!from) throw new Error(`${file.name}: '${name}' is declared by no generated file`);
    const names = byModule.get(from) ?? new Map<string, boolean>();
    names.set(name, asValue || (names.get(name) ?? false));
    byModule.set(from, names);
  }
  const order = (m: string) => (m.startsWith('.') ? `1${m}` : `0${m}`);
  const named = [...byModule.entries()]
    .sort(([a], [b]) => (order(a) < order(b) ? -1 : 1))
    .map(([from, names]) => {
      const typeOnly = ![...names.values()].some(Boolean);
      const specifiers = [...names.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([n, asValue]) =>
          f.createImportSpecifier(!typeOnly && !asValue, undefined, f.createIdentifier(n)),
        );
      return f.createImportDeclaration(
        undefined,
        f.createImportClause(typeOnly, undefined, f.createNamedImports(specifiers)),
        f.createStringLiteral(from, true),
      );
    });
  return [...namespaces, ...named];
}

/** The file's text, laid out by TypeScript's printer: header, imports, re-exports, declarations. */
export function printFile(file: EmitFile, ctx: PrintContext): string {
  const print = (node: ts.Node) => printer.printNode(ts.EmitHint.Unspecified, node, scratch);
  const head = [
    ...imports(file, ctx).map(print),
    ...file.reexports.map((m) =>
      print(f.createExportDeclaration(undefined, false, undefined, f.createStringLiteral(moduleOf(m), true))),
    ),
  ];
  const parts = [ctx.header, head.join('\n'), ...file.statements.map(print)].filter(Boolean);
  return `${parts.join('\n\n')}\n`;
}
