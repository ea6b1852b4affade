// The /__admin/ routes go through the same router as the API operations.
import { afterEach, describe, expect, it } from 'vitest';
import { OperationRouter, matchPath, patternRoutes } from '../src/http/router.js';
import { startArinMock, type ArinMock } from '../src/index.js';

let mock: ArinMock;
afterEach(() => mock?.close());

describe('admin routes', () => {
  it('patterns become route definitions: parameters decoded, empty segments ignored, method exact', () => {
    const router = new OperationRouter(patternRoutes(['GET /world', 'POST /tickets/:ticketNo/resolve']));
    expect(matchPath(router, 'POST', '/tickets/2026%2DX1/resolve')).toEqual({
      id: 'POST /tickets/:ticketNo/resolve',
      params: { ticketNo: '2026-X1' },
    });
    expect(matchPath(router, 'GET', '//world/')).toEqual({ id: 'GET /world', params: {} });
    expect(matchPath(router, 'POST', '/world')).toBeUndefined();
    expect(matchPath(router, 'GET', '/world/extra')).toBeUndefined();
    expect(matchPath(router, 'GET', '/World')).toBeUndefined();
  });

  it('over HTTP: an admin route with a parameter runs, an unknown one is a 404, a wrong method a 405 with Allow', async () => {
    mock = await startArinMock();
    const resolved = await fetch(`${mock.url}/__admin/tickets/20261101-X1/resolve`, {
      method: 'POST',
      headers: { 'x-regkit-admin': '1' },
    });
    expect(resolved.status).toBe(200);
    expect(mock.state().tickets.get('20261101-X1')?.webTicketStatus).toBe('RESOLVED');
    const wrongMethod = await fetch(`${mock.url}/__admin/world`, {
      method: 'DELETE',
      headers: { 'x-regkit-admin': '1' },
    });
    expect({
      status: wrongMethod.status,
      allow: wrongMethod.headers.get('allow'),
      body: await wrongMethod.json(),
    }).toEqual({
      status: 405,
      allow: 'GET, HEAD',
      body: { error: 'the admin route /world does not answer DELETE' },
    });
    const unknown = await fetch(`${mock.url}/__admin/nothing/here`);
    expect(await unknown.json()).toEqual({ error: 'no admin route GET /nothing/here' });
  });

  it('other registrants take handle numbers between API requests; invalid settings are refused', async () => {
    mock = await startArinMock();
    const post = (body: string) =>
      fetch(`${mock.url}/__admin/other-registrants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const bad = await post('{"rate": -1}');
    expect({ status: bad.status, body: await bad.json() }).toEqual({
      status: 400,
      body: {
        error:
          'invalid other-registrants setting: rate must be a number from 0 to 100 (objects per API request)',
      },
    });
    expect((await post('{"rate": 2, "colour": 1}')).status).toBe(400);
    expect(await (await post('{"rate": 2, "seed": 5}')).json()).toEqual({ rate: 2, seed: 5, created: 0 });
    const before = mock.state().counters.handle;
    const key = 'apikey=API-1111-2222-3333-4444';
    for (let i = 0; i < 3; i++) await (await fetch(`${mock.url}/rest/poc/JD1-ARIN?${key}`)).text();
    expect(mock.state().counters.handle).toBe(before + 6);
    const status = (await (await fetch(`${mock.url}/__admin/other-registrants`)).json()) as {
      created: number;
    };
    expect(status.created).toBe(6);
    const theirs = [...mock.state().customers.values()].filter(
      (c) => c.parentOrgHandle === 'OTHER-REGISTRANTS',
    );
    expect(theirs.length).toBeGreaterThan(0);
    // a customer of another registrant exists but this key may not read it
    const read = await fetch(`${mock.url}/rest/customer/${theirs[0]!.handle}?${key}`);
    expect(read.status).toBe(400);
    expect(await read.text()).toContain('E_AUTHENTICATION');
    mock.setOtherRegistrants({ rate: 0 });
    const now = mock.state().counters.handle;
    await (await fetch(`${mock.url}/rest/poc/JD1-ARIN?${key}`)).text();
    expect(mock.state().counters.handle).toBe(now);
    expect(() => mock.setOtherRegistrants({ rate: Number.NaN })).toThrow(/rate must be a number/);
  });

  it('applyThenDropNext applies and drops the next selected requests, then counts down to none', async () => {
    mock = await startArinMock();
    mock.setFaults({ applyThenDropNext: 1, applyThenDropOn: ['getPoc'] });
    const key = 'apikey=API-1111-2222-3333-4444';
    await expect(fetch(`${mock.url}/rest/poc/JD1-ARIN?${key}`)).rejects.toThrow();
    expect(mock.faults.applyThenDropNext).toBe(0);
    expect((await fetch(`${mock.url}/rest/poc/JD1-ARIN?${key}`)).status).toBe(200);
    expect(mock.journal.map((e) => e.fault)).toEqual(['applied (200) then dropped', undefined]);
    expect(() => mock.setFaults({ applyThenDropNext: 1.5 })).toThrow(/must be a whole number/);
  });
});
