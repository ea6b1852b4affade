import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArinApiError } from '@regkit/arin-client';
import { arinDocs } from '@regkit/arin-client/docs';
import { formatRecord, formatTable } from '../src/output.js';
import { printError } from '../src/printError.js';

const columnsOf = (line: string, cells: readonly string[]) => cells.map((c) => line.indexOf(c));

describe('human output', () => {
  it('lays tables out by display width: CJK counts double, a decomposed accent counts once', () => {
    const out = formatTable(
      ['name', 'city', 'code'],
      [
        ['東京大学', 'Tōkyō', 'A'],
        ['Cafe\u0301 Ole\u0301', 'Montre\u0301al', 'B'],
        ['Plain', 'Chantilly', 'C'],
      ],
    );
    const lines = out.trimEnd().split('\n');
    expect(lines).toEqual([
      'name      city       code',
      '--------  ---------  ----',
      '東京大学  Tōkyō      A',
      'Cafe\u0301 Ole\u0301  Montre\u0301al   B',
      'Plain     Chantilly  C',
    ]);
  });

  it('folds line breaks so that every row stays on one line', () => {
    const out = formatTable(
      ['line', 'detail'],
      [
        [2, 'E_ENTITY_VALIDATION (400): failed\n  startAddress: overlaps\r\n  netName: bad'],
        [3, 'ok'],
      ],
    );
    expect(out.split('\n')).toEqual([
      'line  detail',
      '----  -------------------------------------------------------------------------',
      '2     E_ENTITY_VALIDATION (400): failed / startAddress: overlaps / netName: bad',
      '3     ok',
      '',
    ]);
    expect(columnsOf(out.split('\n')[2]!, ['E_ENTITY'])).toEqual([6]);
  });

  it('records: one line per field, no raw field map, custom fields by display name', () => {
    const out = formatRecord({
      ticket: {
        id: 7,
        summary: 'two\nlines',
        raw: { '1': 7 },
        unknownFields: { '501': { sequence: 501, displayName: 'Circuit ID', value: 'CKT-1' } },
      },
    });
    expect(out).toBe(
      'ticket.id                      7\n' +
        'ticket.summary                 two / lines\n' +
        'ticket.Circuit ID (field 501)  CKT-1\n',
    );
  });
});

describe('printError', () => {
  it('removes terminal control sequences from the text of an error', () => {
    let stderr = '';
    let stdout = '';
    const io = {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
    };
    printError(io, new Error('bad \u001b[31mred\u001b[0m \u001b]0;title\u0007 bell\u0007 done'), true);
    expect(stderr).toBe('regkit: bad red  bell  done\n');
    expect(JSON.parse(stdout)).toEqual({ error: { message: 'bad red  bell  done' } });
  });

  it("prints ARIN's error code and components, each on its line", () => {
    let stderr = '';
    const error = new ArinApiError(
      {
        code: 'E_ENTITY_VALIDATION',
        message: 'Payload entity failed to validate',
        components: [{ name: 'city', message: 'is \u001b[2Jrequired' }],
        additionalInfo: [],
      },
      { status: 400, operationId: 'getPoc' } as never,
    );
    printError(
      { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env: {} },
      error,
      false,
    );
    expect(stderr).toBe(
      'regkit: E_ENTITY_VALIDATION (400): Payload entity failed to validate\n  city: is required\n',
    );
  });
});

describe('lazy loading', () => {
  it('no module of the CLI imports the mock server, except the one that starts it, and only when it runs', () => {
    const dir = new URL('../src/', import.meta.url);
    const offenders: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const runtime = text
        .split('\n')
        .filter((l) => l.includes("'@regkit/mock-server'") && !/^import type /.test(l));
      if (runtime.length === 0) continue;
      if (file !== 'mockSetup.ts' || runtime.some((l) => !l.includes("import('@regkit/mock-server')")))
        offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});

describe('command names', () => {
  it("follow the rule, take the spec's x-cli names, and never collide when a spec grows", async () => {
    const { cliNames, commandPath, flagOf } = await import('../src/naming.js');
    expect(commandPath('arin', 'getPoc', 'POC')).toEqual(['poc', 'get']);
    expect(commandPath('arin', 'addPocPhone', 'POC')).toEqual(['poc', 'add-phone']);
    expect(commandPath('arin', 'reassignNet', 'NET')).toEqual(['net', 'reassign']);
    // without its x-cli, an operation takes the rule's name; with it, the spec's (in the docs module)
    expect(commandPath('arin', 'listTickets', 'TICKET')).toEqual(['ticket', 'list']);
    const listTickets = cliNames(arinDocs.operations.listTickets?.extensions);
    expect(commandPath('arin', 'listTickets', 'TICKET', listTickets)).toEqual(['ticket', 'list-full']);
    expect(flagOf('pocFunction', 'org')).toBe('poc-function');
    expect(flagOf('pocFunction', 'org', cliNames(arinDocs.operations.addOrgPoc?.extensions))).toBe(
      'function',
    );
    expect(commandPath('arin', 'getAsn', 'ASN')).toEqual(['asn', 'get']);
    expect(commandPath('helpdesk', 'getNote', 'Notes')).toEqual(['note', 'get']);
    const { distinctPaths } = await import('../src/deriveManifest.js');
    const base = { api: 'arin', id: 'A1', summary: '', args: [], options: [], retry: 'safe' } as const;
    const out = distinctPaths([
      { ...base, operationId: 'listTicketSummaries', path: ['ticket', 'list'] },
      { ...base, operationId: 'listTicketThings', path: ['ticket', 'list'] },
    ]);
    expect(out.map((c) => c.path.join(' '))).toEqual(['ticket list', 'ticket list-ticket-things']);
  });
});

describe('counts and block order', () => {
  it('plural: 1 customer, 2 customers, 0 customers', async () => {
    const { plural } = await import('../src/plural.js');
    expect([plural(1, 'customer'), plural(2, 'customer'), plural(0, 'customer')]).toEqual([
      '1 customer',
      '2 customers',
      '0 customers',
    ]);
  });

  it('blocks sort by address as numbers, IPv4 first, zero-padded or not', async () => {
    const { compareBlocks } = await import('@regkit/arin-client/address');
    const blocks = [
      '2001:db8::/48',
      '10.0.16.0/28',
      '010.000.008.000/28',
      '9.0.0.0/8',
      '10.0.8.0/24',
      'junk',
    ];
    expect(blocks.sort(compareBlocks)).toEqual([
      '9.0.0.0/8',
      '10.0.8.0/24',
      '010.000.008.000/28',
      '10.0.16.0/28',
      '2001:db8::/48',
      'junk',
    ]);
  });
});

describe('help text', () => {
  it('no option is marked twice: no "(repeatable) (repeatable)", no "(required with a CSV) (required)"', async () => {
    const { buildProgram } = await import('../src/program.js');
    const { loadManifest } = await import('../src/manifest.js');
    const sink = { write: () => true };
    const root = buildProgram(await loadManifest(), { stdout: sink, stderr: sink, env: {} }, async () => {});
    type Cmd = typeof root;
    const all = (c: Cmd): Cmd[] => [c, ...c.commands.flatMap(all)];
    const helps = all(root).map((c) => c.helpInformation().replace(/\s+/g, ' '));
    expect(helps.length).toBeGreaterThan(80);
    const doubled = helps.filter((h) =>
      /\((repeatable|required)\) \(\1\)|\(required [^)]*\) \(required\)/.test(h),
    );
    expect(doubled).toEqual([]);
  });
});
