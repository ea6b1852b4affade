import type { Message, Ticket, TicketInput } from '@regkit/arin-client/payloads';
import { generatedAttachment } from '../attachmentContent.js';
import { ArinRuleError, notFound, Problems } from '../errors.js';
import { charge, sizeOf } from '../limits.js';
import type { MessageRecord, PendingAction, TicketRecord } from '../state.js';
import { canUseOrg, type Caller } from './access.js';

const TERMINAL = new Set(['RESOLVED', 'CLOSED']);

function ticketDate(now: string): string {
  return now.slice(0, 10).replace(/-/g, '');
}

export function openTicket(
  caller: Caller,
  type: string,
  pending: PendingAction | undefined,
  orgHandle: string | undefined,
  subject: string,
  text: string[] = [],
): TicketRecord {
  const now = caller.state.now();
  const ticketNo = `${ticketDate(now)}-X${caller.state.counters.ticket++}`;
  const ticket: TicketRecord = {
    ticketNo,
    webTicketType: type,
    webTicketStatus: 'PENDING_REVIEW',
    createdDate: now,
    updatedDate: now,
    ...(orgHandle ? { orgHandle } : {}),
    shared: false,
    webUserId: caller.webUser.id,
    messages: [
      {
        messageId: 1,
        createdDate: now,
        subject,
        text: text.length ? text : [subject],
        category: 'NONE',
        attachments: [],
      },
    ],
    ...(pending ? { pending } : {}),
  };
  charge(caller.state, sizeOf(ticket));
  caller.state.tickets.set(ticketNo, ticket);
  return ticket;
}

function messagePayload(m: MessageRecord): Message {
  return {
    messageId: m.messageId,
    createdDate: m.createdDate,
    ...(m.subject ? { subject: m.subject } : {}),
    text: m.text,
    category: m.category,
    attachmentReferences: m.attachments.map((a) => ({ attachmentFilename: a.filename, attachmentId: a.id })),
  };
}

/** A ticket as ARIN returns it: with messages, message references, or neither (summary). */
export function ticketPayload(t: TicketRecord, mode: 'messages' | 'msgRefs' | 'summary'): Ticket {
  return {
    ...(mode === 'messages' && t.messages.length ? { messages: t.messages.map(messagePayload) } : {}),
    ...(mode === 'msgRefs'
      ? {
          messageReferences: t.messages.map((m) => ({
            messageId: m.messageId,
            attachmentReferences: m.attachments.map((a) => ({
              attachmentFilename: a.filename,
              attachmentId: a.id,
            })),
          })),
        }
      : {}),
    ticketNo: t.ticketNo,
    shared: t.shared,
    ...(t.orgHandle ? { orgHandle: t.orgHandle } : {}),
    createdDate: t.createdDate,
    ...(t.resolvedDate ? { resolvedDate: t.resolvedDate } : {}),
    ...(t.closedDate ? { closedDate: t.closedDate } : {}),
    updatedDate: t.updatedDate,
    webTicketType: t.webTicketType,
    webTicketStatus: t.webTicketStatus,
    ...(t.webTicketResolution ? { webTicketResolution: t.webTicketResolution } : {}),
  };
}

export function getTicketOr404(caller: Caller, ticketNo: string): TicketRecord {
  const ticket = caller.state.tickets.get(ticketNo);
  // Tickets are private (unlike the Whois-visible objects): another account's answers as a missing one.
  if (
    !ticket ||
    (ticket.webUserId !== caller.webUser.id &&
      !canUseOrg(caller, ticket.orgHandle ? caller.state.orgs.get(ticket.orgHandle) : undefined))
  )
    throw notFound('ticket', ticketNo);
  return ticket;
}

function matches(filter: string | undefined, value: string, open?: boolean): boolean {
  if (filter === undefined || filter === 'ANY') return true;
  if (filter === 'ANY_OPEN') return open ?? value !== 'CLOSED';
  return filter === value;
}

export interface AttachmentContent {
  readonly filename: string;
  readonly bytes: Uint8Array;
}

export const ticketRules = {
  get(caller: Caller, ticketNo: string, msgRefs: boolean): Ticket {
    const ticket = getTicketOr404(caller, ticketNo);
    if (!msgRefs) {
      const bytes = ticket.messages.reduce(
        (sum, m) => sum + m.attachments.reduce((s, a) => s + a.sizeBytes, 0),
        0,
      );
      if (bytes > caller.state.settings.ticketAttachmentLimitBytes) {
        // "The error payload will give you the actual size limit you've reached."
        const limit = caller.state.settings.ticketAttachmentLimitBytes;
        throw new ArinRuleError(
          413,
          'E_BAD_REQUEST',
          `The attachments of ticket ${ticketNo} total ${bytes} bytes, over the attachment size limit of ${limit} bytes; request the ticket with msgRefs=true and read each message with Get Message.`,
          [{ name: 'attachmentSizeLimit', message: `${limit}` }],
        );
      }
    }
    return ticketPayload(ticket, msgRefs ? 'msgRefs' : 'messages');
  },

  summary: (caller: Caller, ticketNo: string): Ticket =>
    ticketPayload(getTicketOr404(caller, ticketNo), 'summary'),

  list(
    caller: Caller,
    type: string | undefined,
    status: string | undefined,
    withMessages: boolean,
  ): Ticket[] {
    return [...caller.state.tickets.values()]
      .filter(
        (t) =>
          t.webUserId === caller.webUser.id ||
          canUseOrg(caller, t.orgHandle ? caller.state.orgs.get(t.orgHandle) : undefined),
      )
      .filter((t) => matches(type, t.webTicketType) && matches(status, t.webTicketStatus))
      .map((t) => ticketPayload(t, withMessages ? 'messages' : 'summary'));
  },

  message(caller: Caller, ticketNo: string, messageId: string): Message {
    const ticket = getTicketOr404(caller, ticketNo);
    const message = ticket.messages.find((m) => String(m.messageId) === messageId);
    if (!message) throw notFound('message', `${messageId} of ticket ${ticketNo}`);
    return messagePayload(message);
  },

  addMessage(caller: Caller, ticketNo: string, payload: Message): Message {
    const ticket = getTicketOr404(caller, ticketNo);
    const problems = new Problems();
    if (ticket.webTicketStatus === 'CLOSED')
      problems.add('ticket', `Ticket ${ticketNo} is CLOSED; messages cannot be added.`);
    if (!payload.text?.some((l) => l.trim())) problems.add('text', 'Message text is required.');
    if (payload.messageId !== undefined)
      problems.add('messageId', 'messageId is assigned by ARIN and cannot be sent.');
    if (payload.attachmentReferences !== undefined)
      problems.add('attachmentReferences', 'Attachment references cannot be sent; send attachments.');
    (payload.attachments ?? []).forEach((a, i) => {
      if (!a.filename?.trim()) problems.add(`attachments[${i}].filename`, 'File name is required.');
      if (a.data === undefined) problems.add(`attachments[${i}].data`, 'Attachment data is required.');
    });
    problems.throwIfAny();
    const now = caller.state.now();
    const record: MessageRecord = {
      messageId: Math.max(0, ...ticket.messages.map((m) => m.messageId)) + 1,
      createdDate: now,
      ...(payload.subject ? { subject: payload.subject } : {}),
      text: payload.text ?? [],
      category: payload.category ?? 'NONE',
      attachments: (payload.attachments ?? []).map((a) => ({
        id: (caller.state.counters.attachment++).toString(16).padStart(32, '0'),
        filename: a.filename ?? '',
        data: a.data ?? '',
        sizeBytes: Buffer.from(a.data ?? '', 'base64').length,
      })),
    };
    charge(caller.state, sizeOf(record));
    ticket.messages.push(record);
    ticket.updatedDate = now;
    return messagePayload(record);
  },

  /** A37: only the status may change, and only from RESOLVED to CLOSED. */
  update(caller: Caller, ticketNo: string, payload: TicketInput): Ticket {
    const ticket = getTicketOr404(caller, ticketNo);
    const current = ticketPayload(ticket, 'summary') as unknown as Record<string, unknown>;
    const problems = new Problems();
    if (payload.ticketNo !== undefined && payload.ticketNo !== ticketNo)
      problems.add('ticketNo', 'ticketNo cannot be modified.');
    for (const [field, value] of Object.entries(payload)) {
      if (
        ['ticketNo', 'webTicketStatus', 'messages', 'messageReferences'].includes(field) ||
        value === undefined
      )
        continue;
      if (JSON.stringify(value) !== JSON.stringify(current[field]))
        problems.add(field, `${field} cannot be modified; only webTicketStatus can.`);
    }
    if (payload.messages?.length || payload.messageReferences?.length)
      problems.add('messages', 'Messages cannot be modified; add them with the add-message call.');
    if (payload.webTicketStatus !== undefined && payload.webTicketStatus !== ticket.webTicketStatus) {
      if (payload.webTicketStatus !== 'CLOSED')
        problems.add('webTicketStatus', 'webTicketStatus can only be changed to CLOSED.');
      else if (ticket.webTicketStatus !== 'RESOLVED')
        problems.add(
          'webTicketStatus',
          `Only a RESOLVED ticket can be CLOSED; this one is ${ticket.webTicketStatus}.`,
        );
    }
    problems.throwIfAny();
    if (payload.webTicketStatus === 'CLOSED' && ticket.webTicketStatus === 'RESOLVED') {
      ticket.webTicketStatus = 'CLOSED';
      ticket.closedDate = ticket.updatedDate = caller.state.now();
    }
    return ticketPayload(ticket, 'summary');
  },

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

export const isTerminal = (t: TicketRecord) => TERMINAL.has(t.webTicketStatus);
