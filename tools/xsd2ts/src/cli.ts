import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DIFF_USAGE, runDiff } from './diff/diffCommand.js';
import { APIS, generate, readIfExists, staleFiles, type ApiName } from './generate.js';
import { SpecError } from './specError.js';

const USAGE = `Usage: xsd2ts generate [arin|helpdesk] [--check] [--root DIR]

  generate          write src/generated/*.gen.ts of every API (or of the one named)
  --check           write nothing; exit 1 and list the files that differ from the specs
  --root DIR        repository root (default: the one holding this tool)

${DIFF_USAGE}`;

/** Where two texts first differ: the line, and both versions around the first differing column. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] === right[i]) continue;
    const l = left[i];
    const r = right[i];
    let col = 0;
    while (l !== undefined && r !== undefined && col < l.length && l[col] === r[col]) col++;
    const from = Math.max(0, col - 40);
    const show = (s: string | undefined) =>
      s === undefined
        ? '<end of file>'
        : `${from > 0 ? '…' : ''}${s.slice(from, from + 120)}${s.length > from + 120 ? '…' : ''}`;
    return `line ${i + 1}, column ${col + 1}:\n      on disk:   ${show(l)}\n      generated: ${show(r)}`;
  }
  return 'identical';
}

export async function main(argv: readonly string[], log = console): Promise<number> {
  const defaultRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
  if (argv[0] === 'diff') return runDiff(argv.slice(1), defaultRoot, log);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        check: { type: 'boolean', default: false },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    log.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, only, ...rest] = parsed.positionals;
  if (parsed.values.help) {
    log.log(USAGE);
    return 0;
  }
  if (command !== 'generate' || rest.length || (only && !APIS.includes(only as ApiName))) {
    log.error(USAGE);
    return 2;
  }
  const root = resolve(parsed.values.root ?? join(dirname(fileURLToPath(import.meta.url)), '../../..'));
  const apis = only ? [only as ApiName] : [...APIS];
  let differences = 0;
  for (const api of apis) {
    let files: Map<string, string>;
    try {
      files = await generate(api, root);
    } catch (error) {
      if (error instanceof SpecError) {
        log.error(`xsd2ts: cannot generate ${api}: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const stale = staleFiles(api, root, files);
    if (parsed.values.check) {
      for (const [path, content] of files) {
        const existing = readIfExists(join(root, path));
        if (existing === content) continue;
        differences++;
        log.error(
          existing === undefined
            ? `  missing   ${path}`
            : `  differs   ${path} (${firstDifference(existing, content)})`,
        );
      }
      for (const path of stale) {
        differences++;
        log.error(`  stale     ${path} (no longer generated)`);
      }
      continue;
    }
    for (const [path, content] of files) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      if (readIfExists(join(root, path)) !== content) writeFileSync(join(root, path), content);
    }
    for (const path of stale) rmSync(join(root, path));
    log.log(`xsd2ts: ${api}: ${files.size} files in ${dirname([...files.keys()][0] ?? '')}`);
  }
  if (parsed.values.check) {
    if (differences) {
      log.error(
        `xsd2ts: ${differences} generated file(s) differ from the specs. Run \`npm run generate\` and commit the result.`,
      );
      return 1;
    }
    log.log(`xsd2ts: generated code matches the specs (${apis.join(', ')})`);
  }
  return 0;
}
