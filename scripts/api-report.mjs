#!/usr/bin/env node
// API reports (API Extractor) of every public package: `etc/<name>.api.md`, committed and reviewed.
//   node scripts/api-report.mjs            rewrite the reports of every package (or of the cwd's package)
//   node scripts/api-report.mjs --check    write nothing; fail with the diff when a report is stale
//   --package NAME|DIR                     only these packages (repeatable)
//   --root DIR                             another checkout laid out like this one
// Reads each package's built `dist/*.d.ts`: run the build first (the nx `api-report` target does).
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileDiff, reportConfigs, reportedPackages, runExtractor } from './lib/apiReports.mjs';
import { listWorkspaces, repoRoot } from './lib/workspaces.mjs';

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    package: { type: 'string', multiple: true, default: [] },
    root: { type: 'string' },
  },
});

const root = resolve(values.root ?? repoRoot);
const cwdPackage = listWorkspaces(root).find((ws) => ws.dir === process.cwd());
const only = values.package.length ? values.package : cwdPackage ? [cwdPackage.name] : [];
const packages = reportedPackages(only, root);
if (packages.length === 0) {
  console.error(`api-report: no public package with an api-extractor.json matches ${only.join(', ')}`);
  process.exit(2);
}

let stale = 0;
for (const ws of packages) {
  if (!existsSync(join(ws.dir, 'dist'))) {
    console.error(`api-report: ${ws.name} is not built; run \`npm run build\` first`);
    process.exit(1);
  }
  for (const config of reportConfigs(ws.dir)) {
    const report = relative(root, config.reportPath);
    if (!values.check) {
      runExtractor(config, { update: true });
      console.log(`api-report: ${ws.name}: ${report}`);
      continue;
    }
    runExtractor(config, { update: false });
    const diff = existsSync(config.reportPath) ? fileDiff(config.reportPath, config.tempPath) : '';
    if (existsSync(config.reportPath) && diff === '') continue;
    stale++;
    console.error(
      existsSync(config.reportPath)
        ? `\n✘ ${report} is out of date; the public API of ${ws.name} changed:\n\n${diff}`
        : `\n✘ ${report} is missing (the computed report is ${relative(root, config.tempPath)})`,
    );
  }
}
if (values.check) {
  if (stale) {
    console.error(
      `\napi-report: ${stale} API report(s) differ from the built packages. If the change is intended, ` +
        'run `npm run api:update`, review the diff and commit the reports with a changeset.',
    );
    process.exit(1);
  }
  console.log(`api-report: the API reports of ${packages.map((p) => p.name).join(', ')} are up to date`);
}
