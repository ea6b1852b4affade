import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MockServers } from '@regkit/mock-server';
import { describe, expect, it } from 'vitest';
import { createArinClient } from '../src/clients.js';
import { resolveSettings } from '../src/config.js';
import { eachTestAgainstMocks, type MockedCli } from './harness.js';

let servers: MockServers;
let regkit: MockedCli['regkit'];
let dir: string;
eachTestAgainstMocks('regkit-config-', (t) => ({ servers, regkit, dir } = t));

const KEY = 'API-1111-2222-3333-4444';
/** No connection settings from the environment: empty values count as unset. */
const bare = () => ({
  XDG_CONFIG_HOME: dir,
  ARIN_API_KEY: '',
  ARIN_ENV: '',
  HELPDESK_URL: '',
  HELPDESK_USERNAME: '',
  HELPDESK_PASSWORD: '',
});

describe('regkit config and profiles', () => {
  it('config set writes $XDG_CONFIG_HOME/regkit/config.json (0600) without secrets; get and list read it back', async () => {
    const env = bare();
    expect((await regkit(['config', 'set', 'mock.arinEnv', servers.arin.baseUrl], env)).code).toBe(0);
    expect((await regkit(['config', 'set', 'mock.arinApiKey', 'env:MOCK_ARIN_KEY'], env)).code).toBe(0);
    expect((await regkit(['config', 'set', 'defaultProfile', 'mock'], env)).code).toBe(0);
    const file = join(dir, 'regkit', 'config.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      profiles: { mock: { arinEnv: servers.arin.baseUrl, arinApiKey: { env: 'MOCK_ARIN_KEY' } } },
      defaultProfile: 'mock',
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await regkit(['config', 'path'], env)).stdout).toBe(`${file}\n`);
    expect((await regkit(['config', 'get', 'mock.arinApiKey'], env)).stdout).toBe('env:MOCK_ARIN_KEY\n');
    expect(await regkit(['config', 'get', 'mock.helpdeskUrl'], env)).toMatchObject({
      code: 1,
      stderr: 'regkit: mock.helpdeskUrl is not set\n',
    });
    const list = await regkit(['config', 'list'], env);
    expect(list.stdout.split('\n')[2]).toMatch(
      /^mock \*\s+http:\/\/127\.0\.0\.1:\d+\/rest\s+env:MOCK_ARIN_KEY$/,
    );
    // a secret itself is refused: only where it comes from is stored
    const plain = await regkit(['config', 'set', 'mock.arinApiKey', KEY], env);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('secrets are never stored in the config file');
    expect(readFileSync(file, 'utf8')).not.toContain(KEY);
  });

  it('--profile, REGKIT_PROFILE or the default profile connect; the environment overrides the profile', async () => {
    const env = bare();
    await regkit(['config', 'set', 'mock.arinEnv', servers.arin.baseUrl], env);
    await regkit(['config', 'set', 'mock.arinApiKey', 'env:MOCK_ARIN_KEY'], env);
    const withKey = { ...env, MOCK_ARIN_KEY: KEY };
    const got = await regkit(
      ['--profile', 'mock', '-o', 'json', '--query', 'handle', 'arin', 'poc', 'get', 'JD1-ARIN'],
      withKey,
    );
    expect([got.code, got.stdout, got.stderr]).toEqual([0, '"JD1-ARIN"\n', '']);
    const viaEnv = await regkit(['-o', 'json', '--query', 'handle', 'arin', 'poc', 'get', 'JD1-ARIN'], {
      ...withKey,
      REGKIT_PROFILE: 'mock',
    });
    expect(viaEnv.stdout).toBe('"JD1-ARIN"\n');
    // ARIN_ENV wins over the profile's arinEnv
    const overridden = await regkit(['--profile', 'mock', 'arin', 'poc', 'get', 'JD1-ARIN'], {
      ...withKey,
      ARIN_ENV: 'staging',
    });
    expect(overridden.code).toBe(2);
    expect(overridden.stderr).toContain('ARIN_ENV (or --arin-env) must be ote, production or a base URL');
    const unknown = await regkit(['--profile', 'nope', 'arin', 'poc', 'get', 'JD1-ARIN'], withKey);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^regkit: no profile "nope" in .*config\.json; the profiles are mock/);
  });

  it('a key from a command (a password manager) is used and never printed; a failing command is a usage error', async () => {
    const env = bare();
    await regkit(['config', 'set', 'vault.arinEnv', servers.arin.baseUrl], env);
    await regkit(['config', 'set', 'vault.arinApiKey', `command:printf '%s\\n' ${KEY}`], env);
    const ok = await regkit(['--profile', 'vault', 'arin', 'poc', 'get', 'JD1-ARIN'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^handle\s+JD1-ARIN/);
    await regkit(['config', 'set', 'broken.arinEnv', servers.arin.baseUrl], env);
    await regkit(['config', 'set', 'broken.arinApiKey', 'command:echo "$VAULT_SECRET"; exit 3'], env);
    const failed = await regkit(['--profile', 'broken', 'arin', 'poc', 'get', 'JD1-ARIN'], {
      ...env,
      VAULT_SECRET: 'API-9999-8888-7777-6666',
    });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toBe(
      `regkit: arinApiKey of profile broken: its command (echo "$VAULT_SECRET"; exit 3) failed with exit 3\n(run 'regkit arin poc get --help' for its usage)\n`,
    );
  });

  it('an empty variable counts as unset: ARIN_ENV= means OT&E, not an error', () => {
    const settings = resolveSettings({ XDG_CONFIG_HOME: dir, ARIN_ENV: '', ARIN_API_KEY: KEY }, {});
    expect(settings.arinEnv).toBe('ote');
    expect(createArinClient(settings).baseUrl).toBe('https://reg.ote.arin.net/rest');
    expect(resolveSettings({ XDG_CONFIG_HOME: dir, REGKIT_PROFILE: '' }, {}).profile).toBeUndefined();
  });

  it('a config file that is not valid is named with what is wrong', async () => {
    mkdirSync(join(dir, 'regkit'), { recursive: true });
    writeFileSync(
      join(dir, 'regkit', 'config.json'),
      JSON.stringify({ profiles: { p: { arinApiKey: KEY } } }),
    );
    const r = await regkit(['config', 'list'], bare());
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `regkit: ${join(dir, 'regkit', 'config.json')}: profiles.p.arinApiKey must be {"env": "VARIABLE"} or {"command": "COMMAND"}; secrets are never stored in the config file`,
    );
    expect(r.stderr).not.toContain(KEY);
  });
});

describe('plain http:// to another host', () => {
  it('is refused before anything is sent, unless --allow-insecure-http', async () => {
    const r = await regkit(['arin', 'poc', 'get', 'JD1-ARIN'], { ARIN_ENV: 'http://reg.example.net/rest' });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'regkit: ARIN_ENV (or --arin-env) uses plain http:// to reg.example.net, which is not this machine: credentials would cross the network unencrypted; use https://, or allow it explicitly with --allow-insecure-http',
    );
    const h = await regkit(['helpdesk', 'ticket', 'get', '1001'], {
      HELPDESK_URL: 'http://helpdesk.example.com/TrackIt/WebApi',
    });
    expect(h.code).toBe(2);
    expect(h.stderr).toContain('uses plain http:// to helpdesk.example.com');
    const settings = resolveSettings(
      { XDG_CONFIG_HOME: dir, ARIN_ENV: 'http://reg.example.net/rest', ARIN_API_KEY: KEY },
      { allowInsecureHttp: true },
    );
    expect(createArinClient(settings).baseUrl).toBe('http://reg.example.net/rest');
  });
});
