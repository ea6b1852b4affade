import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArinClient } from '@regkit/arin-client';
import { ResponseTooLargeError } from '@regkit/core';
import type { MockServers } from '@regkit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netsWithin } from '../src/swip/registered.js';
import { cliAgainst, mocks } from './harness.js';

const KEY = 'API-1111-2222-3333-4444';
const PARENT = 'NET6-2001-DB8-1';
let servers: MockServers;
let dir: string;
beforeAll(async () => {
  servers = await mocks();
  dir = mkdtempSync(join(tmpdir(), 'regkit-swip-registered-'));
  // 40 customers' /64s registered under the parent, spread over its /32
  const lines = ['customer_name,street,city,state,postal_code,country,block'];
  for (let i = 0; i < 40; i++)
    lines.push(`Cust ${i},${i} Main St,Herndon,VA,20170,US,2001:db8:${(i * 0x0611).toString(16)}::/64`);
  writeFileSync(join(dir, 'rows.csv'), lines.join('\n'));
  const run = await cliAgainst(servers)([
    'arin',
    'swip',
    'apply',
    join(dir, 'rows.csv'),
    '--parent',
    PARENT,
    '--json',
  ]);
  expect(run.code).toBe(0);
});
afterAll(async () => {
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = (maxResponseBytes?: number) =>
  new ArinClient({
    apiKey: KEY,
    environment: servers.arin.baseUrl,
    ...(maxResponseBytes ? { maxResponseBytes } : {}),
  });
const withinCalls = () => servers.arin.journal.filter((e) => e.url.includes('/net/netsByIpRange/')).length;

describe('netsWithin: the nets under a parent when ARIN answers more than the response limit', () => {
  it('splits the range until every answer fits, and finds exactly the nets one large answer holds', async () => {
    const start = '2001:db8::';
    const end = '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff';
    const whole = await netsWithin(client(), start, end);
    const children = whole.filter((n) => n.handle !== PARENT);
    expect(children).toHaveLength(40);
    // one answer of 40 nets is far over 6 KB: a single lookup fails outright
    await expect(client(6_000).net.within(start, end)).rejects.toBeInstanceOf(ResponseTooLargeError);

    const before = withinCalls();
    const split = await netsWithin(client(6_000), start, end);
    expect(withinCalls() - before).toBeGreaterThan(4);
    expect(split.map((n) => n.handle).sort()).toEqual(children.map((n) => n.handle).sort());
  });

  it('a range with nothing registered is empty, and a limit too small for one net is an error', async () => {
    expect(await netsWithin(client(), '2001:db8:ffff::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual(
      [],
    );
    await expect(
      netsWithin(client(300), '2001:db8::', '2001:db8:0:ffff:ffff:ffff:ffff:ffff'),
    ).rejects.toBeInstanceOf(ResponseTooLargeError);
  });
});
