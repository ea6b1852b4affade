import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';

const sockets: Socket[] = [];
const server = createServer((socket) => sockets.push(socket)); // accepts, never answers
afterEach(() => {
  for (const s of sockets) s.destroy();
  server.close();
});

it('Ctrl-C (SIGINT) during a request ends regkit with exit code 130', async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const connected = new Promise<void>((resolve) => server.once('connection', () => resolve()));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../src/bin.ts', import.meta.url)),
      'arin',
      'poc',
      'get',
      'JD1-ARIN',
    ],
    {
      env: {
        ...process.env,
        ARIN_API_KEY: 'API-1111-2222-3333-4444',
        ARIN_ENV: `http://127.0.0.1:${port}/rest`,
      },
      stdio: 'ignore',
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await connected;
  child.kill('SIGINT');
  expect(await exited).toBe(130);
}, 30_000);
