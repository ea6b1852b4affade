#!/usr/bin/env node
// Runs every package's benchmarks (bench/*.bench.ts) and prints one table of their results.
// A benchmark prints `BENCH_RESULT {json}` lines: benchmark, ours, baseline, unit, ratio, target, pass.
//
// --smoke (run by `npm test`): every benchmark runs once at a small size (REGKIT_BENCH_SMOKE=1), to
// prove it still runs. Targets are reported but not enforced: the run fails only when a benchmark
// exits non-zero, times out or prints no BENCH_RESULT line.
// --root DIR: the workspace whose packages' benchmarks run (default: this repository).
// --skip-build: run against the packages as they are built now.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAll, listWorkspaces, repoRoot } from './lib/workspaces.mjs';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    root: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const root = values.root ? resolve(values.root) : repoRoot;
// a smoke run takes seconds a benchmark; one that hangs fails rather than blocking the tests
const SMOKE_TIMEOUT_MS = 180_000;

// the benchmarks measure the built packages users install, so build them first (cached when current)
if (!values['skip-build'] && buildAll() !== 0) {
  console.error('the build failed: no benchmark was run');
  process.exit(1);
}

const rows = [];
let crashed = 0;
for (const ws of listWorkspaces(root)) {
  const dir = join(ws.dir, 'bench');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()) {
    const path = join(dir, file);
    console.log(`\n▶ ${relative(root, path)}`);
    const started = Date.now();
    const res = spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), [path], {
      cwd: ws.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 << 20,
      env: values.smoke ? { ...process.env, REGKIT_BENCH_SMOKE: '1' } : process.env,
      timeout: values.smoke ? SMOKE_TIMEOUT_MS : undefined,
    });
    const before = rows.length;
    for (const line of (res.stdout ?? '').split('\n')) {
      if (line.startsWith('BENCH_RESULT '))
        rows.push({ pkg: ws.name, ...JSON.parse(line.slice('BENCH_RESULT '.length)) });
      else if (line.trim()) console.log(`  ${line}`);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (res.status !== 0) {
      crashed++;
      const how = res.error
        ? res.error.message
        : res.signal
          ? `killed by ${res.signal}`
          : `exited with ${res.status}`;
      console.log(`  ✘ ${how} (${seconds} s)`);
    } else if (rows.length === before) {
      crashed++;
      console.log(`  ✘ printed no BENCH_RESULT line (${seconds} s)`);
    } else console.log(`  (${seconds} s)`);
  }
}

const fmt = (n) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3));
const table = [['benchmark', 'ours', 'baseline', 'unit', 'ratio', 'target', 'result']];
for (const r of rows)
  table.push([
    r.benchmark,
    fmt(r.ours),
    fmt(r.baseline),
    r.unit,
    `${r.ratio.toFixed(2)}x`,
    r.target,
    // a smoke run's figures are reported, not judged
    r.pass ? (values.smoke ? 'met' : 'pass') : values.smoke ? 'missed' : 'FAIL',
  ]);
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
const line = (row) => '| ' + row.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
console.log('\n' + line(table[0]));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const row of table.slice(1)) console.log(line(row));
const missed = rows.filter((r) => !r.pass).length;
if (values.smoke) {
  // a smoke run's sizes are too small for its figures to mean anything: only a crash fails it
  console.log(
    `\nsmoke run: ${rows.length} benchmarks ran (targets not enforced at this size), ${crashed} failed to run`,
  );
  process.exit(crashed === 0 ? 0 : 1);
}
const failed = missed + crashed;
console.log(
  `\n${rows.length - missed} benchmarks met their target, ${failed} did not${crashed ? ` (${crashed} crashed)` : ''}`,
);
process.exit(failed === 0 ? 0 : 1);
