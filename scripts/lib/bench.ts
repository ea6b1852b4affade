// Helpers for the benchmarks of `npm run bench`: measure ours and the baseline side by side in one
// process, alternating rounds so drift affects both, and print one BENCH_RESULT line per benchmark.

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
  for (let r = 0; r < rounds; r++) {
    a.push(...(await timeIt(ours, options.iterations, 1)));
    b.push(...(await timeIt(baseline, options.iterations, 1)));
  }
  return { ours: median(a), baseline: median(b) };
}

export interface BenchResult {
  readonly benchmark: string;
  readonly ours: number;
  readonly baseline: number;
  readonly unit: string;
  /** `ours / baseline` for costs, `ours / baseline` for throughputs too: the target says which way. */
  readonly ratio: number;
  readonly target: string;
  readonly pass: boolean;
}

export function report(result: BenchResult): void {
  console.log(
    `${result.benchmark}: ours ${result.ours.toPrecision(4)} ${result.unit}, baseline ${result.baseline.toPrecision(4)} ${result.unit}, ratio ${result.ratio.toFixed(2)}x (target ${result.target})`,
  );
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}

/** A cost benchmark: lower is better, passes when ours/baseline ≤ max. */
export function reportCost(
  benchmark: string,
  ours: number,
  baseline: number,
  max: number,
  unit = 'ms/op',
): void {
  const ratio = ours / baseline;
  report({ benchmark, ours, baseline, unit, ratio, target: `≤ ${max}x`, pass: ratio <= max });
}

/** A throughput benchmark: higher is better, passes when ours/baseline ≥ min. */
export function reportThroughput(
  benchmark: string,
  ours: number,
  baseline: number,
  min: number,
  unit = 'req/s',
): void {
  const ratio = ours / baseline;
  report({ benchmark, ours, baseline, unit, ratio, target: `≥ ${min}x`, pass: ratio >= min });
}
