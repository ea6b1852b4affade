import { format, resolveConfig } from 'prettier';
import { Project, type SourceFile } from 'ts-morph';

const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true } });
let counter = 0;

const headers = new WeakMap<SourceFile, string>();

/** A fresh in-memory ts-morph source file; `finish` puts the generated-file header first. */
export function newSourceFile(header: string): SourceFile {
  const file = project.createSourceFile(`/out/${counter++}.ts`, '', { overwrite: true });
  headers.set(file, header);
  return file;
}

/** Final text of a generated file: the header, then the code formatted with the repository's Prettier settings. */
export async function finish(file: SourceFile, targetPath: string): Promise<string> {
  const header = headers.get(file);
  const text = `${header ? `${header}\n\n` : ''}${file.getFullText()}`;
  project.removeSourceFile(file);
  const config = (await resolveConfig(targetPath)) ?? {};
  // babel-ts formats TypeScript as the typescript parser does, and faster
  return format(text, { ...config, filepath: targetPath, parser: 'babel-ts' });
}

/** A JSDoc comment body from spec text (no `*\/` sequences). */
export const jsDoc = (text: string | undefined) => (text ? [text.replace(/\*\//g, '*\u200b/')] : []);

/** A JS literal of plain data, written as compact JSON. */
export const literal = (value: unknown) => JSON.stringify(value);
