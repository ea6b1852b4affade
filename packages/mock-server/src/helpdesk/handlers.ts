import type { HelpdeskOperationId, HelpdeskOperationTypes } from '@regkit/helpdesk-client/payloads';
import type { MockRequest } from '../http/types.js';
import { HelpdeskRuleError } from './errors.js';
import { helpdeskRules, issueToken } from './rules.js';
import type { HelpdeskState, Technician } from './state.js';

export interface HelpdeskHandlerContext {
  readonly state: HelpdeskState;
  /** The technician of the bearer token (a 401 when there is none). */
  readonly tech: () => Technician;
  readonly request: MockRequest;
  /** Response headers to add. */
  readonly headers: Record<string, string>;
}

/**
 * The input of an operation's rule: its parameters (typed per the descriptor) and its body, validated
 * by the operation's generated schema; the body is absent when the request carries none.
 */
export type HelpdeskHandlerInput<K extends HelpdeskOperationId> = Omit<
  HelpdeskOperationTypes[K]['input'],
  'body'
> & {
  readonly body?: HelpdeskOperationTypes[K]['input'] extends { body: infer B } ? B : never;
};

/** The rule of one operation: its generated input in, its generated output out. */
export type HelpdeskHandler<K extends HelpdeskOperationId> = (
  input: HelpdeskHandlerInput<K>,
  ctx: HelpdeskHandlerContext,
) => HelpdeskOperationTypes[K]['output'];

export type HelpdeskHandlers = { readonly [K in HelpdeskOperationId]?: HelpdeskHandler<K> };

/** A rule for every operation of the spec. */
type HelpdeskHandlerTable = { readonly [K in HelpdeskOperationId]: HelpdeskHandler<K> };

/** A page size or number: 0 (everything) or more; a negative one is refused, not read as a page. */
function count(value: number, name: string): number {
  if (value < 0)
    throw new HelpdeskRuleError(400, `The value '${value}' is not valid for ${name}: it must be 0 or more.`);
  return value;
}

/** The page size and number of a listing. */
const paging = (i: { pageSize: number; pageNumber: number }) =>
  [count(i.pageSize, 'pageSize'), count(i.pageNumber, 'pageNumber')] as const;

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
  requestToken: (i, c) => {
    // The form is read only when the request says it is form-encoded.
    if (i.body === undefined)
      throw new HelpdeskRuleError(
        400,
        'The token request must be form-encoded (application/x-www-form-urlencoded).',
        'invalid_request',
      );
    c.headers['cache-control'] = 'no-store';
    return issueToken(c.state, i.body);
  },
  getTicket: (i, c) => helpdeskRules.getTicket(c.state, c.tech(), i.id),
  updateTicket: (i, c) => helpdeskRules.updateTicket(c.state, c.tech(), i.id, i.body),
  listTicketAttachments: (i, c) => helpdeskRules.attachments(c.state, c.tech(), i.id, ...paging(i)),
  listTicketNotes: (i, c) =>
    helpdeskRules.notes(
      c.state,
      c.tech(),
      i.id,
      ...paging(i),
      i.systemNote ?? false,
      maxContentLength(i.maxContentLength),
    ),
  getNote: (i, c) => helpdeskRules.note(c.state, c.tech(), i.noteId),
  listTicketAssignments: (i, c) => helpdeskRules.assignments(c.state, c.tech(), i.id, ...paging(i)),
  changeTicketStatus: (i, c) => helpdeskRules.changeStatus(c.state, c.tech(), i.id, i.body),
  addTicketNote: (i, c) => helpdeskRules.addNote(c.state, c.tech(), i.id, i.body),
  createTicket: (i, c) => helpdeskRules.createTicket(c.state, c.tech(), i.body),
  closeTicket: (i, c) => helpdeskRules.close(c.state, c.tech(), i.id, i.body),
  deleteTicket: (i, c) => helpdeskRules.delete(c.state, c.tech(), i.id),
  listTicketTemplates: (_i, c) => helpdeskRules.templates(c.state, c.tech()),
} satisfies HelpdeskHandlerTable;
