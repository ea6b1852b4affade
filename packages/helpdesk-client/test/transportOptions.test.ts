import { startHelpdeskMock } from '@regkit/mock-server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { recordingUndici } from '../../core/test/recordingUndici.js';
import { HelpdeskClient, ValidationError } from '../src/index.js';
import { JSMITH } from './harness.js';

describe('HelpdeskClient transport options', () => {
  it('sends the token call and every other call through the http exchange it is given (undici)', async () => {
    const mock = await startHelpdeskMock();
    const { http, sent, close } = recordingUndici();
    onTestFinished(async () => {
      await close();
      await mock.close();
    });
    const client = new HelpdeskClient({ baseUrl: mock.baseUrl, ...JSMITH, http, retry: false });
    const ticket = await client.tickets.get(1001);
    expect(ticket.id).toBe(1001);
    expect(client.tokenRequests).toBe(1);
    expect(sent).toEqual(['POST /TrackIt/WebApi/token', 'GET /TrackIt/WebApi/tickets/1001']);
  });

  it('refuses fetch and http together with a ValidationError from the constructor', () => {
    const { http, close } = recordingUndici();
    onTestFinished(close);
    expect(() => new HelpdeskClient({ baseUrl: 'http://127.0.0.1:9/api', ...JSMITH, http, fetch })).toThrow(
      ValidationError,
    );
  });
});
