import { DecodeError } from '@regkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostileServer, type Behaviour, type HostileRequest } from '../../core/test/hostileServer.js';
import { HelpdeskApiError, HelpdeskClient } from '../src/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

const token = JSON.stringify({ access_token: 'tok-paging-1234', token_type: 'bearer', expires_in: 1799 });
const note = (n: number) => ({
  '1': { DisplayName: 'Sequence', Value: n },
  '5': { DisplayName: 'Note', Value: `note ${n}` },
});

/** A helpdesk whose note pages come from `page(pageSize, pageNumber)`. */
async function notesServer(page: (size: number, number: number) => Behaviour) {
  const server = await startHostileServer((request: HostileRequest) => {
    if (request.url.endsWith('/token')) return { kind: 'respond', body: token };
    const match = /\/Notes\/(\d+)\/(\d+)/.exec(request.url);
    if (!match) return { kind: 'respond', status: 404, body: '{}' };
    return page(Number(match[1]), Number(match[2]));
  });
  closers.push(server.close);
  const client = new HelpdeskClient({
    baseUrl: server.url,
    username: 'HELP DESK\\JSMITH',
    password: 'trackit-demo-1',
    retry: false,
  });
  const pagesAsked = () =>
    server.requests
      .filter((r) => r.url.includes('/Notes/'))
      .map((r) => /\/Notes\/\d+\/(\d+)/.exec(r.url)?.[1]);
  return { client, pagesAsked };
}

const json = (body: unknown): Behaviour => ({
  kind: 'respond',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** 120 notes, served in pages; `withCount` says whether `Count` is sent. */
const notes120 = (withCount: boolean) => (size: number, number: number) => {
  const all = Array.from({ length: 120 }, (_, i) => note(i + 1));
  const slice = all.slice((number - 1) * size, number * size);
  return json(withCount ? { Count: 120, TicketNotes: slice } : { TicketNotes: slice });
};

describe('helpdesk paging', () => {
  it('without Count, follows pages until a short page: 120 of 120 notes', async () => {
    const { client, pagesAsked } = await notesServer(notes120(false));
    const all = await client.tickets.notes(1001).all();
    expect(all).toHaveLength(120);
    expect(all.map((n) => n.note)).toEqual(Array.from({ length: 120 }, (_, i) => `note ${i + 1}`));
    expect(pagesAsked()).toEqual(['1', '2', '3']);
  });

  it('without Count, stops at an empty page when the last page is full', async () => {
    const { client, pagesAsked } = await notesServer((size, number) =>
      json({
        TicketNotes: number <= 2 ? Array.from({ length: size }, (_, i) => note((number - 1) * size + i)) : [],
      }),
    );
    expect(await client.tickets.notes(1001, { pageSize: 10 }).all()).toHaveLength(20);
    expect(pagesAsked()).toEqual(['1', '2', '3']);
  });

  it('with Count, stops once Count records came', async () => {
    const { client, pagesAsked } = await notesServer(notes120(true));
    expect(await client.tickets.notes(1001, { pageSize: 60 }).all()).toHaveLength(120);
    expect(pagesAsked()).toEqual(['1', '2']);
  });

  it('a server that ignores pageNumber while claiming Count 1e9 ends with a DecodeError, not a loop', async () => {
    const { client, pagesAsked } = await notesServer((size) =>
      json({ Count: 1e9, TicketNotes: Array.from({ length: size }, (_, i) => note(i)) }),
    );
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const n of client.tickets.notes(1001, { pageSize: 5 })) seen.push(n);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).message).toBe(
      'pageNumber: page 2 repeats page 1: the server ignores pageNumber, so the listing cannot be completed',
    );
    expect(seen).toHaveLength(5);
    expect(pagesAsked()).toEqual(['1', '2']);
  });
});

describe('helpdesk error bodies', () => {
  it('are parsed into null-prototype objects: a __proto__ key stays data', async () => {
    const server = await startHostileServer((request) =>
      request.url.endsWith('/token')
        ? { kind: 'respond', body: token }
        : {
            kind: 'respond',
            status: 400,
            headers: { 'content-type': 'application/json' },
            body: '{"Message":"bad","__proto__":{"polluted":true,"Message":"spoofed"},"ModelState":{"constructor":{"x":1}}}',
          },
    );
    closers.push(server.close);
    const client = new HelpdeskClient({
      baseUrl: server.url,
      username: 'HELP DESK\\JSMITH',
      password: 'trackit-demo-1',
      retry: false,
    });
    const error = (await client.tickets.get(1).catch((e: unknown) => e)) as HelpdeskApiError;
    expect(error).toBeInstanceOf(HelpdeskApiError);
    expect(error.serverMessage).toBe('bad');
    const body = error.body as Record<string, unknown>;
    expect(Object.getPrototypeOf(body)).toBeNull();
    expect(Object.keys(body)).toEqual(['Message', '__proto__', 'ModelState']);
    expect(Object.getOwnPropertyDescriptor(body, '__proto__')?.value).toEqual({
      polluted: true,
      Message: 'spoofed',
    });
    expect('polluted' in body).toBe(false);
    const modelState = body.ModelState as Record<string, unknown>;
    expect(Object.getPrototypeOf(modelState)).toBeNull();
    expect(modelState.constructor).toEqual({ x: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('helpdesk base URL', () => {
  it('plain http:// to another host is refused unless allowInsecureHttp: the password would travel in the clear', () => {
    const options = { username: 'HELP DESK\\JSMITH', password: 'trackit-demo-1' };
    expect(
      () => new HelpdeskClient({ ...options, baseUrl: 'http://helpdesk.example.com/TrackIt/WebApi' }),
    ).toThrow('baseUrl: uses plain http:// to helpdesk.example.com, which is not this machine');
    expect(
      new HelpdeskClient({
        ...options,
        baseUrl: 'http://helpdesk.example.com/TrackIt/WebApi',
        allowInsecureHttp: true,
      }).baseUrl,
    ).toBe('http://helpdesk.example.com/TrackIt/WebApi');
    expect(new HelpdeskClient({ ...options, baseUrl: 'http://127.0.0.1:9/TrackIt/WebApi' }).baseUrl).toBe(
      'http://127.0.0.1:9/TrackIt/WebApi',
    );
  });
});
