export {
  HelpdeskClient,
  type AssignmentRecord,
  type AttachmentRecord,
  type HelpdeskClientOptions,
  type NoteInput,
  type NoteRecord,
  type NotesOptions,
  type PageOptions,
  type StatusNoteInput,
  type Paged,
  type TemplateRecord,
  type TicketChange,
  type TicketRecord,
} from './helpdeskClient.js';
export { HelpdeskApiError } from './helpdeskApiError.js';
export type { HelpdeskRecord } from './records.js';
export * from './generated/fields.gen.js';
// the wire shapes (envelopes, bodies) and the input type of every operation, for `client.call`
export type * from './generated/operations.gen.js';
export type * from './generated/types.gen.js';
export {
  HttpStatusError,
  NetworkError,
  RegkitError,
  TimeoutError,
  ValidationError,
  DecodeError,
  AbortedError,
  RedirectError,
  ResponseTooLargeError,
  RetryAfterError,
  UnknownOutcomeError,
} from '@regkit/core';
