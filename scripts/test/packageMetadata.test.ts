// Every public package says where it comes from (repository, homepage, bugs, keywords), and the
// versions inlined into the runtime packages match their package.json.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listWorkspaces, repoRoot } from '../lib/workspaces.mjs';

const publicPackages = listWorkspaces().filter((w) => !w.private);

describe('package metadata', () => {
  it('there are public packages to check', () => {
    expect(publicPackages.map((w) => w.name).sort()).toEqual([
      '@regkit/arin-client',
      '@regkit/cli',
      '@regkit/core',
      '@regkit/helpdesk-client',
      '@regkit/mock-server',
    ]);
  });

  it.each(publicPackages.map((w) => [w.name, w] as const))(
    '%s has repository (with its directory), homepage, bugs and keywords',
    (_name, ws) => {
      const dir = relative(repoRoot, ws.dir);
      const { repository, homepage, bugs, keywords } = ws.pkg;
      expect(repository).toEqual({
        type: 'git',
        url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/),
        directory: dir,
      });
      const repoUrl = repository.url.slice('git+'.length, -'.git'.length);
      expect(homepage).toBe(`${repoUrl}/tree/main/${dir}#readme`);
      expect(bugs).toEqual({ url: `${repoUrl}/issues` });
      expect(keywords.length).toBeGreaterThanOrEqual(3);
      for (const k of keywords) expect(k).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    },
  );

  it.each(publicPackages.map((w) => [w.name, w] as const))(
    '%s ships the Apache-2.0 LICENSE of the repository in its tarball (npm pack --dry-run)',
    (_name, ws) => {
      const license = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
      expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
      expect(license).toContain('END OF TERMS AND CONDITIONS');
      expect(ws.pkg.license).toBe('Apache-2.0');
      const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: ws.dir,
        encoding: 'utf8',
      });
      expect(res.status).toBe(0);
      const [packed] = JSON.parse(res.stdout) as { files: { path: string }[] }[];
      expect(packed?.files.map((f) => f.path)).toContain('LICENSE');
      expect(readFileSync(join(ws.dir, 'LICENSE'), 'utf8')).toBe(license);
    },
  );

  it('every inlined version (src/version.gen.ts) matches its package.json', () => {
    const res = spawnSync(process.execPath, ['scripts/versions.mjs', '--check'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });
});
