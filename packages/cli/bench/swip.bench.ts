// Bulk SWIP at scale against the in-process mock (the built CLI runs as a child process):
// 1. 100 000 rows complete, with the CLI's CPU time per row at most the mock's (target ≤ 1x);
// 2. the CLI's peak RSS at 100 000 rows at most 1.5x its peak RSS at 10 000;
// 3. with 100 ms of latency per request (a registry's, seen from afar) and concurrency 8,
//    10 000 rows finish within 1.05x of requests × 100 ms / 8;
// 4. with 20 ms of latency (a stress: the CLI's own work weighs more) they finish within 1.2x of
//    requests × 20 ms / 8.
// Beside each latency row, a bare undici client (bareClient.mjs: GETs in 8 lanes, nothing else) runs
// against a fresh mock at the same latency, to show what the mock, its timers and the loopback
// alone cost at that latency.
// SWIP_BENCH_ROWS scales the large run down for a quick look (default 100000), and
// SWIP_BENCH_LATENCY_ROWS the latency rows (default 10000; at most SWIP_BENCH_ROWS).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startArinMock } from '@regkit/mock-server';
import { builtCliRunner, writeSwipCsv } from './swipBench.js';
import { count, report, sized } from '../../../scripts/lib/bench.js';

const runner = builtCliRunner();
const dir = mkdtempSync(join(tmpdir(), 'regkit-swip-bench-'));
const LARGE = Number(process.env.SWIP_BENCH_ROWS ?? sized(100_000, 100));
const SMALL = Math.max(1, Math.round(LARGE / 10));

interface Run {
  cpuMs: number;
  maxRssKb: number;
  wallMs: number;
  mockCpuMs: number;
  requests: number;
}

async function run(rows: number, tag: string, concurrency: number, latencyMs = 0): Promise<Run> {
  const mock = await startArinMock({ settings: { maxStoredBytes: 4 * 1024 ** 3 } });
  mock.setFaults(latencyMs ? { latencyMs } : {});
  const file = writeSwipCsv(dir, rows, tag);
  const netsBefore = mock.state().nets.size;
  const out = join(dir, `${tag}.usage.json`);
  const before = process.cpuUsage();
  // the mock keeps the last 5 000 journal entries; their ids count every request
  const lastId = () => mock.journal.at(-1)?.id ?? 0;
  const idBefore = lastId();
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        runner,
        'arin',
        'swip',
        'apply',
        file,
        '--parent',
        'NET6-2001-DB8-1',
        '--concurrency',
        String(concurrency),
        '--json',
      ],
      {
        env: {
          ...process.env,
          ARIN_API_KEY: 'API-1111-2222-3333-4444',
          ARIN_ENV: mock.baseUrl,
          SWIP_BENCH_OUT: out,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.once('exit', resolve);
  });
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(before);
  const requests = lastId() - idBefore;
  const nets = mock.state().nets.size - netsBefore;
  await mock.close();
  if (code !== 0 || nets < rows) throw new Error(`${tag}: exit ${code}, ${nets} of ${rows} nets`);
  const usage = JSON.parse(readFileSync(out, 'utf8')) as { cpuMs: number; maxRssKb: number };
  return { ...usage, wallMs, mockCpuMs: (cpu.user + cpu.system) / 1000, requests };
}

/** What the mock and the loopback alone cost at this latency: bareClient.mjs against a fresh mock. */
async function bareClient(latencyMs: number, lanes: number): Promise<{ wallMs: number; requests: number }> {
  const mock = await startArinMock();
  mock.setFaults({ latencyMs });
  try {
    const url = `${mock.baseUrl}/net/NET6-2001-DB8-1?apikey=API-1111-2222-3333-4444`;
    const args = [
      fileURLToPath(new URL('./bareClient.mjs', import.meta.url)),
      url,
      String(lanes),
      String(sized(2400, 16)),
    ];
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.once('exit', (code) =>
        code === 0 ? resolve(text) : reject(new Error(`bareClient.mjs exited ${code}`)),
      );
    });
    return JSON.parse(out) as { wallMs: number; requests: number };
  } finally {
    await mock.close();
  }
}

try {
  const small = await run(SMALL, 'small', 8);
  const large = await run(LARGE, 'large', 8);
  console.log(
    `${count(LARGE)} rows: ${(large.wallMs / 1000).toFixed(1)} s, ${large.requests} requests; CLI CPU ${(large.cpuMs / large.requests).toFixed(3)} ms/request, mock CPU ${(large.mockCpuMs / large.requests).toFixed(3)} ms/request`,
  );
  report(
    `swip apply ${count(LARGE)} rows: CLI CPU per row vs mock CPU per row`,
    large.cpuMs / LARGE,
    large.mockCpuMs / LARGE,
    { max: 1 },
    'ms/row',
  );
  report(
    `swip apply peak RSS ${count(LARGE)} rows vs ${count(SMALL)} rows`,
    large.maxRssKb / 1024,
    small.maxRssKb / 1024,
    { max: 1.5 },
    'MiB',
  );
  const LAT = Math.min(Number(process.env.SWIP_BENCH_LATENCY_ROWS ?? sized(10_000, 16)), LARGE);
  const LANES = 8;
  for (const [latencyMs, target] of [
    [100, 1.05],
    [20, 1.2],
  ] as const) {
    const ideal = (requests: number) => (requests * latencyMs) / LANES;
    const slow = await run(LAT, `latency-${latencyMs}`, LANES, latencyMs);
    console.log(
      `${count(LAT)} rows at ${latencyMs} ms: CLI CPU ${(slow.cpuMs / slow.requests).toFixed(3)} ms/request, mock CPU ${(slow.mockCpuMs / slow.requests).toFixed(3)} ms/request`,
    );
    report(
      `swip apply ${count(LAT)} rows at ${latencyMs} ms latency, concurrency ${LANES}, vs requests × ${latencyMs} ms / ${LANES}`,
      slow.wallMs,
      ideal(slow.requests),
      { max: target },
      'ms',
    );
    const bare = await bareClient(latencyMs, LANES);
    console.log(
      `a bare undici client, GETs in ${LANES} lanes to the same mock at ${latencyMs} ms: ${bare.requests} requests in ${(bare.wallMs / 1000).toFixed(1)} s, ${(bare.wallMs / ideal(bare.requests)).toFixed(2)}x requests × ${latencyMs} ms / ${LANES}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
