#!/usr/bin/env node
// `npm start`: generate and build everything (nx, cached), then run the end-to-end workflow:
// against the embedded mock servers by default, or against real endpoints when configured
// (ARIN_API_KEY + ARIN_ENV, HELPDESK_URL + HELPDESK_USERNAME + HELPDESK_PASSWORD).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildAll, repoRoot } from './lib/workspaces.mjs';

console.log('Generating and building every package (nx run-many -t build; cached when nothing changed)…');
const status = buildAll();
if (status !== 0) {
  console.error('The build failed; run `npx nx run-many -t build` to see why.');
  process.exit(status);
}
console.log('Build complete.\n');
const workflow = spawnSync(
  process.execPath,
  [join(repoRoot, 'packages/cli/dist/bin.js'), 'workflow', ...process.argv.slice(2)],
  {
    cwd: repoRoot,
    stdio: 'inherit',
  },
);
process.exit(workflow.status ?? 1);
