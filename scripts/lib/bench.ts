// Helpers for the benchmarks of `npm run bench`: measure ours and the baseline side by side in one
// process, alternating rounds so drift affects both, and print one BENCH_RESULT line per benchmark.

/**
 * True in a smoke run (`REGKIT_BENCH_SMOKE=1`, set by `node scripts/bench.mjs --smoke` inside
 * `npm test`): every benchmark runs once at a small size to prove it still runs; its figures mean
 * little and no target is enforced.
 */
export const smoke = process.env.REGKIT_BENCH_SMOKE === '1';

/** `full` in a real run, `small` in a smoke run. */
export const sized = <T>(full: T, small: T): T => (smoke ? small : full);

/** A count as the rows print it: 100000 → "100 000". */
export const count = (n: number) => n.toLocaleString('en-US').replaceAll(',', ' ');

export interface Measured {
  /** Median milliseconds per operation over the rounds. */
  readonly msPerOp: number;
}

/** Runs `fn` `iterations` times per round; returns the median time per call. */
export async function timeIt(fn: () => unknown, iterations: number, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) {
      const out = fn();
      if (out instanceof Promise) await out;
    }
    samples.push((performance.now() - t0) / iterations);
  }
  return samples;
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

/**
 * Measures `ours` and `baseline` in alternating rounds after a warm-up, and returns the median
 * milliseconds per call of each.
 */
export async function compare(
  ours: () => unknown,
  baseline: () => unknown,
  options: { iterations: number; rounds?: number; warmup?: number },
): Promise<{ ours: number; baseline: number }> {
  const rounds = options.rounds ?? 7;
  await timeIt(ours, options.warmup ?? options.iterations, 1);
  await timeIt(baseline, options.warmup ?? options.iterations, 1);
  const a: number[] = [];
  const b: number[] = [];
  // the order swaps every round, so neither side always runs right after the other
  const sides: [() => unknown, number[]][] = [
    [ours, a],
    [baseline, b],
  ];
  for (let r = 0; r < rounds; r++) {
    for (const [fn, samples] of r % 2 === 0 ? sides : [...sides].reverse())
      samples.push(...(await timeIt(fn, options.iterations, 1)));
  }
  return { ours: median(a), baseline: median(b) };
}

/**
 * Measures `ours` and `baseline` call by call, `pairs` times, alternating which of the two goes
 * first, after a warm-up of each. Returns the median milliseconds per call of each side and the
 * median of the per-pair ratios: whatever slows the machine down slows both calls of a pair alike,
 * so the ratio stays steady where whole-round timings on a shared machine drift by ±10 %.
 */
export async function comparePaired(
  ours: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  options: { pairs: number; warmup?: number },
): Promise<{ ours: number; baseline: number; ratio: number }> {
  for (let i = 0; i < (options.warmup ?? 1000); i++) {
    await ours();
    await baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  for (let i = 0; i < options.pairs; i++) {
    let x: number;
    let y: number;
    if (i % 2 === 0) {
      x = await time(ours);
      y = await time(baseline);
    } else {
      y = await time(baseline);
      x = await time(ours);
    }
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  return { ours: median(a), baseline: median(b), ratio: median(ratios) };
}

/** What a benchmark must reach: ours/baseline at most `max` (a cost) or at least `min` (a throughput). */
export type Target = { readonly max: number } | { readonly min: number };

/** Prints the figures of one benchmark and its `BENCH_RESULT` line for `npm run bench`'s table. */
export function report(
  benchmark: string,
  ours: number,
  baseline: number,
  target: Target,
  unit: string,
  /** The ratio when it was measured directly (median of paired ratios); default ours / baseline. */
  measuredRatio?: number,
): void {
  const ratio = measuredRatio ?? ours / baseline;
  const [label, pass] =
    'max' in target ? [`≤ ${target.max}x`, ratio <= target.max] : [`≥ ${target.min}x`, ratio >= target.min];
  console.log(
    `${benchmark}: ours ${ours.toPrecision(4)} ${unit}, baseline ${baseline.toPrecision(4)} ${unit}, ratio ${ratio.toFixed(2)}x (target ${label})`,
  );
  console.log(
    `BENCH_RESULT ${JSON.stringify({ benchmark, ours, baseline, unit, ratio, target: label, pass })}`,
  );
}

/**
 * Prints a figure measured against a fixed budget (a bundle size, say) rather than a baseline run:
 * the budget fills the baseline column and the target is `≤ budget unit`.
 */
export function reportBudget(benchmark: string, ours: number, budget: number, unit: string): void {
  const ratio = ours / budget;
  const label = `≤ ${budget} ${unit}`;
  const pass = ours <= budget;
  console.log(`${benchmark}: ${ours.toPrecision(4)} ${unit} (target ${label})`);
  console.log(
    `BENCH_RESULT ${JSON.stringify({ benchmark, ours, baseline: budget, unit, ratio, target: label, pass })}`,
  );
}
