import { DecodeError, encodeFieldMap, ValidationError, type CallOptions } from '@regkit/core';
import type { HelpdeskCaller } from './generated/caller.gen.js';
import {
  helpdeskAssignmentFields,
  helpdeskAttachmentFields,
  helpdeskTicketNoteFields as noteFields,
  helpdeskTicketFields,
  helpdeskTicketTemplateFields,
} from './generated/fields.gen.js';
import type {
  HelpdeskAssignment,
  HelpdeskAttachment,
  HelpdeskTicketNote,
  HelpdeskTicket,
  HelpdeskTicketTemplate,
  HelpdeskTicketWritable,
} from './generated/fields.gen.js';
import type { ChangeStatusNote, TicketNoteBody } from './generated/types.gen.js';
import { HelpdeskApiError } from './helpdeskApiError.js';
import { pick, single, toRecord, type HelpdeskRecord } from './records.js';

// Behaviour the spec cannot express (field-map records, paging, notes); the generated facade
// (`generated/facade.gen.ts`) calls these.

/** A note to add with a change: the server requires a note type and an activity code. */
export interface NoteInput {
  /** `Technician Note`, `Ticket Description`, `Ticket Resolution`, … (per site). */
  readonly type: string;
  /** An activity code the server allows for tickets (`Note By Technician`, …). */
  readonly activityCode: string;
  readonly text: string;
  /** `hh:mm` or `hh:mm:ss`; the server defaults to 0. */
  readonly duration?: string;
  readonly private?: boolean;
}

/** The note of a status change or close: Note Type and Activity Code are required, the text is optional. */
export interface StatusNoteInput {
  readonly type: string;
  readonly activityCode: string;
  readonly text?: string;
  readonly private?: boolean;
}

export interface PageOptions extends CallOptions {
  /** Records per request (default 50). */
  readonly pageSize?: number;
}

export interface NotesOptions extends PageOptions {
  /** Include system notes (default false: user notes only). */
  readonly systemNotes?: boolean;
  /** Truncate note text to this length (-1, the default, returns all). */
  readonly maxContentLength?: number;
}

/** An async iterable over every record of a paged list, with `.all()` to collect them. */
export interface Paged<T> extends AsyncIterable<T> {
  all(): Promise<T[]>;
}

export type TicketRecord = HelpdeskRecord<HelpdeskTicket>;
export type NoteRecord = HelpdeskRecord<HelpdeskTicketNote>;
export type AttachmentRecord = HelpdeskRecord<HelpdeskAttachment>;
export type AssignmentRecord = HelpdeskRecord<HelpdeskAssignment>;
export type TemplateRecord = HelpdeskRecord<HelpdeskTicketTemplate>;

export interface TicketChange {
  readonly ticket: TicketRecord;
  readonly note?: NoteRecord;
}

const noteBody = (n: NoteInput): TicketNoteBody => ({
  'Note Type': n.type,
  'Activity Code': n.activityCode,
  Note: n.text,
  ...(n.duration !== undefined ? { Duration: n.duration } : {}),
  ...(n.private !== undefined ? { Private: n.private } : {}),
});
const statusNote = (n: StatusNoteInput): ChangeStatusNote => ({
  'Note Type': n.type,
  'Activity Code': n.activityCode,
  ...(n.text !== undefined ? { Note: n.text } : {}),
  ...(n.private !== undefined ? { Private: n.private } : {}),
});

function checkNote(n: StatusNoteInput | undefined, textRequired = true): void {
  if (!n) return;
  const text = textRequired || n.text !== undefined;
  const issues = [
    ...(!n.type?.trim() ? [{ path: 'note.type', message: 'is required' }] : []),
    ...(!n.activityCode?.trim() ? [{ path: 'note.activityCode', message: 'is required' }] : []),
    ...(text && typeof n.text !== 'string'
      ? [{ path: 'note.text', message: textRequired ? 'is required' : 'must be a string' }]
      : []),
  ];
  if (issues.length) throw new ValidationError(issues, { what: 'Invalid note' });
}

/**
 * Every record of a paged list. With `Count`, pages are read until that many records came; without
 * it, until a short or empty page. A page that repeats the one before (a server that ignores
 * `pageNumber`) ends the listing with a `DecodeError` rather than looping.
 */
function paged<T>(
  fetchPage: (
    pageSize: number,
    pageNumber: number,
  ) => Promise<{ count: number | undefined; items: T[]; raw: unknown[] }>,
  pageSize = 50,
): Paged<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new ValidationError([{ path: 'pageSize', message: 'must be a positive integer' }]);
  const iterate = async function* () {
    let seen = 0;
    let previous: string | undefined;
    for (let page = 1; ; page++) {
      const { count, items, raw } = await fetchPage(pageSize, page);
      if (items.length === 0) return;
      const fingerprint = JSON.stringify(raw);
      if (fingerprint === previous)
        throw new DecodeError(
          `page ${page} repeats page ${page - 1}: the server ignores pageNumber, so the listing cannot be completed`,
          'pageNumber',
        );
      previous = fingerprint;
      for (const item of items) yield item;
      seen += items.length;
      if (items.length < pageSize || (count !== undefined && seen >= count)) return;
    }
  };
  return {
    [Symbol.asyncIterator]: iterate,
    async all() {
      const out: T[] = [];
      for await (const item of iterate()) out.push(item);
      return out;
    },
  };
}

function change(output: unknown): TicketChange {
  const ticket = toRecord<HelpdeskTicket>(
    helpdeskTicketFields,
    pick(output, ['Ticket', 'Tickets'], 'ticket'),
  );
  const rawNote =
    (output as Record<string, unknown> | undefined)?.TicketNote ??
    (output as Record<string, unknown> | undefined)?.Note;
  return rawNote
    ? { ticket, note: toRecord<HelpdeskTicketNote>(noteFields, single(rawNote, 'note')) }
    : { ticket };
}

const ticketRecord = (out: unknown) =>
  toRecord<HelpdeskTicket>(
    helpdeskTicketFields,
    single(pick(out, ['Ticket', 'Tickets'], 'ticket'), 'ticket'),
  );

/** H1 decoded by field sequence number. */
export const getTicketRecord = async (
  client: HelpdeskCaller,
  id: number,
  options?: CallOptions,
): Promise<TicketRecord> => ticketRecord(await client.call('getTicket', { id }, options));

/** H9 from writable fields (checked at compile time and at run time). */
export async function createTicketFromFields(
  client: HelpdeskCaller,
  fields: HelpdeskTicketWritable,
  options?: CallOptions & { keyBy?: 'displayName' | 'sequence' },
): Promise<TicketRecord> {
  const Properties = encodeFieldMap(helpdeskTicketFields, fields, { keyBy: options?.keyBy });
  return ticketRecord(await client.call('createTicket', { body: { Properties } }, options));
}

/** H2 from writable fields, optionally with a note. */
export async function updateTicketFields(
  client: HelpdeskCaller,
  id: number,
  fields: HelpdeskTicketWritable,
  options?: CallOptions & { note?: NoteInput; keyBy?: 'displayName' | 'sequence' },
): Promise<TicketChange> {
  checkNote(options?.note);
  const Properties = encodeFieldMap(helpdeskTicketFields, fields, { keyBy: options?.keyBy });
  const body = {
    Properties,
    ...(options?.note ? { OptionalParams: { Note: noteBody(options.note) } } : {}),
  };
  return change(await client.call('updateTicket', { id, body }, options));
}

/** H7 by status name (a status the server does not know is a 400). */
export async function changeTicketStatusByName(
  client: HelpdeskCaller,
  id: number,
  statusName: string,
  options?: CallOptions & { note?: StatusNoteInput },
): Promise<TicketChange> {
  checkNote(options?.note, false);
  if (!statusName?.trim()) throw new ValidationError([{ path: 'statusName', message: 'is required' }]);
  const body = { StatusName: statusName, ...(options?.note ? { Note: statusNote(options.note) } : {}) };
  return change(await client.call('changeTicketStatus', { id, body }, options));
}

/** H10 with an optional note. */
export async function closeTicketWithNote(
  client: HelpdeskCaller,
  id: number,
  options?: CallOptions & { note?: StatusNoteInput },
): Promise<TicketChange> {
  checkNote(options?.note, false);
  const body = options?.note ? { Note: statusNote(options.note) } : {};
  return change(await client.call('closeTicket', { id, body }, options));
}

/** H11: a 200 without `success: true` is an error. */
export async function deleteTicketChecked(
  client: HelpdeskCaller,
  id: number,
  options?: CallOptions,
): Promise<void> {
  const out = await client.call('deleteTicket', { id }, options);
  if (out?.success !== true) throw new HelpdeskApiError(out, { status: 200, operationId: 'deleteTicket' });
}

/** H8 with the note checked first. */
export async function addTicketNoteChecked(
  client: HelpdeskCaller,
  id: number,
  note: NoteInput,
  options?: CallOptions,
): Promise<TicketChange> {
  checkNote(note);
  return change(await client.call('addTicketNote', { id, body: noteBody(note) }, options));
}

/** H4 page by page (`for await`), or `.all()`. */
export const listNoteRecords = (
  client: HelpdeskCaller,
  id: number,
  options: NotesOptions = {},
): Paged<NoteRecord> =>
  paged(async (pageSize, pageNumber) => {
    const out = await client.call(
      'listTicketNotes',
      {
        id,
        pageSize,
        pageNumber,
        systemNote: options.systemNotes ?? false,
        maxContentLength: options.maxContentLength ?? -1,
      },
      options,
    );
    const list = (out?.TicketNotes ?? out?.Notes ?? []) as unknown[];
    return {
      count: out?.Count,
      raw: list,
      items: list.map((n) => toRecord<HelpdeskTicketNote>(noteFields, n)),
    };
  }, options.pageSize);

/** H5 decoded. */
export const getNoteRecord = async (
  client: HelpdeskCaller,
  noteId: number,
  options?: CallOptions,
): Promise<NoteRecord> => {
  const out = await client.call('getNote', { noteId }, options);
  return toRecord<HelpdeskTicketNote>(noteFields, single(pick(out, ['TicketNote', 'Note'], 'note'), 'note'));
};

/** H3 page by page. */
export const listAttachmentRecords = (
  client: HelpdeskCaller,
  id: number,
  options: PageOptions = {},
): Paged<AttachmentRecord> =>
  paged(async (pageSize, pageNumber) => {
    const out = await client.call('listTicketAttachments', { id, pageSize, pageNumber }, options);
    const list = out?.TicketAttachments ?? [];
    return {
      count: out?.Count,
      raw: list,
      items: list.map((a) => toRecord<HelpdeskAttachment>(helpdeskAttachmentFields, a)),
    };
  }, options.pageSize);

/** H6 page by page. */
export const listAssignmentRecords = (
  client: HelpdeskCaller,
  id: number,
  options: PageOptions = {},
): Paged<AssignmentRecord> =>
  paged(async (pageSize, pageNumber) => {
    const out = await client.call('listTicketAssignments', { id, pageSize, pageNumber }, options);
    const list = out?.Assignments ?? [];
    return {
      count: out?.Count,
      raw: list,
      items: list.map((a) => toRecord<HelpdeskAssignment>(helpdeskAssignmentFields, a)),
    };
  }, options.pageSize);

/** H12 decoded. */
export async function listTemplateRecords(
  client: HelpdeskCaller,
  options?: CallOptions,
): Promise<TemplateRecord[]> {
  const out = await client.call('listTicketTemplates', {}, options);
  return (out?.TicketTemplates ?? []).map((t) =>
    toRecord<HelpdeskTicketTemplate>(helpdeskTicketTemplateFields, t),
  );
}
