#!/usr/bin/env node
// Finds import loops in the sources of every package and tool (packages/*/src, tools/*/src):
//   - file cycles: a file that, import by import, comes back to itself;
//   - folder cycles: an import path that leaves a folder (with what is under it) and comes back into
//     it. A folder may import its sub-folders, and a sub-folder the files of folders above it, but
//     not both along one path: `swip/plan.ts` importing `../blocks.ts` is a loop only when
//     `blocks.ts`, directly or through other files outside `swip/`, imports `swip/` again.
//     A `generated/` folder is the one exception: the generator's facade composes hand-written parts
//     (`facadeParts.ts`) that are themselves written against the generated types, by design.
// Every relative import counts, `import type`, `export … from` and `import()` included: a loop of
// types alone still ties the files together. Specifiers naming `.js` are read as the `.ts` source.
//
// Usage: node scripts/check-import-cycles.mjs [root]   (root: the repository, by default this one)
// Exits 1 printing each loop, 0 printing "no import cycles (N files)".
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const SOURCE = /\.(ts|tsx|mts|cts)$/;

/** The `src` folder of each package and tool, relative to the root. */
function sourceRoots() {
  const roots = [];
  for (const group of ['packages', 'tools']) {
    const dir = join(root, group);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const src = join(dir, name, 'src');
      if (existsSync(src) && statSync(src).isDirectory()) roots.push(src);
    }
  }
  return roots;
}

function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...filesUnder(path));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The source file a relative specifier names, or undefined (a package, an asset, a missing file). */
function resolveSpecifier(from, specifier, known) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
  const ext = base.slice(stem.length);
  const candidates =
    ext === '.mjs'
      ? [`${stem}.mts`]
      : ext === '.cjs'
        ? [`${stem}.cts`]
        : [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => known.has(c));
}

/** Strongly connected components of a graph (Tarjan), each with more than one file or a self-import. */
function loopsOf(nodes, edges) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (start) => {
    // iterative, so a long chain of imports cannot overflow the call stack
    const work = [[start, 0]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, i] = frame;
      const next = [...(edges.get(node) ?? [])];
      if (i < next.length) {
        frame[1]++;
        const to = next[i];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push([to, 0]);
        } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), index.get(to)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1 || edges.get(node)?.has(node)) components.push(component.sort());
      }
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return components;
}

/**
 * The shortest path from `from` to a node `isEnd` accepts, through nodes `allowed` admits (both ends
 * included), or undefined.
 */
function shortestPath(from, isEnd, edges, allowed) {
  const previous = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length) {
    const node = queue.shift();
    for (const next of edges.get(node) ?? []) {
      if (isEnd(next)) {
        const path = [next];
        for (let at = node; at !== undefined; at = previous.get(at)) path.unshift(at);
        return path;
      }
      if (previous.has(next) || !allowed(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return undefined;
}

/** Each distinct shortest cycle through a member of a loop, so every file of the loop is named. */
function cyclesOf(component, edges) {
  const members = new Set(component);
  const seen = new Set();
  const cycles = [];
  for (const file of component) {
    const path = shortestPath(
      file,
      (n) => n === file,
      edges,
      (n) => members.has(n),
    );
    if (!path) continue;
    const ring = path.slice(0, -1);
    const first = ring.indexOf([...ring].sort()[0]);
    const key = [...ring.slice(first), ...ring.slice(0, first)].join('\n');
    if (seen.has(key)) continue;
    seen.add(key);
    cycles.push(path);
  }
  return cycles;
}

const folderOf = (file) => dirname(file);
const isUnder = (file, folder) => file.startsWith(folder + sep);

/**
 * For each folder below a source root: a path that leaves it (with its sub-folders) and comes back,
 * through files of the same package outside it. One witness per folder.
 */
function folderLoops(srcRoot, files, edges) {
  const folders = new Set();
  for (const file of files)
    for (let dir = folderOf(file); dir !== srcRoot && isUnder(dir, srcRoot); dir = dirname(dir))
      folders.add(dir);
  const loops = [];
  for (const folder of [...folders].sort()) {
    if (basename(folder) === 'generated') continue;
    const inside = (f) => isUnder(f, folder);
    const outside = (f) => isUnder(f, srcRoot) && !inside(f);
    let witness;
    for (const file of files.filter(inside)) {
      for (const exit of edges.get(file) ?? []) {
        // from the file outside, through files outside only, to any file back inside
        const back = inside(exit) ? undefined : shortestPath(exit, inside, edges, outside);
        if (back && (!witness || back.length + 1 < witness.length)) witness = [file, ...back];
      }
    }
    if (witness) loops.push({ folder, path: witness });
  }
  return loops;
}

const roots = sourceRoots();
const filesByRoot = new Map(roots.map((r) => [r, filesUnder(r)]));
const allFiles = [...filesByRoot.values()].flat();
const known = new Set(allFiles);
const edges = new Map();
for (const file of allFiles) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const targets = new Set();
  for (const { fileName } of importedFiles) {
    const target = resolveSpecifier(file, fileName, known);
    if (target) targets.add(target);
  }
  edges.set(file, targets);
}

const shown = (file) => relative(root, file).split(sep).join('/');
const problems = [];
for (const component of loopsOf(allFiles, edges))
  for (const cycle of cyclesOf(component, edges))
    problems.push(`file cycle: ${cycle.map(shown).join(' -> ')}`);
for (const [srcRoot, files] of filesByRoot)
  for (const { folder, path } of folderLoops(srcRoot, files, edges))
    problems.push(
      `folder cycle: ${shown(folder)}/ is left and entered again: ${path.map(shown).join(' -> ')}`,
    );

if (problems.length) {
  console.error(
    `${problems.length} import cycle${problems.length === 1 ? '' : 's'} (${allFiles.length} files):`,
  );
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`no import cycles (${allFiles.length} files)`);
