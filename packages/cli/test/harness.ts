import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startMockServers, type MockServers } from '@regkit/mock-server';
import { afterEach, beforeEach } from 'vitest';
import { runCli } from '../src/main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `regkit ARGS…` in-process against the mock servers, capturing its output. */
export function cliAgainst(servers: MockServers) {
  const env = {
    ARIN_API_KEY: 'API-1111-2222-3333-4444',
    ARIN_ENV: servers.arin.baseUrl,
    HELPDESK_URL: servers.helpdesk.baseUrl,
    HELPDESK_USERNAME: 'HELP DESK\\JSMITH',
    HELPDESK_PASSWORD: 'trackit-demo-1',
  };
  return async (
    argv: string[],
    extraEnv: Record<string, string | undefined> = {},
    stdin?: string,
  ): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, {
      stdout: { write: (s: string) => ((stdout += s), true) } as never,
      stderr: { write: (s: string) => ((stderr += s), true) } as never,
      env: { ...env, ...extraEnv },
      ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
    });
    return { code, stdout, stderr };
  };
}

export async function mocks() {
  return startMockServers();
}

export interface MockedCli {
  servers: MockServers;
  regkit: ReturnType<typeof cliAgainst>;
  /** A temporary directory, removed after the test. */
  dir: string;
}

/**
 * Fresh mock servers, a CLI against them and a temporary directory for each test of the file;
 * `set` receives them before each test.
 */
export function eachTestAgainstMocks(dirPrefix: string, set: (t: MockedCli) => void): void {
  let current: MockedCli | undefined;
  beforeEach(async () => {
    const servers = await mocks();
    current = { servers, regkit: cliAgainst(servers), dir: mkdtempSync(join(tmpdir(), dirPrefix)) };
    set(current);
  });
  afterEach(async () => {
    await current?.servers.close();
    if (current) rmSync(current.dir, { recursive: true, force: true });
    current = undefined;
  });
}
