import { ValidationError, type CallOptions } from '@regkit/core';
import { ArinApiError } from './arinApiError.js';
import type { ArinCaller } from './generated/caller.gen.js';
import type { AddOrgPocInput, DeletePocPhoneInput, ListTicketsInput } from './generated/operations.gen.js';
import type { Message, PocLinkRef, Roa, Ticket, TicketedRequest } from './generated/types.gen.js';

// Behaviour the spec cannot express; the generated facade (`generated/facade.gen.ts`) calls these.

export type PocFunction = AddOrgPocInput['pocFunction'];
export type PhoneTypeCode = NonNullable<DeletePocPhoneInput['type']>;

export interface TicketFilter {
  /** `ticketType` matrix parameter (IPV4_SIMPLE_REASSIGN, ORG_CREATE, …, ANY): one of the spec's values. */
  readonly type?: ListTicketsInput['ticketType'];
  /** `ticketStatus` matrix parameter (PENDING_REVIEW, RESOLVED, …, ANY, ANY_OPEN): one of the spec's values. */
  readonly status?: ListTicketsInput['ticketStatus'];
}

export interface GetTicketOptions extends CallOptions {
  /** Return message references instead of messages. */
  readonly msgRefs?: boolean;
  /**
   * When ARIN answers 413 (attachments too large), ask again with `msgRefs: true` instead of
   * throwing. Off by default.
   */
  readonly retryWithMsgRefsOnTooLarge?: boolean;
}

/** A31 with the optional retry with message references when the ticket is too large (413). */
export async function getTicketRetrying(
  client: ArinCaller,
  ticketNo: string,
  options: GetTicketOptions = {},
): Promise<Ticket> {
  try {
    return await client.call('getTicket', { ticketNo, msgRefs: options.msgRefs }, options);
  } catch (error) {
    if (
      options.retryWithMsgRefsOnTooLarge &&
      !options.msgRefs &&
      error instanceof ArinApiError &&
      error.status === 413
    )
      return client.call('getTicket', { ticketNo, msgRefs: true }, options);
    throw error;
  }
}

/** A14: one of the POC handle and the function is required (an empty handle is sent as such). */
export async function removeOrgPocChecked(
  client: ArinCaller,
  orgHandle: string,
  pocHandle: string,
  pocFunction?: PocFunction,
  options?: CallOptions,
): Promise<PocLinkRef[]> {
  if (!pocHandle && pocFunction === undefined)
    throw new ValidationError(
      [{ path: 'pocHandle', message: 'give the POC handle, the pocFunction, or both' }],
      { what: 'Invalid request parameter' },
    );
  return client.call('removeOrgPoc', { orgHandle, pocHandle, pocFunction }, options);
}

export const listTicketsFiltered = (
  client: ArinCaller,
  filter: TicketFilter = {},
  options?: CallOptions,
): Promise<Ticket[]> =>
  client.call('listTickets', { ticketType: filter.type, ticketStatus: filter.status }, options);

export const listTicketSummariesFiltered = (
  client: ArinCaller,
  filter: TicketFilter = {},
  options?: CallOptions,
): Promise<Ticket[]> =>
  client.call('listTicketSummaries', { ticketType: filter.type, ticketStatus: filter.status }, options);

export const getTicketMessageById = (
  client: ArinCaller,
  ticketNo: string,
  messageId: string | number,
  options?: CallOptions,
): Promise<Message> => client.call('getTicketMessage', { ticketNo, messageId: String(messageId) }, options);

/**
 * The whole body is held in memory; write it to a file with `fs.writeFile(path, bytes)`.
 */
export const getTicketAttachmentById = (
  client: ArinCaller,
  ticketNo: string,
  messageId: string | number,
  attachmentId: string,
  options?: CallOptions,
): Promise<Uint8Array> =>
  client.call('getTicketAttachment', { ticketNo, messageId: String(messageId), attachmentId }, options);

/** A37 with the one change ARIN accepts: close a RESOLVED ticket. */
export const closeTicket = (client: ArinCaller, ticketNo: string, options?: CallOptions): Promise<Ticket> =>
  client.call('updateTicket', { ticketNo, body: { ticketNo, webTicketStatus: 'CLOSED' } }, options);

/** A44 with `resourceClass` AR unless LR (legacy resources) is asked for. */
export const createSignedRoaAr = (
  client: ArinCaller,
  orgHandle: string,
  roa: Roa,
  options?: CallOptions & { resourceClass?: 'AR' | 'LR' },
): Promise<TicketedRequest> =>
  client.call(
    'createSignedRoa',
    { orgHandle, resourceClass: options?.resourceClass ?? 'AR', body: roa },
    options,
  );

export const requestWhoWasAsnReportOf = (
  client: ArinCaller,
  asNumber: string | number,
  options?: CallOptions,
): Promise<Ticket> => client.call('requestWhoWasAsnReport', { asNumber: String(asNumber) }, options);
