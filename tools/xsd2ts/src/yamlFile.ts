import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { SpecError } from './specError.js';

type Path = readonly (string | number)[];

/** A YAML spec file: its data, and the line of any node, found only when an error needs it. */
export interface YamlFile {
  readonly data: unknown;
  /** 1-based line of the node at `path`, when there is one. */
  lineOf(path: Path): number | undefined;
}

/**
 * Reads YAML 1.2 (core schema: no timestamps, no merge keys) with js-yaml, which is several times
 * faster than a parser that keeps positions. Positions are worked out from a second, position-keeping
 * parse only when an error has to name a line.
 */
export function readYamlFile(path: string, file: string): YamlFile {
  const text = readFileSync(path, 'utf8');
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA, filename: file });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    throw new SpecError(
      file,
      error.mark ? error.mark.line + 1 : undefined,
      'document',
      `invalid YAML: ${error.reason}`,
    );
  }
  let located: { doc: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined;
  return {
    data,
    lineOf(nodePath) {
      if (!located) {
        const lines = new LineCounter();
        located = { doc: parseDocument(text, { lineCounter: lines }), lines };
      }
      const node = located.doc.getIn(nodePath, true) as { range?: [number, number, number] } | undefined;
      const at = node?.range?.[0];
      return at === undefined ? undefined : located.lines.linePos(at).line;
    },
  };
}
