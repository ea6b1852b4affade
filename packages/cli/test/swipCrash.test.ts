import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockServers, type MockServers } from '@regkit/mock-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliAgainst } from './harness.js';

// Kills `regkit arin swip apply` with SIGKILL at 20 points of a 300-row run (chosen by journal
// length, from a fixed seed) while the mock applies 5 % of the writes and then drops the connection;
// then resumes to completion. The end state must equal one uninterrupted run.
let servers: MockServers;
let dir: string;
beforeAll(async () => {
  servers = await startMockServers();
  dir = mkdtempSync(join(tmpdir(), 'regkit-swip-crash-'));
});
afterAll(async () => {
  await servers.close();
  rmSync(dir, { recursive: true, force: true });
});

const ROWS = 300;
const CUSTOMERS = 120;
const blockOf = (i: number) => `10.0.${128 + Math.floor((i * 16) / 256)}.${(i * 16) % 256}/28`;
const nameOf = (c: number) => `Crash Customer ${c}`;
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

function csv(): string {
  const lines = ['customer_name,street,city,state,postal_code,country,block'];
  for (let i = 0; i < ROWS; i++)
    lines.push(`${nameOf(i % CUSTOMERS)},${i % CUSTOMERS} Main St,Herndon,VA,20170,US,${blockOf(i)}`);
  return lines.join('\n');
}

/** A small deterministic generator, so the kill points are the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0);

/** Runs apply; kills it once the journal has `killAt` lines. Resolves with the exit code (null when killed). */
function apply(file: string, journal: string, killAt?: number): Promise<number | null> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      bin,
      'arin',
      'swip',
      'apply',
      file,
      '--parent',
      'NET-10-0-0-0-1',
      '--journal',
      journal,
      '--concurrency',
      '4',
    ],
    {
      env: { ...process.env, ARIN_API_KEY: 'API-1111-2222-3333-4444', ARIN_ENV: servers.arin.baseUrl },
      stdio: 'ignore',
    },
  );
  return new Promise((resolve) => {
    const timer =
      killAt === undefined
        ? undefined
        : setInterval(() => {
            if (lines(journal) >= killAt) child.kill('SIGKILL');
          }, 2);
    child.once('exit', (code) => {
      clearInterval(timer);
      resolve(code);
    });
  });
}

it(
  'survives SIGKILL at 20 points with apply-then-drop faults: exactly 300 nets, one customer each',
  { timeout: 240_000 },
  async () => {
    const file = join(dir, 'many.csv');
    const journal = join(dir, 'many.journal');
    writeFileSync(file, csv());
    servers.arin.setFaults({
      applyThenDropRate: 0.05,
      applyThenDropOn: ['reassignNet', 'createRecipientCustomer'],
      seed: 7,
    });
    const next = random(19);
    let killed = 0;
    for (let k = 0; k < 20; k++) {
      const at = lines(journal) + 4 + Math.floor(next() * 60);
      if ((await apply(file, journal, at)) === null) killed++;
      await servers.arin.settled(); // what the killed run sent has landed before the next run looks
    }
    expect(killed).toBeGreaterThanOrEqual(15);
    // a kill between an intent reaching the disk and its request leaves a customer create no search
    // can settle: the operator looks it up (here: the mock's state) and settles it, then resumes
    const regkit = cliAgainst(servers);
    const resumed = await regkit([
      'arin',
      'swip',
      'apply',
      file,
      '--parent',
      'NET-10-0-0-0-1',
      '--journal',
      journal,
      '--json',
    ]);
    const held = resumed.stdout
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { event: string; outcome?: string; detail?: string; customerName?: string },
      )
      .filter((e) => e.outcome === 'held');
    const settledLines = new Set<number>();
    for (const row of held) {
      const line = Number(/--line (\d+)/.exec(row.detail ?? '')?.[1]);
      if (settledLines.has(line)) continue;
      const text = readFileSync(journal, 'utf8');
      const id = (JSON.parse(text.split('\n')[0]!) as { id: string }).id;
      const existing = [...servers.arin.state().customers.values()].find(
        (c) =>
          c.customerName === row.customerName &&
          (c.comment ?? []).some((l) => l.startsWith(`regkit-swip ${id}`)),
      );
      const settle = await regkit([
        'arin',
        'swip',
        'settle',
        '--journal',
        journal,
        '--line',
        String(line),
        ...(existing ? ['--customer', existing.handle!] : ['--none']),
      ]);
      expect(settle.code, settle.stderr).toBe(0);
      settledLines.add(line);
    }
    const final = await regkit([
      'arin',
      'swip',
      'apply',
      file,
      '--parent',
      'NET-10-0-0-0-1',
      '--journal',
      journal,
    ]);
    expect(final.code, final.stdout + final.stderr).toBe(0);

    const ours = [...servers.arin.state().nets.values()].filter(
      (n) =>
        n.customerHandle &&
        servers.arin.state().customers.get(n.customerHandle)?.customerName?.startsWith('Crash Customer'),
    );
    expect(ours).toHaveLength(ROWS);
    const blocks = new Set(ours.map((n) => `${n.start}/${n.end}`));
    expect(blocks.size).toBe(ROWS);
    const customers = [...servers.arin.state().customers.values()].filter((c) =>
      c.customerName?.startsWith('Crash Customer'),
    );
    expect(customers).toHaveLength(CUSTOMERS);
    expect(new Set(customers.map((c) => c.customerName)).size).toBe(CUSTOMERS);
    const dropped = servers.arin.journal.filter((e) => /then dropped/.test(JSON.stringify(e))).length;
    expect(dropped).toBeGreaterThan(0);
  },
);

it('two concurrent applies on one journal: one refuses and sends nothing, no duplicate', async () => {
  const file = join(dir, 'twice.csv');
  const rows = ['customer_name,street,city,state,postal_code,country,block'];
  for (let i = 0; i < 20; i++) rows.push(`Twice ${i},1 Main St,Herndon,VA,20170,US,10.0.200.${i * 8}/29`);
  writeFileSync(file, rows.join('\n'));
  servers.arin.setFaults({});
  const regkit = cliAgainst(servers);
  const [a, b] = await Promise.all([
    regkit(['arin', 'swip', 'apply', file, '--parent', 'NET-10-0-0-0-1']),
    regkit(['arin', 'swip', 'apply', file, '--parent', 'NET-10-0-0-0-1']),
  ]);
  expect([a.code, b.code].sort()).toEqual([0, 2]);
  expect(a.stderr + b.stderr).toMatch(/is in use by another run \(pid \d+, lock .*\); nothing was sent/);
  const nets = [...servers.arin.state().nets.values()].filter(
    (n) => n.start >= 0x0a00c800n && n.end <= 0x0a00c8ffn && n.type === 'S',
  );
  expect(nets).toHaveLength(20);
  const customers = [...servers.arin.state().customers.values()].filter((c) =>
    c.customerName?.startsWith('Twice '),
  );
  expect(customers).toHaveLength(20);
});

it('the first SIGINT lets the requests in flight finish, journals them, prints the summary and exits 130', async () => {
  const file = join(dir, 'ctrlc.csv');
  const journal = join(dir, 'ctrlc.journal');
  const rows = ['customer_name,street,city,state,postal_code,country,block'];
  for (let i = 0; i < 100; i++)
    rows.push(`Ctrl ${i},1 Main St,Herndon,VA,20170,US,10.0.${210 + Math.floor(i / 16)}.${(i % 16) * 16}/28`);
  writeFileSync(file, rows.join('\n'));
  servers.arin.setFaults({ latencyMs: 30 });
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      bin,
      'arin',
      'swip',
      'apply',
      file,
      '--parent',
      'NET-10-0-0-0-1',
      '--journal',
      journal,
    ],
    {
      env: { ...process.env, ARIN_API_KEY: 'API-1111-2222-3333-4444', ARIN_ENV: servers.arin.baseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (lines(journal) >= 20) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stdout).toMatch(/Interrupted: \d+ reassigned, .* \d+ not run\./);
  expect(stdout).toContain(
    `To continue: regkit arin swip apply ${file} --parent NET-10-0-0-0-1 --journal ${journal}\n`,
  );
  const records = readFileSync(journal, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as { i?: number; o?: number });
  const intents = records.filter((r) => r.i !== undefined).map((r) => r.i);
  const outcomes = new Set(records.filter((r) => r.o !== undefined).map((r) => r.o));
  expect(intents.filter((i) => !outcomes.has(i))).toEqual([]);
  const made = [...servers.arin.state().customers.values()].filter((c) =>
    c.customerName?.startsWith('Ctrl '),
  ).length;
  expect(made).toBeLessThan(100);
  servers.arin.setFaults({});
  expect(await apply(file, journal)).toBe(0);
  expect(
    [...servers.arin.state().customers.values()].filter((c) => c.customerName?.startsWith('Ctrl ')),
  ).toHaveLength(100);
}, 60_000);
