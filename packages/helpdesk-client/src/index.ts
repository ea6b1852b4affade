export { HelpdeskClient, type HelpdeskClientOptions } from './helpdeskClient.js';
export type {
  AssignmentRecord,
  AttachmentRecord,
  NoteInput,
  NoteRecord,
  NotesOptions,
  PageOptions,
  StatusNoteInput,
  Paged,
  TemplateRecord,
  TicketChange,
  TicketRecord,
} from './facadeParts.js';
export { HelpdeskFacade, TemplatesApi, TicketsApi } from './generated/facade.gen.js';
export type { HelpdeskCaller } from './generated/caller.gen.js';
export { HelpdeskApiError } from './helpdeskApiError.js';
export type { HelpdeskRecord } from './records.js';
export * from './generated/fields.gen.js';
// the wire shapes (envelopes, bodies) and the input type of every operation, for `client.call`
export type * from './generated/operations.gen.js';
// the wire shapes, and the constants of the spec's enumerations (`GrantTypeValues`)
export * from './generated/types.gen.js';
// core's error classes (the same classes in both clients), to catch what a call throws
export * from '@regkit/core/errors';
