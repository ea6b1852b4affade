import { Readable } from 'node:stream';
import { startMockServers, type MockServers } from '@regkit/mock-server';
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
