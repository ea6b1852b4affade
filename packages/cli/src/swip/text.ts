import { hash } from 'node:crypto';
import { MAX_NET_NAME_LENGTH } from './limits.js';

/** Cells and names compared as people mean them: NFKC, case-folded, whitespace collapsed. */
export function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().split(/\s+/u).filter(Boolean).join(' ');
}

const SPECIAL: Record<string, string> = {
  ß: 'SS',
  Æ: 'AE',
  æ: 'AE',
  Ø: 'O',
  ø: 'O',
  Ł: 'L',
  ł: 'L',
  Đ: 'D',
  đ: 'D',
  Þ: 'TH',
  þ: 'TH',
  Œ: 'OE',
  œ: 'OE',
  ı: 'I',
  '&': ' AND ',
};
const SPECIAL_CHARS = /[&ÆØÞßæøþĐđıŁłŒœ]/gu;

/** A net name ARIN accepts (letters, digits, hyphens) from any name: NFKD folded to ASCII. */
export function netNameFor(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(SPECIAL_CHARS, (ch) => SPECIAL[ch]!);
  const words = ascii.toUpperCase().split(/[^A-Z0-9]+/);
  let out = '';
  for (const w of words) {
    if (!w) continue;
    const next = out ? `${out}-${w}` : w;
    if (next.length > MAX_NET_NAME_LENGTH) break;
    out = next;
  }
  return out || 'CUSTOMER';
}

/** A stable short hash (hex). */
export function shortHash(text: string, length = 16): string {
  // one call, no Hash object: rows are hashed a million at a time, and each Hash object would hold
  // native memory the collector does not see until it runs
  return hash('sha256', text, 'hex').slice(0, length);
}

/** Control characters (C0 except tab and line breaks, DEL, C1) removed from a cell. */
export function dropControls(text: string): { text: string; had: boolean } {
  let out = '';
  let had = false;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 32 && ch !== '\n' && ch !== '\r' && ch !== '\t') || (c >= 0x7f && c < 0xa0)) had = true;
    else out += ch;
  }
  return { text: out, had };
}

/** What a spreadsheet reads as the start of a formula (full-width forms fold to these under NFKC). */
const FORMULA_START = new Set(['=', '+', '-', '@']);
const LINE_BREAK = /\r\n|\r|\n/;
const VISIBLE = /[^\p{White_Space}\p{Cf}]/u;

/** Where a line of a cell starts like a spreadsheet formula. */
export interface FormulaStart {
  /** The formula character as written. */
  char: string;
  /** The line of the cell (1 for a single-line cell). */
  line: number;
  /** The whitespace or format characters before it (U+00A0, U+FEFF, U+200B, tab, …), if any. */
  before: string;
}

/**
 * The first line of `text` that a spreadsheet would run as a formula: its first character that is
 * neither whitespace nor a format character (NBSP, U+3000, U+FEFF, U+200B, tab, …) is `=`, `+`,
 * `-` or `@`, or a form of one that NFKC folds to it (`＝`).
 */
export function formulaStart(text: string): FormulaStart | undefined {
  const lines = /[\n\r]/.test(text) ? text.split(LINE_BREAK) : [text];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const first = line.charCodeAt(0);
    const at = first > 0x20 && first < 0x7f ? 0 : line.search(VISIBLE);
    if (at < 0) continue;
    const char = String.fromCodePoint(line.codePointAt(at)!);
    if (FORMULA_START.has(char.normalize('NFKC'))) return { char, line: k + 1, before: line.slice(0, at) };
  }
  return undefined;
}

/** A character as a person can read it in a message: itself when visible, else its code point. */
export function shownChar(ch: string): string {
  return VISIBLE.test(ch) ? `"${ch}"` : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text for a message, cut to `max` characters so a huge cell is never echoed whole. */
export function shown(text: string, max = 40): string {
  return `"${text.length > max ? `${text.slice(0, max)}…` : text}"`;
}
