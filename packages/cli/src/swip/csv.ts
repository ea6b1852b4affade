import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { Parser } from 'csv-parse';
import { parse, type Options } from 'csv-parse/sync';
import { MAX_BLOCK_LENGTH, MAX_NET_NAME_LENGTH, MAX_ROW_BYTES } from './limits.js';
import { RowSizeCheck, rowTooLarge, Utf8Check } from './csvChecks.js';
import {
  aliasesOf,
  cellProblems,
  controlsRemoved,
  customerKeyOf,
  formulaProblem,
  REQUIRED_COLUMNS,
  sentFieldRules,
  type Cells,
  type Column,
  type CustomerFields,
} from './rules.js';
import { dropControls, formulaStart, netNameFor, normalise, shortHash } from './text.js';
import type { CidrBlock } from '@regkit/arin-client/address';
import { SWIP_CSV_HELP } from './csvHelp.js';
import { PackedBytesWriter, type PackedBytes } from './packedBytes.js';
import { UsageError } from '../usageError.js';
import { release } from './release.js';
import { slotsOf } from './slots.js';

/** One row of the CSV: what it asks for and, when it cannot be applied, every reason. */
export interface SwipRow extends CustomerFields {
  /** Physical line in the file where the row starts (the header is usually line 1). */
  line: number;
  netName: string;
  /** The checked block; missing when the cell is not a valid block. */
  block?: CidrBlock;
  /** The raw block cell, for messages. */
  blockText: string;
  /** Who the customer is: normalised name and address; rows with the same key share one customer. */
  customerKey: string;
  /** Why the row cannot be sent (it is blocked). */
  problems: string[];
  /** What was changed or may be refused, without blocking the row (control characters, non-ASCII). */
  warnings: string[];
}

const COLUMNS = new Map<string, Column>();
for (const [column, aliases] of Object.entries(aliasesOf))
  for (const alias of aliases) COLUMNS.set(alias, column as Column);

const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .split(/[\s-]+/)
    .join('_');

/** Each physical line of `bytes` as [start, end) offsets; `\r\n`, `\n` and `\r` each end one. */
function* lineSpans(bytes: Uint8Array): Generator<[start: number, end: number]> {
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x0a && b !== 0x0d) continue;
    yield [start, i];
    if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  yield [start, bytes.length];
}

function decoderFor(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding);
  } catch {
    throw new UsageError(`--encoding ${encoding} is not an encoding this Node.js knows`);
  }
}

/**
 * Lines that are valid UTF-8 and hold a character beyond ASCII are not in another encoding (text in
 * latin1 or windows-1252 is almost never valid UTF-8 too): decoding them with `encoding` would turn
 * `é` into `Ã©`. A file whose every such line is UTF-8 is refused as already UTF-8, one that mixes
 * them with lines that are not as mixed; both name a line and how it would be misread.
 */
function checkNamedEncoding(bytes: Uint8Array, name: string, encoding: string, decoder: TextDecoder): void {
  if (decoder.encoding.startsWith('utf-16') || isAscii(bytes)) return;
  let line = 0;
  let utf8: { line: number; at: number } | undefined;
  let other: number | undefined;
  for (const [start, end] of lineSpans(bytes)) {
    line++;
    const text = bytes.subarray(start, end);
    if (isAscii(text)) continue;
    if (!isUtf8(text)) other ??= line;
    else utf8 ??= { line, at: start + text.findIndex((b) => b >= 0x80) };
    if (utf8 && other) break;
  }
  if (!utf8) return;
  const lead = bytes[utf8.at]!;
  const sequence = bytes.subarray(utf8.at, utf8.at + (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2));
  const misread = `line ${utf8.line} holds "${Buffer.from(sequence).toString('utf8')}", which --encoding ${encoding} would read as "${decoder.decode(sequence)}"`;
  throw new UsageError(
    other
      ? `${name} mixes encodings: ${misread}, but line ${other} is not UTF-8; save the whole file in one encoding`
      : `${name} is already UTF-8: ${misread}; drop --encoding`,
  );
}

/**
 * The file's bytes as UTF-8 bytes: checked when UTF-8 (a BOM is accepted; no copy is made), or
 * decoded from the encoding `encoding` names. Bytes that are not UTF-8 are refused with their lines;
 * a named encoding is refused for lines that are already UTF-8 beyond ASCII.
 */
export function csvBytes(bytes: Uint8Array, name: string, encoding?: string): Uint8Array {
  if (encoding && !/^utf-?8$/i.test(encoding)) {
    const decoder = decoderFor(encoding);
    checkNamedEncoding(bytes, name, encoding, decoder);
    return Buffer.from(decoder.decode(bytes));
  }
  if (!isUtf8(bytes)) {
    const check = new Utf8Check();
    check.push(bytes);
    check.end();
    throw check.error(name);
  }
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

const CSV_OPTIONS: Options = {
  skip_empty_lines: true,
  trim: true,
  relax_column_count: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  max_record_size: MAX_ROW_BYTES,
};

const csvError = (err: unknown, line?: number) => {
  if (err instanceof UsageError) return err;
  const e = err as Error & { lines?: number; code?: string };
  if (e.code === 'CSV_MAX_RECORD_SIZE') return rowTooLarge(line ?? e.lines ?? 0, `${MAX_ROW_BYTES} bytes`);
  return new UsageError(
    `The CSV could not be read${e.lines ? ` (line ${e.lines})` : ''}: ${e.message.split('\n')[0]}`,
  );
};

/** A 48-bit hash as a number, to find repeated net names or rows without keeping them. */
const hash48 = (text: string) => parseInt(shortHash(text, 12), 16);

/** The cells of a record by column, control characters removed (a column named twice: the last). */
function cellsOf(cells: string[], columns: (Column | undefined)[]): Cells {
  const out: Cells = {};
  columns.forEach((c, j) => {
    if (c) out[c] = dropControls(cells[j] ?? '').text;
  });
  return out;
}

const COLUMN_ORDER = Object.keys(aliasesOf) as Column[];
const LINE_BREAK = /\r\n|\r|\n/;

/** What makes two rows the same request: every cell normalised line by line (NFKC, case, spaces). */
function identityOf(byColumn: Cells): string {
  return JSON.stringify(
    COLUMN_ORDER.map((c) => (byColumn[c] ?? '').split(LINE_BREAK).map(normalise).filter(Boolean).join('\n')),
  );
}

/** The most rows, and bytes, parsed at once when rows are read in order. */
const BATCH_ROWS = 256;
const BATCH_BYTES = 256 * 1024;

/**
 * A checked SWIP CSV held as its bytes (deflated) and where each row lies in them: rows are parsed
 * again when asked for, so a file of any length costs a few numbers per row, not its parsed rows.
 */
export class SwipCsv {
  /** @internal Made by {@link SwipCsv.scan} and {@link SwipCsv.read}. */
  constructor(
    private readonly bytes: PackedBytes,
    private readonly columns: (Column | undefined)[],
    /** Byte offsets: row i lies between bounds[i] and bounds[i + 1]. */
    private readonly bounds: Float64Array | Uint32Array,
    /** The line each row starts on; absent when row i is on line `firstLine + i` (one line each). */
    private readonly lines: Uint32Array | undefined,
    private readonly firstLine: number,
    /** Derived net names are made unique: 0 keeps the name, n > 1 appends `-n` (absent: all 0). */
    private readonly suffixes: Uint32Array | undefined,
    /** 1 + the first earlier row with the same identity hash, or 0 (absent: all 0). */
    private readonly twins: Uint32Array | undefined,
  ) {}

  get count(): number {
    return this.bounds.length - 1;
  }

  /** The physical line where row `i` starts. */
  lineOf(i: number): number {
    return this.lines ? this.lines[i]! : this.firstLine + i;
  }

  /** Records parsed ahead while rows are read in order: row `#batchFrom + k` is `#batch[k]`. */
  #batch: string[][] = [];
  #batchFrom = 0;
  #lastRead = -1;

  private cells(i: number): string[] {
    const k = i - this.#batchFrom;
    const inOrder = i === this.#lastRead + 1;
    this.#lastRead = i;
    if (k >= 0 && k < this.#batch.length) return this.#batch[k]!;
    return (inOrder && this.#parseAhead(i)) || this.#parseOne(i);
  }

  #parseOne(i: number): string[] {
    try {
      const [record] = parse(
        this.bytes.slice(this.bounds[i]!, this.bounds[i + 1]!),
        CSV_OPTIONS,
      ) as string[][];
      return record ?? [];
    } catch (err) {
      throw csvError(err, this.lineOf(i));
    }
  }

  /**
   * Rows read in order are parsed a batch at a time (one parser for up to `BATCH_ROWS` rows or
   * `BATCH_BYTES` bytes): the scan parsed the same bytes as the same records. Undefined when the
   * batch does not parse as exactly its rows; each row is then parsed alone, for its own error.
   */
  #parseAhead(i: number): string[] | undefined {
    let end = i + 1;
    while (end < this.count && end - i < BATCH_ROWS && this.bounds[end + 1]! - this.bounds[i]! <= BATCH_BYTES)
      end++;
    if (end === i + 1) return undefined;
    let records: string[][];
    try {
      records = parse(this.bytes.slice(this.bounds[i]!, this.bounds[end]!), CSV_OPTIONS) as string[][];
    } catch {
      return undefined;
    }
    if (records.length !== end - i) return undefined;
    this.#batch = records;
    this.#batchFrom = i;
    return records[0];
  }

  /** Row `i` (0-based, in file order), parsed and checked afresh. */
  row(i: number): SwipRow {
    const row = rowOf(this.cells(i), this.lineOf(i), this.columns);
    const n = this.suffixes?.[i] ?? 0;
    if (n > 1) row.netName = `${row.netName.slice(0, MAX_NET_NAME_LENGTH - String(n).length - 1)}-${n}`;
    return row;
  }

  *rows(): Generator<SwipRow> {
    for (let i = 0; i < this.count; i++) yield this.row(i);
  }

  /**
   * The line of the first earlier row that asks for exactly the same thing as row `i` (the same
   * cells once normalised: NFKC, case-folded, spaces collapsed), or undefined. Found by a hash in
   * the scan and confirmed here by comparing both rows, so a hash collision is never reported.
   */
  duplicateOf(i: number): number | undefined {
    const twin = (this.twins?.[i] ?? 0) - 1;
    if (twin < 0) return undefined;
    const identity = (k: number) => identityOf(cellsOf(this.cells(k), this.columns));
    const same = identity(i) === identity(twin);
    return same ? this.lineOf(twin) : undefined;
  }

  /**
   * Reads a CSV's UTF-8 bytes once: the header checked, where each row lies, the net names made
   * unique, repeated rows found. A row of more than `MAX_ROW_BYTES` bytes or `MAX_ROW_FIELDS` fields
   * is refused before anything is parsed.
   */
  static scan(bytes: Uint8Array): SwipCsv {
    const scan = new Scan();
    scan.push(bytes);
    try {
      parse(bytes, scan.parserOptions());
    } catch (err) {
      throw csvError(err, scan.cursor);
    }
    return scan.finish();
  }

  /**
   * Reads a CSV as its bytes arrive, as {@link SwipCsv.scan} does, holding at most one chunk and a
   * row of it at a time: a file of any size is read in bounded memory. Bytes that are not UTF-8 are
   * refused with their lines (named after `name`) before any other problem of the file; once one is
   * found, the rest is only checked for more.
   */
  static async read(source: AsyncIterable<Uint8Array>, name: string): Promise<SwipCsv> {
    const utf8 = new Utf8Check();
    const scan = new Scan();
    const parser = new Parser(scan.parserOptions());
    parser.on('error', () => {}); // each write's callback reports it
    parser.resume(); // records are kept in the scan, none is pushed; nothing waits to be read
    let failure: { error: unknown } | undefined;
    for await (const chunk of source) {
      utf8.push(chunk);
      if (failure || utf8.failed) continue;
      try {
        scan.push(chunk);
        await settled((done) => parser.write(chunk, done));
      } catch (error) {
        failure = { error };
      }
    }
    utf8.end();
    if (utf8.failed) throw utf8.error(name);
    if (!failure)
      try {
        await settled((done) => parser.end(done));
      } catch (error) {
        failure = { error };
      }
    if (failure) throw csvError(failure.error, scan.cursor);
    return scan.finish();
  }
}

/** Runs `start`, which calls back once with an error or none. */
const settled = (start: (done: (error?: Error | null) => void) => void) =>
  new Promise<void>((resolve, reject) => start((error) => (error ? reject(error) : resolve())));

/** A typed array of numbers that grows by doubling: rows are counted as they are read. */
class Growing<A extends Float64Array | Uint32Array> {
  #array: A;
  length = 0;

  constructor(private readonly make: (size: number) => A) {
    this.#array = make(1024);
  }

  push(value: number): void {
    if (this.length === this.#array.length) {
      const grown = this.make(2 * this.#array.length);
      grown.set(this.#array);
      release(this.#array);
      this.#array = grown;
    }
    this.#array[this.length++] = value;
  }

  /** The values pushed (a view: it shares the memory, until `release`). */
  values(): A {
    return this.#array.subarray(0, this.length) as A;
  }

  /** The memory given back: the values are no longer needed (see `release`). */
  release(): void {
    release(this.#array);
  }
}

/** Where each row lies and the hashes that find repeats, as the scan reads them. */
interface RowsSeen {
  bounds: Growing<Float64Array>;
  lines: Growing<Uint32Array>;
  names: Growing<Float64Array>;
  identities: Growing<Float64Array>;
}

/**
 * What reading a CSV collects: its bytes packed, where each row lies and on which line, the hashes
 * that find repeated net names and rows. Fed its bytes (checked for row sizes and packed) and the
 * parser's records, in order.
 */
class Scan {
  readonly #sizes = new RowSizeCheck();
  readonly #packed = new PackedBytesWriter();
  /** The line the next record starts on (before its leading blank lines). */
  cursor = 1;
  #carry = false;
  #columns: (Column | undefined)[] | undefined;
  #offset = 0;
  // typed arrays: a million rows cost a few dozen bytes each rather than arrays of boxed numbers the
  // collector must trace
  #rows: RowsSeen | undefined = {
    bounds: new Growing((n) => new Float64Array(n)),
    lines: new Growing((n) => new Uint32Array(n)),
    names: new Growing((n) => new Float64Array(n)),
    identities: new Growing((n) => new Float64Array(n)),
  };

  /** Bytes of the file, in order: refused at the first row over the size caps, otherwise kept packed. */
  push(bytes: Uint8Array): void {
    this.#sizes.push(bytes);
    this.#packed.push(bytes);
  }

  parserOptions(): Options {
    return { ...CSV_OPTIONS, bom: true, raw: true, on_record: this.#onRecord as never };
  }

  readonly #onRecord = ({ record, raw }: { record: string[]; raw: string }, info: { bytes: number }) => {
    const breaks = lineBreaks(raw, this.#carry);
    const line = this.cursor + breaks.leading;
    this.cursor += breaks.total;
    this.#carry = breaks.endsCr;
    if (!this.#columns) {
      this.#columns = headerColumns(record, line);
      this.#offset = info.bytes;
      return null;
    }
    const rows = this.#rows!;
    rows.bounds.push(this.#offset);
    rows.lines.push(line);
    const byColumn = cellsOf(record, this.#columns);
    rows.names.push(hash48(baseNetName(byColumn)));
    rows.identities.push(hash48(identityOf(byColumn)));
    this.#offset = info.bytes;
    return null;
  };

  finish(): SwipCsv {
    const columns = this.#columns;
    if (!columns)
      throw new UsageError('The CSV is empty: it needs a header row and one row per reassignment.');
    const rows = this.#rows!;
    // dropped once the CSV is made, whoever still holds the scan (a parser's options do)
    this.#rows = undefined;
    rows.bounds.push(this.#offset);
    const { repeats, firsts } = repeatsOf(rows.names.values(), rows.identities.values());
    const lines = rows.lines.values();
    const n = lines.length;
    const firstLine = lines[0] ?? 0;
    const oneLineEach = lines.every((line, i) => line === firstLine + i);
    const bounds = rows.bounds.values();
    const csv = new SwipCsv(
      this.#packed.finish(),
      columns,
      this.#offset < 2 ** 32 ? Uint32Array.from(bounds) : bounds.slice(),
      oneLineEach ? undefined : lines.slice(0, n),
      firstLine,
      unlessAllZero(repeats),
      unlessAllZero(firsts),
    );
    // the CSV keeps copies of what it needs: the scan's growing arrays go now, not at a full collection
    for (const growing of Object.values(rows)) growing.release();
    return csv;
  }
}

/** `array`, or undefined when it holds nothing but zeros (most files: nothing to keep a row). */
const unlessAllZero = (array: Uint32Array): Uint32Array | undefined =>
  array.some((v) => v !== 0) ? array : undefined;

/**
 * For each row, which occurrence of its net name it is (1, 2, …, or 0 for a name used once so
 * far), and 1 + the first row with the same identity hash (0 when it is the first).
 */
function repeatsOf(
  names: Float64Array,
  identities: Float64Array,
): { repeats: Uint32Array; firsts: Uint32Array } {
  const repeats = new Uint32Array(names.length);
  const byName = slotsOf(names);
  const seen = new Uint32Array(byName.distinct);
  for (let i = 0; i < names.length; i++) {
    const n = ++seen[byName.slots[i]!]!;
    if (n > 1) repeats[i] = n;
  }
  release(byName.slots, seen);
  const firsts = new Uint32Array(identities.length);
  const byIdentity = slotsOf(identities);
  const first = new Uint32Array(byIdentity.distinct);
  for (let i = 0; i < identities.length; i++) {
    const s = byIdentity.slots[i]!;
    if (first[s] === 0) first[s] = i + 1;
    else firsts[i] = first[s]!;
  }
  release(byIdentity.slots, first);
  return { repeats, firsts };
}

function headerColumns(cells: string[], line: number): (Column | undefined)[] {
  const columns = cells.map((h) => COLUMNS.get(normaliseHeader(h)));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
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
function baseNetName(byColumn: Cells): string {
  return netNameOf(byColumn.netName?.trim(), singleLine(byColumn.customerName));
}

function rowOf(cells: string[], line: number, columns: (Column | undefined)[]): SwipRow {
  const raw: Cells = {};
  const formulas: string[] = [];
  const warnings: string[] = [];
  columns.forEach((c, j) => {
    if (!c) return;
    const { text, had } = dropControls(cells[j] ?? '');
    if (had) warnings.push(controlsRemoved(c));
    const formula = formulaStart(text);
    if (formula) formulas.push(formulaProblem(c, formula));
    raw[c] = text.trim();
  });
  const country = (raw.country ?? '').toUpperCase();
  const { problems, block } = cellProblems(raw, country);
  const blockText = raw.block ?? '';
  const street = [raw.street ?? '', raw.street2 ?? '']
    .flatMap((s) => s.split(LINE_BREAK))
    .map(singleLine)
    .filter(Boolean);
  const customerName = singleLine(raw.customerName);
  const city = singleLine(raw.city);
  const stateProvince = raw.stateProvince ? singleLine(raw.stateProvince).toUpperCase() : undefined;
  const postalCode = raw.postalCode ? singleLine(raw.postalCode) : undefined;
  const sent = sentFieldRules([
    ['customer_name', customerName],
    ...street.map((s, k): [string, string] => [street.length > 1 ? `street line ${k + 1}` : 'street', s]),
    ['city', city],
    ['state', stateProvince],
    ['postal_code', postalCode],
  ]);
  const address = {
    customerName,
    street,
    city,
    ...(stateProvince ? { stateProvince } : {}),
    ...(postalCode ? { postalCode } : {}),
    country,
  };
  return {
    line,
    ...address,
    netName: netNameOf(raw.netName, customerName),
    ...(block ? { block } : {}),
    blockText: blockText.length > MAX_BLOCK_LENGTH ? `${blockText.slice(0, MAX_BLOCK_LENGTH)}…` : blockText,
    customerKey: customerKeyOf(address),
    problems: [...formulas, ...problems, ...sent.problems],
    warnings: [...warnings, ...sent.warnings],
  };
}
