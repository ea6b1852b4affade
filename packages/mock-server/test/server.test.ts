import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultArinWorld, loadArinWorld, startArinMock, startMockServers } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../..');
const KEY = 'API-1111-2222-3333-4444';

/** The environment of a spawned mock: tsx pointed at the workspace, no colour settings that clash. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.base.json') };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return env;
}

describe('startMockServers', () => {
  it('starts both mocks on free ports and closes them', async () => {
    const servers = await startMockServers();
    expect(servers.arin.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest$/);
    expect(servers.helpdesk.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/TrackIt\/WebApi$/);
    expect((await fetch(`${servers.arin.baseUrl}/poc/JD1-ARIN?apikey=${KEY}`)).status).toBe(200);
    await servers.close();
    await expect(fetch(`${servers.arin.baseUrl}/poc/JD1-ARIN?apikey=${KEY}`)).rejects.toThrow();
  });
});

describe('worlds from files', () => {
  it('--world FILE: a JSON world is loaded, served and returned by /__admin/world', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regkit-world-'));
    try {
      const file = join(dir, 'world.json');
      const world = {
        ...defaultArinWorld,
        apiKeys: [
          ...defaultArinWorld.apiKeys,
          { key: 'API-ABCD-ABCD-ABCD-ABCD', webUser: 'netops', active: true },
        ],
      };
      writeFileSync(file, JSON.stringify(world));
      const servers = await startMockServers({ arinWorld: loadArinWorld(file) });
      try {
        expect(
          (await fetch(`${servers.arin.baseUrl}/poc/JD1-ARIN?apikey=API-ABCD-ABCD-ABCD-ABCD`)).status,
        ).toBe(200);
        const served = (await (await fetch(`${servers.arin.url}/__admin/world`)).json()) as typeof world;
        expect(served.apiKeys.map((k) => k.key)).toContain('API-ABCD-ABCD-ABCD-ABCD');
      } finally {
        await servers.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an inconsistent world is refused with the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regkit-world-'));
    try {
      const file = join(dir, 'world.json');
      const broken = {
        ...defaultArinWorld,
        nets: [
          ...defaultArinWorld.nets,
          { ...defaultArinWorld.nets[2]!, handle: 'NET-DUP-1', parentNetHandle: 'NET-NOWHERE-1' },
        ],
      };
      writeFileSync(file, JSON.stringify(broken));
      expect(() => loadArinWorld(file)).toThrow(
        `${file}: world: net NET-DUP-1 refers to parent net NET-NOWHERE-1, which the world does not define`,
      );
      writeFileSync(file, '{ not json');
      expect(() => loadArinWorld(file)).toThrow(
        new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('robustness of the HTTP layer', () => {
  it('a body over the size limit is a 400 in the API format and changes nothing', async () => {
    const mock = await startArinMock({ maxBodyBytes: 1024 });
    try {
      const res = await fetch(`${mock.baseUrl}/poc?apikey=${KEY}`, {
        method: 'POST',
        headers: { 'content-type': 'application/xml' },
        body: `<poc xmlns="http://www.arin.net/regrws/core/v1"><lastName>${'x'.repeat(5000)}</lastName></poc>`,
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<code>E_BAD_REQUEST</code>');
      expect(mock.state().pocs.size).toBe(5);
    } finally {
      await mock.close();
    }
  });

  it('injected faults: 503 with Retry-After, latency, dropped connections; then cleared', async () => {
    const mock = await startArinMock();
    try {
      const set = (f: object) =>
        fetch(`${mock.url}/__admin/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(f),
        });
      expect((await set({ faultRate: 1, faultStatus: 503, retryAfterSeconds: 7 })).status).toBe(200);
      const r = await fetch(`${mock.baseUrl}/poc/JD1-ARIN?apikey=${KEY}`);
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('7');
      expect(await r.text()).toContain('E_OUTAGE');
      await fetch(`${mock.url}/__admin/faults`, { method: 'DELETE', headers: { 'x-regkit-admin': '1' } });
      await set({ latencyMs: 150 });
      const t0 = performance.now();
      expect((await fetch(`${mock.baseUrl}/poc/JD1-ARIN?apikey=${KEY}`)).status).toBe(200);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
      await fetch(`${mock.url}/__admin/faults`, { method: 'DELETE', headers: { 'x-regkit-admin': '1' } });
      await set({ dropRate: 1 });
      await expect(fetch(`${mock.baseUrl}/poc/JD1-ARIN?apikey=${KEY}`)).rejects.toThrow();
      expect((await set({ dropRate: 2 })).status).toBe(400);
      expect((await set({ bogus: 1 })).status).toBe(400);
    } finally {
      await mock.close();
    }
  });

  it('a malformed HTTP request line gets a 400, and the server keeps serving', async () => {
    const mock = await startArinMock();
    try {
      const { port } = new URL(mock.url);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/rest/poc/%%%?apikey=' + KEY, method: 'GET' },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBeLessThan(500);
      expect((await fetch(`${mock.baseUrl}/poc/JD1-ARIN?apikey=${KEY}`)).status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});

describe('regkit-mock command', () => {
  it('prints both URLs, the API keys and the technicians, and serves until stopped', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, '../src/cli.ts')], {
      cwd: repoRoot,
      env: childEnv(),
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Press Ctrl+C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    try {
      expect(out).toContain('API-1111-2222-3333-4444  active');
      expect(out).toContain('API-DEAD-DEAD-DEAD-DEAD  inactive');
      expect(out).toContain('HELP DESK\\JSMITH / trackit-demo-1');
      const arinUrl = /ARIN Reg-RWS\s+(\S+)/.exec(out)?.[1];
      expect((await fetch(`${arinUrl}/poc/JD1-ARIN?apikey=${KEY}`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);

  const runCli = async (args: string[]) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, '../src/cli.ts'), ...args], {
      cwd: repoRoot,
      env: childEnv(),
    });
    let err = '';
    let out = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, err, out };
  };

  it('--version and -V print the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(here, '../package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V'])
      expect(await runCli([flag])).toEqual({ code: 0, err: '', out: `${version}\n` });
  }, 30_000);

  it('a busy port is one line naming the port and its option, exit 1, no usage', async () => {
    const busy = await startArinMock();
    try {
      const port = Number(new URL(busy.url).port);
      const { code, err, out } = await runCli(['--arin-port', String(port)]);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toBe(
        `regkit-mock: port ${port} on 127.0.0.1 is already in use (--arin-port); choose another port, or 0 for any free one\n`,
      );
    } finally {
      await busy.close();
    }
  }, 30_000);

  it('a world file with a field of the wrong kind is one line naming the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'regkit-world-'));
    try {
      const file = join(dir, 'world.json');
      const { apiKeys: _dropped, ...withoutKeys } = defaultArinWorld;
      writeFileSync(file, JSON.stringify(withoutKeys));
      expect(await runCli(['--world', file])).toEqual({
        code: 1,
        out: '',
        err: `regkit-mock: ${file}: apiKeys: Invalid input: expected array, received undefined\n`,
      });
      writeFileSync(
        file,
        JSON.stringify({ ...defaultArinWorld, pocs: [...defaultArinWorld.pocs, 'JD1-ARIN'] }),
      );
      expect((await runCli(['--world', file])).err).toBe(
        `regkit-mock: ${file}: pocs.${defaultArinWorld.pocs.length}: Invalid input: expected object, received string\n`,
      );
      writeFileSync(file, '[]');
      expect((await runCli(['--world', file])).err).toBe(
        `regkit-mock: ${file}: (root): Invalid input: expected object, received array\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a bad option prints the usage and exits 2', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, '../src/cli.ts'), '--fault-rate', '3'],
      {
        cwd: repoRoot,
        env: childEnv(),
      },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--fault-rate must be a number from 0 to 1');
    expect(err).toContain('Usage: regkit-mock');
  }, 30_000);
});
