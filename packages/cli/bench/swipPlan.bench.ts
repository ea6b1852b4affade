// `regkit arin swip plan` at a million rows, against the in-process mock (the built CLI runs as a
// child process and reports its own peak RSS):
// 1. peak RSS planning 1 000 000 rows at most 1.5x the peak planning 100 000 (bounded memory: the
//    plan keeps a few dozen bytes a row and parses rows again from the CSV when it needs them);
// 2. the plan file at most 200 bytes a row (apply derives what it sends from the CSV again).
// SWIP_PLAN_BENCH_ROWS scales the large run down for a quick look (default 1000000).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startArinMock } from '@regkit/mock-server';
import { builtCliRunner, writeSwipCsv } from './swipBench.js';
import { count, report, reportBudget, sized } from '../../../scripts/lib/bench.js';

const runner = builtCliRunner();
const dir = mkdtempSync(join(tmpdir(), 'regkit-swip-plan-bench-'));
const LARGE = Number(process.env.SWIP_PLAN_BENCH_ROWS ?? sized(1_000_000, 10_000));
const SMALL = Math.max(1, Math.round(LARGE / 10));

interface Planned {
  maxRssKb: number;
  wallMs: number;
  planBytes: number;
}

async function plan(rows: number, tag: string, baseUrl: string): Promise<Planned> {
  const file = writeSwipCsv(dir, rows, tag);
  const out = join(dir, `${tag}.usage.json`);
  const planFile = join(dir, `${tag}.plan.jsonl`);
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [runner, 'arin', 'swip', 'plan', file, '--parent', 'NET6-2001-DB8-1', '--out', planFile],
      {
        env: {
          ...process.env,
          ARIN_API_KEY: 'API-1111-2222-3333-4444',
          ARIN_ENV: baseUrl,
          SWIP_BENCH_OUT: out,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.once('exit', resolve);
  });
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`${tag}: swip plan exited with ${code}`);
  const usage = JSON.parse(readFileSync(out, 'utf8')) as { maxRssKb: number };
  const planBytes = statSync(planFile).size;
  rmSync(file);
  rmSync(planFile);
  return { maxRssKb: usage.maxRssKb, wallMs, planBytes };
}

const mock = await startArinMock();
try {
  const small = await plan(SMALL, 'small', mock.baseUrl);
  const large = await plan(LARGE, 'large', mock.baseUrl);
  for (const [rows, p] of [
    [SMALL, small],
    [LARGE, large],
  ] as const)
    console.log(
      `${count(rows)} rows: ${(p.wallMs / 1000).toFixed(1)} s, peak RSS ${(p.maxRssKb / 1024).toFixed(0)} MiB, plan ${(p.planBytes / rows).toFixed(0)} bytes a row`,
    );
  report(
    `swip plan peak RSS ${count(LARGE)} rows vs ${count(SMALL)} rows`,
    large.maxRssKb / 1024,
    small.maxRssKb / 1024,
    { max: 1.5 },
    'MiB',
  );
  reportBudget(`swip plan file size at ${count(LARGE)} rows`, large.planBytes / LARGE, 200, 'bytes/row');
} finally {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
}
