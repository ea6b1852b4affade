import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArinClient } from '@regkit/arin-client';
import { startMockServers, type MockServers } from '@regkit/mock-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliAgainst } from './harness.js';

// Kills `regkit arin irr apply --prune` with SIGKILL at 12 points (chosen by journal length, from a
// fixed seed) while the mock applies 10 % of the writes and then drops the connection; then resumes.
// Every object must be created once, and the end state must equal one uninterrupted run's.
let crashed: MockServers;
let clean: MockServers;
let dir: string;
beforeAll(async () => {
  [crashed, clean] = await Promise.all([startMockServers(), startMockServers()]);
  dir = mkdtempSync(join(tmpdir(), 'regkit-irr-crash-'));
});
afterAll(async () => {
  await Promise.all([crashed.close(), clean.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const ROUTES = 60;
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const prefixOf = (i: number) => `10.0.${100 + i}.0/24`;

function yaml(): string {
  const lines = ['org: EXAMPLE-1', 'routes:'];
  for (let i = 0; i < ROUTES; i++)
    lines.push(
      `  - prefix: ${prefixOf(i)}`,
      `    origin: ${i % 2 ? 'AS64500' : 'AS64496'}`,
      `    description: Crash route ${i}`,
      ...(i % 3 === 0 ? ['    routeSets: [RS-CRASH]'] : []),
    );
  lines.push(
    'asSets:',
    '  - name: AS-CRASH',
    '    members: [AS64496, AS64500, AS64511]',
    'routeSets:',
    '  - name: RS-CRASH',
    `    members: [${prefixOf(0)}, ${prefixOf(3)}]`,
  );
  return `${lines.join('\n')}\n`;
}

/** What the file does not list (deleted by --prune), and an as-set whose members change. */
async function seed(servers: MockServers): Promise<void> {
  const arin = new ArinClient({ apiKey: 'API-1111-2222-3333-4444', environment: servers.arin.baseUrl });
  for (let i = 0; i < 5; i++)
    await arin.irr.createRoute(`10.0.${200 + i}.0`, 24, 'AS64496', {
      orgHandle: 'EXAMPLE-1',
      description: ['to prune'],
      source: 'ARIN',
      prefix: `10.0.${200 + i}.0/24`,
      originAS: 'AS64496',
    });
  await arin.irr.createAsSet('EXAMPLE-1', {
    orgHandle: 'EXAMPLE-1',
    name: 'AS-CRASH',
    description: ['Crash set'],
    source: 'ARIN',
    members: [{ name: 'AS64496' }],
  });
}

/** ARIN's registry of the org, read back. */
async function registry(servers: MockServers) {
  const arin = new ArinClient({ apiKey: 'API-1111-2222-3333-4444', environment: servers.arin.baseUrl });
  const refs = await arin.irr.listOrgRoutes('EXAMPLE-1');
  const routes = await Promise.all(
    refs.map(async (r) => {
      const [address, length] = r.prefix!.split('/');
      const route = await arin.irr.getRoute(address!, Number(length), r.originAS!);
      return `${route.prefix} ${route.originAS} ${route.description?.join('|')} ${(route.memberOf ?? []).map((m) => m.name).join(',')}`;
    }),
  );
  return {
    routes: routes.sort(),
    asSet: (await arin.irr.getAsSet('AS-CRASH')).members,
    routeSet: (await arin.irr.getRouteSet('RS-CRASH')).members,
  };
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0);

function apply(servers: MockServers, file: string, journal: string, killAt?: number): Promise<number | null> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', bin, 'arin', 'irr', 'apply', file, '--prune', '--journal', journal],
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
  'irr apply survives SIGKILL at 12 points with apply-then-drop faults: each object created once, the state of one run',
  { timeout: 240_000 },
  async () => {
    const file = join(dir, 'routing.yaml');
    writeFileSync(file, yaml());
    await Promise.all([seed(crashed), seed(clean)]);

    // the reference: one uninterrupted run, no faults
    const regkitClean = cliAgainst(clean);
    const once = await regkitClean([
      'arin',
      'irr',
      'apply',
      file,
      '--prune',
      '--journal',
      join(dir, 'clean.journal'),
    ]);
    expect([once.code, once.stderr]).toEqual([0, '']);
    expect(once.stdout).toContain(`${ROUTES + 2 + 5} sent, 0 failed`);

    crashed.arin.journal.splice(0);
    crashed.arin.setFaults({
      applyThenDropRate: 0.1,
      applyThenDropOn: [
        'createIrrRoute',
        'deleteIrrRoute',
        'createIrrRouteSet',
        'updateIrrAsSet',
        'createIrrAsSet',
      ],
      seed: 5,
    });
    const journal = join(dir, 'crash.journal');
    const next = random(23);
    let killed = 0;
    for (let k = 0; k < 12; k++) {
      const at = lines(journal) + 3 + Math.floor(next() * 20);
      if ((await apply(crashed, file, journal, at)) === null) killed++;
    }
    expect(killed).toBeGreaterThanOrEqual(8);
    const regkit = cliAgainst(crashed);
    const resumed = await regkit(['arin', 'irr', 'apply', file, '--prune', '--journal', journal]);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    crashed.arin.setFaults({});

    const dropped = crashed.arin.journal.filter((e) => /then dropped/.test(e.fault ?? ''));
    expect(dropped.length).toBeGreaterThan(0);
    // each route created once: one applied POST per route, and ARIN never refused a duplicate
    const creates = crashed.arin.journal.filter(
      (e) => e.method === 'POST' && e.url.startsWith('/rest/irr/route/') && (e.status < 300 || e.fault),
    );
    expect(creates.filter((e) => e.status >= 400 && !e.fault)).toEqual([]);
    const perRoute = new Map<string, number>();
    for (const e of creates) {
      if (e.fault && !/^applied/.test(e.fault)) continue;
      const path = e.url.split('?')[0]!;
      perRoute.set(path, (perRoute.get(path) ?? 0) + 1);
    }
    expect(perRoute.size).toBe(ROUTES);
    expect([...perRoute.values()].every((n) => n === 1)).toBe(true);
    expect(crashed.arin.journal.filter((e) => e.method !== 'GET' && e.status >= 400)).toEqual([]);

    expect(await registry(crashed)).toEqual(await registry(clean));
    const final = await regkit(['arin', 'irr', 'plan', file, '--prune', '--journal', journal]);
    expect(final.code, final.stdout).toBe(0);
  },
);
