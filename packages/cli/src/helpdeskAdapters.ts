import type { NoteInput, Paged, TicketChange, HelpdeskTicketWritable } from '@regkit/helpdesk-client';
import type { CommandContext, OperationAdapter, OperationContext, OptionSpec } from './command.js';
import { integerOption, listOption, optionalString, requireString } from './command.js';
import { UsageError } from './usageError.js';

const tools = () => import('./operationTools.js');

const id = (ctx: OperationContext) => ctx.params.id as number;

async function show(ctx: CommandContext, value: unknown): Promise<void> {
  const { formatRecord, writeJson } = await tools();
  if (ctx.json) writeJson(ctx.io, value);
  else ctx.io.stdout.write(formatRecord(value));
}

/**
 * `--field summary="Printer jam" --field groupSeq=4` → `{ summary: 'Printer jam', groupSeq: 4 }`:
 * values take the field's type in the ticket catalogue. Names the catalogue does not know, and
 * read-only fields, are left for the client to refuse with a clear error.
 */
async function ticketFieldOptions(ctx: CommandContext): Promise<HelpdeskTicketWritable> {
  const { helpdeskTicketFields } = await import('@regkit/helpdesk-client');
  const { toFieldValue } = await import('@regkit/core');
  const out: Record<string, string | number | boolean> = {};
  for (const entry of listOption(ctx, 'field')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--field takes NAME=VALUE, got "${entry}"`);
    const name = entry.slice(0, eq).trim();
    const raw = entry.slice(eq + 1);
    const field = helpdeskTicketFields.fields.find((f) => f.prop === name);
    if (!field) {
      out[name] = raw;
      continue;
    }
    const value = toFieldValue(field, raw);
    if (!value.ok) throw new UsageError(`--field ${name} takes ${value.expected}, got "${raw}"`);
    out[name] = value.value;
  }
  if (Object.keys(out).length === 0) throw new UsageError('give at least one --field NAME=VALUE');
  return out as HelpdeskTicketWritable;
}

function noteOption(ctx: CommandContext): NoteInput | undefined {
  const text = optionalString(ctx, 'note');
  if (!text) return undefined;
  const minutes = integerOption(ctx, 'duration', 0);
  return {
    text,
    type: optionalString(ctx, 'note-type') ?? 'Technician Note',
    activityCode: requireString(ctx, 'activity-code'),
    ...(ctx.options.private === true ? { private: true } : {}),
    duration: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
  };
}

const noteOptions = (required: boolean): OptionSpec[] => [
  { flag: 'note', type: 'string', required, description: 'note text', valueName: 'TEXT' },
  {
    flag: 'activity-code',
    type: 'string',
    required,
    description: `activity code the server allows for tickets${required ? '' : ' (with --note)'}; regkit helpdesk note activity-codes lists the stock ones`,
    valueName: 'CODE',
  },
  {
    flag: 'note-type',
    type: 'string',
    description: 'note type (default Technician Note); regkit helpdesk note types lists the stock ones',
    valueName: 'TYPE',
  },
  { flag: 'private', type: 'boolean', description: 'a private note' },
  { flag: 'duration', type: 'string', description: 'minutes spent (default 0)', valueName: 'MIN' },
];

const fieldOption: OptionSpec = {
  flag: 'field',
  type: 'string',
  multiple: true,
  required: true,
  description: 'a writable field as NAME=VALUE (camelCase name, repeatable)',
  valueName: 'NAME=VALUE',
};

const pageSize: OptionSpec = {
  flag: 'page-size',
  type: 'string',
  description: 'records per request (default 50); every page is read',
  valueName: 'N',
};
const paging = ['pageSize', 'pageNumber'];

/** A ticket after a change, in a few lines: which ticket, its status, the note added. */
async function printChange(ctx: CommandContext, change: TicketChange, done: string): Promise<void> {
  const { formatRecord, writeJson } = await tools();
  if (ctx.json) return writeJson(ctx.io, change);
  const { ticket, note } = change;
  ctx.io.stdout.write(
    `${done}\n` +
      formatRecord({
        ticket: ticket.id,
        summary: ticket.summary,
        status: ticket.status,
        ...(note ? { note: `${note.id} (${note.noteType ?? 'note'})` } : {}),
      }),
  );
}

/** Every page of a list: one JSON line per record as it arrives with `--json`, else a table. */
async function printPaged<T extends object>(
  ctx: CommandContext,
  paged: Paged<T>,
  columns: readonly [string, (item: T) => unknown][],
): Promise<void> {
  const { printList, writeJsonLine } = await tools();
  if (ctx.json) {
    for await (const item of paged) writeJsonLine(ctx.io, item);
    return;
  }
  const items = await paged.all();
  printList(
    ctx,
    items.map((i) => Object.fromEntries(columns.map(([name, get]) => [name, get(i)]))),
    columns.map(([name]) => name),
  );
}

/** Helpdesk operations: records decoded by field catalogue, lists read page by page. */
export const helpdeskAdapters: Readonly<Record<string, OperationAdapter>> = {
  requestToken: {
    options: [],
    run: async (ctx) => {
      const { HELPDESK_USERNAME: username, HELPDESK_PASSWORD: password } = ctx.io.env;
      if (!username || !password)
        throw new UsageError('HELPDESK_USERNAME and HELPDESK_PASSWORD must both be set');
      const client = await ctx.helpdesk();
      const out = await client.call('requestToken', { body: { grant_type: 'password', username, password } });
      // the token itself is a secret: say that it was issued and for how long
      const issued = { token_type: out?.token_type, expires_in: out?.expires_in };
      const { writeJson } = await tools();
      if (ctx.json) writeJson(ctx.io, issued);
      else
        ctx.io.stdout.write(
          `Token issued (${issued.token_type ?? 'bearer'}), valid for ${issued.expires_in} s.\n`,
        );
    },
  },
  getTicket: {
    examples: ['regkit helpdesk ticket get 1001'],
    run: async (ctx) => await show(ctx, await (await ctx.helpdesk()).tickets.get(id(ctx))),
  },
  createTicket: {
    options: [fieldOption],
    examples: [
      'regkit helpdesk ticket create --field summary="ARIN ticket 20261122-X1" --field category=Network',
    ],
    run: async (ctx) =>
      await show(ctx, await (await ctx.helpdesk()).tickets.create(await ticketFieldOptions(ctx))),
  },
  updateTicket: {
    options: [fieldOption, ...noteOptions(false)],
    run: async (ctx) => {
      const fields = await ticketFieldOptions(ctx);
      const note = noteOption(ctx);
      const change = await (await ctx.helpdesk()).tickets.update(id(ctx), fields, note ? { note } : {});
      await printChange(ctx, change, `Updated ticket ${id(ctx)}.`);
    },
  },
  changeTicketStatus: {
    args: [{ name: 'STATUS', required: true, description: 'status name, such as "In Progress"' }],
    options: noteOptions(false),
    run: async (ctx) => {
      const status = ctx.args[1]!;
      const note = noteOption(ctx);
      const change = await (await ctx.helpdesk()).tickets.changeStatus(id(ctx), status, note ? { note } : {});
      await printChange(ctx, change, `Ticket ${id(ctx)} is now ${change.ticket.status ?? status}.`);
    },
  },
  closeTicket: {
    options: noteOptions(false),
    run: async (ctx) => {
      const note = noteOption(ctx);
      const change = await (await ctx.helpdesk()).tickets.close(id(ctx), note ? { note } : {});
      await printChange(ctx, change, `Closed ticket ${id(ctx)}.`);
    },
  },
  deleteTicket: {
    run: async (ctx) => {
      await (await ctx.helpdesk()).tickets.delete(id(ctx));
      const { writeJson } = await tools();
      if (ctx.json) writeJson(ctx.io, { deleted: id(ctx) });
      else ctx.io.stdout.write(`Deleted ticket ${id(ctx)}.\n`);
    },
  },
  addTicketNote: {
    options: noteOptions(true),
    run: async (ctx) => {
      const change = await (await ctx.helpdesk()).tickets.addNote(id(ctx), noteOption(ctx)!);
      await printChange(ctx, change, `Added a note to ticket ${id(ctx)}.`);
    },
  },
  getNote: {
    run: async (ctx) =>
      await show(ctx, await (await ctx.helpdesk()).tickets.note(ctx.params.noteId as number)),
  },
  listTicketNotes: {
    omit: [...paging, 'systemNote', 'maxContentLength'],
    options: [{ flag: 'system', type: 'boolean', description: 'include system notes' }, pageSize],
    run: async (ctx) => {
      const notes = (await ctx.helpdesk()).tickets.notes(id(ctx), {
        systemNotes: ctx.options.system === true,
        pageSize: integerOption(ctx, 'page-size', 50) || 50,
      });
      await printPaged(ctx, notes, [
        ['id', (n) => n.id],
        ['date', (n) => n.date],
        ['technician', (n) => n.technicianName],
        ['type', (n) => n.noteType],
        ['private', (n) => (n.private ? 'private' : '')],
        ['note', (n) => (n.note ?? '').slice(0, 60)],
      ]);
    },
  },
  listTicketAttachments: {
    omit: paging,
    options: [pageSize],
    run: async (ctx) => {
      const list = (await ctx.helpdesk()).tickets.attachments(id(ctx), {
        pageSize: integerOption(ctx, 'page-size', 50) || 50,
      });
      await printPaged(ctx, list, [
        ['id', (a) => a.id],
        ['file', (a) => a.fileName],
        ['type', (a) => a.fileType],
        ['bytes', (a) => a.fileSize],
        ['link', (a) => a.urlLink],
      ]);
    },
  },
  listTicketAssignments: {
    omit: paging,
    options: [pageSize],
    run: async (ctx) => {
      const list = (await ctx.helpdesk()).tickets.assignments(id(ctx), {
        pageSize: integerOption(ctx, 'page-size', 50) || 50,
      });
      await printPaged(ctx, list, [
        ['id', (a) => a.id],
        ['summary', (a) => a.summary],
        ['status', (a) => a.status],
        ['technician', (a) => a.assignedToTechnician],
        ['category', (a) => a.category],
        ['opened', (a) => a.openDateTime],
      ]);
    },
  },
  listTicketTemplates: {
    run: async (ctx) => {
      const templates = await (await ctx.helpdesk()).templates.list();
      const { printList, writeJson } = await tools();
      if (ctx.json) return writeJson(ctx.io, templates);
      printList(
        ctx,
        templates.map((t) => ({ id: t.id, name: t.name, description: t.description })),
        ['id', 'name', 'description'],
      );
    },
  },
};
