// Acceptance: a spec edit in a copy of the workspace goes through regeneration, the API report
// check and the semver check the way `npm test` runs them.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const xsdPath = 'schemas/arin/reg-rws-core.xsd';
const pkgDir = 'packages/arin-client';
let root: string;
let pristineXsd: string;

function run(command: string, args: string[]) {
  const res = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}
const node = (script: string, ...args: string[]) =>
  run('node', [join(repoRoot, script), ...args, '--root', root]);

/** `xsd2ts generate arin`, then the package's declarations, as `nx run arin-client:api-report` would. */
function regenerateAndBuild() {
  const generated = node('tools/xsd2ts/bin/xsd2ts.mjs', 'generate', 'arin');
  expect(generated.code, generated.out).toBe(0);
  const built = run(join(repoRoot, 'node_modules/.bin/tsc'), [
    '-p',
    join(root, pkgDir, 'tsconfig.build.json'),
  ]);
  expect(built.code, built.out).toBe(0);
}

function setVersion(version: string) {
  const file = join(root, pkgDir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...pkg, version }, null, 2));
}

function changeset(bump: string) {
  writeFileSync(
    join(root, '.changeset/spec-edit.md'),
    `---\n'@regkit/arin-client': ${bump}\n---\n\nSpec edit.\n`,
  );
}

/** The pristine spec with `change` applied to the text from the start of the Poc type onwards. */
function editPoc(change: (fromPoc: string) => string) {
  const start = pristineXsd.indexOf('<xs:complexType name="Poc">');
  writeFileSync(join(root, xsdPath), pristineXsd.slice(0, start) + change(pristineXsd.slice(start)));
}

beforeAll(() => {
  expect(existsSync(join(repoRoot, 'packages/core/dist/index.d.ts')), 'build @regkit/core first').toBe(true);
  root = mkdtempSync(join(tmpdir(), 'regkit-spec-edit-'));
  cpSync(join(repoRoot, 'schemas/arin'), join(root, 'schemas/arin'), { recursive: true });
  cpSync(join(repoRoot, pkgDir), join(root, pkgDir), {
    recursive: true,
    filter: (src) => !/[/\\](node_modules|dist|\.reports|etc)$/.test(src),
  });
  for (const file of ['tsconfig.base.json', 'api-extractor.base.json', '.changeset/config.json'])
    cpSync(join(repoRoot, file), join(root, file));
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'copy', private: true, workspaces: ['packages/*'] }),
  );
  mkdirSync(join(root, '.changeset'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  pristineXsd = readFileSync(join(root, xsdPath), 'utf8');
  setVersion('1.0.0');
  // The released baseline: the committed reports, which `npm test` checks against the unedited
  // spec's build, recorded the way `npm run version-packages` does.
  cpSync(join(repoRoot, pkgDir, 'etc'), join(root, pkgDir, 'etc'), {
    recursive: true,
    filter: (src) => !src.includes('released'),
  });
  expect(node('scripts/semver-check.mjs', '--record-release').code).toBe(0);
}, 300_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a spec edit, regenerated', () => {
  it('removing a payload field: the stale report fails with its diff, the semver check demands a major bump', () => {
    editPoc((poc) => {
      const city = poc.indexOf('<xs:element name="city"');
      const end = poc.indexOf('</xs:element>', city) + '</xs:element>'.length;
      return poc.slice(0, city) + poc.slice(end);
    });
    regenerateAndBuild();
    const stale = node('scripts/api-report.mjs', '--check');
    expect(stale.code).toBe(1);
    expect(stale.out).toContain(`${pkgDir}/etc/arin-client-payloads.api.md is out of date`);
    expect(stale.out).toMatch(/export interface Poc \{\n- {4}city\?: string;\n {5}comment\?: string\[\];/);
    expect(node('scripts/api-report.mjs').code).toBe(0);

    changeset('minor');
    const semver = node('scripts/semver-check.mjs');
    expect(semver.code).toBe(1);
    expect(semver.out).toContain(
      '✘ @regkit/arin-client@1.0.0: breaking API change; needs a major changeset, pending changesets give minor',
    );
    expect(semver.out).toContain('major Poc.city: removed');
    changeset('major');
    expect(node('scripts/semver-check.mjs').code).toBe(0);

    // Before 1.0 the changesets convention applies: the same change needs a minor bump, and says so.
    setVersion('0.4.0');
    changeset('patch');
    const zeroX = node('scripts/semver-check.mjs');
    expect(zeroX.code).toBe(1);
    expect(zeroX.out).toContain(
      'needs a minor changeset (0.x, changesets convention: breaking → minor, additive → patch), pending changesets give patch',
    );
    setVersion('1.0.0');
  }, 300_000);

  it('adding an optional payload field demands a minor bump', () => {
    editPoc((poc) =>
      poc.replace('<xs:all>', '<xs:all>\n      <xs:element name="nickname" type="xs:string" minOccurs="0"/>'),
    );
    regenerateAndBuild();
    expect(node('scripts/api-report.mjs').code).toBe(0);
    changeset('patch');
    const semver = node('scripts/semver-check.mjs');
    expect(semver.code).toBe(1);
    expect(semver.out).toContain(
      'additive API change; needs a minor changeset, pending changesets give patch',
    );
    expect(semver.out).toContain('minor Poc.nickname: added');
    expect(semver.out).not.toContain('major ');
    changeset('minor');
    expect(node('scripts/semver-check.mjs').code).toBe(0);
  }, 300_000);

  it('a reclassification in the overrides file, with its reason, settles a false positive', () => {
    changeset('patch');
    writeFileSync(
      join(root, '.changeset/semver-overrides.json'),
      JSON.stringify(
        ['Poc.nickname', 'PocInput.nickname', 'PocCreate.nickname'].map((symbol) => ({
          package: '@regkit/arin-client',
          symbol,
          level: 'patch',
          reason: 'not yet sent by ARIN',
        })),
      ),
    );
    const semver = node('scripts/semver-check.mjs');
    expect(semver.code, semver.out).toBe(0);
    expect(semver.out).toContain('patch Poc.nickname: added [overridden from minor: not yet sent by ARIN]');
    writeFileSync(
      join(root, '.changeset/semver-overrides.json'),
      JSON.stringify([{ package: '@regkit/arin-client', symbol: 'Poc.nickname', level: 'patch' }]),
    );
    const noReason = node('scripts/semver-check.mjs');
    expect(noReason.code).not.toBe(0);
    expect(noReason.out).toContain('say why Poc.nickname is not the change it looks like');
    rmSync(join(root, '.changeset/semver-overrides.json'));
  });
});
