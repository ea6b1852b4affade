import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '../src/bin.ts');

describe('the regkit process', () => {
  it('a reader that closes the pipe early (regkit --help | head -1) ends it quietly with exit 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, '--help'], {
      cwd: join(here, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.destroy(); // the reader is gone before anything is written (as `head -1` once it has its line)
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 30_000);
});
