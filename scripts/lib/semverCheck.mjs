// Do the pending changesets ask for at least the bump that each package's API change needs?
// The API change is the difference between `etc/released/<name>.api.md` (the report as of the last
// `changeset version`) and `etc/<name>.api.md` (the current report, checked against the build).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import getReleasePlan from '@changesets/get-release-plan';
import { compareReports, LEVELS, rank } from './apiDiff.mjs';
import { listWorkspaces } from './workspaces.mjs';

export const OVERRIDES_FILE = '.changeset/semver-overrides.json';

const BUMPS = ['none', ...LEVELS];
const bumpRank = (bump) => BUMPS.indexOf(bump);

/**
 * The smallest changeset bump an API change of `level` needs. Below 1.0.0 the changesets convention
 * applies: a breaking change is a minor bump (0.1.0 → 0.2.0, which `^0.1.0` does not accept) and an
 * addition a patch bump, since changesets takes a `major` on 0.x straight to 1.0.0.
 */
export function neededBump(level, version) {
  if (level === 'patch') return 'none';
  if (Number(version.split('.')[0]) > 0) return level;
  return level === 'major' ? 'minor' : 'patch';
}

const reportNames = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.api.md'))
        .sort()
    : [];

function publicPackages(root, only) {
  return listWorkspaces(root).filter(
    (ws) => !ws.private && existsSync(join(ws.dir, 'etc')) && (only.length === 0 || only.includes(ws.name)),
  );
}

/** Deliberate reclassifications, each with a reason: `[{ package, symbol, level, reason }]`. */
export function readOverrides(root) {
  const file = join(root, OVERRIDES_FILE);
  if (!existsSync(file)) return [];
  const list = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${OVERRIDES_FILE}: expected an array of overrides`);
  for (const [i, o] of list.entries()) {
    if (typeof o?.package !== 'string' || typeof o.symbol !== 'string' || !LEVELS.includes(o.level))
      throw new Error(
        `${OVERRIDES_FILE}[${i}]: needs "package", "symbol" and "level" (patch, minor or major)`,
      );
    if (typeof o.reason !== 'string' || o.reason.trim() === '')
      throw new Error(
        `${OVERRIDES_FILE}[${i}]: say why ${o.symbol} is not the change it looks like ("reason")`,
      );
  }
  return list;
}

/** One entry per package with reports: its API change, the bump it needs and the bump planned. */
export async function checkPackages(root, only = []) {
  const overrides = readOverrides(root);
  const plan = await getReleasePlan(root);
  const planned = new Map(plan.releases.map((r) => [r.name, r.type]));
  return publicPackages(root, only).map((ws) => {
    const changes = [];
    const missing = [];
    let compared = 0;
    const seen = new Set();
    for (const name of reportNames(join(ws.dir, 'etc'))) {
      const released = join(ws.dir, 'etc/released', name);
      if (!existsSync(released)) {
        missing.push(relative(root, released));
        continue;
      }
      compared++;
      const diff = compareReports(
        readFileSync(released, 'utf8'),
        readFileSync(join(ws.dir, 'etc', name), 'utf8'),
      );
      for (const change of diff.changes) {
        // a type exported from two entry points changes once
        const key = `${change.level} ${change.symbol} ${change.what}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const o = overrides.find((x) => x.package === ws.name && x.symbol === change.symbol);
        changes.push(o ? { ...change, level: o.level, was: change.level, reason: o.reason } : change);
      }
    }
    for (const name of reportNames(join(ws.dir, 'etc/released')))
      if (!existsSync(join(ws.dir, 'etc', name)))
        changes.push({ level: 'major', symbol: name, what: 'entry point removed' });
    const level = changes.reduce((max, c) => (rank(c.level) > rank(max) ? c.level : max), 'patch');
    const needed = neededBump(level, ws.version);
    const bump = planned.get(ws.name) ?? 'none';
    return {
      name: ws.name,
      version: ws.version,
      level,
      needed,
      planned: bump,
      ok: bumpRank(bump) >= bumpRank(needed),
      compared,
      changes,
      missing,
    };
  });
}

/** Human lines for one package's result: the verdict, then the changes (those that set it first). */
export function describe(result, limit = 25) {
  const who = `${result.name}@${result.version}`;
  let head;
  if (result.level !== 'patch') {
    const kind = result.level === 'major' ? 'breaking' : 'additive';
    const zeroX = result.version.startsWith('0.')
      ? ' (0.x, changesets convention: breaking → minor, additive → patch)'
      : '';
    head = `${who}: ${kind} API change; needs a ${result.needed} changeset${zeroX}, pending changesets give ${result.planned}`;
  } else if (result.compared) head = `${who}: no public API change since the released report`;
  else head = `${who}: no released report yet (first release), nothing to compare`;
  const lines = [`${result.ok ? '✔' : '✘'} ${head}`];
  if (result.compared)
    for (const m of result.missing) lines.push(`    no released report ${m} (new entry point)`);
  const changes = [...result.changes].sort((a, b) => rank(b.level) - rank(a.level));
  for (const c of changes.slice(0, limit)) {
    const why = c.reason ? ` [overridden from ${c.was}: ${c.reason}]` : '';
    lines.push(`    ${c.level.padEnd(5)} ${c.symbol}: ${c.what}${why}`);
  }
  if (changes.length > limit) lines.push(`    … and ${changes.length - limit} more`);
  return lines;
}

/** After `changeset version`: the current reports become the released ones; overrides are spent. */
export function recordRelease(root) {
  const recorded = [];
  for (const ws of publicPackages(root, [])) {
    const releasedDir = join(ws.dir, 'etc/released');
    mkdirSync(releasedDir, { recursive: true });
    for (const name of reportNames(releasedDir))
      if (!existsSync(join(ws.dir, 'etc', name))) rmSync(join(releasedDir, name));
    for (const name of reportNames(join(ws.dir, 'etc'))) {
      copyFileSync(join(ws.dir, 'etc', name), join(releasedDir, name));
      recorded.push(relative(root, join(releasedDir, name)));
    }
  }
  rmSync(join(root, OVERRIDES_FILE), { force: true });
  return recorded;
}
