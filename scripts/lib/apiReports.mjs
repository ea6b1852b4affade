// Where each public package's API reports live and how they are produced with API Extractor.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { listWorkspaces, repoRoot } from './workspaces.mjs';

/** `api-extractor.json` (the main entry) and `api-extractor.<subpath>.json` (one per subpath export). */
export function reportConfigs(packageDir) {
  return readdirSync(packageDir)
    .filter((f) => f === 'api-extractor.json' || (f.startsWith('api-extractor.') && f.endsWith('.json')))
    .sort()
    .map((f) => {
      const prepared = ExtractorConfig.loadFileAndPrepare(join(packageDir, f));
      return {
        configFile: join(packageDir, f),
        prepared,
        /** The committed report: `etc/<name>.api.md`. */
        reportPath: prepared.reportFilePath,
        /** Where a check run writes the report it computed. */
        tempPath: prepared.reportTempFilePath,
        /** The report as of the last `changeset version`: `etc/released/<name>.api.md`. */
        releasedPath: join(packageDir, 'etc', 'released', basename(prepared.reportFilePath)),
      };
    });
}

/** Public workspace packages with an API Extractor config, optionally only those named or in `dirs`. */
export function reportedPackages(only = [], root = repoRoot) {
  return listWorkspaces(root)
    .filter((ws) => !ws.private && existsSync(join(ws.dir, 'api-extractor.json')))
    .filter((ws) => only.length === 0 || only.some((o) => o === ws.name || join(root, o) === ws.dir));
}

/**
 * Runs API Extractor on one config. `update` writes the committed report; otherwise the computed
 * report goes to the temp folder only. Returns the computed report text.
 */
export function runExtractor(config, { update }) {
  const messages = [];
  if (update) mkdirSync(dirname(config.reportPath), { recursive: true });
  const result = Extractor.invoke(config.prepared, {
    localBuild: update,
    typescriptCompilerFolder: join(repoRoot, 'node_modules/typescript'),
    messageCallback(message) {
      message.handled = true;
      if (message.logLevel === 'error' || message.logLevel === 'warning')
        messages.push(message.formatMessageWithLocation(repoRoot));
    },
  });
  if (result.errorCount > 0)
    throw new Error(`API Extractor failed for ${config.configFile}:\n  ${messages.join('\n  ')}`);
  return readFileSync(update ? config.reportPath : config.tempPath, 'utf8');
}

/** A unified diff of two files (git's, which every checkout has), colored when asked. */
export function fileDiff(before, after, color = false) {
  const res = spawnSync(
    'git',
    ['diff', '--no-index', `--color=${color ? 'always' : 'never'}`, '--', before, after],
    { encoding: 'utf8' },
  );
  return res.stdout;
}
