import stringWidth from 'string-width';
import { plainAddress } from './blocks.js';
import { canonicalAddresses, shapeForOutput, toText, type OutputSettings } from './outputFormat.js';
import { oneLine } from './terminalText.js';

/** Where a command writes. Tests pass buffers; the bin passes the process streams. */
export interface Io {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Where `--file -` reads from (the process's standard input by default). */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** `-o` and `--query` of the command line; without it, `writeJson` prints JSON. */
  output?: OutputSettings;
}

type Scalar = string | number | boolean | null | undefined;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Helpdesk records for people, at any depth: their fields, then their custom fields by display
 * name; the raw field map is left to `--json`.
 */
export function forPeople(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forPeople);
  if (!isPlainObject(value)) return value;
  if ('raw' in value && 'unknownFields' in value) {
    const { raw: _raw, unknownFields, ...fields } = value;
    const custom = Object.values(
      (unknownFields ?? {}) as Record<string, { sequence: number; displayName?: string; value: unknown }>,
    );
    return {
      ...fields,
      ...Object.fromEntries(
        custom.map((f) => [`${f.displayName ?? 'field'} (field ${f.sequence})`, f.value]),
      ),
    };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, forPeople(v)]));
}

const joinsWithSlash = (key: string) =>
  key.endsWith('streetAddress') || key.endsWith('comment') || key.endsWith('text');

/** Flattens a decoded payload into `path: value` rows for human output. */
export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (Array.isArray(value)) {
    if (value.length === 0) return prefix ? [[prefix, '(none)']] : [];
    if (value.every((v) => !isPlainObject(v) && !Array.isArray(v)))
      return [[prefix, value.map(String).join(joinsWithSlash(prefix) ? ' / ' : ', ')]];
    return value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`));
  }
  if (isPlainObject(value)) {
    return Object.entries(value)
      .filter(([k, v]) => v !== undefined && !k.startsWith('$'))
      .flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  // ARIN answers zero-padded IPv4 and expanded IPv6; people read them plain
  if (typeof value === 'string' && (prefix.endsWith('startAddress') || prefix.endsWith('endAddress')))
    return [[prefix, plainAddress(value)]];
  return [[prefix, String(value as Scalar)]];
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - stringWidth(text)));

/** `key  value` lines, one per leaf of the payload, each value on one line. */
export function formatRecord(value: unknown): string {
  const rows = flatten(forPeople(shapeForOutput(value))).map(([k, v]) => [oneLine(k), oneLine(v)] as const);
  const width = Math.max(0, ...rows.map(([k]) => stringWidth(k)));
  return rows.map(([k, v]) => `${pad(k, width)}  ${v}`.trimEnd()).join('\n') + '\n';
}

const cellText = (value: Scalar) =>
  value === undefined || value === null ? '' : oneLine(canonicalAddresses(String(value)));

/**
 * A table laid out by display width (CJK counts double, combining marks count zero), written a row
 * at a time: `measure` every row first, then `header` and each `row`, so rows need not be held.
 */
export class TableWriter {
  readonly #headers: string[];
  readonly #widths: number[];

  constructor(headers: readonly string[]) {
    this.#headers = headers.map((h) => oneLine(h));
    this.#widths = this.#headers.map((h) => stringWidth(h));
  }

  measure(row: readonly Scalar[]): void {
    this.#widths.forEach((w, i) => (this.#widths[i] = Math.max(w, stringWidth(cellText(row[i])))));
  }

  #line(cells: readonly string[]): string {
    return `${cells
      .map((c, i) => pad(c, this.#widths[i] ?? 0))
      .join('  ')
      .trimEnd()}\n`;
  }

  header(io: Pick<Io, 'stdout'>): void {
    io.stdout.write(this.#line(this.#headers) + `${this.#widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  }

  row(io: Pick<Io, 'stdout'>, row: readonly Scalar[]): void {
    io.stdout.write(this.#line(this.#headers.map((_, i) => cellText(row[i]))));
  }
}

/** A whole table as text (see `TableWriter`). */
export function formatTable(headers: readonly string[], rows: readonly (readonly Scalar[])[]): string {
  const table = new TableWriter(headers);
  for (const r of rows) table.measure(r);
  let text = '';
  const sink = { stdout: { write: (chunk: string | Uint8Array) => (text += String(chunk)) } };
  table.header(sink);
  for (const r of rows) table.row(sink, r);
  return text;
}

/** One table cell for a value: scalars as text, lists of names or scalars joined, other lists counted. */
export function cell(value: unknown): Scalar {
  if (Array.isArray(value)) {
    if (value.every((v) => !isPlainObject(v))) return value.map(String).join(', ');
    if (value.every((v) => isPlainObject(v) && typeof v.name === 'string'))
      return value.map((v) => (v as { name: string }).name).join(', ');
    return String(value.length);
  }
  if (isPlainObject(value))
    return typeof value.name === 'string'
      ? value.name
      : Object.values(value)
          .filter((v) => !isPlainObject(v) && !Array.isArray(v) && v !== undefined)
          .join(' ');
  return value as Scalar;
}

/**
 * A result for tools: identifiers first and addresses canonical, `--query` applied, then as JSON
 * (the default), YAML, tab-separated text, or (a query with `-o table`) a table or record.
 */
export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(render(io.output, value, false));
}

/** One document per line (NDJSON; YAML documents after `---`), for output that streams (paged lists). */
export function writeJsonLine(io: Io, value: unknown): void {
  io.stdout.write(render(io.output, value, true));
}

function render(settings: OutputSettings | undefined, value: unknown, line: boolean): string {
  const data = settings ? settings.select(shapeForOutput(value)) : shapeForOutput(value);
  switch (settings?.format) {
    case 'yaml':
      return `${line ? '---\n' : ''}${settings.yaml?.(data) ?? ''}`;
    case 'text':
      return toText(data);
    case 'table':
      return forTable(data);
    default:
      return `${line ? JSON.stringify(data) : JSON.stringify(data, null, 2)}\n`;
  }
}

/** A selected value for people: records as a table, one record as `key  value` lines, scalars as they are. */
function forTable(data: unknown): string {
  if (data === null || data === undefined) return '';
  if (Array.isArray(data)) {
    if (data.length === 0) return 'None.\n';
    if (data.every(isPlainObject)) {
      const cols = [...new Set(data.flatMap((r) => Object.keys(r)))];
      return formatTable(
        cols,
        data.map((r) => cols.map((c) => cell(r[c]))),
      );
    }
    if (data.every((v) => !isPlainObject(v) && !Array.isArray(v)))
      return data.map((v) => `${oneLine(String(v))}\n`).join('');
  }
  if (isPlainObject(data) || Array.isArray(data)) return formatRecord(data);
  return `${oneLine(String(data))}\n`;
}
