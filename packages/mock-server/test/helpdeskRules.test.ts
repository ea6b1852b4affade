import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHelpdeskMock, type HelpdeskMock } from '../src/index.js';
import { callApi, requestToken, TECH } from './helpdeskHttp.js';

let mock: HelpdeskMock;
const clock = { now: 0 };
beforeEach(async () => {
  clock.now = Date.parse('2026-11-23T10:00:00Z');
  mock = await startHelpdeskMock({ now: () => clock.now, tokenLifetimeSeconds: 300 });
});
afterEach(() => mock.close());

async function token(username = TECH.username, password = TECH.password) {
  const res = await requestToken(mock.baseUrl, { grant_type: 'password', username, password });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const call = (method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
  callApi(mock.baseUrl, method, path, options);

const as = async (user?: [string, string]) => (await token(...(user ?? []))).body.access_token as string;
const note = { 'Note Type': 'Technician Note', 'Activity Code': 'Research', Note: 'n' };

describe('helpdesk token rules', () => {
  it('the token call is form-encoded only', async () => {
    const res = await fetch(`${mock.baseUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'password',
        username: 'HELP DESK\\JSMITH',
        password: 'trackit-demo-1',
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('bad credentials are an OAuth-style 400 invalid_grant', async () => {
    const r = await token('HELP DESK\\JSMITH', 'nope');
    expect(r).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('a token carries its configured lifetime and expires; an expired or missing token is a 401', async () => {
    const r = await token();
    expect(r.body).toMatchObject({ token_type: 'bearer', expires_in: 300 });
    const t = r.body.access_token as string;
    expect((await call('GET', '/tickets/1001', { token: t })).status).toBe(200);
    clock.now += 301_000;
    expect((await call('GET', '/tickets/1001', { token: t })).status).toBe(401);
    expect((await call('GET', '/tickets/1001')).status).toBe(401);
  });
});

describe('helpdesk permission and segregation rules', () => {
  it('a missing permission is a 403', async () => {
    const viewer = await as(['HELP DESK\\VIEWER', 'trackit-demo-2']);
    expect((await call('GET', '/tickets/1002', { token: viewer })).status).toBe(200);
    for (const [m, p, body] of [
      ['POST', '/tickets', { Properties: { 'Ticket Summary': 'x' } }],
      ['POST', '/tickets/1002', { Properties: { Priority: '1 - Critical' } }],
      ['POST', '/tickets/1002/Close', {}],
      ['POST', '/tickets/1002/Delete', undefined],
      ['POST', '/tickets/1002/AddNote', note],
      ['GET', '/tickets/1002/Attachments/0/0', undefined],
      ['GET', '/tickets/1002/Assignments/0/0', undefined],
    ] as const)
      expect((await call(m, p, { token: viewer, body }))?.status, `${m} ${p}`).toBe(403);
    expect(mock.state().tickets.size).toBe(3);
  });

  it('data segregation: a ticket of another group answers exactly as a ticket that does not exist', async () => {
    const fred = await as(['FACILITIES\\FRED', 'trackit-demo-3']);
    expect((await call('GET', '/tickets/1003', { token: fred })).status).toBe(200);
    for (const path of ['', '/Notes/0/0', '/Attachments/0/0']) {
      const hidden = await call('GET', `/tickets/1001${path}`, { token: fred });
      const missing = await call('GET', `/tickets/9999${path}`, { token: fred });
      expect(hidden).toEqual({ status: 404, body: { Message: 'Ticket 1001 does not exist.' } });
      expect(missing).toEqual({ status: 404, body: { Message: 'Ticket 9999 does not exist.' } });
    }
  });
});

describe('helpdesk field rules', () => {
  it('create and update accept display names or sequence numbers', async () => {
    const t = await as();
    const a = await call('POST', '/tickets', {
      token: t,
      body: { Properties: { 'Ticket Summary': 'by name' } },
    });
    const b = await call('POST', '/tickets', { token: t, body: { Properties: { '22': 'by sequence' } } });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const summaries = [...mock.state().tickets.values()].map((v) => v[22]);
    expect(summaries).toEqual(expect.arrayContaining(['by name', 'by sequence']));
  });

  it('an unknown or read-only field is a 400 naming the field and changes nothing', async () => {
    const t = await as();
    const unknown = await call('POST', '/tickets/1001', {
      token: t,
      body: { Properties: { 'Favourite Colour': 'blue' } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.Message).toContain('Favourite Colour');
    const readOnly = await call('POST', '/tickets/1001', {
      token: t,
      body: { Properties: { 'Last User': 'me', Priority: '1 - Critical' } },
    });
    expect(readOnly.status).toBe(400);
    expect(readOnly.body.Message).toContain('Last User');
    expect(mock.state().tickets.get(1001)?.[107]).toBe('2 - High');
  });
});

describe('helpdesk paging and note rules', () => {
  it('page size or number 0 returns everything; no linked records is an empty set', async () => {
    const t = await as();
    const all = await call('GET', '/tickets/1001/Notes/0/0?SystemNote=true', { token: t });
    expect(all.body.TicketNotes).toHaveLength(3);
    expect(all.body.Count).toBe(3);
    const page2 = await call('GET', '/tickets/1001/Notes/2/2?SystemNote=true', { token: t });
    expect(page2.body.TicketNotes).toHaveLength(1);
    const none = await call('GET', '/tickets/1002/Attachments/0/0', { token: t });
    expect(none.body).toMatchObject({ Count: 0, TicketAttachments: [] });
  });

  it('SystemNote=false returns user notes only, private and public; maxContentLength truncates', async () => {
    const t = await as();
    const user = await call('GET', '/tickets/1001/Notes/0/0?SystemNote=false', { token: t });
    expect(user.body.TicketNotes).toHaveLength(2);
    const cut = await call('GET', '/tickets/1001/Notes/0/0?SystemNote=false&maxContentLength=4', {
      token: t,
    });
    expect(cut.body.TicketNotes.map((n: Record<string, { Value: string }>) => n['5']?.Value)).toEqual([
      'Chec',
      'Vend',
    ]);
  });

  it('a note needs Note Type and an allowed Activity Code; duration defaults to 0', async () => {
    const t = await as();
    expect((await call('POST', '/tickets/1001/AddNote', { token: t, body: { Note: 'x' } })).status).toBe(400);
    expect(
      (
        await call('POST', '/tickets/1001/AddNote', {
          token: t,
          body: { ...note, 'Activity Code': 'Juggling' },
        })
      ).status,
    ).toBe(400);
    const before = mock.state().notes.size;
    const ok = await call('POST', '/tickets/1001/AddNote', { token: t, body: note });
    expect(ok.status).toBe(200);
    expect(mock.state().notes.size).toBe(before + 1);
    const added = [...mock.state().notes.values()].at(-1)!;
    expect(String(added[10])).toMatch(/^0|00:00/);
  });
});

describe('helpdesk status and template rules', () => {
  it('ChangeStatus to an unknown status is a 400; Close sets the default Closed status', async () => {
    const t = await as();
    expect(
      (await call('POST', '/tickets/1001/ChangeStatus', { token: t, body: { StatusName: 'Nope' } })).status,
    ).toBe(400);
    expect(mock.state().tickets.get(1001)?.[96]).toBe('Open');
    expect((await call('POST', '/tickets/1001/Close', { token: t, body: {} })).status).toBe(200);
    expect(mock.state().tickets.get(1001)?.[96]).toBe('Closed');
  });

  it('Delete answers {"success": true} and the ticket is gone', async () => {
    const t = await as();
    const r = await call('POST', '/tickets/1002/Delete', { token: t });
    expect(r).toEqual({ status: 200, body: { success: true } });
    expect((await call('GET', '/tickets/1002', { token: t })).status).toBe(404);
  });

  it('only active templates are listed', async () => {
    const t = await as();
    const r = await call('GET', '/tickets/Templates', { token: t });
    const names = (r.body.TicketTemplates as Record<string, { Value: string }>[]).map((x) => x['3']?.Value);
    expect(names.sort()).toEqual(['Network Outage', 'New Hire']);
  });
});
