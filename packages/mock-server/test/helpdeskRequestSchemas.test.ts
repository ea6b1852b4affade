// The mock checks each request body with the generated schema the client checks it with.
import { helpdeskRequestSchemas } from '@regkit/helpdesk-client/payloads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHelpdeskMock, type HelpdeskMock } from '../src/index.js';

let mock: HelpdeskMock;
beforeEach(async () => {
  mock = await startHelpdeskMock();
});
afterEach(() => mock.close());

async function post(path: string, body: string, type: string, token?: string) {
  const res = await fetch(`${mock.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const form = (fields: Record<string, string>) =>
  post('/token', new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
const json = (path: string, body: unknown, token: string) =>
  post(path, JSON.stringify(body), 'application/json', token);

async function token(): Promise<string> {
  const r = await form({ grant_type: 'password', username: 'HELP DESK\\JSMITH', password: 'trackit-demo-1' });
  return (r.body as { access_token: string }).access_token;
}

describe('request bodies against the generated schemas, over HTTP', () => {
  it('a body that breaks its schema is a 400 with the ASP.NET envelope, and nothing changes', async () => {
    const t = await token();
    const notes = mock.state().notes.size;
    const before = structuredClone(mock.state().tickets.get(1001));
    expect(
      await json('/tickets/1001/AddNote', { 'Note Type': 'Technician Note', Note: 7, Private: 'yes' }, t),
    ).toEqual({
      status: 400,
      body: {
        Message:
          'The request is invalid: body.Activity Code is required; body.Note must be of type string; body.Private must be of type boolean.',
        ModelState: {
          'body.Activity Code': ['is required'],
          'body.Note': ['must be of type string'],
          'body.Private': ['must be of type boolean'],
        },
      },
    });
    expect(await json('/tickets/1001', { Properties: ['Summary'] }, t)).toEqual({
      status: 400,
      body: {
        Message: 'The request is invalid: body.Properties must be an object.',
        ModelState: { 'body.Properties': ['must be an object'] },
      },
    });
    expect(await json('/tickets', { OptionalParams: {} }, t)).toEqual({
      status: 400,
      body: {
        Message: 'The request is invalid: body.Properties is required.',
        ModelState: { 'body.Properties': ['is required'] },
      },
    });
    expect(mock.state().notes.size).toBe(notes);
    expect(mock.state().tickets.get(1001)).toEqual(before);
  });

  it('authentication comes first: an invalid body without a token is a 401', async () => {
    const r = await post('/tickets/1001/AddNote', '{}', 'application/json');
    expect(r).toEqual({ status: 401, body: { Message: 'Authorization has been denied for this request.' } });
  });

  it('the token call answers with the OAuth error its spec declares', async () => {
    expect(await form({ grant_type: 'password', username: 'HELP DESK\\JSMITH' })).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'The token request is invalid: body.password is required.',
      },
    });
    expect(await form({ grant_type: 'client_credentials', username: 'U', password: 'p' })).toEqual({
      status: 400,
      body: {
        error: 'unsupported_grant_type',
        error_description:
          'The token request is invalid: body.grant_type must be one of "password", "refresh_token".',
      },
    });
    expect(mock.state().tokens.size).toBe(0);
  });

  it('what the schema accepts, the mock accepts', async () => {
    const t = await token();
    const body = {
      StatusName: 'In Progress',
      Note: { 'Note Type': 'Technician Note', 'Activity Code': 'Research' },
    };
    expect(helpdeskRequestSchemas.changeTicketStatus.safeParse(body).success).toBe(true);
    expect((await json('/tickets/1001/ChangeStatus', body, t)).status).toBe(200);
    expect(mock.state().tickets.get(1001)?.[96]).toBe('In Progress');
  });
});
