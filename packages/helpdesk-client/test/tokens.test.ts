import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { HelpdeskApiError, HelpdeskClient } from '../src/index.js';
import { helpdeskHarness, JSMITH } from './harness.js';

let h: Awaited<ReturnType<typeof helpdeskHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('token lifecycle', () => {
  it('renews early: a token within renewBeforeMs of expiry is replaced before the call', async () => {
    h = await helpdeskHarness({ renewBeforeMs: 60_000 }, { tokenLifetimeSeconds: 600 });
    await h.client.tickets.get(1001);
    h.clock.now += 530_000; // 70 s left: still used
    await h.client.tickets.get(1001);
    expect(h.tokenRequests()).toBe(1);
    h.clock.now += 20_000; // 50 s left: renewed first
    await h.client.tickets.get(1001);
    expect(h.tokenRequests()).toBe(2);
    expect(h.exchanges.every((e) => e.status === 200)).toBe(true);
  });

  it('100 concurrent calls on an expired token make exactly one token request', async () => {
    h = await helpdeskHarness({}, { tokenLifetimeSeconds: 600 });
    await h.client.tickets.get(1001);
    h.clock.now += 3_600_000;
    const results = await Promise.all(Array.from({ length: 100 }, () => h!.client.tickets.get(1001)));
    expect(results.every((t) => t.id === 1001)).toBe(true);
    expect(h.tokenRequests()).toBe(2);
    expect(h.exchanges.filter((e) => e.status === 401)).toHaveLength(0);
  });

  it('a 401 (token revoked on the server) renews once and retries the call once', async () => {
    h = await helpdeskHarness({}, { tokenLifetimeSeconds: 600 });
    await h.client.tickets.get(1001);
    h.mock.state().tokens.clear();
    const t = await h.client.tickets.get(1002);
    expect(t.id).toBe(1002);
    expect(h.exchanges.map((e) => `${e.status} ${h!.line(e)}`)).toEqual([
      '200 POST /token',
      '200 GET /tickets/1001',
      '401 GET /tickets/1002',
      '200 POST /token',
      '200 GET /tickets/1002',
    ]);
  });

  it('a second 401 after renewal is reported, not retried forever', async () => {
    h = await helpdeskHarness();
    const mock = h.mock;
    const client = new HelpdeskClient({
      baseUrl: mock.baseUrl,
      retry: false,
      tokenProvider: async () => ({ accessToken: 'not-a-real-token-xyz', expiresAt: Date.now() + 3_600_000 }),
    });
    const error = await client.tickets.get(1001).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpdeskApiError);
    expect((error as HelpdeskApiError).status).toBe(401);
    expect(`${(error as Error).message}${inspect(error)}${JSON.stringify(error)}`).not.toContain(
      'not-a-real-token-xyz',
    );
  });
});

describe('secret redaction', () => {
  it('no password or token reaches a log hook, an error message, inspect or JSON', async () => {
    const logged: unknown[] = [];
    const hooks = {
      onRequest: (e: unknown) => logged.push(e),
      onResponse: (e: unknown) => logged.push(e),
      onError: (e: unknown) => logged.push(e),
    };
    h = await helpdeskHarness({ hooks });
    await h.client.tickets.get(1001);
    const token = (JSON.parse(h.exchanges[0]!.responseBody) as { access_token: string }).access_token;
    const errors = await Promise.all([
      h.client.tickets.get(99999).catch((e: unknown) => e),
      h.client.tickets.changeStatus(1001, 'Nope').catch((e: unknown) => e),
    ]);
    const text = [
      inspect(logged, { depth: 10 }),
      JSON.stringify(logged),
      ...errors.flatMap((e) => [
        String(e),
        inspect(e, { depth: 10 }),
        JSON.stringify(e),
        (e as Error).stack ?? '',
      ]),
    ].join('\n');
    expect(logged.length).toBeGreaterThanOrEqual(6);
    expect(text).not.toContain(JSMITH.password);
    expect(text).not.toContain(token);
    expect(text).toContain('[REDACTED]');
  });
});

describe('bad answers from a server', () => {
  it('a body that is not JSON is a DecodeError, and a 500 page is a HelpdeskApiError', async () => {
    const { DecodeError } = await import('../src/index.js');
    h = await helpdeskHarness({
      middleware: [
        async (request, next) => {
          const response = await next(request);
          if (request.url.pathname.endsWith('/token')) return response;
          if (request.url.pathname.endsWith('/1001'))
            return new Response('<html>maintenance</html>', {
              status: 200,
              headers: { 'content-type': 'text/html' },
            });
          return new Response('<html>oops</html>', { status: 500, headers: { 'content-type': 'text/html' } });
        },
      ],
    });
    await expect(h.client.tickets.get(1001)).rejects.toBeInstanceOf(DecodeError);
    const error = await h.client.tickets.get(1002).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelpdeskApiError);
    expect((error as HelpdeskApiError).status).toBe(500);
  });
});

describe('envelope variants', () => {
  it('Tickets for Ticket, Notes for TicketNotes and Note (an array of one) for TicketNote all decode', async () => {
    const rename: Record<string, string> = { Ticket: 'Tickets', TicketNotes: 'Notes', TicketNote: 'Note' };
    h = await helpdeskHarness({
      middleware: [
        async (request, next) => {
          const response = await next(request);
          if (request.url.pathname.endsWith('/token')) return response;
          const body = (await response.json()) as Record<string, unknown>;
          const out = Object.fromEntries(
            Object.entries(body).map(([k, v]) => [rename[k] ?? k, k === 'TicketNote' ? [v] : v]),
          );
          return new Response(JSON.stringify(out), { status: response.status, headers: response.headers });
        },
      ],
    });
    expect((await h.client.tickets.get(1001)).summary).toBe('Core router CPU alarms');
    const notes = await h.client.tickets.notes(1001).all();
    expect(notes.map((n) => n.note)).toEqual([
      'Checked the router; a BGP session is flapping.',
      'Vendor case 7781 opened.',
    ]);
    expect((await h.client.tickets.note(notes[0]!.id!)).note).toBe(
      'Checked the router; a BGP session is flapping.',
    );
    const change = await h.client.tickets.addNote(1001, {
      type: 'Technician Note',
      activityCode: 'Research',
      text: 'x',
    });
    expect(change.note?.note).toBe('x');
  });
});
