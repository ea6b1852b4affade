import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArinClient } from '@regkit/arin-client';
import type { MockServers } from '@regkit/mock-server';
import { describe, expect, it } from 'vitest';
import { eachTestAgainstMocks, type MockedCli } from './harness.js';

let servers: MockServers;
let regkit: MockedCli['regkit'];
let dir: string;
eachTestAgainstMocks('regkit-swip-', (t) => ({ servers, regkit, dir } = t));

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
    expect(statSync(`${file}.swip-plan.jsonl`).mode & 0o777).toBe(0o600);

    const apply = await regkit(['arin', 'swip', 'apply', `${file}.swip-plan.jsonl`, '--json']);
    expect(apply.code).toBe(1);
    const summary = events(apply.stdout).find((e) => e.event === 'summary')!;
    expect(summary.counts).toMatchObject({ reassigned: 1, ticketed: 1, blocked: 5, failed: 0 });
    expect(servers.arin.state().nets.size).toBe(nets + 1);
    expect(servers.arin.state().customers.size).toBe(customers + 2);
    expect(statSync(`${file}.swip-journal`).mode & 0o777).toBe(0o600);

    // the same plan applied again refreshes itself against the journal: nothing is sent twice
    const sentBefore = servers.arin.journal.length;
    const again1 = await regkit(['arin', 'swip', 'apply', `${file}.swip-plan.jsonl`, '--json']);
    expect(again1.code).toBe(1);
    expect(events(again1.stdout).find((e) => e.event === 'summary')!.counts).toMatchObject({
      reassigned: 0,
      done: 2,
      blocked: 5,
    });
    expect(
      servers.arin.journal.slice(sentBefore).filter((e) => /"(PUT|POST|DELETE)"/.test(JSON.stringify(e))),
    ).toEqual([]);

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

  it('a wrong parent or an unusable key stops the plan at once; nothing is sent', async () => {
    const file = join(dir, 'c.csv');
    writeFileSync(file, CSV);
    const before = servers.arin.journal.length;
    const wrong = await regkit(['arin', 'swip', 'plan', file, '--parent', 'NET-10-9-9-9-1']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/404|not found/i);
    const badKey = await regkit(['arin', 'swip', 'apply', file, '--parent', 'NET-10-0-0-0-1'], {
      ARIN_API_KEY: 'API-0000-0000-0000-0000',
    });
    expect(badKey.code).toBe(1);
    const sent = servers.arin.journal.slice(before);
    expect(sent.every((e) => JSON.stringify(e).includes('GET'))).toBe(true);
  });

  it('checks family, containment and the IPv6 prefix against the parent', async () => {
    const file = join(dir, 'fam.csv');
    writeFileSync(
      file,
      [
        HEADER,
        'One,1 Main St,Herndon,VA,20170,US,2001:db8:1::/48', // line 2: IPv6 under an IPv4 parent
        'Two,2 Main St,Herndon,VA,20170,US,10.1.0.0/24', // line 3: outside the parent
        'Three,3 Main St,Herndon,VA,20170,US,10.0.80.0/28', // line 4: fine
      ].join('\n'),
    );
    const plan = await regkit(['arin', 'swip', 'plan', file, '--parent', 'NET-10-0-0-0-1', '--json']);
    const rows = events(plan.stdout).filter((e) => e.event === 'plan-row');
    expect(rows.map((r) => [r.line, r.action, r.problems])).toEqual([
      [2, 'blocked', ['block 2001:db8:1::/48 is IPv6; the parent NET-10-0-0-0-1 is not']],
      [3, 'blocked', ['block 10.1.0.0/24 is outside the parent NET-10-0-0-0-1']],
      [4, 'reassign', []],
    ]);
    const v6 = join(dir, 'v6.csv');
    writeFileSync(
      v6,
      [
        HEADER,
        'Six,1 Main St,Herndon,VA,20170,US,2001:0db8:0001:0000:8000::/65',
        'Six,1 Main St,Herndon,VA,20170,US,2001:0DB8:0001:0001::/64',
      ].join('\n'),
    );
    const six = await regkit(['arin', 'swip', 'apply', v6, '--parent', 'NET6-2001-DB8-1', '--json']);
    expect(six.code).toBe(1);
    const sixRows = events(six.stdout);
    expect(sixRows.find((e) => e.line === 2)).toMatchObject({
      outcome: 'blocked',
      detail: 'block 2001:db8:1:0:8000::/65: ARIN does not reassign IPv6 blocks smaller than a /64',
    });
    expect(sixRows.find((e) => e.event === 'summary')!.counts).toMatchObject({ reassigned: 1, blocked: 1 });
  });

  it('an exact repeat of a row is reported as a duplicate of its first line; the first is applied', async () => {
    const file = join(dir, 'dup.csv');
    const row = 'Dup Co,1 Main St,Herndon,VA,20170,US,10.0.81.0/28';
    writeFileSync(file, [HEADER, row, 'Other,2 Main St,Herndon,VA,20170,US,10.0.81.32/28', row].join('\n'));
    const plan = await regkit(['arin', 'swip', 'plan', file, '--parent', 'NET-10-0-0-0-1', '--json']);
    const rows = events(plan.stdout).filter((e) => e.event === 'plan-row');
    expect(rows.map((r) => [r.line, r.action, r.problems])).toEqual([
      [2, 'reassign', []],
      [3, 'reassign', []],
      [4, 'blocked', ['duplicate of line 2']],
    ]);
  });

  it('reads standard input with - (the journal then named), and prints no control characters', async () => {
    const text = [HEADER, 'Evil\u001b]0;pwned\u0007 Co,1 Main St,Herndon,VA,20170,US,10.0.82.0/28'].join(
      '\n',
    );
    const noJournal = await regkit(['arin', 'swip', 'plan', '-', '--parent', 'NET-10-0-0-0-1'], {}, text);
    expect(noJournal.code).toBe(2);
    expect(noJournal.stderr).toMatch(/standard input needs --journal FILE/);
    const journal = join(dir, 'stdin.journal');
    const r = await regkit(
      ['arin', 'swip', 'apply', '-', '--parent', 'NET-10-0-0-0-1', '--journal', journal],
      {},
      text,
    );
    expect(r.code).toBe(0);
    expect([...r.stdout].filter((ch) => ch !== '\n' && (ch.codePointAt(0)! < 32 || ch === '\u007f'))).toEqual(
      [],
    );
    expect(r.stdout).toMatch(/1 reassigned/);
  });

  it('a block taken after the plan is not sent and makes no customer; cleanup and destroy undo the rest', async () => {
    const file = join(dir, 'fix.csv');
    const journal = `${file}.swip-journal`;
    const row = 'Orphan Co,1 Main St,Herndon,VA,20170,US,';
    writeFileSync(
      file,
      [HEADER, `${row}10.0.85.0/28`, 'Kept Co,2 Main St,Herndon,VA,20170,US,10.0.86.0/28'].join('\n'),
    );
    expect((await regkit(['arin', 'swip', 'plan', file, '--parent', 'NET-10-0-0-0-1'])).code).toBe(0);
    // someone else takes the block between plan and apply: ARIN refuses the row
    const arin = new ArinClient({ apiKey: 'API-1111-2222-3333-4444', environment: servers.arin.baseUrl });
    const other = await arin.net.createRecipientCustomer('NET-10-0-0-0-1', {
      customerName: 'Someone Else',
      streetAddress: ['9 Side St'],
      city: 'Herndon',
      stateProvince: 'VA',
      postalCode: '20170',
      country: { code2: 'US' },
    });
    await arin.net.reassign('NET-10-0-0-0-1', {
      version: 4,
      netName: 'TAKEN',
      customerHandle: other.handle!,
      parentNetHandle: 'NET-10-0-0-0-1',
      netBlocks: [{ startAddress: '10.0.85.0', cidrLength: 28 }],
    });
    const first = await regkit(['arin', 'swip', 'apply', `${file}.swip-plan.jsonl`, '--json']);
    expect(first.code).toBe(1);
    // apply checks every row again against ARIN before sending: the taken block is not sent
    expect(events(first.stdout).find((e) => e.event === 'summary')!.counts).toMatchObject({
      reassigned: 1,
      blocked: 1,
    });
    expect(events(first.stdout).find((e) => e.event === 'row' && e.line === 2)).toMatchObject({
      outcome: 'blocked',
      detail: expect.stringMatching(/overlaps NET-10-0-85-0-\d+ .*already registered/),
    });
    expect(customersNamed(servers, 'Orphan Co')).toBe(0);

    writeFileSync(
      file,
      [HEADER, `${row}10.0.87.0/28`, 'Kept Co,2 Main St,Herndon,VA,20170,US,10.0.86.0/28'].join('\n'),
    );
    const second = await regkit(['arin', 'swip', 'apply', file, '--parent', 'NET-10-0-0-0-1']);
    expect(second.code).toBe(0);
    expect(customersNamed(servers, 'Orphan Co')).toBe(1);

    const list = await regkit(['arin', 'swip', 'destroy', '--journal', journal]);
    expect(list.stdout).toMatch(/remove 2 reassignments/);
    const nets = servers.arin.state().nets.size;
    const destroy = await regkit(['arin', 'swip', 'destroy', '--journal', journal, '--yes']);
    expect(destroy.code).toBe(0);
    expect(servers.arin.state().nets.size).toBe(nets - 2);
    const orphans = await regkit(['arin', 'swip', 'cleanup', '--journal', journal, '--json']);
    expect(events(orphans.stdout).at(-1)).toMatchObject({ event: 'cleanup', orphans: 2, deleted: 0 });
    expect(customersNamed(servers, 'Kept Co')).toBe(1);
    const cleanup = await regkit(['arin', 'swip', 'cleanup', '--journal', journal, '--yes']);
    expect(cleanup.code).toBe(0);
    expect(customersNamed(servers, 'Orphan Co') + customersNamed(servers, 'Kept Co')).toBe(0);
  });

  it('refuses a foreign or corrupt journal and a symlink, before sending anything', async () => {
    const file = join(dir, 'j.csv');
    writeFileSync(file, [HEADER, 'J Co,1 Main St,Herndon,VA,20170,US,10.0.84.0/28'].join('\n'));
    const journal = `${file}.swip-journal`;
    writeFileSync(journal, '{"not":"ours"}\n');
    const before = servers.arin.state().customers.size;
    const foreign = await regkit(['arin', 'swip', 'apply', file, '--parent', 'NET-10-0-0-0-1']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/is not a regkit SWIP journal; nothing was sent/);
    rmSync(journal);
    symlinkSync(join(dir, 'elsewhere'), journal);
    const link = await regkit(['arin', 'swip', 'apply', file, '--parent', 'NET-10-0-0-0-1']);
    expect(link.code).toBe(2);
    expect(link.stderr).toMatch(/symbolic link/);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
    expect(servers.arin.state().customers.size).toBe(before);
  });
});

describe('regkit arin swip at scale', () => {
  it('lists at most 1000 rows of an outcome and counts the rest; --json lists every row', async () => {
    const file = join(dir, 'many.csv');
    const rows = Array.from(
      { length: 1003 },
      (_, i) => `Out ${i},${i} Main St,Herndon,VA,20170,US,10.1.${i >> 4}.${(i & 15) * 16}/28`,
    );
    writeFileSync(file, [HEADER, 'In Co,1 Main St,Herndon,VA,20170,US,10.0.85.0/28', ...rows].join('\n'));
    const before = servers.arin.state().nets.size;
    const human = await regkit(['arin', 'swip', 'apply', file, '--parent', 'NET-10-0-0-0-1']);
    expect(human.code).toBe(1);
    const blockedLines = human.stdout.split('\n').filter((l) => /^\d+ +10\.1\./.test(l));
    expect(blockedLines).toHaveLength(1000);
    expect(blockedLines[0]).toMatch(
      /^3\s+10\.1\.0\.0\/28\s+Out 0\s+blocked\s+block 10\.1\.0\.0\/28 is outside/,
    );
    expect(human.stdout).toMatch(/^2\s+10\.0\.85\.0\/28\s+In Co\s+reassigned\s+NET-10-0-85-0-\d+$/m);
    expect(human.stdout).toContain('… and 3 more rows (at most 1000 of each outcome are listed;');
    expect(human.stdout).toMatch(
      /1 reassigned, 0 became tickets, 0 already done, 0 failed, 0 held, 1003 blocked/,
    );
    expect(servers.arin.state().nets.size).toBe(before + 1);

    const json = await regkit(['arin', 'swip', 'apply', file, '--parent', 'NET-10-0-0-0-1', '--json']);
    const all = events(json.stdout);
    expect(all.filter((e) => e.event === 'row' && e.outcome === 'blocked')).toHaveLength(1003);
    expect(all.filter((e) => e.event === 'row' && e.outcome === 'done')).toEqual([
      expect.objectContaining({ line: 2, block: '10.0.85.0/28' }),
    ]);
    expect(all.at(-1)).toMatchObject({ event: 'summary', counts: { done: 1, blocked: 1003, reassigned: 0 } });
  });

  it('writes the plan as JSON Lines and refuses a damaged or foreign plan file before sending', async () => {
    const file = join(dir, 'p.csv');
    writeFileSync(
      file,
      [
        HEADER,
        'P Co,1 Main St,Herndon,VA,20170,US,10.0.86.0/28',
        'P Co,1 Main St,Herndon,VA,20170,US,10.0.86.16/28',
      ].join('\n'),
    );
    const plan = await regkit(['arin', 'swip', 'plan', file, '--parent', 'NET-10-0-0-0-1']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^2\s+reassign \(create customer\)\s+10\.0\.86\.0\/28\s+P Co\s+P-CO$/m);
    expect(plan.stdout).toMatch(
      /^3\s+reassign \(reuse line 2 customer\)\s+10\.0\.86\.16\/28\s+P Co\s+P-CO-2$/m,
    );
    const planFile = `${file}.swip-plan.jsonl`;
    const lines = readFileSync(planFile, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      format: 'regkit-swip-plan/3',
      parent: 'NET-10-0-0-0-1',
      csv: 'p.csv',
      csvSha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
      journal: 'p.csv.swip-journal',
      counts: { rows: 2, reassign: 2, createCustomers: 1, done: 0, blocked: 0 },
      sharedKeys: [expect.stringMatching(/^[0-9a-f]{24}$/)],
    });
    expect(JSON.parse(lines[2]!)).toEqual({
      l: 3,
      a: 'reassign',
      b: '10.0.86.16/28',
      k: expect.stringMatching(/^[0-9a-f]{24}$/),
      n: 'P-CO-2',
      c: 'reuse line 2',
    });
    // a row costs well under 200 bytes however long its cells: apply reads the cells from the CSV
    expect(Buffer.byteLength(lines[2]!)).toBeLessThan(200);
    expect(JSON.parse(lines[3]!)).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const before = servers.arin.journal.length;
    writeFileSync(planFile, `${lines[0]}\n${lines[1]}\n{"line": 3, "block"\n${lines[3]}\n`);
    const damaged = await regkit(['arin', 'swip', 'apply', planFile]);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(
      /the plan .* was changed or cut short since regkit wrote it .*nothing was sent/,
    );
    writeFileSync(planFile, `${lines[0]}\n${lines[1]}\n`);
    const short = await regkit(['arin', 'swip', 'apply', planFile]);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/was changed or cut short since regkit wrote it/);
    writeFileSync(planFile, '{"format":"regkit-swip-plan/1","rows":[]}\n');
    const old = await regkit(['arin', 'swip', 'apply', planFile]);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/is not a plan this version of regkit reads \(regkit-swip-plan\/3\)/);
    expect(servers.arin.journal.slice(before).filter((e) => JSON.stringify(e).includes('PUT'))).toEqual([]);
  });
});

describe('regkit arin swip template', () => {
  it('prints the sample CSV shipped in examples/, and the sample plans cleanly against the mock', async () => {
    const sample = readFileSync(new URL('../examples/reassignments.csv', import.meta.url), 'utf8');
    const r = await regkit(['arin', 'swip', 'template']);
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', sample]);
    const file = join(dir, 'reassignments.csv');
    writeFileSync(file, r.stdout);
    const plan = await regkit(['arin', 'swip', 'plan', file, '--parent', 'NET-10-0-0-0-1', '--json']);
    expect(plan.code).toBe(0);
    const rows = events(plan.stdout).filter((e) => e.event === 'plan-row');
    expect(rows.map((row) => [row.line, row.action, row.problems ?? []])).toEqual([
      [2, 'reassign', []],
      [3, 'reassign', []],
      [4, 'reassign', []],
    ]);
  });
});
