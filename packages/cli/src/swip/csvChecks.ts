import { isUtf8 } from 'node:buffer';
import { MAX_FIELD_LENGTH, MAX_ROW_BYTES, MAX_ROW_FIELDS } from './limits.js';
import { UsageError } from '../usageError.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Counts physical lines across chunks: `\r\n`, `\n` and `\r` each end one, also when a `\r\n` is
 * split between two chunks.
 */
class LineCounter {
  /** The line the next byte is on (1-based). */
  line = 1;
  #afterCr = false;

  /** Counts the break `b` is part of; gives whether `b` is a line-break byte. */
  step(b: number): boolean {
    if (b === LF) {
      if (!this.#afterCr) this.line++;
      this.#afterCr = false;
      return true;
    }
    this.#afterCr = b === CR;
    if (this.#afterCr) this.line++;
    return this.#afterCr;
  }
}

export const rowTooLarge = (line: number, what: string) =>
  new UsageError(
    `The CSV could not be read: line ${line}: a row of more than ${what}; a row holds at most ${MAX_FIELD_LENGTH} characters per field (is a quote left open?)`,
  );

/**
 * Refuses the first row of more than `MAX_ROW_BYTES` bytes or `MAX_ROW_FIELDS` fields, on the bytes
 * before they are parsed and as they arrive (a quote toggles quoting, so `""` inside quotes toggles it
 * twice). The parser's own `max_record_size` counts only the text of the fields, so a row of millions
 * of empty fields (commas between quoted line breaks) would pass it and be built whole.
 */
export class RowSizeCheck {
  readonly #lines = new LineCounter();
  #quoted = false;
  /** Offset of the row's first byte, and the line it is on. */
  #start = 0;
  #startLine = 1;
  #fields = 1;
  /** Offset of the next byte pushed. */
  #at = 0;

  push(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++, this.#at++) {
      const b = bytes[i]!;
      const lineBreak = this.#lines.step(b);
      if (b === 0x22) this.#quoted = !this.#quoted;
      else if (!this.#quoted && b === 0x2c) this.#fields++;
      else if (!this.#quoted && lineBreak) {
        this.#start = this.#at + 1;
        this.#startLine = this.#lines.line;
        this.#fields = 1;
        continue;
      }
      if (this.#at - this.#start >= MAX_ROW_BYTES)
        throw rowTooLarge(this.#startLine, `${MAX_ROW_BYTES} bytes`);
      if (this.#fields > MAX_ROW_FIELDS) throw rowTooLarge(this.#startLine, `${MAX_ROW_FIELDS} fields`);
    }
  }
}

/** "3", "3 and 5", "3, 5 and 9": line numbers for a message. */
function listed(lines: number[], more: number): string {
  const all = [...lines.map(String), ...(more > 0 ? [`${more} more`] : [])];
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} and ${all.at(-1)}` : all[0]!;
}

const LISTED_LINES = 10;

/** How many bytes at the end of `bytes` begin a UTF-8 sequence that the next chunk may complete. */
function openSequence(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needs > k ? k : 0;
  }
  return 0;
}

/**
 * Checks bytes as they arrive are UTF-8, and finds the lines that are not (the first ten, and how
 * many). A sequence split between chunks is checked whole; a valid chunk costs one `isUtf8` call and
 * a line count.
 */
export class Utf8Check {
  readonly #lines = new LineCounter();
  #open: Uint8Array = new Uint8Array(0);
  readonly #bad: number[] = [];
  #badCount = 0;
  #lastBad = 0;

  get failed(): boolean {
    return this.#badCount > 0;
  }

  push(chunk: Uint8Array): void {
    const bytes = this.#open.length > 0 ? Buffer.concat([this.#open, chunk]) : chunk;
    const keep = openSequence(bytes);
    this.#open = Uint8Array.prototype.slice.call(bytes, bytes.length - keep);
    this.#check(bytes.subarray(0, bytes.length - keep));
  }

  /** The input ended: a sequence left open is not UTF-8. */
  end(): void {
    this.#check(this.#open);
    this.#open = new Uint8Array(0);
  }

  #check(bytes: Uint8Array): void {
    const valid = isUtf8(bytes);
    let from = 0;
    for (let i = 0; i < bytes.length; i++) {
      const line = this.#lines.line;
      if (!this.#lines.step(bytes[i]!)) continue;
      if (!valid && !isUtf8(bytes.subarray(from, i))) this.#markBad(line);
      from = i + 1;
    }
    if (!valid && !isUtf8(bytes.subarray(from))) this.#markBad(this.#lines.line);
  }

  #markBad(line: number): void {
    if (line === this.#lastBad) return;
    this.#lastBad = line;
    if (++this.#badCount <= LISTED_LINES) this.#bad.push(line);
  }

  /** Why the input is not UTF-8, naming `name` and the lines. */
  error(name: string): UsageError {
    const count = this.#badCount;
    return new UsageError(
      `${name} ${count > 1 ? 'lines' : 'line'} ${listed(this.#bad, count - this.#bad.length)} ${count > 1 ? 'are' : 'is'} not UTF-8; save the file as UTF-8, or name its encoding (e.g. --encoding latin1 or --encoding windows-1252)`,
    );
  }
}
