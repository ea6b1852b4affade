import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startArinMock, type ArinMock } from '../src/index.js';
import { arin, encode, KEY } from './arinHttp.js';

let mock: ArinMock;
afterEach(() => mock.close());

const message = (text: string) => encode('message', { text: [text], category: 'NONE' });
const reassignBody = (i: number) =>
  encode('net', {
    version: 4,
    netName: `BULK-${i}`,
    customerHandle: 'C00000001',
    netBlocks: [{ startAddress: `10.0.${100 + i}.0`, cidrLength: 24 }],
  });

describe('ARIN limits', () => {
  it('a text value over maxFieldLength is refused naming the field; a 900 KB net name is not stored', async () => {
    mock = await startArinMock();
    const r = await arin(mock, 'PUT', '/net/NET-10-0-1-0-1', {
      body: encode('net', { handle: 'NET-10-0-1-0-1', netName: 'N'.repeat(900 * 1024) }),
    });
    expect(r).toMatchObject({ status: 400, code: 'E_ENTITY_VALIDATION', components: [{ name: 'netName' }] });
    expect(mock.state().nets.get('NET-10-0-1-0-1')?.netName).toBe('ACME-DENTAL');
  });

  it('ticket messages stop at the storage cap with a 413 that names it, and nothing more is stored', async () => {
    mock = await startArinMock({ settings: { maxStoredBytes: 20_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push(
        (await arin(mock, 'PUT', '/ticket/20261101-X1/message', { body: message('m'.repeat(1000)) })).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(413);
    const count = mock.state().tickets.get('20261101-X1')?.messages.length;
    const r = await arin(mock, 'PUT', '/ticket/20261101-X1/message', { body: message('one more') });
    expect(r).toMatchObject({ status: 413, code: 'E_BAD_REQUEST' });
    expect(r.message).toContain('storage cap of 20000 bytes');
    expect(mock.state().tickets.get('20261101-X1')?.messages.length).toBe(count);
  });
});

describe('apply-then-drop fault', () => {
  const put = (i: number) =>
    fetch(`${mock.baseUrl}/net/NET-10-0-0-0-1/reassign?apikey=${KEY}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/xml' },
      body: reassignBody(i),
    }).then(
      (r) => r.status,
      () => 'dropped' as const,
    );

  it('applies the write, then drops the connection: the net exists though the caller got no answer', async () => {
    mock = await startArinMock();
    const res = await fetch(`${mock.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ applyThenDropRate: 1, applyThenDropOn: ['reassignNet'] }),
    });
    expect(res.status).toBe(200);
    expect(await put(0)).toBe('dropped');
    expect([...mock.state().nets.values()].some((n) => n.netName === 'BULK-0')).toBe(true);
    // Other operations are untouched.
    expect((await arin(mock, 'GET', '/poc/JD1-ARIN')).status).toBe(200);
    expect(mock.journal.at(-2)?.fault).toBe('applied (200) then dropped');
  });

  it('a route selects too, and the same seed fails the same requests at a 5% rate', async () => {
    const run = async () => {
      mock = await startArinMock({
        faults: { applyThenDropRate: 0.05, applyThenDropOn: ['PUT /rest/net/*/reassign'], seed: 42 },
      });
      const outcomes: string[] = [];
      for (let i = 0; i < 60; i++) outcomes.push(String(await put(i)));
      const stored = [...mock.state().nets.values()].filter((n) => n.netName.startsWith('BULK-')).length;
      await mock.close();
      return { outcomes, stored };
    };
    const first = await run();
    const second = await run();
    mock = await startArinMock();
    expect(first.outcomes).toEqual(second.outcomes);
    expect(first.outcomes).toContain('dropped');
    expect(first.outcomes.filter((o) => o === 'dropped').length).toBeLessThan(15);
    // Every request, dropped or not, was applied.
    expect(first.stored).toBe(60);
  });

  it('invalid settings are refused by the admin endpoint and the programmatic API', async () => {
    mock = await startArinMock();
    const res = await fetch(`${mock.url}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"applyThenDropRate": 2}',
    });
    expect(res.status).toBe(400);
    expect(() => mock.setFaults({ seed: 1.5 })).toThrow('invalid fault setting seed: must be an integer');
    expect(() => mock.setFaults({ latencyOn: [''] })).toThrow(
      'invalid fault setting latencyOn: must be a list of operation ids or "METHOD /path" routes',
    );
  });
});

describe('settled()', () => {
  it('waits for a write whose client went away while it waited under latency, then resolves at once', async () => {
    // only the reassignment is slow (latencyOn): a read meanwhile is answered before it lands
    mock = await startArinMock({ faults: { latencyMs: 1000, latencyOn: ['reassignNet'] } });
    const body = reassignBody(7);
    const { port } = new URL(mock.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `PUT /rest/net/NET-10-0-0-0-1/reassign?apikey=${KEY} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Content-Type: application/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    // the request is read and waits out its latency: the caller goes away before any answer
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const stored = () => [...mock.state().nets.values()].some((n) => n.netName === 'BULK-7');
    expect((await arin(mock, 'GET', '/poc/JD1-ARIN')).status).toBe(200);
    expect(stored()).toBe(false);
    await mock.settled();
    expect(stored()).toBe(true);
    expect(mock.journal.at(-1)).toMatchObject({ method: 'PUT', status: 200 }); // answered into a closed connection
    // nothing waits now: it resolves without a request to wait for
    const idle = await Promise.race([
      mock.settled().then(() => 'settled'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 250)),
    ]);
    expect(idle).toBe('settled');
  });
});
