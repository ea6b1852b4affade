import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APIS, TARGETS, type ApiName } from '../generate.js';
import type { ApiModel } from '../model.js';
import { SpecError } from '../specError.js';
import { changeLog, changesetFor } from './changeLog.js';
import { compareModels } from './compareModels.js';
import { GitRefError, specsAtRef } from './specsAtRef.js';

export const DIFF_USAGE = `Usage: xsd2ts diff <ref> [<to-ref>] [arin|helpdesk] [--changeset] [--root DIR]

  diff <ref>        the API-level changes of the specs from git <ref> to the working tree (or <to-ref>):
                    operations, payload fields, enumerations, error codes and field catalogues
  --changeset       also write .changeset/spec-<api>-<ref>.md: the change log and the bump it needs`;

interface Log {
  log(message: string): void;
  error(message: string): void;
}

/** `xsd2ts diff`: prints one change log per API; exit 0, 1 on an unreadable spec or ref, 2 on usage. */
export function runDiff(argv: readonly string[], defaultRoot: string, log: Log): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { changeset: { type: 'boolean', default: false }, root: { type: 'string' } },
    });
  } catch (error) {
    log.error(`${(error as Error).message}\n\n${DIFF_USAGE}`);
    return 2;
  }
  const apis = parsed.positionals.filter((p): p is ApiName => APIS.includes(p as ApiName));
  const refs = parsed.positionals.filter((p) => !APIS.includes(p as ApiName));
  if (refs.length < 1 || refs.length > 2 || apis.length > 1) {
    log.error(DIFF_USAGE);
    return 2;
  }
  const [from, to] = refs as [string, string | undefined];
  const root = resolve(parsed.values.root ?? defaultRoot);
  const temp: string[] = [];
  try {
    const fromRoot = specsAtRef(root, from);
    temp.push(fromRoot);
    const toRoot = to ? specsAtRef(root, to) : root;
    if (to) temp.push(toRoot);
    for (const api of apis.length ? apis : APIS) {
      const read = (dir: string, label: string): ApiModel => {
        try {
          return TARGETS[api].read(dir);
        } catch (error) {
          if (error instanceof SpecError) throw new SpecError(label, undefined, api, error.message);
          const { code, path } = error as NodeJS.ErrnoException;
          if (code === 'ENOENT' && path)
            throw new SpecError(label, undefined, api, `${relative(dir, path)} does not exist there`);
          throw error;
        }
      };
      const changes = compareModels(read(fromRoot, from), read(toRoot, to ?? 'the working tree'));
      log.log(changeLog(api, changes));
      if (!parsed.values.changeset || changes.length === 0) continue;
      const pkgDir = dirname(dirname(join(root, TARGETS[api].outDir)));
      const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
        version: string;
      };
      const file = join('.changeset', `spec-${api}-${from.replace(/[^a-z0-9]+/gi, '-')}.md`);
      writeFileSync(join(root, file), changesetFor(api, version, changes));
      log.log(`xsd2ts: wrote ${file}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof GitRefError || error instanceof SpecError) {
      log.error(`xsd2ts diff: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  }
}
