import { ticketFields, type NoteInput, type TicketWritable } from '@regkit/helpdesk-client';
import type { Command, CommandContext } from './command.js';
import { integerOption, optionalString, requireOption, UsageError } from './command.js';
import { formatRecord, formatTable, writeJson } from './output.js';

function show(ctx: CommandContext, value: unknown): void {
  if (ctx.json) writeJson(ctx.io, value);
  else ctx.io.stdout.write(formatRecord(value));
}

function ticketId(ctx: CommandContext): number {
  const id = Number(ctx.args[0]);
  if (!Number.isInteger(id) || id <= 0)
    throw new UsageError(`ticket id must be a positive whole number, got "${ctx.args[0] ?? ''}"`);
  return id;
}

/**
 * `--field summary="Printer jam" --field groupSeq=4` → `{ summary: 'Printer jam', groupSeq: 4 }`:
 * values are converted to the field's type in the ticket catalogue. Names the catalogue does not
 * know, and read-only fields, are left for the client to refuse with a clear error.
 */
function ticketFieldOptions(ctx: CommandContext): TicketWritable {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, raw] of Object.entries(fieldOptions(ctx))) {
    const field = ticketFields.fields.find((f) => f.prop === name);
    if (field?.type === 'integer' || field?.type === 'number') {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n)))
        throw new UsageError(
          `--field ${name} takes ${field.type === 'integer' ? 'a whole number' : 'a number'}, got "${raw}"`,
        );
      out[name] = n;
    } else if (field?.type === 'boolean') {
      if (!/^(true|false)$/i.test(raw))
        throw new UsageError(`--field ${name} takes true or false, got "${raw}"`);
      out[name] = raw.toLowerCase() === 'true';
    } else out[name] = raw;
  }
  return out as TicketWritable;
}

/** `--field summary="Printer jam" --field priority=2` → `{ summary: 'Printer jam', priority: '2' }`. */
function fieldOptions(ctx: CommandContext): Record<string, string> {
  const raw = ctx.options.field;
  const list = Array.isArray(raw) ? raw : [];
  const fields: Record<string, string> = {};
  for (const entry of list) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--field takes NAME=VALUE, got "${entry}"`);
    fields[entry.slice(0, eq).trim()] = entry.slice(eq + 1);
  }
  return fields;
}

function noteOption(ctx: CommandContext): NoteInput | undefined {
  const text = optionalString(ctx, 'note');
  if (!text) return undefined;
  const minutes = integerOption(ctx, 'duration', 0);
  return {
    text,
    type: optionalString(ctx, 'note-type') ?? 'Technician Note',
    activityCode: requireOption(ctx, 'activity-code'),
    ...(ctx.options.private === true ? { private: true } : {}),
    duration: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
  };
}

const noteOptions = {
  note: { type: 'string', description: 'note text', valueName: 'TEXT' },
  'activity-code': {
    type: 'string',
    description: 'activity code the server allows for tickets',
    valueName: 'CODE',
  },
  'note-type': { type: 'string', description: 'note type (default Technician Note)', valueName: 'TYPE' },
  private: { type: 'boolean', description: 'a private note' },
  duration: { type: 'string', description: 'minutes spent (default 0)', valueName: 'MIN' },
} as const;

const fieldOption = {
  field: {
    type: 'string',
    multiple: true,
    description: 'a writable field as NAME=VALUE (camelCase name, repeatable)',
    valueName: 'NAME=VALUE',
  },
} as const;

export const helpdeskCommands: readonly Command[] = [
  {
    path: ['helpdesk', 'ticket', 'get'],
    args: ['ID'],
    summary: 'Show a helpdesk ticket',
    examples: ['regkit helpdesk ticket get 1001'],
    run: async (ctx) => show(ctx, await ctx.helpdesk().tickets.get(ticketId(ctx))),
  },
  {
    path: ['helpdesk', 'ticket', 'create'],
    args: [],
    summary: 'Create a helpdesk ticket from writable fields',
    options: fieldOption,
    examples: [
      'regkit helpdesk ticket create --field summary="ARIN ticket 20261122-X1" --field category=Network',
    ],
    run: async (ctx) => {
      const fields = ticketFieldOptions(ctx);
      if (Object.keys(fields).length === 0) throw new UsageError('give at least one --field NAME=VALUE');
      show(ctx, await ctx.helpdesk().tickets.create(fields));
    },
  },
  {
    path: ['helpdesk', 'ticket', 'update'],
    args: ['ID'],
    summary: 'Update writable fields of a helpdesk ticket',
    options: fieldOption,
    run: async (ctx) => {
      const fields = ticketFieldOptions(ctx);
      if (Object.keys(fields).length === 0) throw new UsageError('give at least one --field NAME=VALUE');
      show(ctx, await ctx.helpdesk().tickets.update(ticketId(ctx), fields));
    },
  },
  {
    path: ['helpdesk', 'ticket', 'notes'],
    args: ['ID'],
    summary: 'List the notes of a helpdesk ticket',
    options: { system: { type: 'boolean', description: 'include system notes' } },
    run: async (ctx) => {
      const notes = await ctx
        .helpdesk()
        .tickets.notes(ticketId(ctx), { systemNotes: ctx.options.system === true })
        .all();
      if (ctx.json) return writeJson(ctx.io, notes);
      const rows = notes.map((n) => [
        n.id,
        n.date,
        n.technicianName,
        n.noteType,
        n.private ? 'private' : '',
        (n.note ?? '').replace(/\s+/g, ' ').slice(0, 60),
      ]);
      ctx.io.stdout.write(
        notes.length === 0
          ? 'No notes.\n'
          : formatTable(['id', 'date', 'technician', 'type', 'private', 'note'], rows),
      );
    },
  },
  {
    path: ['helpdesk', 'ticket', 'add-note'],
    args: ['ID'],
    summary: 'Add a note to a helpdesk ticket',
    options: noteOptions,
    run: async (ctx) => {
      const note = noteOption(ctx);
      if (!note) throw new UsageError('--note is required');
      show(ctx, await ctx.helpdesk().tickets.addNote(ticketId(ctx), note));
    },
  },
  {
    path: ['helpdesk', 'ticket', 'status'],
    args: ['ID', 'STATUS'],
    summary: 'Change the status of a helpdesk ticket, optionally with a note',
    options: noteOptions,
    run: async (ctx) => {
      const note = noteOption(ctx);
      show(ctx, await ctx.helpdesk().tickets.changeStatus(ticketId(ctx), ctx.args[1]!, note ? { note } : {}));
    },
  },
  {
    path: ['helpdesk', 'ticket', 'close'],
    args: ['ID'],
    summary: 'Close a helpdesk ticket, optionally with a note',
    options: noteOptions,
    run: async (ctx) => {
      const note = noteOption(ctx);
      show(ctx, await ctx.helpdesk().tickets.close(ticketId(ctx), note ? { note } : {}));
    },
  },
  {
    path: ['helpdesk', 'ticket', 'delete'],
    args: ['ID'],
    summary: 'Delete a helpdesk ticket',
    run: async (ctx) => {
      const id = ticketId(ctx);
      await ctx.helpdesk().tickets.delete(id);
      if (ctx.json) writeJson(ctx.io, { deleted: id });
      else ctx.io.stdout.write(`Deleted ticket ${id}.\n`);
    },
  },
  {
    path: ['helpdesk', 'note', 'get'],
    args: ['NOTE_ID'],
    summary: 'Show one note',
    run: async (ctx) => {
      const id = Number(ctx.args[0]);
      if (!Number.isInteger(id) || id <= 0)
        throw new UsageError(`note id must be a positive whole number, got "${ctx.args[0]}"`);
      show(ctx, await ctx.helpdesk().tickets.note(id));
    },
  },
  {
    path: ['helpdesk', 'templates'],
    args: [],
    summary: 'List the active ticket templates',
    run: async (ctx) => {
      const templates = await ctx.helpdesk().templates.list();
      if (ctx.json) return writeJson(ctx.io, templates);
      ctx.io.stdout.write(formatRecord(templates));
    },
  },
];
