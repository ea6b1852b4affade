import type { CommandSpec } from './command.js';
import { UsageError } from './usageError.js';

/**
 * Note types and activity codes of a stock Track-It! installation (those the mock serves too). Each
 * site configures its own lists and the Web API has no call that returns them, so these are a
 * starting point: the server answers "not allowed" for a code it does not know.
 */
export const HELPDESK_NOTE_TYPES = ['Technician Note', 'Ticket Description', 'Ticket Resolution'] as const;
export const HELPDESK_ACTIVITY_CODES = [
  'Note By Technician',
  'Additional Information',
  'Completed Work',
  'Contacted User',
  'Research',
] as const;

const SITE_NOTE =
  "Each Track-It! site configures its own list and the Web API offers no call that returns it: these are the stock values (and the mock's). Ask the helpdesk administrator for others.";

const listing = (path: string[], summary: string, values: readonly string[]): CommandSpec => ({
  path,
  args: [],
  summary,
  description: `${summary}.\n\n${SITE_NOTE}`,
  run: async (ctx) => {
    if (ctx.json) {
      const { writeJson } = await import('./output.js');
      return writeJson(ctx.io, values);
    }
    ctx.io.stdout.write(`${values.join('\n')}\n`);
    ctx.io.stderr.write(`(${SITE_NOTE})\n`);
  },
});

export const helpdeskExtras: CommandSpec[] = [
  {
    path: ['helpdesk', 'ticket', 'list'],
    args: [],
    summary: 'No such call: the Track-It! Web API cannot list tickets (explains what to do instead)',
    run: async () => {
      throw new UsageError(
        'the Track-It! Web API offers no ticket listing or search: get a ticket by its number (regkit helpdesk ticket get ID), or list what belongs to one (notes, attachments, assignments)',
      );
    },
  },
  listing(
    ['helpdesk', 'note', 'types'],
    'List the stock note types of Track-It! (--note-type)',
    HELPDESK_NOTE_TYPES,
  ),
  listing(
    ['helpdesk', 'note', 'activity-codes'],
    'List the stock activity codes of Track-It! (--activity-code)',
    HELPDESK_ACTIVITY_CODES,
  ),
];
