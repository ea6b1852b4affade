import { isUtf8 } from 'node:buffer';
import { parse, type Options } from 'csv-parse/sync';
import { parseStrictBlock, type Block } from './swip/address.js';
import { dropControls, netNameFor, normalise, shortHash } from './swip/text.js';
import { SWIP_CSV_HELP } from './swipCsvHelp.js';
import { UsageError } from './usageError.js';

export { SWIP_CSV_HELP };

/** One row of the CSV: what it asks for and, when it cannot be applied, every reason. */
export interface SwipRow {
  /** Physical line in the file where the row starts (the header is usually line 1). */
  line: number;
  customerName: string;
  street: string[];
  city: string;
  stateProvince?: string;
  postalCode?: string;
  country: string;
  netName: string;
  /** The checked block; missing when the cell is not a valid block. */
  block?: Block;
  /** The raw block cell, for messages. */
  blockText: string;
  /** Who the customer is: normalised name and address; rows with the same key share one customer. */
  customerKey: string;
  problems: string[];
  /** Cells that look like spreadsheet formulas. */
  warnings: string[];
}

const aliasesOf = {
  customerName: ['customer_name', 'customer', 'customername', 'name'],
  street: ['street', 'address', 'street_address', 'streetaddress', 'address1'],
  street2: ['street2', 'address2'],
  city: ['city'],
  stateProvince: ['state', 'state_province', 'province', 'iso3166_2', 'region'],
  postalCode: ['postal_code', 'postalcode', 'zip', 'postcode'],
  country: ['country', 'country_code', 'iso3166_1'],
  block: ['block', 'cidr', 'prefix', 'network'],
  netName: ['net_name', 'netname'],
} as const;
type Column = keyof typeof aliasesOf;
const COLUMNS = new Map<string, Column>();
for (const [column, aliases] of Object.entries(aliasesOf))
  for (const alias of aliases) COLUMNS.set(alias, column as Column);

const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .split(/[\s-]+/)
    .join('_');

/** Why `bytes` is not UTF-8: the first line holding a byte sequence that is not. */
function notUtf8(bytes: Uint8Array, name: string): UsageError {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (!isUtf8(bytes.subarray(start, i))) break;
      line++;
      start = i + 1;
    }
  }
  return new UsageError(
    `${name} line ${line} is not UTF-8; save the file as UTF-8, or name its encoding (e.g. --encoding latin1 or --encoding windows-1252)`,
  );
}

function decodeNamed(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    throw new UsageError(`--encoding ${encoding} is not an encoding this Node.js knows`);
  }
}

/**
 * The file's bytes as UTF-8 bytes: checked when UTF-8 (a BOM is accepted; no copy is made), or
 * decoded from the encoding `encoding` names. Bytes that are not UTF-8 are refused with their line.
 */
export function csvBytes(bytes: Uint8Array, name: string, encoding?: string): Uint8Array {
  if (encoding && !/^utf-?8$/i.test(encoding)) return Buffer.from(decodeNamed(bytes, encoding));
  if (!isUtf8(bytes)) throw notUtf8(bytes, name);
  return bytes;
}

/** The file's bytes as text, checked or decoded as `csvBytes` does (a BOM is dropped). */
export function decodeCsv(bytes: Uint8Array, name: string, encoding?: string): string {
  return new TextDecoder('utf-8').decode(csvBytes(bytes, name, encoding));
}

/** Line breaks in `raw`, counting `\r\n` once; `carry` says the previous chunk ended in `\r`. */
function lineBreaks(raw: string, carry: boolean): { leading: number; total: number; endsCr: boolean } {
  let total = 0;
  let leading = -1;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\n' && ((i === 0 && carry) || raw[i - 1] === '\r')) continue;
    if (ch === '\n' || ch === '\r') total++;
    else if (leading < 0 && ch !== ' ' && ch !== '\t') leading = total;
  }
  return { leading: Math.max(leading, 0), total, endsCr: raw.endsWith('\r') };
}

const FORMULA_START = new Set(['=', '+', '-', '@']);

const CSV_OPTIONS: Options = {
  skip_empty_lines: true,
  trim: true,
  relax_column_count: true,
  record_delimiter: ['\r\n', '\n', '\r'],
};

const csvError = (err: unknown) => {
  if (err instanceof UsageError) return err;
  const e = err as Error & { lines?: number };
  return new UsageError(
    `The CSV could not be read${e.lines ? ` (line ${e.lines})` : ''}: ${e.message.split('\n')[0]}`,
  );
};

/** A 48-bit hash of a net name as a number, to find repeated names without keeping them. */
const nameHash = (name: string) => parseInt(shortHash(name, 12), 16);

/**
 * A checked SWIP CSV held as its bytes and where each row lies in them: rows are parsed again
 * when asked for, so a file of any length costs a few numbers per row, not its parsed rows.
 */
export class SwipCsv {
  private constructor(
    private readonly bytes: Uint8Array,
    private readonly columns: (Column | undefined)[],
    /** Byte offsets: row i lies between bounds[i] and bounds[i + 1]. */
    private readonly bounds: Float64Array,
    private readonly lines: Uint32Array,
    /** Derived net names are made unique: 0 keeps the name, n > 1 appends `-n`. */
    private readonly suffixes: Uint32Array,
  ) {}

  get count(): number {
    return this.lines.length;
  }

  /** The physical line where row `i` starts. */
  lineOf(i: number): number {
    return this.lines[i]!;
  }

  /** Row `i` (0-based, in file order), parsed and checked afresh. */
  row(i: number): SwipRow {
    let record: string[] | undefined;
    try {
      [record] = parse(this.bytes.subarray(this.bounds[i], this.bounds[i + 1]), CSV_OPTIONS) as string[][];
    } catch (err) {
      throw csvError(err);
    }
    const row = rowOf(record ?? [], this.lines[i]!, this.columns);
    const n = this.suffixes[i]!;
    if (n > 1) row.netName = `${row.netName.slice(0, 50 - String(n).length - 1)}-${n}`;
    return row;
  }

  *rows(): Generator<SwipRow> {
    for (let i = 0; i < this.count; i++) yield this.row(i);
  }

  /** Reads a CSV's UTF-8 bytes once: the header checked, where each row lies, the net names made unique. */
  static scan(bytes: Uint8Array): SwipCsv {
    let cursor = 1;
    let carry = false;
    let columns: (Column | undefined)[] | undefined;
    let offset = 0;
    const bounds: number[] = [];
    const lines: number[] = [];
    const names: number[] = [];
    const onRecord = ({ record, raw }: { record: string[]; raw: string }, info: { bytes: number }) => {
      const breaks = lineBreaks(raw, carry);
      const line = cursor + breaks.leading;
      cursor += breaks.total;
      carry = breaks.endsCr;
      if (!columns) {
        columns = headerColumns(record, line);
        offset = info.bytes;
        return null;
      }
      bounds.push(offset);
      lines.push(line);
      names.push(nameHash(baseNetName(record, columns)));
      offset = info.bytes;
      return null;
    };
    try {
      parse(bytes, { ...CSV_OPTIONS, bom: true, raw: true, on_record: onRecord as never });
    } catch (err) {
      throw csvError(err);
    }
    if (!columns)
      throw new UsageError('The CSV is empty: it needs a header row and one row per reassignment.');
    bounds.push(offset);
    return new SwipCsv(bytes, columns, Float64Array.from(bounds), Uint32Array.from(lines), suffixesOf(names));
  }
}

/** For each row, which occurrence of its net name it is (1, 2, …), or 0 for a name used once so far. */
function suffixesOf(names: number[]): Uint32Array {
  const order = Uint32Array.from(names.keys()).sort((a, b) => names[a]! - names[b]! || a - b);
  const out = new Uint32Array(names.length);
  for (let k = 1, n = 1; k < order.length; k++) {
    n = names[order[k]!] === names[order[k - 1]!] ? n + 1 : 1;
    if (n > 1) out[order[k]!] = n;
  }
  return out;
}

function headerColumns(cells: string[], line: number): (Column | undefined)[] {
  const columns = cells.map((h) => COLUMNS.get(normaliseHeader(h)));
  const missing = (['customerName', 'street', 'city', 'country', 'block'] as const).filter(
    (c) => !columns.includes(c),
  );
  if (missing.length > 0)
    throw new UsageError(
      `The CSV header (line ${line}) lacks required column(s): ${missing.map((m) => aliasesOf[m][0]).join(', ')}.\n${SWIP_CSV_HELP}`,
    );
  return columns;
}

/** Parses and checks a whole SWIP CSV; rows that cannot be sent carry every reason, with their line. */
export function parseSwipCsv(text: string | Uint8Array): SwipRow[] {
  return [...SwipCsv.scan(typeof text === 'string' ? Buffer.from(text) : text).rows()];
}

const singleLine = (s: string | undefined) => (s ?? '').split(/\s+/u).filter(Boolean).join(' ');

/** The net name a row asks for: its `net_name` cell, or one derived from the customer's name. */
function netNameOf(netName: string | undefined, customerName: string): string {
  return netName ? netName.toUpperCase() : netNameFor(customerName);
}

/** Only what the net name needs from a row's cells (the scan makes names unique without the rest). */
function baseNetName(cells: string[], columns: (Column | undefined)[]): string {
  const cell = (c: Column) => {
    const j = columns.indexOf(c);
    return j < 0 ? undefined : dropControls(cells[j] ?? '').text.trim();
  };
  return netNameOf(cell('netName'), singleLine(cell('customerName')));
}

function rowOf(cells: string[], line: number, columns: (Column | undefined)[]): SwipRow {
  const raw: Partial<Record<Column, string>> = {};
  const problems: string[] = [];
  const warnings: string[] = [];
  columns.forEach((c, j) => {
    if (!c) return;
    const { text, had } = dropControls(cells[j] ?? '');
    if (had) warnings.push(`${aliasesOf[c][0]} held control characters (removed)`);
    if (FORMULA_START.has(text.charAt(0)))
      problems.push(`${aliasesOf[c][0]} starts with "${text.charAt(0)}" (a spreadsheet formula?)`);
    raw[c] = text.trim();
  });
  for (const c of ['customerName', 'street', 'city', 'country', 'block'] as const)
    if (!raw[c]) problems.push(`${aliasesOf[c][0]} is empty`);
  const country = (raw.country ?? '').toUpperCase();
  if (raw.country && !/^[A-Z]{2}$/.test(country))
    problems.push(`country "${raw.country}" is not an ISO 3166-1 alpha-2 code`);
  if ((country === 'US' || country === 'CA') && !raw.stateProvince)
    problems.push('state is required for US and CA addresses');
  if ((country === 'US' || country === 'CA') && !raw.postalCode)
    problems.push('postal_code is required for US and CA addresses');
  if (raw.netName && !/^[A-Za-z0-9-]+$/.test(raw.netName))
    problems.push(`net_name "${raw.netName}" may hold only letters, digits and hyphens`);
  const block = raw.block ? parseStrictBlock(raw.block) : undefined;
  if (typeof block === 'string') problems.push(block);
  else if (block?.version === 6 && block.cidrLength > 64)
    problems.push(`block ${block.block}: ARIN does not reassign IPv6 blocks smaller than a /64`);
  const street = [raw.street ?? '', raw.street2 ?? '']
    .flatMap((s) => s.split(/\r\n|\r|\n/))
    .map(singleLine)
    .filter(Boolean);
  const customerName = singleLine(raw.customerName);
  const city = singleLine(raw.city);
  const stateProvince = raw.stateProvince ? singleLine(raw.stateProvince).toUpperCase() : undefined;
  const postalCode = raw.postalCode ? singleLine(raw.postalCode) : undefined;
  const identity = [customerName, ...street, '|', city, stateProvince ?? '', postalCode ?? '', country];
  return {
    line,
    customerName,
    street,
    city,
    ...(stateProvince ? { stateProvince } : {}),
    ...(postalCode ? { postalCode } : {}),
    country,
    netName: netNameOf(raw.netName, customerName),
    ...(block && typeof block !== 'string' ? { block } : {}),
    blockText: raw.block ?? '',
    customerKey: shortHash(JSON.stringify(identity.map(normalise)), 24),
    problems,
    warnings,
  };
}
