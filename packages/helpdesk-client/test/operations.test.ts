import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HelpdeskApiError, ValidationError, type HelpdeskClient } from '../src/index.js';
import { HelpdeskTicketNoteField } from '../src/payloads.js';
import { FRED, helpdeskHarness, VIEWER } from './harness.js';

let h: Awaited<ReturnType<typeof helpdeskHarness>>;
let client: HelpdeskClient;
beforeEach(async () => {
  h = await helpdeskHarness();
  client = h.client;
});
afterEach(() => h.close());

const note = { type: 'Technician Note', activityCode: 'Research', text: 'Looked into it.' };

describe('H0 token', () => {
  it('asks for a token once, form-encoded, and sends it as a bearer token', async () => {
    await client.tickets.get(1001);
    await client.tickets.get(1002);
    const [token, ...rest] = h.exchanges;
    expect(h.line(token!)).toBe('POST /token');
    expect(token!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
      grant_type: 'password',
      username: 'HELP DESK\\JSMITH',
      password: 'trackit-demo-1',
    });
    const accessToken = (JSON.parse(token!.responseBody) as { access_token: string }).access_token;
    expect(rest.map((e) => e.headers.get('authorization'))).toEqual([
      `Bearer ${accessToken}`,
      `Bearer ${accessToken}`,
    ]);
    expect(h.tokenRequests()).toBe(1);
  });

  it('bad credentials are a HelpdeskApiError invalid_grant without the password in it', async () => {
    const bad = await helpdeskHarness({ username: 'HELP DESK\\JSMITH', password: 'wrong-password-123' });
    try {
      const error = (await bad.client.tickets.get(1001).catch((e: unknown) => e)) as HelpdeskApiError;
      expect(error).toBeInstanceOf(HelpdeskApiError);
      expect(error).toMatchObject({ status: 400, oauthError: 'invalid_grant' });
      expect(`${error.message}${JSON.stringify(error)}${String(error)}`).not.toContain('wrong-password-123');
    } finally {
      await bad.close();
    }
  });
});

describe('tickets', () => {
  it('H1 getTicket decodes by sequence number, keeps unknown fields and the raw map', async () => {
    const t = await client.tickets.get(1001);
    expect(h.line(h.last())).toBe('GET /tickets/1001');
    expect(t).toMatchObject({
      id: 1001,
      summary: 'Core router CPU alarms',
      assignedToGroup: 'NETWORK',
      status: 'Open',
      priority: '2 - High',
      category: 'Network',
    });
    expect(t.unknownFields).toMatchObject({
      '501': { sequence: 501, displayName: 'Circuit ID', value: 'CKT-0042' },
    });
    expect(t.raw['22']).toMatchObject({ Value: 'Core router CPU alarms' });
  });

  it('H9 createTicket sends Properties keyed by display name and returns the new ticket', async () => {
    const t = await client.tickets.create({
      summary: 'New link to branch office',
      assignedToGroup: 'NETWORK',
      priority: '3 - Medium',
    });
    const e = h.last();
    expect(h.line(e)).toBe('POST /tickets');
    expect(JSON.parse(e.body)).toEqual({
      Properties: {
        'Ticket Summary': 'New link to branch office',
        'Assigned To Group': 'NETWORK',
        Priority: '3 - Medium',
      },
    });
    expect(t.id).toBe(1004);
    expect((await client.tickets.get(1004)).summary).toBe('New link to branch office');
  });

  it('H9 createTicket keyed by sequence number on request', async () => {
    await client.tickets.create({ summary: 'By sequence' }, { keyBy: 'sequence' });
    expect(JSON.parse(h.last().body)).toEqual({ Properties: { '22': 'By sequence' } });
  });

  it('a read-only field is refused before sending', async () => {
    const before = h.exchanges.length;
    await expect(client.tickets.create({ status: 'Open', lastUser: 'x' } as never)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(h.exchanges.length).toBe(before);
  });

  it('H2 updateTicket changes fields and adds the note', async () => {
    const change = await client.tickets.update(1001, { priority: '1 - Critical' }, { note });
    const e = h.last();
    expect(h.line(e)).toBe('POST /tickets/1001');
    expect(JSON.parse(e.body)).toEqual({
      Properties: { Priority: '1 - Critical' },
      OptionalParams: {
        Note: { 'Note Type': 'Technician Note', 'Activity Code': 'Research', Note: 'Looked into it.' },
      },
    });
    expect(change.ticket.priority).toBe('1 - Critical');
    expect(change.note?.note).toBe('Looked into it.');
  });

  it('H7 changeTicketStatus sets a known status; an unknown one is a 400 and changes nothing', async () => {
    const change = await client.tickets.changeStatus(1001, 'In Progress', { note });
    expect(h.line(h.last())).toBe('POST /tickets/1001/ChangeStatus');
    expect(JSON.parse(h.last().body)).toMatchObject({
      StatusName: 'In Progress',
      Note: { Note: 'Looked into it.' },
    });
    expect(change.ticket.status).toBe('In Progress');
    await expect(client.tickets.changeStatus(1001, 'Teleported')).rejects.toMatchObject({ status: 400 });
    expect((await client.tickets.get(1001)).status).toBe('In Progress');
  });

  it('H7 changeTicketStatus: "the Note Type and Activity Code are required, while Note is optional"', async () => {
    const change = await client.tickets.changeStatus(1001, 'In Progress', {
      note: { type: 'Technician Note', activityCode: 'Research' },
    });
    expect(JSON.parse(h.last().body)).toEqual({
      StatusName: 'In Progress',
      Note: { 'Note Type': 'Technician Note', 'Activity Code': 'Research' },
    });
    expect(change.ticket.status).toBe('In Progress');
    expect(change.note?.noteType).toBe('Technician Note');
  });

  it('H10 closeTicket sets the default Closed status', async () => {
    const change = await client.tickets.close(1002, {
      note: { ...note, type: 'Ticket Resolution', text: 'Cleared.' },
    });
    expect(h.line(h.last())).toBe('POST /tickets/1002/Close');
    expect(change.ticket.status).toBe('Closed');
  });

  it('H11 deleteTicket: success, then 404', async () => {
    await client.tickets.delete(1002);
    expect(h.line(h.last())).toBe('POST /tickets/1002/Delete');
    expect(JSON.parse(h.last().responseBody)).toEqual({ success: true });
    await expect(client.tickets.get(1002)).rejects.toMatchObject({ status: 404 });
  });
});

describe('notes, attachments, assignments, templates', () => {
  it('H8 addTicketNote requires a note type and an allowed activity code', async () => {
    const change = await client.tickets.addNote(1001, { ...note, duration: '00:15', private: true });
    expect(h.line(h.last())).toBe('POST /tickets/1001/AddNote');
    expect(JSON.parse(h.last().body)).toEqual({
      'Note Type': 'Technician Note',
      'Activity Code': 'Research',
      Note: 'Looked into it.',
      Duration: '00:15',
      Private: true,
    });
    expect(change.note).toMatchObject({ note: 'Looked into it.' });
    await expect(client.tickets.addNote(1001, { ...note, activityCode: 'Dancing' })).rejects.toMatchObject({
      status: 400,
    });
    await expect(client.tickets.addNote(1001, { ...note, type: '' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('H4 listTicketNotes pages with for await; user notes only by default, system notes on request', async () => {
    const seen: string[] = [];
    for await (const n of client.tickets.notes(1001, { pageSize: 1 })) seen.push(n.note ?? '');
    expect(seen).toEqual(['Checked the router; a BGP session is flapping.', 'Vendor case 7781 opened.']);
    expect(h.exchanges.filter((e) => e.url.pathname.includes('/Notes/')).map((e) => h.line(e))).toEqual([
      'GET /tickets/1001/Notes/1/1?maxContentLength=-1&SystemNote=false',
      'GET /tickets/1001/Notes/1/2?maxContentLength=-1&SystemNote=false',
    ]);
    const all = await client.tickets.notes(1001, { systemNotes: true }).all();
    expect(all).toHaveLength(3);
    const short = await client.tickets.notes(1001, { maxContentLength: 7 }).all();
    expect(short.map((n) => n.note)).toEqual(['Checked', 'Vendor ']);
  });

  it('H5 getNote', async () => {
    const [first] = await client.tickets.notes(1001).all();
    const n = await client.tickets.note(first!.id!);
    expect(h.line(h.last())).toBe(`GET /tickets/Note/${first!.id}`);
    expect(n.note).toBe('Checked the router; a BGP session is flapping.');
    // field 6 "Ticket ID" by its catalogue name; its sequence number stays reachable
    expect(n.ticketId).toBe(1001);
    expect(HelpdeskTicketNoteField.ticketId).toBe(6);
    expect(Object.keys(n)).not.toContain('id6');
  });

  it('H3 listTicketAttachments and H6 listTicketAssignments', async () => {
    const attachments = await client.tickets.attachments(1001).all();
    expect(h.line(h.last())).toBe('GET /tickets/1001/Attachments/50/1');
    expect(attachments).toEqual([
      expect.objectContaining({ fileName: 'cpu-graph.png', fileType: 'image/png' }),
    ]);
    const assignments = await client.tickets.assignments(1001).all();
    expect(h.line(h.last())).toBe('GET /tickets/1001/Assignments/50/1');
    expect(assignments).toEqual([expect.objectContaining({ summary: 'Replace line card', ticketId: 1001 })]);
    expect(attachments.every((a) => a.ticketId === 1001)).toBe(true);
    expect(await client.tickets.attachments(1002).all()).toEqual([]);
  });

  it('H12 listTicketTemplates returns only active templates', async () => {
    const templates = await client.templates.list();
    expect(h.line(h.last())).toBe('GET /tickets/Templates');
    expect(templates.map((t) => t.name).sort()).toEqual(['Network Outage', 'New Hire']);
  });
});

describe('permissions and data segregation', () => {
  it('a technician without Create Ticket gets 403 and nothing is created', async () => {
    const viewer = await helpdeskHarness(VIEWER);
    try {
      await expect(viewer.client.tickets.create({ summary: 'nope' })).rejects.toMatchObject({ status: 403 });
      expect(viewer.mock.state().tickets.size).toBe(3);
    } finally {
      await viewer.close();
    }
  });

  it('a technician does not see tickets of groups they are not in', async () => {
    const fred = await helpdeskHarness(FRED);
    try {
      expect((await fred.client.tickets.get(1003)).summary).toBe('Broken door lock');
      const error = await fred.client.tickets.get(1001).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HelpdeskApiError);
      expect([403, 404]).toContain((error as HelpdeskApiError).status);
    } finally {
      await fred.close();
    }
  });
});
