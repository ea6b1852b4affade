import type { Middleware, RegkitRequest } from '@regkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ArinApiError, ArinCore } from '../src/index.js';
import { arinHarness, KEY } from './harness.js';

let h: Awaited<ReturnType<typeof arinHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Records what each request looks like when it reaches the middleware. */
function spy(seen: RegkitRequest[]): Middleware {
  return (request, next) => {
    seen.push(request);
    return next(request);
  };
}
const hasKey = (request: RegkitRequest) =>
  request.url.searchParams.has('apikey') || request.headers.has('authorization');

async function fault503(url: string) {
  const res = await fetch(`${url}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ faultRate: 1, faultStatus: 503, retryAfterSeconds: 0 }),
  });
  expect(res.status).toBe(200);
}

describe("the ARIN client's middleware stack", () => {
  it("holds 'retry', the middleware option's entries, then 'auth'", async () => {
    h = await arinHarness({ retry: {}, middleware: [spy([]), spy([])] });
    expect(h.client.middlewareStack.entries().map((e) => e.name ?? '?')).toEqual(['retry', '?', '?', 'auth']);
    const core = new ArinCore({ apiKey: KEY, environment: h.mock.baseUrl, retry: false });
    expect(core.middlewareStack.entries().map((e) => e.name)).toEqual(['auth']);
  });

  it('runs middleware of the option on every attempt, before the API key is added', async () => {
    const seen: RegkitRequest[] = [];
    h = await arinHarness({
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      middleware: [spy(seen)],
    });
    await fault503(h.mock.url);
    await expect(h.client.poc.get('JD1-ARIN')).rejects.toMatchObject({ status: 503 });
    expect(seen.map((r) => r.attempt)).toEqual([1, 2]);
    expect(seen.some(hasKey)).toBe(false);
    expect(h.exchanges).toHaveLength(2);
  });

  it('takes entries added to the stack after construction, at their place', async () => {
    h = await arinHarness();
    const sent: RegkitRequest[] = [];
    h.client.middlewareStack.addRelativeTo(spy(sent), {
      name: 'sent',
      relation: 'after',
      toMiddleware: 'auth',
    });
    expect((await h.client.poc.get('JD1-ARIN')).handle).toBe('JD1-ARIN');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url.searchParams.get('apikey')).toBe(KEY);
    // without 'auth' the key is not sent and the call is refused
    h.client.middlewareStack.remove('sent');
    h.client.middlewareStack.remove('auth');
    await expect(h.client.poc.get('JD1-ARIN')).rejects.toBeInstanceOf(ArinApiError);
    expect(h.last().url.searchParams.has('apikey')).toBe(false);
  });
});
