import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
let root: string;

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
    cwd: root,
    stdio: 'pipe',
  });

function edit(path: string, change: (text: string) => string) {
  const file = join(root, path);
  const before = readFileSync(file, 'utf8');
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(file, after);
}

async function diff(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['diff', ...args, '--root', root], {
    log: (s: string) => out.push(s),
    error: (s: string) => err.push(s),
  } as unknown as Console);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'xsd2ts-diff-test-'));
  for (const dir of ['schemas/arin', 'schemas/helpdesk'])
    cpSync(join(repoRoot, dir), join(root, dir), { recursive: true });
  for (const pkg of ['arin-client', 'helpdesk-client']) {
    mkdirSync(join(root, 'packages', pkg), { recursive: true });
    cpSync(join(repoRoot, 'packages', pkg, 'package.json'), join(root, 'packages', pkg, 'package.json'));
  }
  mkdirSync(join(root, '.changeset'));
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'specs');

  // ARIN: a POC field removed, an optional one added, an error code added.
  edit('schemas/arin/reg-rws-core.xsd', (xsd) => {
    const poc = xsd.indexOf('<xs:complexType name="Poc">');
    const city = xsd.indexOf('<xs:element name="city"', poc);
    const end = xsd.indexOf('</xs:element>', city) + '</xs:element>'.length;
    return (
      xsd.slice(0, city) +
      '<xs:element name="nickname" type="xs:string" minOccurs="0"/>' +
      xsd.slice(end)
    ).replace(
      '<ts:value name="E_NOT_IMPLEMENTED">',
      '<ts:value name="E_PAYMENT_REQUIRED"/><ts:value name="E_NOT_IMPLEMENTED">',
    );
  });
  // Helpdesk: an operation removed, an enumeration narrowed, a catalogue field retyped.
  edit('schemas/helpdesk/trackit-webapi.openapi.yaml', (text) => {
    const doc = parse(text) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
    };
    delete doc.paths['/tickets/{id}/Delete'];
    const grant = Object.values(doc.components.schemas).find((s) => s.properties?.grant_type)!;
    grant.properties.grant_type!.enum = ['password'];
    return stringify(doc, { lineWidth: 0 });
  });
  edit('schemas/helpdesk/fields/assignment.yaml', (text) =>
    text.replace('prop: lastUser\n    type: string', 'prop: lastUser\n    type: integer'),
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('xsd2ts diff', () => {
  it('lists the API-level changes of each spec since a git ref, breaking ones marked', async () => {
    const { code, out } = await diff('HEAD');
    expect(code).toBe(0);
    expect(out).toContain('Spec changes (arin): 3 API-level changes, 1 breaking.');
    expect(out).toContain('- **breaking** removed `Poc.city`: <city>');
    expect(out).toContain('- added `Poc.nickname`: <nickname>: string, optional');
    expect(out).toContain(
      'Error codes and error responses:\n\n- added `ErrorPayload.code`: values E_PAYMENT_REQUIRED',
    );
    expect(out).toContain('Spec changes (helpdesk):');
    expect(out).toContain('- **breaking** removed `deleteTicket (H11)`: POST /tickets/{id}/Delete');
    expect(out).toMatch(/- \*\*breaking\*\* removed `\w+\.grant_type`: values refresh_token/);
    expect(out).toContain(
      '- **breaking** changed `Assignment #3`: lastUser: string, read-only → lastUser: integer, read-only',
    );
  });

  it('compares two refs and limits itself to one API', async () => {
    git('commit', '-qam', 'edits');
    const { code, out } = await diff('HEAD~1', 'HEAD', 'arin');
    expect(code).toBe(0);
    expect(out).toContain('Spec changes (arin): 3 API-level changes, 1 breaking.');
    expect(out).not.toContain('helpdesk');
    expect((await diff('HEAD', 'arin')).out).toBe('No API-level change to the arin spec.\n');
  });

  it('writes a changeset with the change log and the bump the change needs', async () => {
    const { code, out } = await diff('HEAD~1', 'HEAD', 'arin', '--changeset');
    expect(code).toBe(0);
    expect(out).toContain('xsd2ts: wrote .changeset/spec-arin-HEAD-1.md');
    const changeset = readFileSync(join(root, '.changeset/spec-arin-HEAD-1.md'), 'utf8');
    // 0.x: a breaking change is a minor bump (changesets convention)
    expect(changeset.startsWith("---\n'@regkit/arin-client': minor\n---\n\nSpec changes (arin)")).toBe(true);
  });

  it('refuses an unknown ref and a ref without the spec, and bad usage', async () => {
    const unknown = await diff('no-such-ref');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(`'no-such-ref' is not a commit`);
    git('rm', '-rq', 'schemas/helpdesk');
    git('commit', '-qm', 'no helpdesk');
    const missing = await diff('HEAD', 'helpdesk');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(
      'HEAD: helpdesk: schemas/helpdesk/trackit-webapi.openapi.yaml does not exist there',
    );
    expect((await diff()).code).toBe(2);
  });
});
