// Rules taken word for word from the Track-It! document (seed 003), and the state the mock keeps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHelpdeskMock, type HelpdeskMock } from '../src/index.js';
import { callApi, techToken } from './helpdeskHttp.js';

let mock: HelpdeskMock;
beforeEach(async () => {
  mock = await startHelpdeskMock();
});
afterEach(() => mock.close());

const call = (method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
  callApi(mock.baseUrl, method, path, options);

const token = () => techToken(mock.baseUrl);

describe('seed 003: change status and close', () => {
  it('ChangeStatus: "the Note Type and Activity Code are required, while Note is optional"', async () => {
    const t = await token();
    const r = await call('POST', '/tickets/1001/ChangeStatus', {
      token: t,
      body: {
        StatusName: 'In Progress',
        Note: { 'Note Type': 'Technician Note', 'Activity Code': 'Research' },
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.Ticket['96']).toEqual({ DisplayName: 'Status', Value: 'In Progress' });
    expect(r.body.TicketNote['26']).toEqual({ DisplayName: 'Note Type', Value: 'Technician Note' });
    expect(r.body.TicketNote['5']).toBeUndefined();
    const noType = await call('POST', '/tickets/1001/ChangeStatus', {
      token: t,
      body: { StatusName: 'Open', Note: { 'Activity Code': 'Research', Note: 'x' } },
    });
    expect(noType).toEqual({
      status: 400,
      body: {
        Message: 'The request is invalid: body.Note.Note Type is required.',
        ModelState: { 'body.Note.Note Type': ['is required'] },
      },
    });
    expect(mock.state().tickets.get(1001)?.[96]).toBe('In Progress');
  });

  it('Close: "(required) closeInput": a POST without a body is a 400 and the ticket stays open', async () => {
    const t = await token();
    const r = await call('POST', '/tickets/1001/Close', { token: t });
    expect(r).toEqual({ status: 400, body: { Message: 'The closeInput body is required.' } });
    expect(mock.state().tickets.get(1001)?.[96]).toBe('Open');
    expect((await call('POST', '/tickets/1001/Close', { token: t, body: {} })).status).toBe(200);
  });
});

describe('helpdesk state', () => {
  it("Delete removes only the ticket's own attachments, not those whose file size equals its ID", async () => {
    const t = await token();
    const state = mock.state();
    // An attachment of ticket 1001 whose size (field 6) equals ticket 1002's ID.
    state.attachments.set(99999, { 1: 99999, 5: 1001, 6: 1002, 7: 'size-1002.txt', 8: 'text/plain' });
    const before = [...state.attachments.values()].filter((a) => a[5] === 1001).length;
    expect((await call('POST', '/tickets/1002/Delete', { token: t })).body).toEqual({ success: true });
    expect([...state.attachments.values()].filter((a) => a[5] === 1001).length).toBe(before);
    expect(state.attachments.has(99999)).toBe(true);
  });

  it('paging: "If zero is specified … all records are retrieved"; a negative page size or number is a 400', async () => {
    const t = await token();
    expect((await call('GET', '/tickets/1001/Notes/0/0', { token: t })).status).toBe(200);
    for (const page of ['-1/1', '1/-1', '-5/-5'])
      for (const list of ['Notes', 'Attachments', 'Assignments']) {
        const r = await call('GET', `/tickets/1001/${list}/${page}`, { token: t });
        expect(r.status).toBe(400);
        expect(r.body.Message).toMatch(/must be 0 or more/);
      }
  });

  it('field limits and the storage cap refuse growth with a clear error and store nothing', async () => {
    await mock.close();
    mock = await startHelpdeskMock({ settings: { maxFieldLength: 100, maxStoredBytes: 3000 } });
    const t = await token();
    const long = await call('POST', '/tickets', {
      token: t,
      body: { Properties: { 'Ticket Summary': 'x'.repeat(101) } },
    });
    expect(long.status).toBe(400);
    expect(long.body.Message).toContain('at most 100 are allowed');
    const note = { 'Note Type': 'Technician Note', 'Activity Code': 'Research', Note: 'y'.repeat(900) };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call('POST', '/tickets/1001/AddNote', { token: t, body: note })).status);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses.at(-1)).toBe(413);
    const notes = mock.state().notes.size;
    const r = await call('POST', '/tickets/1001/AddNote', { token: t, body: note });
    expect(r.body.Message).toContain('storage cap of 3000 bytes');
    expect(mock.state().notes.size).toBe(notes);
  });
});
