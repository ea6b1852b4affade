import type { MockRequest, MockResponse } from '../http/server.js';
import { helpdeskRules, HelpdeskRuleError, issueToken, technicianOf } from './rules.js';
import type { HelpdeskState } from './state.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
export const helpdeskError = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): MockResponse => ({ status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) });

function int(value: string | undefined, name: string): number {
  if (value === undefined || !/^-?\d+$/.test(value))
    throw new HelpdeskRuleError(400, `The value '${value ?? ''}' is not valid for ${name}.`);
  return Number(value);
}

/** A page size or number: 0 (everything) or more; a negative one is refused, not read as a page. */
function count(value: string | undefined, name: string): number {
  const n = int(value, name);
  if (n < 0)
    throw new HelpdeskRuleError(
      400,
      `The value '${value ?? ''}' is not valid for ${name}: it must be 0 or more.`,
    );
  return n;
}

/** -1 (the whole text, as documented) or a length of 0 or more. */
function maxContentLength(value: string): number {
  const n = int(value, 'maxContentLength');
  if (n < -1)
    throw new HelpdeskRuleError(
      400,
      `The value '${value}' is not valid for maxContentLength: it must be -1 or more.`,
    );
  return n;
}

function jsonBody(request: MockRequest): Record<string, unknown> | undefined {
  if (!request.body.trim()) return undefined;
  const type = String(request.headers['content-type'] ?? '');
  if (!type.includes('json'))
    throw new HelpdeskRuleError(
      415,
      `The request entity's media type '${type || '(none)'}' is not supported for this resource.`,
    );
  try {
    const value = JSON.parse(request.body) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new HelpdeskRuleError(400, 'The request body is not a valid JSON object.');
  }
}

function bool(value: string | null): boolean {
  if (value === null) return false;
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new HelpdeskRuleError(400, `The value '${value}' is not valid for SystemNote.`);
}

/** The operation id (from the Track-It! spec) a request would run, or undefined. */
export function helpdeskOperationOf(request: MockRequest): string | undefined {
  const parts = request.url.pathname.split('/').filter(Boolean).slice(2);
  const [resource, a, b] = parts;
  const m = request.method;
  if (resource === 'token' && parts.length === 1) return 'requestToken';
  if (resource?.toLowerCase() !== 'tickets') return undefined;
  if (parts.length === 1) return m === 'POST' ? 'createTicket' : undefined;
  if (a === 'Templates' && parts.length === 2) return 'listTicketTemplates';
  if (a === 'Note' && parts.length === 3) return 'getNote';
  if (parts.length === 2) return m === 'GET' ? 'getTicket' : 'updateTicket';
  const byName: Record<string, string> = {
    Notes: 'listTicketNotes',
    Attachments: 'listTicketAttachments',
    Assignments: 'listTicketAssignments',
    ChangeStatus: 'changeTicketStatus',
    AddNote: 'addTicketNote',
    Close: 'closeTicket',
    Delete: 'deleteTicket',
  };
  return b ? byName[b] : undefined;
}

/** Answers one Track-It! Web API request against the state. */
export function handleHelpdeskRequest(state: HelpdeskState, request: MockRequest): MockResponse {
  try {
    const parts = request.url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts.some((p) => [...p].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)))
      throw new HelpdeskRuleError(400, 'The URL path contains a control character.');
    if (parts[0]?.toLowerCase() !== 'trackit' || parts[1]?.toLowerCase() !== 'webapi')
      throw new HelpdeskRuleError(
        404,
        `No HTTP resource was found that matches the request URI '${request.url.pathname}'.`,
      );
    const [resource, a, b, c, d] = parts.slice(2);
    const m = request.method;
    const path = parts.slice(2).join('/');
    if (resource === 'token' && parts.length === 3) {
      if (m !== 'POST')
        throw new HelpdeskRuleError(405, 'The requested resource does not support this method.');
      if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
        throw new HelpdeskRuleError(
          400,
          'The token request must be form-encoded (application/x-www-form-urlencoded).',
          'invalid_request',
        );
      return helpdeskError(200, issueToken(state, new URLSearchParams(request.body)), {
        'cache-control': 'no-store',
      });
    }
    if (resource?.toLowerCase() !== 'tickets')
      throw new HelpdeskRuleError(
        404,
        `No HTTP resource was found that matches the request URI '${request.url.pathname}'.`,
      );
    const tech = technicianOf(
      state,
      typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined,
    );
    const q = request.url.searchParams;
    let result: unknown;
    if (m === 'GET' && a === 'Templates' && !b) result = helpdeskRules.templates(state, tech);
    else if (m === 'GET' && a === 'Note' && b && !c)
      result = helpdeskRules.note(state, tech, int(b, 'noteId'));
    else if (m === 'POST' && !a) result = helpdeskRules.createTicket(state, tech, jsonBody(request));
    else if (a && /^-?\d+$/.test(a)) {
      const id = int(a, 'id');
      if (m === 'GET' && !b) result = helpdeskRules.getTicket(state, tech, id);
      else if (m === 'POST' && !b) result = helpdeskRules.updateTicket(state, tech, id, jsonBody(request));
      else if (m === 'GET' && b === 'Notes' && c !== undefined && d !== undefined && parts.length === 7) {
        const max = q.get('maxContentLength');
        result = helpdeskRules.notes(
          state,
          tech,
          id,
          count(c, 'pageSize'),
          count(d, 'pageNumber'),
          bool(q.get('SystemNote')),
          max === null ? -1 : maxContentLength(max),
        );
      } else if (
        m === 'GET' &&
        b === 'Attachments' &&
        c !== undefined &&
        d !== undefined &&
        parts.length === 7
      )
        result = helpdeskRules.attachments(state, tech, id, count(c, 'pageSize'), count(d, 'pageNumber'));
      else if (m === 'GET' && b === 'Assignments' && c !== undefined && d !== undefined && parts.length === 7)
        result = helpdeskRules.assignments(state, tech, id, count(c, 'pageSize'), count(d, 'pageNumber'));
      else if (m === 'POST' && b === 'ChangeStatus' && !c)
        result = helpdeskRules.changeStatus(state, tech, id, jsonBody(request));
      else if (m === 'POST' && b === 'AddNote' && !c)
        result = helpdeskRules.addNote(state, tech, id, jsonBody(request));
      else if (m === 'POST' && b === 'Close' && !c)
        result = helpdeskRules.close(state, tech, id, jsonBody(request));
      else if (m === 'POST' && b === 'Delete' && !c) result = helpdeskRules.delete(state, tech, id);
    }
    if (result === undefined)
      throw new HelpdeskRuleError(
        m === 'GET' || m === 'POST' ? 404 : 405,
        m === 'GET' || m === 'POST'
          ? `No HTTP resource was found that matches the request URI '${path}'.`
          : 'The requested resource does not support this method.',
      );
    return helpdeskError(200, result);
  } catch (error) {
    if (error instanceof HelpdeskRuleError)
      return helpdeskError(
        error.status,
        error.body(),
        error.status === 401 ? { 'www-authenticate': 'Bearer' } : {},
      );
    if (error instanceof URIError)
      return helpdeskError(400, { Message: 'The URL is not correctly percent-encoded.' });
    throw error;
  }
}
