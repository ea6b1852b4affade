import { createHash } from 'node:crypto';

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

/** A net name ARIN accepts (letters, digits, hyphens) from any name: NFKD folded to ASCII. */
export function netNameFor(name: string): string {
  let ascii = '';
  for (const ch of name.normalize('NFKD')) {
    if (/\p{M}/u.test(ch)) continue;
    ascii += SPECIAL[ch] ?? ch;
  }
  const words = ascii.toUpperCase().split(/[^A-Z0-9]+/);
  let out = '';
  for (const w of words) {
    if (!w) continue;
    const next = out ? `${out}-${w}` : w;
    if (next.length > 50) break;
    out = next;
  }
  return out || 'CUSTOMER';
}

/** A stable short hash (hex). */
export function shortHash(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
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
