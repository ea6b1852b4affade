import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HelpdeskClient, ValidationError } from '../src/index.js';
import { helpdeskRequestSchemas } from '../src/payloads.js';

// A loopback server that answers every request with a 500 and counts them: any request reaching it is a failure.
let server: Server;
let received: string[];
let client: HelpdeskClient;
beforeEach(async () => {
  received = [];
  server = createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new HelpdeskClient({
    baseUrl: `http://127.0.0.1:${port}/TrackIt/WebApi`,
    username: 'HELP DESK\\JSMITH',
    password: 'validation-secret-1',
    retry: false,
  });
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('request bodies are checked against the generated schema before anything is sent', () => {
  it('a note without its Note Type: a ValidationError naming the field, no request at all', async () => {
    const error = await refusal(
      client.call('addTicketNote', {
        id: 1001,
        body: { 'Activity Code': 'Research', Note: 'x' } as never,
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([{ path: 'body.Note Type', message: 'is required' }]);
    expect((error as ValidationError).message).toBe(
      'Invalid TicketNoteBody for addTicketNote: body.Note Type: is required',
    );
    expect(received).toEqual([]);
  });

  it('nested paths, wrong types and enumerations are named; the facade is checked too', async () => {
    const status = await refusal(
      client.tickets.changeStatus(1001, 'Open', {
        note: { type: 'Technician Note', activityCode: 'Research', private: 'yes' as never },
      }),
    );
    expect((status as ValidationError).issues).toEqual([
      { path: 'body.Note.Private', message: 'must be of type boolean' },
    ]);
    const update = await refusal(
      client.call('updateTicket', {
        id: 1001,
        body: { Properties: 'Summary' as never, OptionalParams: { Note: { Note: 'x' } as never } },
      }),
    );
    expect((update as ValidationError).issues).toEqual([
      { path: 'body.Properties', message: 'must be an object' },
      { path: 'body.OptionalParams.Note.Note Type', message: 'is required' },
      { path: 'body.OptionalParams.Note.Activity Code', message: 'is required' },
    ]);
    const token = await refusal(
      client.call('requestToken', {
        body: { grant_type: 'client_credentials' as never, username: 'U', password: 'validation-secret-1' },
      }),
    );
    expect((token as ValidationError).issues).toEqual([
      { path: 'body.grant_type', message: 'must be one of "password", "refresh_token"' },
    ]);
    expect(String(token)).not.toContain('validation-secret-1');
    expect(received).toEqual([]);
  });

  it('every operation with a request body has its schema, and a valid body passes to the server', async () => {
    expect(Object.keys(helpdeskRequestSchemas).sort()).toEqual([
      'addTicketNote',
      'changeTicketStatus',
      'closeTicket',
      'createTicket',
      'requestToken',
      'updateTicket',
    ]);
    const error = await refusal(client.call('closeTicket', { id: 1001, body: {} }));
    expect(error).not.toBeInstanceOf(ValidationError);
    expect(received).toEqual(['POST /TrackIt/WebApi/token']);
  });
});
