import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockServers } from '@regkit/mock-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliAgainst, mocks } from './harness.js';

let servers: MockServers;
let regkit: ReturnType<typeof cliAgainst>;
let dir: string;
beforeEach(async () => {
  servers = await mocks();
  regkit = cliAgainst(servers);
  dir = mkdtempSync(join(tmpdir(), 'regkit-swip-'));
});
afterEach(async () => {
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
});

const CSV = [
  'Customer Name,Street,City,State,Postal Code,Country,Block',
  'Alpha Dental,1 Main St,Herndon,VA,20170,US,10.0.50.0/24', // line 2: reassigned
  'Beta Bakery,2 Main St,Herndon,VA,20170,US,10.0.51.0/25', // line 3: reassigned
  'Gamma College,3 Campus Dr,Richmond,VA,23220,US,10.0.96.0/20', // line 4: ticket
  'Delta Dupe,4 Main St,Herndon,VA,20170,US,10.0.1.0/24', // line 5: ARIN rejects (overlap)
  ',5 Main St,Herndon,VA,20170,US,10.0.52.0/24', // line 6: invalid, no name
  'Epsilon,6 Main St,Herndon,VA,20170,US,10.0.53.7/24', // line 7: invalid, not a network address
  'Zeta,7 Main St,Herndon,VA,20170,US,10.0.50.0/24', // line 8: invalid, duplicate block
].join('\n');

interface Report {
  dryRun: boolean;
  counts: Record<string, number>;
  rows: { line: number; outcome: string; detail?: string; netHandle?: string; customerHandle?: string }[];
}

describe('regkit arin swip', () => {
  it('creates customers and reassigns, reports tickets, ARIN rejections and invalid rows; a re-run skips what is done', async () => {
    const file = join(dir, 'customers.csv');
    writeFileSync(file, CSV);
    const nets = servers.arin.state().nets.size;

    const first = await regkit([
      'arin',
      'swip',
      file,
      '--parent',
      'NET-10-0-0-0-1',
      '--concurrency',
      '3',
      '--json',
    ]);
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout) as Report;
    const byLine = Object.fromEntries(report.rows.map((r) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ outcome: 'reassigned' });
    expect(byLine[3]).toMatchObject({ outcome: 'reassigned' });
    expect(byLine[4]).toMatchObject({ outcome: 'ticketed' });
    expect(byLine[5]?.outcome).toBe('failed');
    expect(byLine[5]?.detail).toMatch(/E_ENTITY_VALIDATION|overlap/i);
    expect(byLine[6]).toMatchObject({ outcome: 'invalid' });
    expect(byLine[7]).toMatchObject({ outcome: 'invalid' });
    expect(byLine[8]).toMatchObject({ outcome: 'invalid' });
    expect(report.counts).toMatchObject({ reassigned: 2, ticketed: 1, failed: 1, invalid: 3, skipped: 0 });
    expect(servers.arin.state().nets.size).toBe(nets + 2);
    const created = servers.arin.state().nets.get(byLine[2]!.netHandle!);
    expect(created).toMatchObject({ type: 'S', customerHandle: byLine[2]!.customerHandle });

    const state = JSON.parse(readFileSync(`${file}.swip-state.json`, 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(state)).toContain('10.0.50.0/24');

    const customers = servers.arin.state().customers.size;
    const second = await regkit(['arin', 'swip', file, '--parent', 'NET-10-0-0-0-1', '--json']);
    const again = JSON.parse(second.stdout) as Report;
    expect(again.counts).toMatchObject({ reassigned: 0, ticketed: 0, skipped: 3, invalid: 3, failed: 1 });
    expect(servers.arin.state().nets.size).toBe(nets + 2);
    // the failed row's customer was created once and is reused, not duplicated
    expect(servers.arin.state().customers.size).toBe(customers);
  });

  it('--dry-run checks the file and sends nothing', async () => {
    const file = join(dir, 'plan.csv');
    writeFileSync(file, CSV);
    const r = await regkit(['arin', 'swip', file, '--parent', 'NET-10-0-0-0-1', '--dry-run']);
    expect(r.stdout).toContain('Dry run, nothing sent: 4 planned, 0 already done, 3 invalid.');
    expect(servers.arin.journal.length).toBe(0);
  });

  it('a file that cannot be read is a usage error naming it', async () => {
    const r = await regkit(['arin', 'swip', join(dir, 'missing.csv'), '--parent', 'NET-10-0-0-0-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read ${join(dir, 'missing.csv')}: no such file`);
  });

  it('a file without the required columns is refused with the column list', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'name,block\nA,10.0.0.0/24\n');
    const r = await regkit(['arin', 'swip', file, '--parent', 'NET-10-0-0-0-1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('The CSV header lacks required column(s)');
  });
});

describe('plainAddress', () => {
  it("writes ARIN's zero-padded IPv4 (decimal) and expanded IPv6 as people do", async () => {
    const { plainAddress } = await import('../src/blocks.js');
    expect(plainAddress('010.000.008.000')).toBe('10.0.8.0');
    expect(plainAddress('192.000.002.255')).toBe('192.0.2.255');
    expect(plainAddress('2001:0db8:0000:0000:0000:0000:0000:0000')).toBe('2001:db8::');
    expect(plainAddress('not an address')).toBe('not an address');
  });
});
