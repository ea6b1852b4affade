import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));

describe('Redocly lint: recommended ruleset plus our own rules', () => {
  it('passes on the hand-written specs and the bundled ARIN contract, with no warning', () => {
    const res = spawnSync('npx', ['--no-install', 'redocly', 'lint', '--config', 'redocly.yaml'], {
      cwd: here,
      encoding: 'utf8',
    });
    const out = res.stdout + res.stderr;
    expect(out).toContain("using lint rules for api 'arin-bundled'");
    expect(out).toMatch(/Your API descriptions are valid/);
    expect(out).not.toMatch(/You have \d+ warning|error \(/i);
    expect(res.status).toBe(0);
  });
});
