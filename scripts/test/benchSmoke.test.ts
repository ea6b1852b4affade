// `node scripts/bench.mjs --smoke` (a step of `npm test`) fails when a benchmark crashes or prints no
// result, and only then: a missed target passes a smoke run. Each case runs the real script on a
// workspace of fixture benchmarks (--root) that print their rows through scripts/lib/bench.ts.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../bench.mjs', import.meta.url));
const lib = pathToFileURL(fileURLToPath(new URL('../lib/bench.ts', import.meta.url))).href;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// a row whose name shows the size it ran at, and whose target it misses (2 ms against ≤ 1×)
const missesTarget = `import { report, sized } from '${lib}';
report(\`work of \${sized(1000, 3)} items\`, 2, 1, { max: 1 }, 'ms/op');
`;
const crashes = `throw new Error('the payload changed under this benchmark');\n`;
const printsNothing = `console.log('measured nothing');\n`;

/** A workspace with one package per entry, each holding the given bench files. */
function workspace(packages: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'regkit-bench-smoke-'));
  dirs.push(root);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ private: true, workspaces: ['packages/*'] }));
  for (const [name, files] of Object.entries(packages)) {
    const bench = join(root, 'packages', name, 'bench');
    mkdirSync(bench, { recursive: true });
    writeFileSync(join(root, 'packages', name, 'package.json'), JSON.stringify({ name, private: true }));
    for (const [file, text] of Object.entries(files)) writeFileSync(join(bench, file), text);
  }
  return root;
}

function bench(root: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, '--root', root, '--skip-build', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, REGKIT_BENCH_SMOKE: undefined, FORCE_COLOR: '0' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

/** The cells of the table row named `benchmark`. */
const row = (out: string, benchmark: string) =>
  out
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    )
    .find((cells) => cells[0] === benchmark);

describe('bench.mjs --smoke', () => {
  it('runs every benchmark at its small size and passes although a target is missed', async () => {
    const root = workspace({ a: { 'work.bench.ts': missesTarget }, b: { 'more.bench.ts': missesTarget } });
    const { code, out } = await bench(root, '--smoke');
    expect(out).toContain('▶ packages/a/bench/work.bench.ts');
    expect(out).toContain('▶ packages/b/bench/more.bench.ts');
    expect(row(out, 'work of 3 items')).toEqual([
      'work of 3 items',
      '2.00',
      '1.00',
      'ms/op',
      '2.00x',
      '≤ 1x',
      'missed',
    ]);
    expect(out).toContain('smoke run: 2 benchmarks ran (targets not enforced at this size), 0 failed to run');
    expect(code).toBe(0);
  });

  it('fails when a benchmark crashes, and still runs the others', async () => {
    const root = workspace({
      a: { 'broken.bench.ts': crashes, 'work.bench.ts': missesTarget },
    });
    const { code, out } = await bench(root, '--smoke');
    expect(out).toContain('the payload changed under this benchmark');
    expect(out).toMatch(/▶ packages\/a\/bench\/broken\.bench\.ts\n[\s\S]*✘ exited with 1 \(/);
    expect(row(out, 'work of 3 items')?.[6]).toBe('missed');
    expect(out).toContain('smoke run: 1 benchmarks ran (targets not enforced at this size), 1 failed to run');
    expect(code).toBe(1);
  });

  it('fails when a benchmark exits cleanly without a BENCH_RESULT line', async () => {
    const root = workspace({ a: { 'silent.bench.ts': printsNothing } });
    const { code, out } = await bench(root, '--smoke');
    expect(out).toContain('  measured nothing');
    expect(out).toContain('✘ printed no BENCH_RESULT line');
    expect(out).toContain('smoke run: 0 benchmarks ran (targets not enforced at this size), 1 failed to run');
    expect(code).toBe(1);
  });

  it('without --smoke runs the full size and fails on a missed target', async () => {
    const root = workspace({ a: { 'work.bench.ts': missesTarget } });
    const { code, out } = await bench(root);
    expect(row(out, 'work of 1000 items')).toEqual([
      'work of 1000 items',
      '2.00',
      '1.00',
      'ms/op',
      '2.00x',
      '≤ 1x',
      'FAIL',
    ]);
    expect(out).toContain('0 benchmarks met their target, 1 did not');
    expect(code).toBe(1);
  });
});
