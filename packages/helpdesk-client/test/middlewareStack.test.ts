import type { Middleware, RegkitRequest } from '@regkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { helpdeskHarness } from './harness.js';

let h: Awaited<ReturnType<typeof helpdeskHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Records in `seen` what each request looks like when it reaches the middleware. */
const spy =
  (seen: RegkitRequest[]): Middleware =>
  (request, next) =>
    next(request).finally(() => seen.push(request));

describe("the helpdesk client's middleware stack", () => {
  it("holds 'retry', the middleware option's entries, then 'auth'", async () => {
    h = await helpdeskHarness({ retry: {}, middleware: [spy([])] });
    expect(h.client.middlewareStack.entries().map((e) => e.name ?? '?')).toEqual(['retry', '?', 'auth']);
    expect(h.client.middlewareStack.has('retry')).toBe(true);
  });

  it('runs middleware of the option before the bearer token, and entries after auth with it', async () => {
    const before: RegkitRequest[] = [];
    const after: RegkitRequest[] = [];
    h = await helpdeskHarness({ middleware: [spy(before)] });
    h.client.middlewareStack.add(spy(after), { name: 'sent', step: 'finalize' });
    expect((await h.client.tickets.get(1001)).summary).toBe('Core router CPU alarms');
    // the token call runs without the client's middleware
    expect(before.map((r) => r.url.pathname)).toEqual([after[0]!.url.pathname]);
    expect(before[0]!.headers.has('authorization')).toBe(false);
    expect(after[0]!.headers.get('authorization')).toMatch(/^Bearer /);
    expect(h.tokenRequests()).toBe(1);
  });
});
