// Start-up cost of `regkit --help` (the built CLI, as a user runs it) against bare `node -e 0`,
// measured side by side in alternating rounds. Commands and their dependencies load lazily and the
// help comes from the build's command manifest, so the CLI adds little to Node's own start-up.
// Target: ≤ 2.5×.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compare, report, sized } from '../../../scripts/lib/bench.js';

const bin = fileURLToPath(new URL('../bin/regkit.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/commands.json', import.meta.url)))) {
  console.error('@regkit/cli is not built: run `npm run build` first');
  process.exit(1);
}

function run(args: string[]): void {
  const res = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (res.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${res.status}: ${res.stderr}`);
}

const { ours, baseline } = await compare(
  () => run([bin, '--help']),
  () => run(['-e', '0']),
  sized({ iterations: 5, rounds: 7, warmup: 3 }, { iterations: 1, rounds: 1, warmup: 1 }),
);
report('regkit --help start-up vs node -e 0', ours, baseline, { max: 2.5 }, 'ms/run');
