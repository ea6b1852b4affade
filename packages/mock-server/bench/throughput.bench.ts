// GET throughput of the ARIN mock against a bare node:http server answering the same bytes, the
// same load (keep-alive, 16 requests in flight) in alternating rounds of one run. Target: ≥ 0.8×.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startArinMock } from '@regkit/mock-server';
import { median, report, sized } from '../../../scripts/lib/bench.js';

const KEY = 'API-1111-2222-3333-4444';
const mock = await startArinMock();
const mockUrl = `${mock.baseUrl}/poc/JD1-ARIN?apikey=${KEY}`;
const sample = await fetch(mockUrl);
const bytes = Buffer.from(await sample.arrayBuffer());
const type = sample.headers.get('content-type') ?? 'application/xml';
if (sample.status !== 200) throw new Error(`the mock answered ${sample.status}`);

const bare = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
  res.end(bytes);
});
bare.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/rest/poc/JD1-ARIN?apikey=${KEY}`;

/** Requests per second for `total` GETs with `inFlight` at a time. */
async function load(url: string, total: number, inFlight = 16): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < total) {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`status ${res.status}`);
      }
    }),
  );
  return total / ((performance.now() - t0) / 1000);
}

const runs = sized({ warmup: 1000, requests: 3000, rounds: 5 }, { warmup: 50, requests: 200, rounds: 1 });
await load(mockUrl, runs.warmup);
await load(bareUrl, runs.warmup);
const ours: number[] = [];
const baseline: number[] = [];
for (let round = 0; round < runs.rounds; round++) {
  ours.push(await load(mockUrl, runs.requests));
  baseline.push(await load(bareUrl, runs.requests));
}
report(
  'mock-server: GET /poc throughput vs bare node:http',
  median(ours),
  median(baseline),
  { min: 0.8 },
  'req/s',
);
await mock.close();
bare.close();
