import stripAnsi from 'strip-ansi';

/**
 * Invisible format characters that change how text reads without showing: bidirectional marks,
 * embeddings, overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), and
 * zero-width characters (U+180E, U+200B-U+200D, U+2060-U+2064, U+FEFF). A handle reversed by
 * U+202E or split by U+200B looks like another.
 */
function isInvisibleFormat(c: number): boolean {
  return (
    c === 0x061c ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/**
 * Text from a server or a file, made safe to print: terminal escape sequences removed, other
 * control characters (except line breaks and tabs) replaced by a space, so a payload cannot move
 * the cursor, recolour or retitle the terminal; and bidirectional and zero-width characters shown
 * as `<U+202E>`, so they cannot reorder or hide what is printed.
 */
export function stripControls(text: string): string {
  let out = '';
  for (const ch of stripAnsi(text)) {
    const c = ch.codePointAt(0)!;
    if ((c < 32 && ch !== '\n' && ch !== '\t') || (c >= 0x7f && c < 0xa0)) out += ' ';
    else if (isInvisibleFormat(c)) out += `<U+${c.toString(16).toUpperCase().padStart(4, '0')}>`;
    else out += ch;
  }
  return out;
}

/** One line for a table cell: line breaks folded to ` / `, tabs to spaces, controls removed. */
export function oneLine(text: string): string {
  return stripControls(text)
    .split(/\r\n|\r|\n/)
    .map((part) => part.replaceAll('\t', ' ').trim())
    .filter((part) => part !== '')
    .join(' / ');
}
