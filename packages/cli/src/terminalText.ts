import stripAnsi from 'strip-ansi';

/**
 * Text from a server or a file, made safe to print: terminal escape sequences removed and other
 * control characters (except line breaks and tabs) replaced by a space, so a payload cannot move
 * the cursor, recolour or retitle the terminal.
 */
export function stripControls(text: string): string {
  let out = '';
  for (const ch of stripAnsi(text)) {
    const c = ch.codePointAt(0)!;
    out += (c < 32 && ch !== '\n' && ch !== '\t') || (c >= 0x7f && c < 0xa0) ? ' ' : ch;
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
