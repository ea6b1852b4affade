#!/usr/bin/env node
// Everything CI checks, in order. Each step is a check; vitest steps contribute their own test counts.
// Ends with one line `N passed, N failed` and writes the totals to .reports/summary.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listWorkspaces, repoRoot } from './lib/workspaces.mjs';

const { values } = parseArgs({
  options: {
    'skip-release': { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
  },
});

const reports = join(repoRoot, '.reports');
mkdirSync(reports, { recursive: true });

const results = [];
let vitestPassed = 0;
let vitestFailed = 0;

function run(name, command, args, options = {}) {
  if (values.only && !values.only.some((o) => name.includes(o))) return true;
  console.log(`\n▶ ${name}\n  $ ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const res = spawnSync(command, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
    ...options,
  });
  const ok = res.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

const npx = (bin, ...args) => ['npx', ['--no-install', bin, ...args]];

run('format (prettier --check)', ...npx('prettier', '--check', '.', '--log-level', 'warn'));
run('lint (eslint)', ...npx('eslint', '.', '--max-warnings', '0'));
if (existsSync(join(repoRoot, 'tools/xsd2ts/src/cli.ts'))) {
  run('generated code matches the specs (xsd2ts generate --check)', ...npx('xsd2ts', 'generate', '--check'));
}
run(
  'typecheck (nx run-many -t typecheck)',
  ...npx('nx', 'run-many', '-t', 'typecheck', '--outputStyle=static'),
);
run('README examples compile', 'node', ['scripts/check-readmes.mjs']);
run('no import cycles (check-import-cycles)', 'node', ['scripts/check-import-cycles.mjs']);
run('build (nx run-many -t build)', ...npx('nx', 'run-many', '-t', 'build', '--outputStyle=static'));
// Every benchmark once at a small size against the packages just built: a change that breaks one
// fails here the day it lands (targets are only enforced by `npm run bench`).
run('benchmarks run at a small size (bench.mjs --smoke)', 'node', [
  'scripts/bench.mjs',
  '--smoke',
  '--skip-build',
]);
// The API reference (TypeDoc, warnings are errors): a public type that is referenced but not exported
// fails here.
run('API reference builds (npm run docs)', ...npx('typedoc', '--logLevel', 'Warn'));
run('API reports match the built packages (api-report --check)', 'node', [
  'scripts/api-report.mjs',
  '--check',
]);
run('pending changesets cover the API changes (semver-check)', 'node', ['scripts/semver-check.mjs']);

// Unit and integration tests: one vitest run per workspace project through nx (cached), each
// writing a JSON report whose counts are summed here.
for (const ws of listWorkspaces()) rmSync(join(ws.dir, '.reports/vitest.json'), { force: true });
run(
  'tests (nx run-many -t test)',
  ...npx('nx', 'run-many', '-t', 'test', '--outputStyle=static', '--parallel=1'),
);
// The release tooling's own tests (report classifier, spec-edit acceptance) read the built packages.
const scriptsReport = join(reports, 'scripts-vitest.json');
rmSync(scriptsReport, { force: true });
run(
  'release tooling tests (vitest in scripts/)',
  ...npx(
    'vitest',
    'run',
    '--root',
    'scripts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${scriptsReport}`,
  ),
);
for (const ws of [...listWorkspaces(), { name: 'scripts', dir: repoRoot, file: scriptsReport }]) {
  const file = ws.file ?? join(ws.dir, '.reports/vitest.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  vitestPassed += report.numPassedTests;
  vitestFailed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
  console.log(`  ${ws.name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

for (const ws of listWorkspaces().filter((w) => !w.private)) {
  run(`publint ${ws.name}`, ...npx('publint', '--strict', ws.dir));
  run(
    `are-the-types-wrong ${ws.name}`,
    ...npx('attw', '--pack', ws.dir, '--profile', 'esm-only', '--format', 'table-flipped'),
  );
}

if (!values['skip-release'])
  run('release rehearsal (npm run release:rehearse)', 'node', ['scripts/release-rehearse.mjs']);

const checksPassed = results.filter((r) => r.ok).length;
const checksFailed = results.length - checksPassed;
const passed = vitestPassed + checksPassed;
const failed = vitestFailed + checksFailed;
writeFileSync(
  join(reports, 'summary.json'),
  JSON.stringify({ passed, failed, vitestPassed, vitestFailed, checks: results }, null, 2),
);
console.log('\nChecks:');
for (const r of results) console.log(`  ${r.ok ? '✔' : '✘'} ${r.name}`);
console.log(
  `Tests: ${vitestPassed} passed, ${vitestFailed} failed; checks: ${checksPassed} passed, ${checksFailed} failed`,
);
// .ci/run adds the ARIN conformance check and prints the closing line itself.
if (process.env.REGKIT_OUTER_SUMMARY) console.log(`Subtotal: ${passed} passed, ${failed} failed`);
else console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
