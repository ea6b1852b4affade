import { startHelpdeskMock, type HelpdeskMock } from '@regkit/mock-server';
import { lastOf, recordingFetch, type Exchange } from '../../core/test/recordingFetch.js';
import { HelpdeskClient, type HelpdeskClientOptions } from '../src/index.js';

export const JSMITH = { username: 'HELP DESK\\JSMITH', password: 'trackit-demo-1' };
export const VIEWER = { username: 'HELP DESK\\VIEWER', password: 'trackit-demo-2' };
export const FRED = { username: 'FACILITIES\\FRED', password: 'trackit-demo-3' };

/** A helpdesk mock on loopback with a movable clock, and a client whose fetch records every exchange. */
export async function helpdeskHarness(
  options: Partial<HelpdeskClientOptions> = {},
  mockOptions: { tokenLifetimeSeconds?: number } = {},
) {
  const clock = { now: Date.parse('2026-11-23T10:00:00Z') };
  const mock: HelpdeskMock = await startHelpdeskMock({ now: () => clock.now, ...mockOptions });
  const exchanges: Exchange[] = [];
  const client = new HelpdeskClient({
    baseUrl: mock.baseUrl,
    ...JSMITH,
    fetch: recordingFetch(exchanges),
    retry: false,
    now: () => clock.now,
    ...options,
  });
  return {
    mock,
    client,
    clock,
    exchanges,
    last: () => lastOf(exchanges),
    line: (e: Exchange) => `${e.method} ${e.url.pathname.replace(/^\/TrackIt\/WebApi/, '')}${e.url.search}`,
    tokenRequests: () => exchanges.filter((e) => e.url.pathname.endsWith('/token')).length,
    close: () => mock.close(),
  };
}
