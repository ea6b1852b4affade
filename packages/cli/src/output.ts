import stringWidth from 'string-width';
import { plainAddress } from './blocks.js';
import { oneLine } from './terminalText.js';

/** Where a command writes. Tests pass buffers; the bin passes the process streams. */
export interface Io {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Where `--file -` reads from (the process's standard input by default). */
  stdin?: AsyncIterable<string | Uint8Array>;
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
  const rows = flatten(forPeople(value)).map(([k, v]) => [oneLine(k), oneLine(v)] as const);
  const width = Math.max(0, ...rows.map(([k]) => stringWidth(k)));
  return rows.map(([k, v]) => `${pad(k, width)}  ${v}`.trimEnd()).join('\n') + '\n';
}

/** A table laid out by display width (CJK counts double, combining marks count zero), one line per row. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Scalar[])[]): string {
  const cells = [
    headers.map((h) => oneLine(h)),
    ...rows.map((r) =>
      headers.map((_, i) => (r[i] === undefined || r[i] === null ? '' : oneLine(String(r[i])))),
    ),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => stringWidth(r[i] ?? ''))));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return (
    [line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
      '\n',
    ) + '\n'
  );
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

export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** One JSON document per line, for output that streams (paged lists). */
export function writeJsonLine(io: Io, value: unknown): void {
  io.stdout.write(JSON.stringify(value) + '\n');
}
