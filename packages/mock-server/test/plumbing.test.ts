// The HTTP plumbing both mocks share reports its failures by kind; each API words them itself.
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMockHttpServer,
  startHelpdeskMock,
  helpdeskHandlers,
  type MockHttpServer,
  type PlumbingFailure,
} from '../src/index.js';
import { requestToken, TECH } from './helpdeskHttp.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('plumbing failures', () => {
  async function server(handle: () => never | { status: number }): Promise<{
    mock: MockHttpServer;
    failures: PlumbingFailure[];
  }> {
    const failures: PlumbingFailure[] = [];
    const mock = await createMockHttpServer({
      name: 'test',
      maxBodyBytes: 16,
      handle,
      errorResponse: (status, failure, message, headers) => {
        failures.push(failure);
        return {
          status,
          headers: { 'content-type': 'text/plain', ...headers },
          body: `${failure}: ${message}`,
        };
      },
      world: () => ({}),
      reset: () => undefined,
    });
    closers.push(() => mock.close());
    return { mock, failures };
  }

  it('an oversized body is a bad request, a failing handler a handler failure, in the API’s words', async () => {
    const { mock, failures } = await server(() => {
      throw new Error('boom');
    });
    const big = await fetch(`${mock.url}/x`, { method: 'POST', body: 'x'.repeat(64) });
    expect(big.status).toBe(400);
    expect(await big.text()).toBe('bad-request: The request body exceeds the limit of 16 bytes.');
    const failed = await fetch(`${mock.url}/x`);
    expect(failed.status).toBe(400);
    expect(await failed.text()).toBe('handler-failed: The request could not be processed: boom');
    expect(failures).toEqual(['bad-request', 'handler-failed']);
  });

  it('an injected fault is unavailable (503) or too many requests (429)', async () => {
    const { mock, failures } = await server(() => ({ status: 200 }));
    mock.setFaults({ faultRate: 1 });
    expect((await fetch(`${mock.url}/x`)).status).toBe(503);
    mock.setFaults({ faultRate: 1, faultStatus: 429 });
    const res = await fetch(`${mock.url}/x`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(failures).toEqual(['unavailable', 'too-many-requests']);
  });
});

describe('typed bodies', () => {
  it('a helpdesk rule receives the body its schema validated; a refused body never reaches it', async () => {
    const seen: unknown[] = [];
    const mock = await startHelpdeskMock({
      handlers: {
        ...helpdeskHandlers,
        requestToken: (input, ctx) => {
          seen.push(input.body);
          return helpdeskHandlers.requestToken?.(input, ctx) as never;
        },
      },
    });
    closers.push(() => mock.close());
    const form = (fields: Record<string, string>) => requestToken(mock.baseUrl, fields);
    const ok = await form({ grant_type: 'password', ...TECH });
    expect(ok.status).toBe(200);
    expect(seen).toEqual([{ grant_type: 'password', ...TECH }]);
    const refused = await form({ grant_type: 'password', username: TECH.username });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_request' });
    expect(seen).toHaveLength(1);
  });
});
