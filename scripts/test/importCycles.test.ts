// The import loop check on small source trees: what it must find, and what it must let pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../lib/workspaces.mjs';

const script = join(repoRoot, 'scripts', 'check-import-cycles.mjs');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A repository of the given files (path → text) with the check run over it. */
function check(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'regkit-cycles-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

/** The loops the check prints for a tree it must fail, one a line. */
function loopsIn(files: Record<string, string>): string[] {
  const { status, out } = check(files);
  expect(status).toBe(1);
  const [heading, ...loops] = out.trimEnd().split('\n');
  expect(heading).toBe(
    `${loops.length} import cycle${loops.length === 1 ? '' : 's'} (${Object.keys(files).length} files):`,
  );
  return loops.map((line) => line.trim());
}

describe('check-import-cycles', () => {
  it('passes a tree without loops, counting its files', () => {
    const result = check({
      'packages/a/src/index.ts': "export { b } from './b.js';\nexport * from './sub/index.js';\n",
      'packages/a/src/b.ts': "import { c } from './sub/c.js';\nexport const b = c;\n",
      'packages/a/src/sub/index.ts': "export { c } from './c.js';\n",
      'packages/a/src/sub/c.ts': "import { util } from '../util.js';\nexport const c = util;\n",
      'packages/a/src/util.ts':
        "import { readFileSync } from 'node:fs';\nexport const util = readFileSync;\n",
      'tools/t/src/main.ts': "import { x } from '@regkit/a';\nexport const main = x;\n",
    });
    expect(result).toEqual({ status: 0, out: 'no import cycles (6 files)\n' });
  });

  it('lets a generated folder compose hand-written parts written against its types', () => {
    const result = check({
      'packages/a/src/generated/types.gen.ts': 'export interface Poc { handle: string }\n',
      'packages/a/src/generated/facade.gen.ts': "export { handleOf } from '../parts.js';\n",
      'packages/a/src/parts.ts':
        "import type { Poc } from './generated/types.gen.js';\nexport const handleOf = (p: Poc) => p.handle;\n",
    });
    expect(result).toEqual({ status: 0, out: 'no import cycles (3 files)\n' });
  });

  it('finds a file cycle, through a re-export and a dynamic import too', () => {
    const loops = loopsIn({
      'packages/a/src/one.ts': "import { two } from './two.js';\nexport const one = () => two;\n",
      'packages/a/src/two.ts': "export * from './three.js';\nexport const two = 2;\n",
      'packages/a/src/three.ts': "export const three = () => import('./one.js');\n",
    });
    expect(loops).toEqual([
      'file cycle: packages/a/src/one.ts -> packages/a/src/two.ts -> packages/a/src/three.ts -> packages/a/src/one.ts',
    ]);
  });

  it('finds a cycle of type-only imports', () => {
    const loops = loopsIn({
      'tools/t/src/model.ts':
        "import type { Reader } from './read.js';\nexport interface Model { r: Reader }\n",
      'tools/t/src/read.ts':
        "import type { Model } from './model.js';\nexport type Reader = (m: Model) => void;\n",
    });
    expect(loops).toEqual([
      'file cycle: tools/t/src/model.ts -> tools/t/src/read.ts -> tools/t/src/model.ts',
    ]);
  });

  it('finds a folder left and entered again, though no file imports itself back', () => {
    const loops = loopsIn({
      // root → sub is allowed, sub → root helpers too; a root helper that sub uses importing sub is not
      'packages/a/src/index.ts': "export { run } from './sub/run.js';\n",
      'packages/a/src/sub/run.ts': "import { helper } from '../helper.js';\nexport const run = helper;\n",
      'packages/a/src/helper.ts':
        "import { limit } from './sub/limits.js';\nexport const helper = () => limit;\n",
      'packages/a/src/sub/limits.ts': 'export const limit = 3;\n',
    });
    // no file imports itself back: the folder loop alone
    expect(loops).toEqual([
      'folder cycle: packages/a/src/sub/ is left and entered again: packages/a/src/sub/run.ts -> packages/a/src/helper.ts -> packages/a/src/sub/limits.ts',
    ]);
  });

  it('finds two sibling folders importing each other', () => {
    const loops = loopsIn({
      'packages/a/src/x/one.ts': "import type { T } from '../y/two.js';\nexport type U = T;\n",
      'packages/a/src/y/two.ts': "export type T = string;\nexport type V = import('../x/three.js').W;\n",
      'packages/a/src/x/three.ts': 'export type W = number;\n',
    });
    // y/ is left for x/three.ts only, which imports nothing back: x/ alone is reported
    expect(loops).toEqual([
      'folder cycle: packages/a/src/x/ is left and entered again: packages/a/src/x/one.ts -> packages/a/src/y/two.ts -> packages/a/src/x/three.ts',
    ]);
  });
});
