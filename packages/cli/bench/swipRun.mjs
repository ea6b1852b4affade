// Runs the built CLI and, on exit, writes its own CPU time and peak RSS to $SWIP_BENCH_OUT.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(
    process.env.SWIP_BENCH_OUT,
    JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS }),
  );
});
await import('../dist/bin.js');
