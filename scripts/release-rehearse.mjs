#!/usr/bin/env node
// Release rehearsal: version and publish every public package to a throwaway local registry, then
// install the clients into a fresh project outside the workspace, type-check and run it; then the
// pre-release path: `changeset pre enter next`, version, publish to the `next` tag, install `@next`.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { listWorkspaces, repoRoot } from './lib/workspaces.mjs';

const work = mkdtempSync(join(tmpdir(), 'regkit-release-'));
const copy = join(work, 'repo');
const consumer = join(work, 'consumer');
const storage = join(work, 'registry-storage');
let registry;

// Child npm processes must see only the local registry, never the caller's npm_config_* settings.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !k.toLowerCase().startsWith('npm_config_') && k !== 'NODE_OPTIONS',
  ),
);

function step(title) {
  console.log(`\n── ${title}`);
}

function sh(command, args, cwd, env = cleanEnv) {
  console.log(`  $ ${command} ${args.join(' ')}  (in ${relative(work, cwd) || '.'})`);
  const res = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${res.status}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`registry did not start at ${url} within ${timeoutMs} ms`);
}

/**
 * A fresh project outside the workspace that installs the clients from the local registry only
 * (`specs`: a version or a dist-tag per package), checks it got `expected`, type-checks and runs.
 */
async function consume(dir, registry, specs, expected = specs) {
  step(`Fresh consumer project outside the workspace (${relative(work, dir)})`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  cpSync(join(repoRoot, 'scripts/rehearsal-consumer'), dir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const name of Object.keys(pkg.dependencies))
    if (name.startsWith('@regkit/')) pkg.dependencies[name] = specs[name];
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  writeFileSync(join(dir, '.npmrc'), `registry=${registry}\n`);
  const env = { ...cleanEnv, npm_config_registry: registry, npm_config_userconfig: join(dir, '.npmrc') };
  sh('npm', ['install', '--no-audit', '--no-fund', '--registry', registry], dir, env);
  const lock = readFileSync(join(dir, 'package-lock.json'), 'utf8');
  if (lock.includes(repoRoot))
    throw new Error('the consumer resolved a package from the workspace instead of the registry');
  for (const name of Object.keys(pkg.dependencies).filter((n) => n.startsWith('@regkit/'))) {
    const installed = JSON.parse(
      readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8'),
    ).version;
    if (installed !== expected[name])
      throw new Error(`${name}: installed ${installed}, expected ${expected[name]}`);
    console.log(`  installed ${name}@${installed}`);
  }

  step('Type-check and run the consumer');
  sh(join(dir, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], dir, env);
  sh('node', ['dist/main.js'], dir, env);

  step('The CLI as installed: npx regkit --version');
  const cliVersion = spawnSync('npx', ['--no-install', 'regkit', '--version'], {
    cwd: dir,
    env,
    encoding: 'utf8',
  });
  if (cliVersion.status !== 0) throw new Error(`npx regkit --version exited with ${cliVersion.status}`);
  if (cliVersion.stdout.trim() !== expected['@regkit/cli'])
    throw new Error(
      `npx regkit --version printed "${cliVersion.stdout.trim()}", expected ${expected['@regkit/cli']}`,
    );
  console.log(`  regkit ${cliVersion.stdout.trim()}`);
}

async function main() {
  const bin = (name) => join(repoRoot, 'node_modules/.bin', name);
  const publishable = listWorkspaces().filter((w) => !w.private);
  for (const ws of publishable) {
    if (!existsSync(join(ws.dir, 'dist')))
      throw new Error(`${ws.name} is not built: run \`npm run build\` first`);
  }

  step('Temporary copy of the workspace');
  cpSync(repoRoot, copy, {
    recursive: true,
    filter: (src) =>
      !/[/\\](node_modules|\.nx|\.git|\.reports|coverage)([/\\]|$)/.test(src.slice(repoRoot.length)),
  });
  sh('git', ['init', '-q'], copy);
  sh('git', ['add', '-A'], copy);
  sh(
    'git',
    ['-c', 'user.name=regkit', '-c', 'user.email=release@regkit.invalid', 'commit', '-qm', 'rehearsal'],
    copy,
  );

  const readVersions = () =>
    Object.fromEntries(
      publishable.map((w) => {
        const pkg = JSON.parse(readFileSync(join(copy, relative(repoRoot, w.dir), 'package.json'), 'utf8'));
        return [pkg.name, pkg.version];
      }),
    );
  // What `npm run version-packages` does, without touching the lock file: version, then record the
  // API reports as released and check that nothing is left for the semver check to ask.
  const versionPackages = () => {
    sh(bin('changeset'), ['version'], copy);
    sh('node', [join(repoRoot, 'scripts/semver-check.mjs'), '--record-release', '--root', copy], copy);
    sh('node', [join(repoRoot, 'scripts/semver-check.mjs'), '--root', copy], copy);
    const versions = readVersions();
    for (const [name, version] of Object.entries(versions)) console.log(`  ${name}@${version}`);
    return versions;
  };

  step('changeset version');
  const versions = versionPackages();

  step('Local registry (verdaccio on loopback, throwaway storage)');
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  mkdirSync(storage, { recursive: true });
  const config = join(work, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${storage}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(work, 'htpasswd')}`,
      '    max_users: 10',
      'uplinks:',
      '  npmjs:',
      '    url: https://registry.npmjs.org/',
      'packages:',
      "  '@regkit/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: npmjs',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const verdaccio = spawn(bin('verdaccio'), ['--config', config, '--listen', `127.0.0.1:${port}`], {
    env: cleanEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const stopRegistry = () => verdaccio.exitCode === null && verdaccio.kill('SIGTERM');
  process.on('exit', stopRegistry);
  try {
    await waitFor(`${registry}-/ping`, 60_000);
    console.log(`  registry up at ${registry}`);
    const user = await fetch(`${registry}-/user/org.couchdb.user:rehearsal`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'rehearsal', password: `pw-${port}-${Date.now()}` }),
    });
    if (!user.ok) throw new Error(`could not create a registry user: ${user.status}`);
    const { token } = await user.json();
    // outside the copy, so the copy's commits never hold the token
    const npmrc = join(work, 'publish.npmrc');
    writeFileSync(npmrc, `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    const publishEnv = { ...cleanEnv, npm_config_registry: registry, npm_config_userconfig: npmrc };

    step('changeset publish');
    sh(bin('changeset'), ['publish'], copy, publishEnv);
    await consume(consumer, registry, versions);

    step('Pre-release: changeset pre enter next → version → publish to the `next` tag');
    const commit = (message) =>
      sh(
        'git',
        ['-c', 'user.name=regkit', '-c', 'user.email=release@regkit.invalid', 'commit', '-qam', message],
        copy,
      );
    sh('git', ['add', '-A'], copy);
    commit('release');
    sh(bin('changeset'), ['pre', 'enter', 'next'], copy);
    writeFileSync(
      join(copy, '.changeset/rehearsal-next.md'),
      "---\n'@regkit/core': patch\n---\n\nRelease rehearsal: a pre-release of every package.\n",
    );
    sh('git', ['add', '-A'], copy);
    commit('pre-release changeset');
    const next = versionPackages();
    for (const [name, version] of Object.entries(next))
      if (!/^\d+\.\d+\.\d+-next\.0$/.test(version))
        throw new Error(`${name}@${version} is not a pre-release version of the \`next\` series`);
    sh(bin('changeset'), ['publish'], copy, publishEnv);
    for (const name of Object.keys(next)) {
      const view = spawnSync('npm', ['view', name, 'dist-tags', '--json', '--registry', registry], {
        env: publishEnv,
        encoding: 'utf8',
      });
      if (view.status !== 0) throw new Error(`npm view ${name} dist-tags failed: ${view.stderr}`);
      const tags = JSON.parse(view.stdout);
      if (tags.next !== next[name] || tags.latest !== versions[name])
        throw new Error(
          `${name}: dist-tags ${JSON.stringify(tags)}, expected latest ${versions[name]} and next ${next[name]}`,
        );
      console.log(`  ${name}: latest ${tags.latest}, next ${tags.next}`);
    }
    const tagged = Object.fromEntries(Object.keys(next).map((name) => [name, 'next']));
    await consume(join(work, 'consumer-next'), registry, tagged, next);
  } finally {
    stopRegistry();
  }
  console.log('\nRelease rehearsal passed.');
}

main()
  .catch((err) => {
    console.error(`\nRelease rehearsal failed: ${err.message}`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (!process.env.REGKIT_KEEP_REHEARSAL) rmSync(work, { recursive: true, force: true });
  });
