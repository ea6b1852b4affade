import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArinClient } from '@regkit/arin-client';
import type { MockServers } from '@regkit/mock-server';
import { describe, expect, it } from 'vitest';
import { eachTestAgainstMocks, type MockedCli } from './harness.js';

let servers: MockServers;
let regkit: MockedCli['regkit'];
let dir: string;
eachTestAgainstMocks('regkit-swip-sync-', (t) => ({ servers, regkit, dir } = t));

const PARENT = 'NET-10-0-0-0-1';
const HEADER = 'customer_name,street,city,state,postal_code,country,block,net_name';
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

type Event = Record<string, unknown> & { event: string };
const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Event);
/** Writes the mock has answered since the request numbered `after` (its journal keeps the latest only). */
const writesSince = (after: number) =>
  servers.arin.journal.filter((e) => e.id > after && e.method !== 'GET' && e.method !== 'HEAD').length;
const lastId = () => servers.arin.journal.at(-1)?.id ?? 0;
const writes = () => writesSince(0);

/** Registers a simple reassignment at the mock as another tool (or a person) would have. */
async function registered(name: string, street: string, block: string, netName: string) {
  const arin = new ArinClient({ apiKey: 'API-1111-2222-3333-4444', environment: servers.arin.baseUrl });
  const customer = await arin.net.createRecipientCustomer(PARENT, {
    customerName: name,
    streetAddress: [street],
    city: 'Herndon',
    stateProvince: 'VA',
    postalCode: '20170',
    country: { code2: 'US' },
  });
  const [startAddress, len] = block.split('/');
  const result = await arin.net.reassign(PARENT, {
    version: 4,
    netName,
    customerHandle: customer.handle!,
    parentNetHandle: PARENT,
    netBlocks: [{ startAddress: startAddress!, cidrLength: Number(len) }],
  });
  if (result.kind !== 'net') throw new Error('expected a net');
  return { customer: customer.handle!, net: result.net.handle! };
}

const row = (name: string, street: string, block: string, netName = '') =>
  `${name},${street},Herndon,VA,20170,US,${block},${netName}`;

describe('regkit arin swip --sync', () => {
  it('plans create, update, adopt, replace, remove and untouched; apply makes ARIN match; a second plan exits 0', async () => {
    const keep = await registered('Keep Co', '1 Main St', '10.0.120.0/28', 'KEEP-CO');
    const move = await registered('Move Co', '2 Old Rd', '10.0.120.16/28', 'MOVE-CO');
    const rename = await registered('Rename Net Co', '3 Main St', '10.0.120.32/28', 'OLD-NET-NAME');
    const replaced = await registered('Old Name Co', '4 Main St', '10.0.120.48/28', 'OLD-NAME-CO');
    const gone = await registered('Gone Co', '5 Main St', '10.0.120.64/28', 'GONE-CO');
    const world = await new ArinClient({
      apiKey: 'API-1111-2222-3333-4444',
      environment: servers.arin.baseUrl,
    }).net.get('NET-10-0-1-0-1');
    const file = join(dir, 'ipam.csv');
    writeFileSync(
      file,
      [
        HEADER,
        row('Keep Co', '1 Main St', '10.0.120.0/28', 'KEEP-CO'), // line 2: adopt
        row('Move Co', '2 New Rd', '10.0.120.16/28', 'MOVE-CO'), // line 3: update (address)
        row('Rename Net Co', '3 Main St', '10.0.120.32/28', 'NEW-NET-NAME'), // line 4: update (net name)
        row('New Name Co', '4 Main St', '10.0.120.48/28', 'NEW-NAME-CO'), // line 5: replace
        row('Fresh Co', '6 Main St', '10.0.120.80/28', 'FRESH-CO'), // line 6: create
        row('Keep Co', '1 Main St', '10.0.120.96/28', 'KEEP-CO-2'), // line 7: create, reusing Keep Co at ARIN
      ].join('\n'),
    );

    const before = writes();
    const plain = await regkit(['arin', 'swip', 'plan', file, '--parent', PARENT, '--sync', '--json']);
    expect(plain.code, plain.stderr).toBe(2);
    const rows = events(plain.stdout).filter((e) => e.event === 'plan-row');
    expect(rows.map((r) => [r.line, r.action, r.customerAction])).toEqual([
      [2, 'adopt', `reuse ${keep.customer}`],
      [3, 'update', `keep ${move.customer}`],
      [4, 'update', `keep ${rename.customer}`],
      [5, 'replace', 'create'],
      [6, 'reassign', 'create'],
      [7, 'reassign', `reuse ${keep.customer} (at ARIN)`],
    ]);
    expect(rows[1]!.registered).toMatchObject({ net: move.net, changes: ['street'] });
    expect(rows[2]!.registered).toMatchObject({ net: rename.net, changes: [], netName: 'OLD-NET-NAME' });
    const nets = events(plain.stdout).filter((e) => e.event === 'plan-net');
    expect(
      nets
        .filter((n) => n.action === 'remove')
        .map((n) => n.handle)
        .sort(),
    ).toEqual([gone.net, world.handle].sort());
    expect(nets.find((n) => n.handle === gone.net)!.reason).toMatch(
      /not in the file \(removed with --prune\)/,
    );
    expect(nets.filter((n) => n.action === 'untouched').map((n) => [n.handle, n.reason])).toEqual(
      expect.arrayContaining([
        ['NET-10-0-16-0-1', 'a reallocation to EXAMPLE-1'],
        ['NET-10-0-64-0-1', 'a reallocation to EXAMPLE-1'],
      ]),
    );
    expect(events(plain.stdout).at(-1)).toMatchObject({
      event: 'plan',
      update: 2,
      adopt: 1,
      replace: 1,
      remove: 2,
    });
    expect(writes()).toBe(before);

    // without --prune: the replace and the removals are not sent
    const noPrune = await regkit(['arin', 'swip', 'apply', file, '--parent', PARENT, '--sync', '--json']);
    const noPruneRows = events(noPrune.stdout).filter((e) => e.event === 'row');
    expect(noPruneRows.find((r) => r.line === 5)).toMatchObject({
      outcome: 'not-run',
      detail: expect.stringMatching(/replacing it needs --prune/),
    });
    expect(servers.arin.state().nets.has(gone.net)).toBe(true);

    const planned = await regkit(['arin', 'swip', 'plan', file, '--parent', PARENT, '--sync', '--prune']);
    expect(planned.code).toBe(2);
    expect(planned.stdout).toMatch(/REMOVE|remove/);
    const applied = await regkit(['arin', 'swip', 'apply', `${file}.swip-plan.jsonl`, '--json']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const state = servers.arin.state();
    expect(state.customers.get(move.customer)!.streetAddress).toEqual(['2 New Rd']);
    expect(state.nets.get(rename.net)!.netName).toBe('NEW-NET-NAME');
    expect(state.nets.has(replaced.net)).toBe(false);
    expect(state.customers.has(replaced.customer)).toBe(false);
    expect(state.nets.has(gone.net)).toBe(false);
    expect(state.customers.has(gone.customer)).toBe(false);
    const byName = (name: string) => [...state.customers.values()].filter((c) => c.customerName === name);
    expect(byName('New Name Co')).toHaveLength(1);
    expect(byName('Keep Co'), noPrune.stdout + applied.stdout).toHaveLength(1);
    const keepNets = [...state.nets.values()].filter((n) => n.customerHandle === keep.customer);
    expect(keepNets).toHaveLength(2);

    // ARIN now matches the file: exit 0, and an apply sends nothing
    const after = writes();
    const again = await regkit([
      'arin',
      'swip',
      'plan',
      file,
      '--parent',
      PARENT,
      '--sync',
      '--prune',
      '--json',
    ]);
    expect(again.code, again.stdout).toBe(0);
    const none = await regkit(['arin', 'swip', 'apply', file, '--parent', PARENT, '--sync', '--prune']);
    expect(none.code).toBe(0);
    expect(writes()).toBe(after);
  });

  it('refuses a row whose customer matches two customers at ARIN, naming both', async () => {
    const a = await registered('Twin Co', '1 Main St', '10.0.121.0/28', 'TWIN-A');
    const b = await registered('Twin Co', '1 Main St', '10.0.121.16/28', 'TWIN-B');
    const file = join(dir, 'twins.csv');
    writeFileSync(
      file,
      [
        HEADER,
        row('Twin Co', '1 Main St', '10.0.121.0/28', 'TWIN-A'),
        row('Twin Co', '1 Main St', '10.0.121.16/28', 'TWIN-B'),
        row('Twin Co', '1 Main St', '10.0.121.32/28', 'TWIN-C'),
      ].join('\n'),
    );
    const plan = await regkit(['arin', 'swip', 'plan', file, '--parent', PARENT, '--sync', '--json']);
    expect(plan.code).toBe(1);
    const third = events(plan.stdout).find((e) => e.event === 'plan-row' && e.line === 4)!;
    expect(third.action).toBe('blocked');
    expect(third.problems).toEqual([
      `the customer matches 2 customers at ARIN (${[a.customer, b.customer].sort().join(', ')}); ambiguous, so nothing is sent`,
    ]);
  });

  it(
    'an interrupted sync is resumed by the same command: each change once',
    { timeout: 120_000 },
    async () => {
      const regs = [];
      for (let i = 0; i < 6; i++)
        regs.push(await registered(`Sync ${i} Co`, `${i} Old Rd`, `10.0.122.${i * 16}/28`, `SYNC-${i}`));
      const file = join(dir, 'resume.csv');
      writeFileSync(
        file,
        [
          HEADER,
          ...regs.map((_, i) => row(`Sync ${i} Co`, `${i} New Rd`, `10.0.122.${i * 16}/28`, `SYNC-${i}`)),
          ...Array.from({ length: 6 }, (_, i) =>
            row(`Added ${i} Co`, `${i} Main St`, `10.0.123.${i * 16}/28`),
          ),
        ].join('\n'),
      );
      const journal = `${file}.swip-journal`;
      const args = ['arin', 'swip', 'apply', file, '--parent', PARENT, '--sync', '--concurrency', '2'];
      const before = lastId();
      // the first address change is applied and its connection dropped; every answer takes 100 ms
      servers.arin.setFaults({ latencyMs: 100, applyThenDropNext: 1, applyThenDropOn: ['updateCustomer'] });
      const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], {
        env: { ...process.env, ARIN_API_KEY: 'API-1111-2222-3333-4444', ARIN_ENV: servers.arin.baseUrl },
        stdio: 'ignore',
      });
      const customerWrites = () =>
        servers.arin.journal.filter((e) => e.method === 'PUT' && /\/customer\//.test(e.url));
      // Killed in the middle of the address changes (rows 2–7 come before the creates): once ARIN has
      // answered three of them, the dropped one included, at least two rows of 200 ms remain.
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const timer = setInterval(() => {
        if (customerWrites().length >= 3) child.kill('SIGKILL');
      }, 2);
      await exited;
      clearInterval(timer);
      expect(existsSync(journal)).toBe(true);
      // what the killed run had sent lands at ARIN before the resume looks (see the next test for when not)
      await servers.arin.settled();
      servers.arin.setFaults({});
      const resumed = await regkit([...args, '--json']);
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      const state = servers.arin.state();
      for (const [i, r] of regs.entries())
        expect(state.customers.get(r.customer)!.streetAddress).toEqual([`${i} New Rd`]);
      for (let i = 0; i < 6; i++)
        expect([...state.customers.values()].filter((c) => c.customerName === `Added ${i} Co`)).toHaveLength(
          1,
        );
      // each address sent once, and the dropped one once more by the retry (unless the kill came first)
      expect(customerWrites().length).toBeGreaterThanOrEqual(6);
      expect(customerWrites().length).toBeLessThanOrEqual(6 + 1);
      const creates = servers.arin.journal.filter(
        (e) => e.id > before && e.method === 'POST' && /\/customer$/.test(e.url.split('?')[0]!),
      );
      expect(creates).toHaveLength(6);
      const drift = await regkit(['arin', 'swip', 'plan', file, '--parent', PARENT, '--sync']);
      expect(drift.code).toBe(2); // the world's own reassignment is still not in the file (no --prune)
      expect(drift.stdout).toMatch(/0 to update, 0 to adopt, 0 to replace, 1 to remove \(with --prune\)/);
    },
  );

  it(
    'a change ARIN is still applying when the run is resumed is sent again; ARIN ends as the file says',
    { timeout: 60_000 },
    async () => {
      const reg = await registered('Late Co', '1 Old Rd', '10.0.124.0/28', 'LATE-CO');
      const file = join(dir, 'late.csv');
      writeFileSync(file, [HEADER, row('Late Co', '1 New Rd', '10.0.124.0/28', 'LATE-CO')].join('\n'));
      const journal = `${file}.swip-journal`;
      const args = ['arin', 'swip', 'apply', file, '--parent', PARENT, '--sync'];
      const before = lastId();
      // only the address change is slow: ARIN holds it for 4 s
      servers.arin.setFaults({ latencyMs: 4000, latencyOn: ['updateCustomer'] });
      const child = spawn(process.execPath, ['--import', 'tsx', bin, ...args], {
        env: { ...process.env, ARIN_API_KEY: 'API-1111-2222-3333-4444', ARIN_ENV: servers.arin.baseUrl },
        stdio: 'ignore',
      });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // the change is journaled, then sent; half a second later it waits at ARIN, and the run is killed
      const journaledAt = await new Promise<number>((resolve) => {
        const timer = setInterval(() => {
          if (existsSync(journal) && /"customerModify"/.test(readFileSync(journal, 'utf8'))) {
            clearInterval(timer);
            resolve(performance.now());
          }
        }, 2);
      });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, journaledAt + 500 - performance.now())));
      child.kill('SIGKILL');
      await exited;
      servers.arin.setFaults({});
      const address = () => servers.arin.state().customers.get(reg.customer)!.streetAddress;
      expect(address()).toEqual(['1 Old Rd']);
      const resumed = await regkit([...args, '--json']);
      expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
      expect(events(resumed.stdout).find((e) => e.event === 'summary')).toMatchObject({
        reconciled: 1,
        counts: { updated: 1, failed: 0, held: 0 },
      });
      expect(address()).toEqual(['1 New Rd']);
      // the killed run's request lands late, with the same address
      await servers.arin.settled();
      const puts = servers.arin.journal.filter(
        (e) => e.id > before && e.method === 'PUT' && /\/customer\//.test(e.url),
      );
      expect(puts).toHaveLength(2);
      expect(address()).toEqual(['1 New Rd']);
      const again = await regkit(['arin', 'swip', 'plan', file, '--parent', PARENT, '--sync']);
      expect(again.code).toBe(2); // the world's own reassignment is not in the file (no --prune)
      expect(again.stdout).toMatch(/0 to update, 0 to adopt, 0 to replace, 1 to remove \(with --prune\)/);
      expect(again.stdout).toMatch(/1 already done, 0 cannot be applied/);
    },
  );

  it('a 10 000-row sync: the second run plans nothing and sends nothing', { timeout: 600_000 }, async () => {
    const file = join(dir, 'big.csv');
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `Big ${i} Co,${i} Main St,Herndon,VA,20170,US,2001:db8:${(0xa000 + i).toString(16)}::/64,`,
    );
    writeFileSync(file, [HEADER, ...rows].join('\n'));
    const first = await regkit([
      'arin',
      'swip',
      'apply',
      file,
      '--parent',
      'NET6-2001-DB8-1',
      '--sync',
      '--concurrency',
      '8',
      '--json',
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(events(first.stdout).at(-1)).toMatchObject({ event: 'summary', counts: { reassigned: 10_000 } });
    const mark = lastId();
    const plan = await regkit([
      'arin',
      'swip',
      'plan',
      file,
      '--parent',
      'NET6-2001-DB8-1',
      '--sync',
      '--prune',
      '--json',
    ]);
    expect(plan.code).toBe(0);
    expect(events(plan.stdout).at(-1)).toMatchObject({
      event: 'plan',
      reassign: 0,
      update: 0,
      remove: 0,
      done: 10_000,
    });
    const second = await regkit([
      'arin',
      'swip',
      'apply',
      file,
      '--parent',
      'NET6-2001-DB8-1',
      '--sync',
      '--prune',
      '--json',
    ]);
    expect(second.code).toBe(0);
    expect(writesSince(mark)).toBe(0);
  });
});
