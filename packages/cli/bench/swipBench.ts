// What the SWIP benchmarks share: the built CLI they run, and the CSV they give it.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The runner that starts the built CLI and reports its CPU time and peak RSS; exits when unbuilt. */
export function builtCliRunner(): string {
  if (!existsSync(fileURLToPath(new URL('../dist/bin.js', import.meta.url)))) {
    console.error('@regkit/cli is not built: run `npm run build` first');
    process.exit(1);
  }
  return fileURLToPath(new URL('./swipRun.mjs', import.meta.url));
}

/** A CSV of `rows` /64s under 2001:db8::/32, one customer each (named after `tag`), in `dir`. */
export function writeSwipCsv(dir: string, rows: number, tag: string): string {
  const lines = ['customer_name,street,city,state,postal_code,country,block'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${tag} ${i},${i} Main St,Herndon,VA,20170,US,2001:db8:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::/64`,
    );
  const file = join(dir, `${tag}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
