#!/usr/bin/env node
// Runs every package's benchmarks (bench/*.bench.ts) and prints one table of their results.
// A benchmark prints `BENCH_RESULT {json}` lines: benchmark, ours, baseline, unit, ratio, target, pass.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildAll, listWorkspaces, repoRoot } from './lib/workspaces.mjs';

// the benchmarks measure the built packages users install, so build them first (cached when current)
if (buildAll() !== 0) {
  console.error('the build failed: no benchmark was run');
  process.exit(1);
}

const rows = [];
let crashed = 0;
for (const ws of listWorkspaces()) {
  const dir = join(ws.dir, 'bench');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort()) {
    const path = join(dir, file);
    console.log(`\n▶ ${relative(repoRoot, path)}`);
    const res = spawnSync(join(repoRoot, 'node_modules/.bin/tsx'), [path], {
      cwd: ws.dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 << 20,
    });
    for (const line of res.stdout.split('\n')) {
      if (line.startsWith('BENCH_RESULT '))
        rows.push({ pkg: ws.name, ...JSON.parse(line.slice('BENCH_RESULT '.length)) });
      else if (line.trim()) console.log(`  ${line}`);
    }
    if (res.status !== 0) {
      crashed++;
      console.log(`  ✘ exited with ${res.status}`);
    }
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
    r.pass ? 'pass' : 'FAIL',
  ]);
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
const line = (row) => '| ' + row.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
console.log('\n' + line(table[0]));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const row of table.slice(1)) console.log(line(row));
const failed = rows.filter((r) => !r.pass).length + crashed;
console.log(
  `\n${rows.length - rows.filter((r) => !r.pass).length} benchmarks met their target, ${failed} did not${crashed ? ` (${crashed} crashed)` : ''}`,
);
process.exit(failed === 0 ? 0 : 1);
