// Latency of a reassign (XML in, rules, overlap check, XML out) with 100 000 and with 1 000 000
// existing nets under the parent against the same with 1 000, in one run (ARIN holds millions of
// nets). The overlap check uses an interval index, so the ratio stays near 1. Targets: ≤ 2× at
// 100 000 nets, ≤ 1.5× at 1 000 000.
import { arinCodec } from '@regkit/arin-client/payloads';
import { defaultArinWorld, type ArinWorld } from '@regkit/mock-server';
import { handleArinRequest } from '../src/arin/http.js';
import { createArinState } from '../src/arin/seed.js';
import type { ArinState } from '../src/arin/state.js';
import { count, median, report, sized } from '../../../scripts/lib/bench.js';

const KEY = 'API-1111-2222-3333-4444';
const codec = arinCodec();
const addr = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const BASE = (11 << 24) >>> 0;

/** The default world plus an 11.0.0.0/8 parent holding `count` /28 reassignments. */
function worldWith(count: number): ArinWorld {
  const nets = [...defaultArinWorld.nets];
  nets.push({
    handle: 'NET-11-0-0-0-1',
    netName: 'BIG-PARENT',
    type: 'DA',
    startAddress: '11.0.0.0',
    cidrLength: 8,
    orgHandle: 'EXAMPLE-1',
  });
  for (let i = 0; i < count; i++)
    nets.push({
      handle: `NET-BENCH-${i}`,
      netName: `BENCH-${i}`,
      type: 'S',
      startAddress: addr(BASE + i * 16),
      cidrLength: 28,
      parentNetHandle: 'NET-11-0-0-0-1',
      orgHandle: 'EXAMPLE-1',
    });
  return { ...defaultArinWorld, nets };
}

let id = 0;
/** Times `samples` reassigns under a parent holding `count` nets; the free blocks start past `offset`. */
function reassignLatency(state: ArinState, count: number, samples: number, offset: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    // a block at a random place among the existing ones half the time, a free one otherwise
    const slot = i % 2 === 0 ? Math.floor(Math.random() * count) : count + offset + i;
    const body = codec.encode(
      'net',
      {
        version: 4,
        netName: `NEW-${i}`,
        orgHandle: 'EXAMPLE-1',
        netBlocks: [{ startAddress: addr(BASE + slot * 16), cidrLength: 28 }],
      },
      { variant: 'create' },
    );
    const url = new URL(`http://127.0.0.1/rest/net/NET-11-0-0-0-1/reassign?apikey=${KEY}`);
    const t0 = performance.now();
    const res = handleArinRequest(state, {
      id: ++id,
      method: 'PUT',
      url,
      rawPath: '/rest/net/NET-11-0-0-0-1/reassign',
      headers: { 'content-type': 'application/xml' },
      body,
    });
    times.push(performance.now() - t0);
    const expected = i % 2 === 0 ? 409 : 200;
    if (res.status !== expected && !(expected === 409 && res.status === 400))
      throw new Error(`reassign ${i} answered ${res.status}: ${String(res.body ?? '').slice(0, 300)}`);
  }
  return times;
}

const SMALL = 1_000;
const runs = sized(
  { large: [100_000, 1_000_000], samples: 400, rounds: 3, warmup: 500 },
  { large: [2_000, 5_000], samples: 20, rounds: 1, warmup: 20 },
);
const states = new Map<number, ArinState>();
for (const n of [SMALL, ...runs.large]) {
  const t0 = performance.now();
  states.set(
    n,
    createArinState(worldWith(n), () => '2026-11-23T10:00:00.000-05:00'),
  );
  console.log(`world of ${count(n)} nets built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const timesOf = new Map<number, number[]>([...states.keys()].map((n) => [n, []]));
let offset = 0;
for (const [n, state] of states) reassignLatency(state, n, runs.warmup, offset); // warm-up
for (let round = 0; round < runs.rounds; round++) {
  offset += runs.samples + runs.warmup;
  for (const [n, state] of states) timesOf.get(n)?.push(...reassignLatency(state, n, runs.samples, offset));
}
const small = median(timesOf.get(SMALL) ?? []);
for (const [n, target] of runs.large.map((n, i) => [n, i === 0 ? 2 : 1.5] as const))
  report(
    `mock-server: reassign latency, ${count(n)} nets vs ${count(SMALL)}`,
    median(timesOf.get(n) ?? []),
    small,
    { max: target },
    'ms/op',
  );
