import { fileURLToPath } from 'node:url';
import { HelpdeskClient } from '@regkit/helpdesk-client';
import { startMockServers } from '@regkit/mock-server';
import { afterAll, describe, expect, it } from 'vitest';
import { startPrism, type Prism } from './prism.js';

const spec = fileURLToPath(new URL('../helpdesk/trackit-webapi.openapi.yaml', import.meta.url));
const note = { type: 'Technician Note', activityCode: 'Research', text: 'Checked the cabling.' };
const running: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const r of running.reverse()) await r.stop();
});

/** The first few records of a paged list: enough to exercise one page and its decoding. */
async function firstOf<T>(list: AsyncIterable<T>, n = 3): Promise<T[]> {
  const out: T[] = [];
  for await (const item of list) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}

/** Every helpdesk operation through the client; returns what the reads decoded. */
async function everyOperation(client: HelpdeskClient, ticketId: number) {
  const ticket = await client.tickets.get(ticketId);
  await client.tickets.update(ticketId, { summary: 'Printer jam on floor 2' }, { note });
  await firstOf(client.tickets.attachments(ticketId));
  const notes = await firstOf(client.tickets.notes(ticketId));
  await client.tickets.note(notes[0]?.id ?? 1);
  await firstOf(client.tickets.assignments(ticketId));
  await client.tickets.addNote(ticketId, note);
  const created = await client.tickets.create({ summary: 'Broken door lock' });
  await client.tickets.changeStatus(ticketId, 'In Progress', { note });
  await client.tickets.close(ticketId, { note });
  await client.tickets.delete(created.id ?? ticketId);
  await client.templates.list();
  return { ticket, created };
}

describe('Prism on the helpdesk contract', () => {
  let prism: Prism;

  // A fixed seed keeps the generated answers the same from run to run: the spec types a field
  // map's keys and values but cannot tie a value's type to its sequence number, so an unlucky
  // draw could put a boolean under a catalogued integer field (which the client rightly rejects).
  it("the client completes every operation against Prism's dynamic mock of the spec", async () => {
    prism = await startPrism('mock', ['--dynamic', '--seed', 'a', spec]);
    running.push(prism);
    const client = new HelpdeskClient({
      baseUrl: prism.url,
      username: 'HELP DESK\\JSMITH',
      password: 'trackit-demo-1',
      retry: false,
    });
    const { ticket, created } = await everyOperation(client, 1001);
    expect(typeof ticket).toBe('object');
    expect(typeof created).toBe('object');
    expect(prism.output()).not.toMatch(/Violation: request/);
  }, 120_000);

  it("the client completes every operation against Prism's static mock of the spec", async () => {
    const staticMock = await startPrism('mock', [spec]);
    running.push(staticMock);
    const client = new HelpdeskClient({
      baseUrl: staticMock.url,
      username: 'HELP DESK\\JSMITH',
      password: 'trackit-demo-1',
      retry: false,
    });
    const { ticket, created } = await everyOperation(client, 1001);
    // A static mock answers each operation with the spec's example: the envelope's record.
    expect([ticket.id, ticket.summary]).toEqual([1001, 'Core router CPU alarms']);
    expect(created.id).toBe(1001);
    expect(staticMock.output()).not.toMatch(/Violation: request/);
  }, 120_000);

  it("validates the client's traffic to our mock server with zero violations (proxy mode)", async () => {
    const servers = await startMockServers();
    running.push({ stop: () => servers.close() });
    const proxy = await startPrism('proxy', [spec, servers.helpdesk.baseUrl, '--errors']);
    running.push(proxy);
    const violations: string[] = [];
    const client = new HelpdeskClient({
      baseUrl: proxy.url,
      username: 'HELP DESK\\JSMITH',
      password: 'trackit-demo-1',
      fetch: async (input: string | URL | Request, init?: RequestInit) => {
        const response = await fetch(input, init);
        const header = response.headers.get('sl-violations');
        if (header) violations.push(`${init?.method ?? 'GET'} ${String(input)}: ${header}`);
        return response;
      },
    });
    const { ticket } = await everyOperation(client, 1001);
    expect(ticket.id).toBe(1001);
    expect(violations).toEqual([]);
    expect(proxy.output()).not.toMatch(/Violation:/);
  }, 120_000);
});
