#!/usr/bin/env node
// Compiles every ```ts block of the package READMEs, so the documented examples cannot rot.
// Each block becomes a module in a temporary folder inside the workspace (so `@regkit/*` resolve
// through the workspace's own path mapping) and `tsc --noEmit` checks them all at once.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listWorkspaces, repoRoot } from './lib/workspaces.mjs';

const out = join(repoRoot, '.reports/readme-examples');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const files = [];
for (const ws of [{ dir: repoRoot, name: 'regkit' }, ...listWorkspaces()]) {
  let text;
  try {
    text = readFileSync(join(ws.dir, 'README.md'), 'utf8');
  } catch {
    continue;
  }
  const blocks = [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)];
  blocks.forEach((m, i) => {
    const line = text.slice(0, m.index).split('\n').length + 1;
    const name = `${ws.name.replace(/[@/]/g, '_')}_${i}.ts`;
    writeFileSync(
      join(out, name),
      `// ${relative(repoRoot, join(ws.dir, 'README.md'))}:${line}\n${m[1]}\nexport {};\n`,
    );
    files.push(name);
  });
}
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify(
    {
      extends: '../../tsconfig.base.json',
      compilerOptions: { noEmit: true, noUnusedLocals: false },
      include: ['*.ts'],
    },
    null,
    2,
  ),
);
console.log(`Type-checking ${files.length} README code blocks`);
const res = spawnSync(join(repoRoot, 'node_modules/.bin/tsc'), ['-p', join(out, 'tsconfig.json')], {
  stdio: 'inherit',
});
process.exit(res.status ?? 1);
