import { format, resolveConfig } from 'prettier';
import {
  Project,
  StructureKind,
  type ExportDeclarationStructure,
  type ImportDeclarationStructure,
  type InterfaceDeclarationStructure,
  type OptionalKind,
  type StatementStructures,
  type TypeAliasDeclarationStructure,
} from 'ts-morph';

const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
let counter = 0;

/**
 * A generated file being built: the emitters add ts-morph structures, and `finish` prints them in
 * one pass (adding them one by one to a live source file re-parses it at every step).
 */
export class EmitFile {
  readonly imports: ImportDeclarationStructure[] = [];
  readonly statements: (string | StatementStructures)[] = [];
  constructor(readonly header: string) {}

  addImportDeclaration(s: OptionalKind<ImportDeclarationStructure>): void {
    this.imports.push({ ...s, kind: StructureKind.ImportDeclaration });
  }
  addExportDeclaration(s: OptionalKind<ExportDeclarationStructure>): void {
    this.statements.push({ ...s, kind: StructureKind.ExportDeclaration });
  }
  addInterface(s: OptionalKind<InterfaceDeclarationStructure>): void {
    this.statements.push({ ...s, kind: StructureKind.Interface });
  }
  addTypeAlias(s: OptionalKind<TypeAliasDeclarationStructure>): void {
    this.statements.push({ ...s, kind: StructureKind.TypeAlias });
  }
  addStatements(text: string | readonly string[]): void {
    this.statements.push(...(typeof text === 'string' ? [text] : text));
  }
}

/** A fresh generated file; `finish` puts the generated-file header first. */
export function newSourceFile(header: string): EmitFile {
  return new EmitFile(header);
}

/** Final text of a generated file: the header, then the code formatted with the repository's Prettier settings. */
export async function finish(file: EmitFile, targetPath: string): Promise<string> {
  const source = project.createSourceFile(
    `/out/${counter++}.ts`,
    { statements: [...file.imports, ...file.statements] },
    { overwrite: true },
  );
  const text = `${file.header ? `${file.header}\n\n` : ''}${source.getFullText()}`;
  project.removeSourceFile(source);
  const config = (await resolveConfig(targetPath)) ?? {};
  // babel-ts formats TypeScript as the typescript parser does, and faster
  return format(text, { ...config, filepath: targetPath, parser: 'babel-ts' });
}

/** A JSDoc comment body from spec text (no `*\/` sequences). */
export const jsDoc = (text: string | undefined) => (text ? [text.replace(/\*\//g, '*\u200b/')] : []);

/** A JS literal of plain data, written as compact JSON. */
export const literal = (value: unknown) => JSON.stringify(value);
