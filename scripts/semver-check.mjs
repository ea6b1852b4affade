#!/usr/bin/env node
// Semver check: each package's API change since its last release against its pending changesets.
//   node scripts/semver-check.mjs                   fail when a changeset asks for less than the change needs
//   node scripts/semver-check.mjs --record-release  after `changeset version`: current reports become the baseline
//   --package NAME (repeatable)   --root DIR (another checkout)
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPackages, describe, OVERRIDES_FILE, recordRelease } from './lib/semverCheck.mjs';
import { repoRoot } from './lib/workspaces.mjs';

const { values } = parseArgs({
  options: {
    'record-release': { type: 'boolean', default: false },
    package: { type: 'string', multiple: true, default: [] },
    root: { type: 'string' },
  },
});
const root = resolve(values.root ?? repoRoot);

if (values['record-release']) {
  for (const file of recordRelease(root)) console.log(`semver-check: released report ${file}`);
  process.exit(0);
}

const results = await checkPackages(root, values.package);
for (const result of results) console.log(describe(result).join('\n'));
const failed = results.filter((r) => !r.ok);
if (failed.length) {
  console.error(
    `\nsemver-check: the pending changesets ask for a smaller bump than the API change of ` +
      `${failed.map((r) => r.name).join(', ')} needs. Add a changeset with the bump shown (\`npx changeset\`), ` +
      `or, if a listed change is not what it looks like, record why in ${OVERRIDES_FILE} (see README, Releasing).`,
  );
  process.exit(1);
}
console.log('semver-check: every pending bump covers its API change');
