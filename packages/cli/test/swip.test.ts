import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const HEADER = 'Customer Name,Street,City,State,Postal Code,Country,Block';
const CSV = [
  HEADER,
  'Alpha Dental,1 Main St,Herndon,VA,20170,US,10.0.50.0/24', // line 2: reassigned
  'Beta Bakery,2 Main St,Herndon,VA,20170,US,10.0.51.0/25', // line 3: reassigned
  'Gamma College,3 Campus Dr,Richmond,VA,23220,US,10.0.96.0/20', // line 4: ticket
  'Delta Dupe,4 Main St,Herndon,VA,20170,US,10.0.1.0/24', // line 5: overlaps a registered net
  ',5 Main St,Herndon,VA,20170,US,10.0.52.0/24', // line 6: no name
  'Epsilon,6 Main St,Herndon,VA,20170,US,10.0.53.7/24', // line 7: not a network address
  'Zeta,7 Main St,Herndon,VA,20170,US,10.0.50.0/25', // line 8: overlaps line 2
].join('\n');

type Event = Record<string, unknown> & { event: string };
const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Event);
const customersNamed = (s: MockServers, name: string) =>
  [...s.arin.state().customers.values()].filter((c) => c.customerName === name).length;

describe('regkit arin swip plan / apply', () => {
  it('plans without sending, then applies, reports tickets and blocked rows; a re-run does nothing twice', async () => {
    const file = join(dir, 'customers.csv');
    writeFileSync(file, CSV);
    const nets = servers.arin.state().nets.size;
    const customers = servers.arin.state().customers.size;

    const plan = await regkit(['arin', 'swip', 'plan', file, '--parent', 'NET-10-0-0-0-1', '--json']);
    expect(plan.code).toBe(1);
    const rows = events(plan.stdout).filter((e) => e.event === 'plan-row');
    const byLine = Object.fromEntries(rows.map((r) => [r.line as number, r]));
    expect(byLine[2]).toMatchObject({ action: 'blocked' });
    expect(String((byLine[2]!.problems as string[])[0])).toMatch(/overlaps 10\.0\.50\.0\/25 on line 8/);
    expect(byLine[3]).toMatchObject({ action: 'reassign', customerAction: 'create', netName: 'BETA-BAKERY' });
    expect(byLine[5]!.problems).toEqual([
      expect.stringMatching(/overlaps NET-10-0-1-0-1 .*already registered/),
    ]);
    expect(byLine[6]!.problems).toEqual(['customer_name is empty']);
    expect(byLine[7]!.problems).toEqual([
      expect.stringMatching(/not a network address \(did you mean 10\.0\.53\.0\/24\?\)/),
    ]);
    expect(servers.arin.state().nets.size).toBe(nets);
    expect(servers.arin.state().customers.size).toBe(customers);
    expect(statSync(`${file}.swip-plan.json`).mode & 0o777).toBe(0o600);

    const apply = await regkit(['arin', 'swip', 'apply', `${file}.swip-plan.json`, '--json']);
    expect(apply.code).toBe(1);
    const summary = events(apply.stdout).find((e) => e.event === 'summary')!;
    expect(summary.counts).toMatchObject({ reassigned: 1, ticketed: 1, blocked: 5, failed: 0 });
    expect(servers.arin.state().nets.size).toBe(nets + 1);
    expect(servers.arin.state().customers.size).toBe(customers + 2);
    expect(statSync(`${file}.swip-journal`).mode & 0o777).toBe(0o600);

    // the journal changed: the old plan is refused
    const stale = await regkit(['arin', 'swip', 'apply', `${file}.swip-plan.json`]);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/the plan was made before the journal .* existed; run plan again/);

    // fix line 8 (and line 2 with it): Alpha's block is applied, nothing done twice
    writeFileSync(
      file,
      CSV.replace(
        'Zeta,7 Main St,Herndon,VA,20170,US,10.0.50.0/25',
        'Zeta,7 Main St,Herndon,VA,20170,US,10.0.54.0/25',
      ),
    );
    const again = await regkit(['arin', 'swip', 'apply', file, '--parent', 'NET-10-0-0-0-1', '--json']);
    const counts = events(again.stdout).find((e) => e.event === 'summary')!.counts;
    expect(counts).toMatchObject({ reassigned: 2, done: 2, blocked: 3 });
    expect(servers.arin.state().nets.size).toBe(nets + 3);
    expect(customersNamed(servers, 'Beta Bakery')).toBe(1);
  });
});
