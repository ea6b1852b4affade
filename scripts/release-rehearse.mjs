#!/usr/bin/env node
// Release rehearsal: version and publish every public package to a throwaway local registry, then
// install the clients into a fresh project outside the workspace, type-check and run it.
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

  step('changeset version');
  sh(bin('changeset'), ['version'], copy);
  const versions = Object.fromEntries(
    publishable.map((w) => {
      const pkg = JSON.parse(readFileSync(join(copy, relative(repoRoot, w.dir), 'package.json'), 'utf8'));
      return [pkg.name, pkg.version];
    }),
  );
  for (const [name, version] of Object.entries(versions)) console.log(`  ${name}@${version}`);

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
    const npmrc = `registry=${registry}\n//127.0.0.1:${port}/:_authToken=${token}\n`;
    writeFileSync(join(copy, '.npmrc'), npmrc);

    step('changeset publish');
    sh(bin('changeset'), ['publish'], copy, {
      ...cleanEnv,
      npm_config_registry: registry,
      npm_config_userconfig: join(copy, '.npmrc'),
    });

    step('Fresh consumer project outside the workspace');
    mkdirSync(join(consumer, 'src'), { recursive: true });
    cpSync(join(repoRoot, 'scripts/rehearsal-consumer'), consumer, { recursive: true });
    const pkg = JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8'));
    for (const name of Object.keys(pkg.dependencies))
      if (name.startsWith('@regkit/')) pkg.dependencies[name] = versions[name];
    writeFileSync(join(consumer, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    writeFileSync(join(consumer, '.npmrc'), `registry=${registry}\n`);
    const consumerEnv = {
      ...cleanEnv,
      npm_config_registry: registry,
      npm_config_userconfig: join(consumer, '.npmrc'),
    };
    sh('npm', ['install', '--no-audit', '--no-fund', '--registry', registry], consumer, consumerEnv);
    const lock = readFileSync(join(consumer, 'package-lock.json'), 'utf8');
    if (lock.includes(repoRoot))
      throw new Error('the consumer resolved a package from the workspace instead of the registry');

    step('Type-check and run the consumer');
    sh(join(consumer, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], consumer, consumerEnv);
    sh('node', ['dist/main.js'], consumer, consumerEnv);

    step('The CLI as installed: npx regkit --version');
    const cliVersion = spawnSync('npx', ['--no-install', 'regkit', '--version'], {
      cwd: consumer,
      env: consumerEnv,
      encoding: 'utf8',
    });
    if (cliVersion.status !== 0) throw new Error(`npx regkit --version exited with ${cliVersion.status}`);
    if (cliVersion.stdout.trim() !== versions['@regkit/cli'])
      throw new Error(
        `npx regkit --version printed "${cliVersion.stdout.trim()}", expected ${versions['@regkit/cli']}`,
      );
    console.log(`  regkit ${cliVersion.stdout.trim()}`);
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
