import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MockServers } from '@regkit/mock-server';
import { describe, expect, it } from 'vitest';
import { eachTestAgainstMocks, type MockedCli } from './harness.js';

// Every test runs with other registrants creating objects at the mock between our requests, as at
// ARIN: handle numbers are not ours to predict. Each asserts that every block is registered once,
// that every distinct customer exists at most once, that every row ends done or held with its
// reason, and that cleanup accounts for every customer the journal may have created.
let servers: MockServers;
let regkit: MockedCli['regkit'];
let dir: string;
eachTestAgainstMocks('regkit-swip-once-', (t) => {
  ({ servers, regkit, dir } = t);
  servers.arin.setOtherRegistrants({ rate: 1.5, seed: 11 });
});

const PARENT = 'NET-10-0-0-0-1';
const HEADER = 'customer_name,street,city,state,postal_code,country,block';
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
/** The loader by its URL, so a child started in another folder finds it. */
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ENV = { ARIN_API_KEY: 'API-1111-2222-3333-4444' };

const blockOf = (third: number, i: number) => `10.0.${third}.${i * 16}/28`;
function csvFile(
  name: string,
  third: number,
  rows: number,
  prefix: string,
): { file: string; blocks: string[] } {
  const blocks = Array.from({ length: rows }, (_, i) => blockOf(third, i));
  const file = join(dir, `${name}.csv`);
  writeFileSync(
    file,
    [HEADER, ...blocks.map((b, i) => `${prefix} ${i} Co,${i} Main St,Herndon,VA,20170,US,${b}`)].join('\n'),
  );
  return { file, blocks };
}

type Event = Record<string, unknown> & { event: string };
const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Event);

const ip = (a: string) => a.split('.').reduce((n, o) => (n << 8n) | BigInt(o), 0n);

function assertBlocksOnce(blocks: string[]) {
  const nets = [...servers.arin.state().nets.values()];
  for (const block of blocks) {
    const [addr, len] = block.split('/');
    const start = ip(addr!);
    const end = start + (1n << BigInt(32 - Number(len))) - 1n;
    expect(
      nets.filter((n) => n.start === start && n.end === end),
      block,
    ).toHaveLength(1);
  }
}

const ourCustomers = (prefix: string) =>
  [...servers.arin.state().customers.values()].filter((c) => c.customerName?.startsWith(`${prefix} `));

function assertCustomersAtMostOnce(prefix: string) {
  const names = ourCustomers(prefix).map((c) => c.customerName);
  expect(names.length, `customers named ${prefix} …`).toBe(new Set(names).size);
}

/** The final run's rows all ended done (or held, with the command that settles them). */
function assertDoneOrHeld(stdout: string, rows: number) {
  const rowEvents = events(stdout).filter((e) => e.event === 'row');
  expect(rowEvents).toHaveLength(rows);
  for (const r of rowEvents) {
    expect(['reassigned', 'done', 'held']).toContain(r.outcome);
    if (r.outcome === 'held') expect(String(r.detail)).toMatch(/regkit arin swip settle --journal/);
  }
}

/** Every customer at the mock carrying this journal's marker holds one of its nets or is listed by cleanup. */
async function assertCleanupAccountsFor(journal: string) {
  const id = (JSON.parse(readFileSync(journal, 'utf8').split('\n')[0]!) as { id: string }).id;
  const marked = [...servers.arin.state().customers.values()].filter((c) =>
    (c.comment ?? []).some((line) => line.startsWith(`regkit-swip ${id} `)),
  );
  const holding = new Set([...servers.arin.state().nets.values()].map((n) => n.customerHandle));
  const cleanup = await regkit(['arin', 'swip', 'cleanup', '--journal', journal, '--json']);
  const listed = events(cleanup.stdout)
    .filter((e) => e.customer)
    .flatMap((e) => String(e.customer).split(' or '));
  for (const c of marked) if (!holding.has(c.handle)) expect(listed, c.handle).toContain(c.handle);
}

const apply = (file: string, ...extra: string[]) =>
  regkit(['arin', 'swip', 'apply', file, '--parent', PARENT, '--json', ...extra]);

function spawnApply(args: string[], options: { ulimitKiB?: number; cwd?: string } = {}) {
  const argv = [process.execPath, '--import', tsx, bin, 'arin', 'swip', 'apply', ...args];
  const [cmd, cmdArgs] =
    options.ulimitKiB === undefined
      ? [argv[0]!, argv.slice(1)]
      : ['bash', ['-c', `ulimit -f ${options.ulimitKiB} && exec "$@"`, 'bash', ...argv]];
  const child = spawn(cmd, cmdArgs, {
    env: {
      ...process.env,
      ...ENV,
      ARIN_ENV: servers.arin.baseUrl,
      // the workspace's sources, wherever the child starts
      TSX_TSCONFIG_PATH: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

const creates = () =>
  servers.arin.journal.filter((e) => e.method === 'POST' && /\/customer$/.test(e.url.split('?')[0]!)).length;

describe('bulk SWIP exactly once at the registry', () => {
  it(
    'half the customer-create answers lost from the first row: each found by its marker, none made twice',
    { timeout: 60_000 },
    async () => {
      const { file, blocks } = csvFile('half', 150, 8, 'Half');
      servers.arin.setFaults({
        applyThenDropNext: 1,
        applyThenDropRate: 0.5,
        applyThenDropOn: ['createRecipientCustomer'],
        seed: 3,
      });
      const first = await apply(file);
      expect(servers.arin.journal.filter((e) => /then dropped/.test(e.fault ?? '')).length).toBeGreaterThan(
        1,
      );
      expect(first.code).toBe(0);
      assertDoneOrHeld(first.stdout, 8);
      expect(events(first.stdout).filter((e) => e.outcome === 'reassigned')).toHaveLength(8);
      assertBlocksOnce(blocks);
      assertCustomersAtMostOnce('Half');
      expect(ourCustomers('Half')).toHaveLength(8);
      expect(servers.arin.state().customers.size).toBeGreaterThan(8 + 10); // others created meanwhile
      const again = await apply(file);
      expect(again.code).toBe(0);
      expect(events(again.stdout).filter((e) => e.outcome === 'done')).toHaveLength(8);
      await assertCleanupAccountsFor(`${file}.swip-journal`);
    },
  );

  it(
    'every answer lost, then resumed: every write settled at ARIN, nothing sent twice',
    { timeout: 60_000 },
    async () => {
      const { file, blocks } = csvFile('all', 151, 5, 'All');
      servers.arin.setFaults({
        applyThenDropRate: 1,
        applyThenDropOn: ['createRecipientCustomer', 'reassignNet'],
      });
      const first = await apply(file);
      assertDoneOrHeld(first.stdout, 5);
      servers.arin.setFaults({});
      const resumed = await apply(file);
      expect(resumed.code).toBe(0);
      assertDoneOrHeld(resumed.stdout, 5);
      assertBlocksOnce(blocks);
      assertCustomersAtMostOnce('All');
      expect(ourCustomers('All')).toHaveLength(5);
      expect(creates()).toBe(5);
      await assertCleanupAccountsFor(`${file}.swip-journal`);
    },
  );

  it(
    'SIGKILL right after a customer create reaches the server, five times, then the same command resumes',
    { timeout: 120_000 },
    async () => {
      const { file, blocks } = csvFile('kill', 152, 6, 'Kill');
      const journal = `${file}.swip-journal`;
      const args = [file, '--parent', PARENT, '--concurrency', '1', '--json'];
      for (let round = 0; round < 5; round++) {
        const before = creates();
        const run = spawnApply(args);
        await new Promise<void>((resolve) => {
          const timer = setInterval(() => {
            if (creates() > before) {
              run.child.kill('SIGKILL');
              clearInterval(timer);
              resolve();
            }
          }, 1);
          void run.done.then(() => {
            clearInterval(timer);
            resolve();
          });
        });
        await run.done;
      }
      const final = await spawnApply(args).done;
      expect(final.code, final.stderr).toBe(0);
      assertDoneOrHeld(final.stdout, 6);
      assertBlocksOnce(blocks);
      assertCustomersAtMostOnce('Kill');
      expect(ourCustomers('Kill')).toHaveLength(6);
      await assertCleanupAccountsFor(journal);
    },
  );

  it(
    'two applies on one journal with a stale lock, 50 rounds: one holder at a time, nothing twice',
    { timeout: 120_000 },
    async () => {
      const { file, blocks } = csvFile('lock', 153, 2, 'Lock');
      const journal = `${file}.swip-journal`;
      const locks = `${journal}.locks`;
      let held = 0;
      for (let round = 0; round < 50; round++) {
        mkdirSync(locks, { recursive: true });
        // a run killed while it held the lock: a pid that no longer exists
        writeFileSync(join(locks, `999999.1.${round.toString(16).padStart(16, '0')}.held`), '999999\n');
        const [a, b] = await Promise.all([apply(file), apply(file)]);
        const codes = [a.code, b.code].sort();
        expect(codes[0]).toBe(0);
        if (codes[1] === 2)
          expect(a.stderr + b.stderr).toMatch(/is in use by another run .*nothing was sent/);
        else expect(codes[1]).toBe(0);
        if (codes[1] === 2) held++;
      }
      expect(held).toBeGreaterThan(0);
      assertBlocksOnce(blocks);
      assertCustomersAtMostOnce('Lock');
      await assertCleanupAccountsFor(journal);
    },
  );

  it(
    'a short journal write under ulimit -f stops before sending; the same command then completes',
    { timeout: 60_000 },
    async () => {
      const { file, blocks } = csvFile('short', 154, 6, 'Short');
      const journal = `${file}.swip-journal`;
      const args = [file, '--parent', PARENT, '--concurrency', '1'];
      const cut = await spawnApply(args, { ulimitKiB: 2 }).done;
      expect(cut.code, cut.stderr + cut.stdout).toBe(2);
      expect(cut.stderr).toMatch(
        /cannot write the journal .*\(EFBIG: .*\); the run stopped before sending anything more/,
      );
      expect(cut.stderr).toContain(
        `To continue: regkit arin swip apply ${file} --parent ${PARENT} --concurrency 1`,
      );
      // every line the journal holds is whole, and no request went out after the failed write
      const text = readFileSync(journal, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const intents = text
        .trim()
        .split('\n')
        .slice(1)
        .filter((l) => l.startsWith('{"i"')).length;
      const writes = servers.arin.journal.filter((e) => e.method !== 'GET').length;
      expect(writes).toBeLessThanOrEqual(intents);
      const rest = await spawnApply([...args, '--json']).done;
      expect(rest.code, rest.stderr).toBe(0);
      assertDoneOrHeld(rest.stdout, 6);
      assertBlocksOnce(blocks);
      assertCustomersAtMostOnce('Short');
      expect(ourCustomers('Short')).toHaveLength(6);
      await assertCleanupAccountsFor(journal);
    },
  );

  it(
    'an edited plan or a changed CSV is refused with nothing sent; the plan applies from another folder',
    { timeout: 60_000 },
    async () => {
      const { file, blocks } = csvFile('edit', 155, 3, 'Edit');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n=1+2 Co,9 Main St,Herndon,VA,20170,US,10.0.1.0/28`);
      const plan = await regkit(['arin', 'swip', 'plan', file, '--parent', PARENT]);
      expect(plan.code).toBe(1);
      const planFile = `${file}.swip-plan.jsonl`;
      const original = readFileSync(planFile, 'utf8');
      const writes = () => servers.arin.journal.filter((e) => e.method !== 'GET').length;
      const before = writes();
      writeFileSync(planFile, original.replace('"a":"blocked"', '"a":"reassign"'));
      const edited = await regkit(['arin', 'swip', 'apply', planFile]);
      expect(edited.code).toBe(2);
      expect(edited.stderr).toMatch(/was changed or cut short since regkit wrote it .*nothing was sent/);
      writeFileSync(planFile, original);
      const csv = readFileSync(file, 'utf8');
      writeFileSync(file, csv.replace('Edit 0 Co', 'Edit 0 Inc'));
      const changed = await regkit(['arin', 'swip', 'apply', planFile]);
      expect(changed.code).toBe(2);
      expect(changed.stderr).toMatch(/the CSV .* has changed since the plan .* was made; nothing was sent/);
      expect(writes()).toBe(before);
      writeFileSync(file, csv);
      // the plan names its CSV and journal relative to itself: applying it from elsewhere uses them
      const elsewhere = join(dir, 'elsewhere');
      mkdirSync(elsewhere);
      const applied = await spawnApply([join('..', 'edit.csv.swip-plan.jsonl'), '--json'], { cwd: elsewhere })
        .done;
      expect(applied.code, applied.stderr).toBe(1); // the formula row stays blocked
      expect(applied.stderr).toBe('');
      const rows = events(applied.stdout).filter((e) => e.event === 'row');
      expect(
        rows.find((r) => r.line === 5),
        applied.stdout,
      ).toMatchObject({ outcome: 'blocked' });
      expect(rows.filter((r) => r.outcome === 'reassigned')).toHaveLength(3);
      assertBlocksOnce(blocks);
      expect(readFileSync(`${file}.swip-journal`, 'utf8').split('\n').length).toBeGreaterThan(6);
      const customers = [...servers.arin.state().customers.values()].map((c) => c.customerName);
      expect(customers).not.toContain('=1+2 Co');
    },
  );

  it(
    'a second journal on the same parent: each block once, and no customer left holding nothing',
    { timeout: 60_000 },
    async () => {
      const { file, blocks } = csvFile('two', 156, 8, 'Two');
      const [a, b] = await Promise.all([
        apply(file, '--journal', join(dir, 'a.journal')),
        apply(file, '--journal', join(dir, 'b.journal')),
      ]);
      const outcomes = [...events(a.stdout), ...events(b.stdout)].filter((e) => e.event === 'row');
      expect(
        outcomes.filter((e) => e.outcome === 'reassigned'),
        a.stdout + a.stderr + b.stdout + b.stderr,
      ).toHaveLength(8);
      assertBlocksOnce(blocks);
      assertCustomersAtMostOnce('Two');
      const holding = new Set([...servers.arin.state().nets.values()].map((n) => n.customerHandle));
      expect(ourCustomers('Two').filter((c) => !holding.has(c.handle))).toEqual([]);
      await assertCleanupAccountsFor(join(dir, 'a.journal'));
      await assertCleanupAccountsFor(join(dir, 'b.journal'));
    },
  );

  it('a torn last line is recognised: a torn outcome is settled at ARIN, a torn intent was never sent', async () => {
    const { file, blocks } = csvFile('torn', 157, 2, 'Torn');
    const journal = `${file}.swip-journal`;
    expect((await apply(file)).code).toBe(0);
    const whole = readFileSync(journal, 'utf8');
    // cut the last outcome (the second reassignment's) in the middle
    const lastLine = whole.trimEnd().split('\n').at(-1)!;
    expect(lastLine).toMatch(/^\{"o":\d+,"ok":true,"net":/);
    const cut = whole.slice(0, whole.trimEnd().lastIndexOf('\n') + 1) + lastLine.slice(0, 12);
    writeFileSync(journal, cut);
    const again = await apply(file);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /last line \(the outcome of request \d+\) was cut short; that request is checked at ARIN/,
    );
    expect(
      events(again.stdout)
        .filter((e) => e.event === 'row')
        .map((e) => e.outcome),
    ).toEqual(['done', 'done']);
    // an intent cut short was never sent: it is dropped, and the row is done from ARIN's answer
    const now = readFileSync(journal, 'utf8');
    writeFileSync(journal, `${now}{"i":99,"op":"reass`);
    const third = await apply(file);
    expect(third.code).toBe(0);
    expect(third.stderr).toMatch(
      /last line \(request 99\) was cut short before it was whole on disk, so its request was never sent/,
    );
    expect(readFileSync(journal, 'utf8').endsWith('\n')).toBe(true);
    assertBlocksOnce(blocks);
    assertCustomersAtMostOnce('Torn');
  });
});
