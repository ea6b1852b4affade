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
});
