import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { SpecError } from './specError.js';

type Path = readonly (string | number)[];

/** A YAML spec file: its data, and the line of any node (for messages). */
export interface YamlFile {
  readonly data: unknown;
  /** 1-based line of the node at `path`, when there is one. */
  lineOf(path: Path): number | undefined;
}

/** Reads YAML 1.2 (core schema: dates stay text, no merge keys, duplicate keys are errors). */
export function readYamlFile(path: string, file: string): YamlFile {
  const text = readFileSync(path, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'core', uniqueKeys: true, merge: false });
  const [error] = doc.errors;
  if (error)
    throw new SpecError(
      file,
      error.linePos?.[0].line,
      'document',
      `invalid YAML: ${error.message.split(' at line ')[0] ?? ''}`,
    );
  return {
    data: doc.toJS({ maxAliasCount: 100 }),
    lineOf(nodePath) {
      const node = doc.getIn(nodePath, true) as { range?: [number, number, number] } | undefined;
      const at = node?.range?.[0];
      return at === undefined ? undefined : lines.linePos(at).line;
    },
  };
}
