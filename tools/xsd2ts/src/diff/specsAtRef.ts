import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A git ref that names no commit, or a repository git cannot read. */
export class GitRefError extends Error {
  override name = 'GitRefError';
}

const git = (root: string, args: string[]) =>
  execFileSync('git', args, { cwd: root, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * Writes `schemas/` as it is at `ref` into a new temporary folder laid out like the repository,
 * so the spec readers can read it with that folder as their root. Returns the folder.
 */
export function specsAtRef(root: string, ref: string): string {
  let commit: string;
  try {
    commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
      .toString()
      .trim();
  } catch {
    throw new GitRefError(`'${ref}' is not a commit of the repository at ${root}`);
  }
  const out = mkdtempSync(join(tmpdir(), 'xsd2ts-diff-'));
  const hasSpecs = git(root, ['ls-tree', '--name-only', commit, 'schemas']).length > 0;
  // One archive of the folder rather than a process per file: the examples alone are hundreds.
  if (hasSpecs) execFileSync('tar', ['-x', '-C', out], { input: git(root, ['archive', commit, 'schemas']) });
  return out;
}
