import { randomBytes } from 'node:crypto';
import { toFieldValue, type FieldDefinition } from '@regkit/core';
import {
  type ChangeStatusBody,
  type ChangeStatusNote,
  type CloseBody,
  type CreateTicketBody,
  HelpdeskAssignmentField,
  HelpdeskAttachmentField,
  HelpdeskTicketField,
  HelpdeskTicketNoteField,
  HelpdeskTicketTemplateField,
  type TicketNoteBody,
  type TokenRequest,
  type UpdateTicketBody,
} from '@regkit/helpdesk-client/payloads';
import { HelpdeskRuleError } from './errors.js';
import { CATALOGUES, toFieldMap, type HelpdeskState, type Technician, type Values } from './state.js';
import type { Permission } from './world.js';

const sizeOf = (values: Values) => JSON.stringify(values).length;

/** Counts `bytes` against the storage cap; refuses (413, nothing stored) when the cap would be passed. */
function charge(state: HelpdeskState, bytes: number): void {
  const cap = state.settings.maxStoredBytes;
  if (bytes > 0 && state.usage.storedBytes + bytes > cap)
    throw new HelpdeskRuleError(
      413,
      `The mock's state would exceed its storage cap of ${cap} bytes (maxStoredBytes): it holds ${state.usage.storedBytes} bytes and this request adds ${bytes}. Reset it with POST /__admin/reset or raise the cap.`,
    );
  state.usage.storedBytes = Math.max(0, state.usage.storedBytes + bytes);
}

const deny = () => new HelpdeskRuleError(401, 'Authorization has been denied for this request.');

/** Issues a token for the password grant (the only grant the mock serves). */
export function issueToken(state: HelpdeskState, form: TokenRequest) {
  if (form.grant_type !== 'password')
    throw new HelpdeskRuleError(400, `grant_type must be password`, 'unsupported_grant_type');
  const { username } = form;
  const tech = state.technicians.get(username.toUpperCase());
  // Group and login are upper case on the server; the password is compared exactly.
  if (!tech || tech.username !== username || tech.password !== form.password)
    throw new HelpdeskRuleError(400, 'The user name or password is incorrect.', 'invalid_grant');
  const accessToken = `${state.counters.token++}.${randomBytes(24).toString('base64url')}`;
  const issued = state.now();
  state.tokens.set(accessToken, { technician: tech, expiresAt: issued + state.tokenLifetimeSeconds * 1000 });
  return {
    access_token: accessToken,
    token_type: 'bearer',
    expires_in: state.tokenLifetimeSeconds,
    username: tech.login,
    usergroupname: [...tech.groups][0] ?? '',
    'First Name': tech.firstName,
    'Last Name': tech.lastName,
    '.issued': new Date(issued).toUTCString(),
    '.expires': new Date(issued + state.tokenLifetimeSeconds * 1000).toUTCString(),
  };
}

export function technicianOf(state: HelpdeskState, authorization: string | undefined): Technician {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const entry = m ? state.tokens.get(m[1] as string) : undefined;
  if (!entry) throw deny();
  if (entry.expiresAt <= state.now()) {
    state.tokens.delete(m?.[1] as string);
    throw deny();
  }
  return entry.technician;
}

function need(tech: Technician, permission: Permission): void {
  if (!tech.permissions.has(permission))
    throw new HelpdeskRuleError(403, `You need the ${permission} permission to do this.`);
}

function ticketOf(state: HelpdeskState, tech: Technician, id: number, permission: Permission): Values {
  need(tech, permission);
  const ticket = state.tickets.get(id);
  // Data segregation hides the tickets of other groups: they answer as if they did not exist.
  if (!ticket || !tech.groups.has(String(ticket[HelpdeskTicketField.assignedToGroup] ?? '')))
    throw new HelpdeskRuleError(404, `Ticket ${id} does not exist.`);
  return ticket;
}

const fieldMap = (state: HelpdeskState, values: Values) =>
  toFieldMap(CATALOGUES.ticket, values, state.customFields);
const noteMap = (values: Values) => toFieldMap(CATALOGUES.note, values);

function coerce(field: FieldDefinition, value: unknown, maxLength: number): string | number | boolean {
  const result = toFieldValue(field, value);
  if (!result.ok)
    throw new HelpdeskRuleError(400, `The value of ${field.displayName} must be ${result.expected}.`);
  if (typeof result.value === 'string' && result.value.length > maxLength)
    throw new HelpdeskRuleError(
      400,
      `The value of ${field.displayName} is ${result.value.length} characters long; at most ${maxLength} are allowed.`,
    );
  return result.value;
}

/**
 * Properties keyed by display name or sequence number (absent when the request has no body);
 * unknown and read-only fields are refused by name.
 */
function properties(state: HelpdeskState, raw: Readonly<Record<string, unknown>> | undefined): Values {
  if (raw === undefined) throw new HelpdeskRuleError(400, 'Properties must be an object of field values.');
  const bySeq = new Map(CATALOGUES.ticket.fields.map((f) => [String(f.sequence), f]));
  const byName = new Map(CATALOGUES.ticket.fields.map((f) => [f.displayName.toLowerCase(), f]));
  const values: Values = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = bySeq.get(key) ?? byName.get(key.toLowerCase());
    if (!field) throw new HelpdeskRuleError(400, `The field ${key} does not exist.`);
    if (!field.writable)
      throw new HelpdeskRuleError(400, `The field ${field.displayName} (${field.sequence}) cannot be set.`);
    if (value === null) continue;
    values[field.sequence] = coerce(field, value, state.settings.maxFieldLength);
  }
  if (
    values[HelpdeskTicketField.status] !== undefined &&
    !state.world.statuses.some((s) => s.name === values[HelpdeskTicketField.status])
  )
    throw new HelpdeskRuleError(
      400,
      `The status ${String(values[HelpdeskTicketField.status])} does not exist.`,
    );
  return values;
}

/**
 * Checks a note (its shape is the schema's) against the installation's lists now; the returned
 * function stores it once every other check has passed. A status change or close takes no duration.
 */
function noteMaker(
  state: HelpdeskState,
  tech: Technician,
  ticketId: number,
  body: ChangeStatusNote,
  duration = '00:00',
): () => Values {
  const type = body['Note Type'];
  const code = body['Activity Code'];
  if (!type.trim()) throw new HelpdeskRuleError(400, 'Note Type is required.');
  if (!code.trim()) throw new HelpdeskRuleError(400, 'Activity Code is required.');
  if (!state.world.noteTypes.includes(type))
    throw new HelpdeskRuleError(400, `The note type ${type} does not exist.`);
  if (!state.world.activityCodes.includes(code))
    throw new HelpdeskRuleError(400, `The activity code ${code} is not allowed for tickets.`);
  if (!/^\d{1,3}:\d{2}(:\d{2})?$/.test(duration) && duration !== '0')
    throw new HelpdeskRuleError(400, 'Duration must be hh:mm or hh:mm:ss.');
  const priv = body.Private ?? false;
  return () => {
    const id = state.counters.note++;
    const now = new Date(state.now()).toISOString();
    const note: Values = {
      [HelpdeskTicketNoteField.id]: id,
      [HelpdeskTicketNoteField.lastModified]: now,
      [HelpdeskTicketNoteField.lastUser]: tech.login,
      ...(body.Note !== undefined ? { [HelpdeskTicketNoteField.note]: body.Note } : {}),
      [HelpdeskTicketNoteField.ticketId]: ticketId,
      [HelpdeskTicketNoteField.date]: now,
      [HelpdeskTicketNoteField.duration]: duration === '0' ? '00:00' : duration,
      [HelpdeskTicketNoteField.systemActivity]: false,
      [HelpdeskTicketNoteField.activityCode]: code,
      [HelpdeskTicketNoteField.technicianName]: tech.login,
      [HelpdeskTicketNoteField.noteType]: type,
      [HelpdeskTicketNoteField.private]: priv,
    };
    charge(state, sizeOf(note));
    state.notes.set(id, note);
    return note;
  };
}

function touch(state: HelpdeskState, tech: Technician, ticket: Values): void {
  ticket[HelpdeskTicketField.lastModified] = new Date(state.now()).toISOString();
  ticket[HelpdeskTicketField.lastUser] = tech.login;
}

function page<T>(items: T[], size: number, number: number): T[] {
  if (size === 0 || number === 0) return items;
  return items.slice((number - 1) * size, number * size);
}

export const helpdeskRules = {
  getTicket: (state: HelpdeskState, tech: Technician, id: number) => ({
    Ticket: fieldMap(state, ticketOf(state, tech, id, 'View Ticket')),
  }),

  createTicket(state: HelpdeskState, tech: Technician, body: CreateTicketBody | undefined) {
    need(tech, 'Create Ticket');
    const values = properties(state, body?.Properties);
    if (!values[HelpdeskTicketField.summary]) throw new HelpdeskRuleError(400, 'Ticket Summary is required.');
    const group = String(values[HelpdeskTicketField.assignedToGroup] ?? [...tech.groups][0] ?? '');
    if (!tech.groups.has(group))
      throw new HelpdeskRuleError(403, `You cannot create tickets for the group ${group}.`);
    const id = state.counters.ticket++;
    const now = new Date(state.now()).toISOString();
    const ticket: Values = {
      [HelpdeskTicketField.id]: id,
      [HelpdeskTicketField.lastModified]: now,
      [HelpdeskTicketField.lastUser]: tech.login,
      [HelpdeskTicketField.openDateTime]: now,
      [HelpdeskTicketField.status]: 'Open',
      ...values,
      [HelpdeskTicketField.assignedToGroup]: group,
    };
    charge(state, sizeOf(ticket));
    state.tickets.set(id, ticket);
    return { Tickets: fieldMap(state, ticket) };
  },

  updateTicket(state: HelpdeskState, tech: Technician, id: number, body: UpdateTicketBody | undefined) {
    const ticket = ticketOf(state, tech, id, 'Edit Ticket');
    const values = properties(state, body?.Properties);
    if (
      values[HelpdeskTicketField.assignedToGroup] !== undefined &&
      !tech.groups.has(String(values[HelpdeskTicketField.assignedToGroup]))
    )
      throw new HelpdeskRuleError(
        403,
        `You cannot assign tickets to the group ${String(values[HelpdeskTicketField.assignedToGroup])}.`,
      );
    const note = body?.OptionalParams?.Note;
    if (note !== undefined) need(tech, 'Create Ticket Notes');
    const makeNote = note && noteMaker(state, tech, id, note, note.Duration);
    const before = sizeOf(ticket);
    charge(state, sizeOf({ ...ticket, ...values }) - before);
    Object.assign(ticket, values);
    touch(state, tech, ticket);
    const created = makeNote?.();
    return {
      Ticket: fieldMap(state, ticket),
      ...(created ? { TicketNote: noteMap(created) } : {}),
    };
  },

  changeStatus(state: HelpdeskState, tech: Technician, id: number, body: ChangeStatusBody | undefined) {
    const ticket = ticketOf(state, tech, id, 'Edit Ticket');
    const name = body?.StatusName;
    const status = state.world.statuses.find((s) => s.name === name);
    if (!status) throw new HelpdeskRuleError(400, `The status ${name ?? 'undefined'} does not exist.`);
    if (status.type === 'Closed') need(tech, 'Close Ticket');
    // "If changeStatusInput is specified, then the Note Type and Activity Code are required, while Note is optional."
    const makeNote = body?.Note && noteMaker(state, tech, id, body.Note);
    ticket[HelpdeskTicketField.status] = status.name;
    if (status.type === 'Closed')
      ticket[HelpdeskTicketField.closeDateTime] = new Date(state.now()).toISOString();
    touch(state, tech, ticket);
    const created = makeNote?.();
    return {
      Ticket: fieldMap(state, ticket),
      ...(created ? { TicketNote: noteMap(created) } : {}),
    };
  },

  addNote(state: HelpdeskState, tech: Technician, id: number, body: TicketNoteBody | undefined) {
    const ticket = ticketOf(state, tech, id, 'View Ticket');
    need(tech, 'Create Ticket Notes');
    if (body === undefined) throw new HelpdeskRuleError(400, 'A note is required.');
    const created = noteMaker(state, tech, id, body, body.Duration)();
    touch(state, tech, ticket);
    return { Ticket: fieldMap(state, ticket), TicketNote: noteMap(created) };
  },

  close(state: HelpdeskState, tech: Technician, id: number, body: CloseBody | undefined) {
    const ticket = ticketOf(state, tech, id, 'Close Ticket');
    // "(required) closeInput"
    if (body === undefined) throw new HelpdeskRuleError(400, 'The closeInput body is required.');
    const status =
      state.world.statuses.find((s) => s.type === 'Closed' && s.default) ??
      state.world.statuses.find((s) => s.type === 'Closed');
    if (!status) throw new HelpdeskRuleError(400, 'The server has no status of type Closed.');
    const makeNote = body.Note && noteMaker(state, tech, id, body.Note);
    ticket[HelpdeskTicketField.status] = status.name;
    ticket[HelpdeskTicketField.closeDateTime] = new Date(state.now()).toISOString();
    touch(state, tech, ticket);
    const created = makeNote?.();
    return { Ticket: fieldMap(state, ticket), ...(created ? { Note: noteMap(created) } : {}) };
  },

  delete(state: HelpdeskState, tech: Technician, id: number) {
    const ticket = ticketOf(state, tech, id, 'Delete Ticket');
    state.tickets.delete(id);
    charge(state, -sizeOf(ticket));
    // The ticket ID is sequence 6 of a note but 5 of an attachment or assignment (6 is their file size or summary).
    for (const [store, field] of [
      [state.notes, HelpdeskTicketNoteField.ticketId],
      [state.attachments, HelpdeskAttachmentField.ticketId],
      [state.assignments, HelpdeskAssignmentField.ticketId],
    ] as const)
      for (const [k, v] of store)
        if (v[field] === id) {
          store.delete(k);
          if (store === state.notes) charge(state, -sizeOf(v));
        }
    return { success: true };
  },

  notes(
    state: HelpdeskState,
    tech: Technician,
    id: number,
    size: number,
    number: number,
    systemNote: boolean,
    maxContentLength: number,
  ) {
    ticketOf(state, tech, id, 'View Ticket');
    need(tech, 'View Ticket Notes');
    const all = [...state.notes.values()].filter(
      (n) =>
        n[HelpdeskTicketNoteField.ticketId] === id &&
        (systemNote || n[HelpdeskTicketNoteField.systemActivity] !== true),
    );
    const shown = page(all, size, number).map((n) => {
      const text = String(n[HelpdeskTicketNoteField.note] ?? '');
      return noteMap(
        maxContentLength >= 0 && text.length > maxContentLength
          ? { ...n, [HelpdeskTicketNoteField.note]: text.slice(0, maxContentLength) }
          : n,
      );
    });
    return { Count: all.length, TicketNotes: shown };
  },

  note(state: HelpdeskState, tech: Technician, noteId: number) {
    need(tech, 'View Ticket Notes');
    const note = state.notes.get(noteId);
    if (!note) throw new HelpdeskRuleError(404, `Note ${noteId} does not exist.`);
    ticketOf(state, tech, Number(note[HelpdeskTicketNoteField.ticketId]), 'View Ticket');
    return { Note: [noteMap(note)] };
  },

  attachments(state: HelpdeskState, tech: Technician, id: number, size: number, number: number) {
    ticketOf(state, tech, id, 'View Ticket');
    need(tech, 'View Attachment');
    const all = [...state.attachments.values()].filter((a) => a[HelpdeskAttachmentField.ticketId] === id);
    return {
      Count: all.length,
      TicketAttachments: page(all, size, number).map((a) => toFieldMap(CATALOGUES.attachment, a)),
    };
  },

  assignments(state: HelpdeskState, tech: Technician, id: number, size: number, number: number) {
    ticketOf(state, tech, id, 'View Ticket');
    need(tech, 'View Assignment');
    const all = [...state.assignments.values()].filter((a) => a[HelpdeskAssignmentField.ticketId] === id);
    return {
      Count: all.length,
      Assignments: page(all, size, number).map((a) => toFieldMap(CATALOGUES.assignment, a)),
    };
  },

  templates(state: HelpdeskState, tech: Technician) {
    need(tech, 'View Ticket');
    return {
      TicketTemplates: state.templates
        .filter((t) => t[HelpdeskTicketTemplateField.inactive] !== true)
        .map((t) => toFieldMap(CATALOGUES.template, t)),
    };
  },
};
