import {
  HelpdeskAssignmentField,
  HelpdeskAttachmentField,
  HelpdeskTicketField,
  HelpdeskTicketNoteField,
  HelpdeskTicketTemplateField,
  helpdeskAssignmentFields,
  helpdeskAttachmentFields,
  helpdeskTicketFields,
  helpdeskTicketNoteFields,
  helpdeskTicketTemplateFields,
} from '@regkit/helpdesk-client/payloads';
import type { FieldMapDefinition } from '@regkit/core';
import type { FieldMap } from '@regkit/helpdesk-client';
import type { HelpdeskWorld, Permission } from './world.js';

export type Values = Record<number, string | number | boolean | undefined>;

export interface Technician {
  readonly username: string;
  readonly password: string;
  readonly login: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly groups: ReadonlySet<string>;
  readonly permissions: ReadonlySet<Permission>;
}

export interface HelpdeskState {
  readonly world: HelpdeskWorld;
  readonly technicians: Map<string, Technician>;
  readonly tokens: Map<string, { technician: Technician; expiresAt: number }>;
  readonly tickets: Map<number, Values>;
  readonly notes: Map<number, Values>;
  readonly attachments: Map<number, Values>;
  readonly assignments: Map<number, Values>;
  readonly templates: Values[];
  readonly counters: { ticket: number; note: number; record: number; token: number };
  readonly tokenLifetimeSeconds: number;
  readonly settings: HelpdeskSettings;
  /** Bytes stored by requests, counted against `settings.maxStoredBytes`. */
  readonly usage: { storedBytes: number };
  readonly now: () => number;
  /** Custom fields of tickets: sequence → display name. */
  readonly customFields: ReadonlyMap<number, string>;
}

/** Track-It! publishes none of these numbers: they are the mock's own, and configurable. */
export interface HelpdeskSettings {
  /** Longest text value of a ticket field, in characters. */
  readonly maxFieldLength: number;
  /** Cap on the bytes the state may hold beyond its world (created tickets, notes). */
  readonly maxStoredBytes: number;
}

export const DEFAULT_HELPDESK_SETTINGS: HelpdeskSettings = {
  maxFieldLength: 4000,
  maxStoredBytes: 64 * 1024 * 1024,
};

export const CATALOGUES = {
  ticket: helpdeskTicketFields,
  note: helpdeskTicketNoteFields,
  attachment: helpdeskAttachmentFields,
  assignment: helpdeskAssignmentFields,
  template: helpdeskTicketTemplateFields,
};

/** Field map of stored values: `{ "22": { DisplayName, Value } }`, null values left out. */
export function toFieldMap(
  definition: FieldMapDefinition,
  values: Values,
  custom?: ReadonlyMap<number, string>,
): FieldMap {
  const out: FieldMap = {};
  const names = new Map(definition.fields.map((f) => [f.sequence, f.displayName]));
  for (const [seq, value] of Object.entries(values).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    if (value === null || value === undefined) continue;
    const name = names.get(Number(seq)) ?? custom?.get(Number(seq));
    if (name) out[seq] = { DisplayName: name, Value: value };
  }
  return out;
}

const login = (username: string) => username.split('\\').pop() ?? username;

export function createHelpdeskState(
  world: HelpdeskWorld,
  options: { tokenLifetimeSeconds?: number; now?: () => number; settings?: Partial<HelpdeskSettings> } = {},
): HelpdeskState {
  const technicians = new Map(
    world.technicians.map((t) => [
      t.username.toUpperCase(),
      {
        username: t.username,
        password: t.password,
        login: login(t.username),
        firstName: t.firstName,
        lastName: t.lastName,
        groups: new Set(t.groups),
        permissions: new Set(t.permissions),
      },
    ]),
  );
  const state: HelpdeskState = {
    world,
    technicians,
    tokens: new Map(),
    tickets: new Map(),
    notes: new Map(),
    attachments: new Map(),
    assignments: new Map(),
    templates: [],
    counters: { ticket: 1001, note: 5001, record: 9001, token: 1 },
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 1799,
    settings: { ...DEFAULT_HELPDESK_SETTINGS, ...options.settings },
    usage: { storedBytes: 0 },
    now: options.now ?? Date.now,
    customFields: new Map(Object.entries(world.customFields ?? {}).map(([k, v]) => [Number(k), v])),
  };
  for (const t of world.tickets) {
    const id = state.counters.ticket++;
    const values: Values = {
      [HelpdeskTicketField.id]: id,
      [HelpdeskTicketField.lastModified]: String(t.fields['12'] ?? '2026-11-01T00:00:00'),
      [HelpdeskTicketField.lastUser]: 'SYSTEM',
    };
    for (const [seq, v] of Object.entries(t.fields)) values[Number(seq)] = v;
    state.tickets.set(id, values);
    for (const n of t.notes ?? []) {
      const noteId = state.counters.note++;
      state.notes.set(noteId, {
        [HelpdeskTicketNoteField.id]: noteId,
        [HelpdeskTicketNoteField.lastModified]: n.date,
        [HelpdeskTicketNoteField.note]: n.note,
        [HelpdeskTicketNoteField.ticketId]: id,
        [HelpdeskTicketNoteField.date]: n.date,
        [HelpdeskTicketNoteField.duration]: n.duration ?? '00:00',
        [HelpdeskTicketNoteField.systemActivity]: n.system ?? false,
        [HelpdeskTicketNoteField.activityCode]: n.activityCode,
        [HelpdeskTicketNoteField.technicianName]: n.technician,
        [HelpdeskTicketNoteField.noteType]: n.noteType,
        [HelpdeskTicketNoteField.private]: n.private ?? false,
      });
    }
    for (const a of t.attachments ?? []) {
      const seq = state.counters.record++;
      state.attachments.set(seq, {
        [HelpdeskAttachmentField.id]: seq,
        [HelpdeskAttachmentField.ticketId]: id,
        [HelpdeskAttachmentField.fileSize]: a.fileSize,
        [HelpdeskAttachmentField.fileName]: a.fileName,
        [HelpdeskAttachmentField.fileType]: a.fileType,
      });
    }
    for (const a of t.assignments ?? []) {
      const seq = state.counters.record++;
      state.assignments.set(seq, {
        [HelpdeskAssignmentField.id]: seq,
        [HelpdeskAssignmentField.ticketId]: id,
        [HelpdeskAssignmentField.summary]: a.summary,
        [HelpdeskAssignmentField.status]: a.status,
        [HelpdeskAssignmentField.assignedToTechnician]: a.technician,
        ...(a.category ? { [HelpdeskAssignmentField.category]: a.category } : {}),
      });
    }
  }
  world.templates.forEach((t, i) =>
    state.templates.push({
      [HelpdeskTicketTemplateField.id]: i + 1,
      [HelpdeskTicketTemplateField.name]: t.name,
      [HelpdeskTicketTemplateField.description]: t.description,
      ...(t.templateData ? { [HelpdeskTicketTemplateField.templateData]: t.templateData } : {}),
      [HelpdeskTicketTemplateField.isUsedInSelfService]: false,
      [HelpdeskTicketTemplateField.inactive]: !t.active,
    }),
  );
  return state;
}
