import { readFile } from 'node:fs/promises';
import type { CommandSpec } from '../command.js';
import { SWIP_CSV_HELP } from './csvHelp.js';

/** The sample CSV shipped with the package (examples/reassignments.csv). */
export const SWIP_TEMPLATE_URL = new URL('../../examples/reassignments.csv', import.meta.url);

/** `regkit arin swip template`: prints the sample CSV, to start a file from. */
export const swipTemplateCommand: CommandSpec = {
  path: ['arin', 'swip', 'template'],
  args: [],
  summary: 'Print a sample SWIP CSV (header and example rows) to start from',
  description: `Print a sample SWIP CSV to standard output: the header and three example rows whose blocks lie under NET-10-0-0-0-1 of regkit-mock's world. Replace the rows with your own, then run \`regkit arin swip plan\`.\n\n${SWIP_CSV_HELP}`,
  examples: [
    'regkit arin swip template > reassignments.csv',
    'regkit arin swip plan reassignments.csv --parent NET-10-0-0-0-1',
  ],
  run: async (ctx) => {
    ctx.io.stdout.write(await readFile(SWIP_TEMPLATE_URL, 'utf8'));
  },
};
