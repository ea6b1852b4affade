import { describeError } from './describeError.js';
import type { Io } from './output.js';
import { canonicalAddresses } from './outputFormat.js';
import { stripControls } from './terminalText.js';

/**
 * The one place an error reaches the terminal: `regkit: ` and the error's own text (ARIN's or the
 * helpdesk's message, or the runtime's typed error), with terminal control sequences removed;
 * with `--json` the same as `{ "error": { message, code } }` on standard output.
 */
export function printError(io: Io, error: unknown, json: boolean): void {
  const { text, code } = describeError(error);
  const clean = canonicalAddresses(stripControls(text));
  if (json) io.stdout.write(JSON.stringify({ error: { message: clean, ...(code ? { code } : {}) } }) + '\n');
  io.stderr.write(`regkit: ${clean}\n`);
}
