import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The workspace packages named by the root package.json, in declaration order. */
export function listWorkspaces(rootDir = repoRoot) {
  const root = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8'));
  const dirs = root.workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(rootDir, pattern)];
    const parent = join(rootDir, pattern.slice(0, -2));
    return readdirSync(parent, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(parent, d.name))
      .sort();
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { dir, name: pkg.name, private: pkg.private === true, version: pkg.version, pkg };
    });
}

/** Builds every package with nx (cached when nothing changed); returns the exit status. */
export function buildAll() {
  const build = spawnSync(
    join(repoRoot, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'build', '--outputStyle=static'],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return build.status ?? 1;
}
