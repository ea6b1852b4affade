import ipaddr from 'ipaddr.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArinMock } from '../src/index.js';
import { arin, encode, startArin } from './arinHttp.js';

let mock: ArinMock;
beforeEach(async () => {
  mock = await startArin();
});
afterEach(() => mock.close());

const toInt = (a: string) =>
  ipaddr
    .parse(a)
    .toByteArray()
    .reduce((n, b) => n * 256 + b, 0);

describe('concurrent mutations keep every invariant', () => {
  it('500 simultaneous overlapping reassigns leave a non-overlapping set of nets', async () => {
    const c = await arin(mock, 'POST', '/net/NET-10-0-0-0-1/customer', {
      body: encode('customer', {
        customerName: 'Race Customer',
        streetAddress: ['1 Way'],
        city: 'Chantilly',
        stateProvince: 'VA',
        postalCode: '20151',
        country: { code2: 'US' },
      }),
    });
    const customerHandle = (c.value as { handle: string }).handle;
    // blocks of /24, /23 and /22 inside 10.0.128.0/19, heavily overlapping
    const requests = Array.from({ length: 500 }, (_, i) => {
      const cidr = [24, 23, 22][i % 3]!;
      const size = 2 ** (32 - cidr);
      const base = toInt('10.0.128.0') + ((i * 7919 * 256) % (32 * 256));
      const start = base - (base % size);
      const startAddress = [start >>> 24, (start >>> 16) & 255, (start >>> 8) & 255, start & 255].join('.');
      return { startAddress, cidr };
    });
    const replies = await Promise.all(
      requests.map((r, i) =>
        arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reassign', {
          body: encode('net', {
            version: 4,
            netName: `RACE-${i}`,
            customerHandle,
            netBlocks: [{ startAddress: r.startAddress, cidrLength: r.cidr }],
          }),
        }),
      ),
    );
    expect(replies.every((r) => r.status === 200 || r.status === 400 || r.status === 409)).toBe(true);
    const accepted = replies.filter((r) => r.status === 200);
    expect(accepted.length).toBeGreaterThan(0);
    expect(replies.length - accepted.length).toBeGreaterThan(0);

    const children = [...mock.state().nets.values()]
      .filter((n) => n.parentNetHandle === 'NET-10-0-0-0-1' && n.netName.startsWith('RACE-'))
      .map((n) => ({ handle: n.handle, start: n.start, end: n.end }));
    expect(children).toHaveLength(accepted.length);
    children.sort((a, b) => (a.start < b.start ? -1 : 1));
    for (let i = 1; i < children.length; i++)
      expect(children[i]!.start).toBeGreaterThan(children[i - 1]!.end);
    // and no accepted net overlaps the existing registrations under the parent
    const existing = [...mock.state().nets.values()].filter(
      (n) => n.parentNetHandle === 'NET-10-0-0-0-1' && !n.netName.startsWith('RACE-'),
    );
    expect(existing.length).toBeGreaterThan(0);
    for (const e of existing) for (const n of children) expect(n.end < e.start || n.start > e.end).toBe(true);
  }, 30_000);

  it('concurrent POC link changes on one org lose no link', async () => {
    const functions = ['R', 'N', 'T', 'D'] as const;
    const pocs = ['JD1-ARIN', 'EXTEC1-ARIN', 'EXABU1-ARIN', 'EXNOC1-ARIN'];
    const replies = await Promise.all(
      functions.flatMap((f) =>
        pocs.map((p) => arin(mock, 'PUT', `/org/EXAMPLE-1/poc/${p};pocFunction=${f}`)),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const links = mock.state().orgs.get('EXAMPLE-1')?.pocLinks ?? [];
    for (const f of functions)
      for (const p of pocs) expect(links).toContainEqual(expect.objectContaining({ function: f, handle: p }));
    expect(links.filter((l) => l.function === 'AD').map((l) => l.handle)).toEqual(['JD1-ARIN']);
    expect(links.filter((l) => l.function === 'AB').length).toBeGreaterThanOrEqual(1);
  });
});
