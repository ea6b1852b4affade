// The root README's Install section, as a new user runs it: the built packages packed into
// tarballs, installed globally into a fresh prefix, and the commands run from a directory outside
// the repository with only that prefix (and node) on PATH: no node_modules/.bin of the clone.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServers, type MockServers } from '../../packages/mock-server/src/index.js';
import { listWorkspaces, repoRoot } from '../lib/workspaces.mjs';

const run = promisify(execFile);
const PUBLIC = [
  '@regkit/core',
  '@regkit/arin-client',
  '@regkit/helpdesk-client',
  '@regkit/mock-server',
  '@regkit/cli',
];

let dir: string;
let servers: MockServers;
let env: Record<string, string>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regkit-install-'));
  const tgz = join(dir, 'tgz');
  mkdirSync(tgz);
  const pack = ['pack', '--ignore-scripts', '--pack-destination', tgz, ...PUBLIC.flatMap((p) => ['-w', p])];
  await run('npm', pack, { cwd: repoRoot });
  const version = (name: string) => listWorkspaces().find((w) => w.name === name)?.version as string;
  const tarballs = PUBLIC.map((name) => join(tgz, `${name.slice(1).replace('/', '-')}-${version(name)}.tgz`));
  await run(
    'npm',
    [
      'install',
      '-g',
      '--prefix',
      join(dir, 'prefix'),
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      ...tarballs,
    ],
    {
      cwd: dir,
    },
  );
  env = {
    PATH: [join(dir, 'prefix', 'bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: dir,
  };
  servers = await startMockServers();
}, 240_000);
afterAll(async () => {
  await servers?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('install from tarballs, as the README says', () => {
  it('regkit and regkit-mock are on PATH outside the repository and print their versions', async () => {
    const cli = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8')) as {
      version: string;
    };
    const regkit = await run('regkit', ['--version'], { cwd: tmpdir(), env });
    expect(regkit.stdout).toBe(`${cli.version}\n`);
    const mock = await run('regkit-mock', ['--version'], { cwd: tmpdir(), env });
    expect(mock.stdout).toMatch(/^\d+\.\d+\.\d+/);
    // not the clone's: the installed copy
    const which = await run('sh', ['-c', 'command -v regkit'], { cwd: tmpdir(), env });
    expect(which.stdout.trim()).toBe(join(dir, 'prefix', 'bin', 'regkit'));
  });

  it('the installed regkit prints YAML and applies --query against the mock over loopback', async () => {
    const withArin = { ...env, ARIN_API_KEY: 'API-1111-2222-3333-4444', ARIN_ENV: servers.arin.baseUrl };
    const yaml = await run('regkit', ['-o', 'yaml', 'arin', 'poc', 'get', 'JD1-ARIN'], {
      cwd: tmpdir(),
      env: withArin,
    });
    expect(yaml.stdout.split('\n')[0]).toBe('handle: JD1-ARIN');
    const query = await run('regkit', ['arin', 'poc', 'get', 'JD1-ARIN', '-o', 'json', '--query', 'handle'], {
      cwd: tmpdir(),
      env: withArin,
    });
    expect(query.stdout).toBe('"JD1-ARIN"\n');
    const template = await run('regkit', ['arin', 'swip', 'template'], { cwd: tmpdir(), env: withArin });
    expect(template.stdout).toBe(
      readFileSync(join(repoRoot, 'packages/cli/examples/reassignments.csv'), 'utf8'),
    );
  });
});
