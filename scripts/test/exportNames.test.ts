// A program that uses both clients imports every name either exports into one module, with no alias:
// the two packages export no name twice, except what both re-export from @regkit/core/errors, which is
// the same declaration.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../lib/workspaces.mjs';

const source = (path: string) => join(repoRoot, 'packages', path);
/** Every entry point of the two clients that holds names of records, payloads and operations. */
const ENTRIES = {
  '@regkit/arin-client': source('arin-client/src/index.ts'),
  '@regkit/arin-client/payloads': source('arin-client/src/payloads.ts'),
  '@regkit/arin-client/rpki': source('arin-client/src/rpki.ts'),
  '@regkit/arin-client/address': source('arin-client/src/address/index.ts'),
  '@regkit/helpdesk-client': source('helpdesk-client/src/index.ts'),
  '@regkit/helpdesk-client/payloads': source('helpdesk-client/src/payloads.ts'),
};
type Entry = keyof typeof ENTRIES;
const clientOf = (entry: Entry) => (entry.startsWith('@regkit/arin-client') ? 'arin' : 'helpdesk');

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ['node'],
  // the sources, not a build: the check needs no `npm run build` first
  paths: {
    ...Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, [file]])),
    '@regkit/core': [source('core/src/index.ts')],
    '@regkit/core/errors': [source('core/src/errors.ts')],
  },
};

/** Each exported name of an entry point with the declaration it stands for. */
function exportsOf(program: ts.Program, file: string): Map<string, ts.Declaration | undefined> {
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file) as ts.SourceFile);
  const names = new Map<string, ts.Declaration | undefined>();
  for (const symbol of checker.getExportsOfModule(module as ts.Symbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    names.set(symbol.name, target.declarations?.[0]);
  }
  return names;
}

const dir = mkdtempSync(join(tmpdir(), 'regkit-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('names exported by both clients', () => {
  const program = ts.createProgram(Object.values(ENTRIES), options);
  /** name → the first entry point exporting it, and its declaration */
  const seen = new Map<string, { entry: Entry; declaration: ts.Declaration | undefined }>();
  const shared: string[] = [];
  const clashes: string[] = [];
  for (const [entry, file] of Object.entries(ENTRIES) as [Entry, string][]) {
    for (const [name, declaration] of exportsOf(program, file)) {
      const first = seen.get(name);
      if (!first) seen.set(name, { entry, declaration });
      else if (first.declaration !== declaration) clashes.push(`${name} (${first.entry} and ${entry})`);
      else if (clientOf(first.entry) !== clientOf(entry)) shared.push(name);
    }
  }

  it('give a name to one declaration only; the names both share are those of @regkit/core/errors', () => {
    expect(clashes).toEqual([]);
    expect(shared.sort()).toEqual([
      'AbortedError',
      'DecodeError',
      'EncodeError',
      'ErrorKind',
      'HttpStatusError',
      'NetworkError',
      'RedirectError',
      'RegkitError',
      'RequestDetails',
      'ResponseTooLargeError',
      'RetryAfterError',
      'TimeoutError',
      'UnknownOutcomeError',
      'ValidationError',
      'ValidationIssue',
      'isRegkitError',
      'issuePath',
    ]);
    // the records that once clashed
    expect(seen.get('Ticket')?.entry).toBe('@regkit/arin-client');
    expect(seen.get('Attachment')?.entry).toBe('@regkit/arin-client');
    expect(seen.get('HelpdeskTicket')?.entry).toBe('@regkit/helpdesk-client');
    expect(seen.get('HelpdeskAttachment')?.entry).toBe('@regkit/helpdesk-client');
  });

  it('all of them import into one module without an alias, and it type-checks', () => {
    const byEntry = new Map<Entry, string[]>();
    for (const [name, { entry }] of seen) byEntry.set(entry, [...(byEntry.get(entry) ?? []), name]);
    const consumer = join(dir, 'consumer.ts');
    const lines = [...byEntry].map(
      ([entry, names]) => `import type { ${names.sort().join(', ')} } from '${entry}';`,
    );
    // a second import of a name is TS2300 (duplicate identifier), an unknown one TS2305
    lines.push('export {};');
    writeFileSync(consumer, `${lines.join('\n')}\n`);
    expect(seen.size).toBeGreaterThan(250);
    const check = ts.createProgram([consumer], options);
    const diagnostics = ts
      .getPreEmitDiagnostics(check)
      .filter((d) => d.file?.fileName === consumer)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});
