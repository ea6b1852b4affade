import { plainAddress } from './blocks.js';

/** Where a command writes. Tests pass buffers; the bin passes the process streams. */
export interface Io {
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
}

type Scalar = string | number | boolean | null | undefined;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens a decoded payload into `path: value` rows for human output. */
export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (Array.isArray(value)) {
    if (value.length === 0) return prefix ? [[prefix, '(none)']] : [];
    if (value.every((v) => !isPlainObject(v) && !Array.isArray(v)))
      return [
        [
          prefix,
          value
            .map(String)
            .join(
              prefix.endsWith('streetAddress') || prefix.endsWith('comment') || prefix.endsWith('text')
                ? ' / '
                : ', ',
            ),
        ],
      ];
    return value.flatMap((v, i) => flatten(v, `${prefix}[${i}]`));
  }
  if (isPlainObject(value)) {
    return Object.entries(value)
      .filter(([k, v]) => v !== undefined && !k.startsWith('$'))
      .flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  // ARIN answers zero-padded IPv4 and expanded IPv6; people read them plain
  if (typeof value === 'string' && /(?:^|\.)(?:startAddress|endAddress)$/.test(prefix))
    return [[prefix, plainAddress(value)]];
  return [[prefix, String(value as Scalar)]];
}

/**
 * A helpdesk record for people: its fields, then its custom fields by display name; the raw
 * field map is left to `--json`.
 */
function forPeople(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('raw' in value) || !('unknownFields' in value))
    return value;
  const { raw: _raw, unknownFields, ...fields } = value as Record<string, unknown>;
  const custom = Object.values(
    (unknownFields ?? {}) as Record<string, { sequence: number; displayName?: string; value: unknown }>,
  );
  return {
    ...fields,
    ...Object.fromEntries(custom.map((f) => [`${f.displayName ?? 'field'} (field ${f.sequence})`, f.value])),
  };
}

export function formatRecord(value: unknown): string {
  const rows = flatten(forPeople(value));
  const width = Math.max(0, ...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n';
}

export function formatTable(headers: readonly string[], rows: readonly (readonly Scalar[])[]): string {
  const cells = [
    headers.map(String),
    ...rows.map((r) => r.map((c) => (c === undefined || c === null ? '' : String(c)))),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (c ?? '').padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return (
    [line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
      '\n',
    ) + '\n'
  );
}

export function writeJson(io: Io, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
