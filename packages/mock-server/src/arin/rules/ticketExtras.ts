import { generatedAttachment } from '../attachmentContent.js';
import type { Ticket } from '@regkit/arin-client/payloads';
import { notFound, Problems } from '../errors.js';
import type { Caller } from './context.js';
import { getTicketOr404, ticketPayload, ticketRules } from './ticket.js';

export interface AttachmentContent {
  readonly filename: string;
  readonly bytes: Uint8Array;
}

export const ticketExtraRules = {
  /** "This call returns the contents of the attachment specified in your URL." */
  attachment(caller: Caller, ticketNo: string, messageId: string, attachmentId: string): AttachmentContent {
    const ticket = getTicketOr404(caller, ticketNo);
    const message = ticket.messages.find((m) => String(m.messageId) === messageId);
    if (!message) throw notFound('message', `${messageId} of ticket ${ticketNo}`);
    const attachment = message.attachments.find((a) => a.id === attachmentId);
    if (!attachment) throw notFound('attachment', `${attachmentId} of message ${messageId}`);
    const bytes =
      attachment.seed === undefined
        ? Buffer.from(attachment.data, 'base64')
        : generatedAttachment(attachment.seed, attachment.sizeBytes);
    return { filename: attachment.filename, bytes };
  },

  /**
   * "The only field which is modifiable is the status and it can only be set to CLOSED if the
   * ticket is already RESOLVED. This call does not take a payload."
   */
  setStatus(caller: Caller, ticketNo: string, status: string, msgRefs: boolean): Ticket {
    getTicketOr404(caller, ticketNo);
    if (status !== 'CLOSED')
      new Problems().add('webTicketStatus', 'webTicketStatus can only be changed to CLOSED.').throwIfAny();
    ticketRules.update(caller, ticketNo, { ticketNo, webTicketStatus: status });
    return ticketPayload(getTicketOr404(caller, ticketNo), msgRefs ? 'msgRefs' : 'messages');
  },
};
