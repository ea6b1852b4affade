export {
  HelpdeskClient,
  type AssignmentRecord,
  type AttachmentRecord,
  type HelpdeskClientOptions,
  type NoteInput,
  type NoteRecord,
  type NotesOptions,
  type PageOptions,
  type Paged,
  type TemplateRecord,
  type TicketChange,
  type TicketRecord,
} from './helpdeskClient.js';
export { HelpdeskApiError } from './helpdeskApiError.js';
export type { HelpdeskRecord } from './records.js';
export * from './generated/fields.gen.js';
export type { FieldMap, FieldValue, TokenResponse } from './generated/types.gen.js';
export {
  HttpStatusError,
  NetworkError,
  RegkitError,
  TimeoutError,
  ValidationError,
  DecodeError,
  AbortedError,
} from '@regkit/core';
