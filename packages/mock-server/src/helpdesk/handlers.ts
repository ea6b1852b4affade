import type { HelpdeskOperationId, HelpdeskOperationTypes } from '@regkit/helpdesk-client/payloads';
import type { MockRequest } from '../http/server.js';
import { helpdeskRules, HelpdeskRuleError, issueToken } from './rules.js';
import type { HelpdeskState, Technician } from './state.js';

export interface HelpdeskHandlerContext {
  readonly state: HelpdeskState;
  /** The technician of the bearer token (a 401 when there is none). */
  readonly tech: () => Technician;
  /** The JSON body, checked by the rules themselves (the helpdesk answers its own messages). */
  readonly body: Record<string, unknown> | undefined;
  readonly request: MockRequest;
  /** Response headers to add. */
  readonly headers: Record<string, string>;
}

/** The rule of one operation: its generated parameters in (typed per the descriptor), its generated output out. */
export type HelpdeskHandler<K extends HelpdeskOperationId> = (
  input: Omit<HelpdeskOperationTypes[K]['input'], 'body'>,
  ctx: HelpdeskHandlerContext,
) => HelpdeskOperationTypes[K]['output'];

export type HelpdeskHandlers = { readonly [K in HelpdeskOperationId]?: HelpdeskHandler<K> };

/** A page size or number: 0 (everything) or more; a negative one is refused, not read as a page. */
function count(value: number, name: string): number {
  if (value < 0)
    throw new HelpdeskRuleError(400, `The value '${value}' is not valid for ${name}: it must be 0 or more.`);
  return value;
}

/** -1 (the whole text, as documented) or a length of 0 or more. */
function maxContentLength(value: number | undefined): number {
  if (value === undefined) return -1;
  if (value < -1)
    throw new HelpdeskRuleError(
      400,
      `The value '${value}' is not valid for maxContentLength: it must be -1 or more.`,
    );
  return value;
}

/** The mock's rules by operationId. */
export const helpdeskHandlers: HelpdeskHandlers = {
  requestToken: (_i, c) => {
    if (!String(c.request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      throw new HelpdeskRuleError(
        400,
        'The token request must be form-encoded (application/x-www-form-urlencoded).',
        'invalid_request',
      );
    c.headers['cache-control'] = 'no-store';
    return issueToken(c.state, new URLSearchParams(c.request.body));
  },
  getTicket: (i, c) => helpdeskRules.getTicket(c.state, c.tech(), i.id),
  updateTicket: (i, c) => helpdeskRules.updateTicket(c.state, c.tech(), i.id, c.body),
  listTicketAttachments: (i, c) =>
    helpdeskRules.attachments(
      c.state,
      c.tech(),
      i.id,
      count(i.pageSize, 'pageSize'),
      count(i.pageNumber, 'pageNumber'),
    ),
  listTicketNotes: (i, c) =>
    helpdeskRules.notes(
      c.state,
      c.tech(),
      i.id,
      count(i.pageSize, 'pageSize'),
      count(i.pageNumber, 'pageNumber'),
      i.systemNote ?? false,
      maxContentLength(i.maxContentLength),
    ),
  getNote: (i, c) => helpdeskRules.note(c.state, c.tech(), i.noteId),
  listTicketAssignments: (i, c) =>
    helpdeskRules.assignments(
      c.state,
      c.tech(),
      i.id,
      count(i.pageSize, 'pageSize'),
      count(i.pageNumber, 'pageNumber'),
    ),
  changeTicketStatus: (i, c) => helpdeskRules.changeStatus(c.state, c.tech(), i.id, c.body),
  addTicketNote: (i, c) => helpdeskRules.addNote(c.state, c.tech(), i.id, c.body),
  createTicket: (_i, c) => helpdeskRules.createTicket(c.state, c.tech(), c.body),
  closeTicket: (i, c) => helpdeskRules.close(c.state, c.tech(), i.id, c.body),
  deleteTicket: (i, c) => helpdeskRules.delete(c.state, c.tech(), i.id),
  listTicketTemplates: (_i, c) => helpdeskRules.templates(c.state, c.tech()),
};
