import { readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arinOperations } from '@regkit/arin-client';
import { arinDocs } from '@regkit/arin-client/docs';
import { helpdeskOperations } from '@regkit/helpdesk-client/payloads';
import { helpdeskDocs } from '@regkit/helpdesk-client/docs';
import type { MockServers } from '@regkit/mock-server';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '../src/manifest.js';
import { cliNames, commandPath } from '../src/naming.js';
import { runCli } from '../src/main.js';
import { eachTestAgainstMocks, type MockedCli } from './harness.js';

let servers: MockServers;
let regkit: MockedCli['regkit'];
let dir: string;
eachTestAgainstMocks('regkit-cli-', (t) => ({ servers, regkit, dir } = t));

describe('one command per operation', () => {
  it('regkit --help lists a command for every operationId of both specs', async () => {
    const r = await regkit(['--help']);
    expect(r.code).toBe(0);
    // the catalogue id, the tag and the x-cli names are in the docs modules
    const ops = [
      ...Object.values(arinOperations).map(
        (op) => ['arin', op, arinDocs.operations[op.operationId]] as const,
      ),
      ...Object.values(helpdeskOperations).map(
        (op) => ['helpdesk', op, helpdeskDocs.operations[op.operationId]] as const,
      ),
    ];
    expect((await loadManifest()).operations.length).toBe(ops.length);
    for (const [api, op, doc] of ops) {
      const command = (await loadManifest()).operations.find(
        (c) => c.api === api && c.operationId === op.operationId,
      );
      const words = [
        api,
        ...(command?.path ?? commandPath(api, op.operationId, doc?.tag ?? '', cliNames(doc?.extensions))),
      ].join(' ');
      expect(r.stdout).toMatch(new RegExp(`^  ${words}\\b.*\\(${doc?.id} ${op.operationId}\\)$`, 'm'));
    }
  });

  it('poc create takes the payload fields as flags, on top of a file, and returns the new POC', async () => {
    const phones = join(dir, 'phones.json');
    writeFileSync(phones, JSON.stringify({ phones: [{ type: { code: 'O' }, number: '+1-703-555-0199' }] }));
    const r = await regkit([
      'arin',
      'poc',
      'create',
      '--file',
      phones,
      '--contact-type',
      'PERSON',
      '--first-name',
      'Ada',
      '--last-name',
      'Lovelace',
      '--company-name',
      'Example',
      '--street-address',
      '1 Main St',
      '--street-address',
      'Suite 2',
      '--city',
      'Chantilly',
      '--state-province',
      'VA',
      '--postal-code',
      '20151',
      '--country',
      'us',
      '--emails',
      'ada@example.net',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const poc = JSON.parse(r.stdout) as { handle: string };
    const stored = servers.arin.state().pocs.get(poc.handle);
    expect(stored).toMatchObject({
      lastName: 'Lovelace',
      streetAddress: ['1 Main St', 'Suite 2'],
      emails: ['ada@example.net'],
      country: { code2: 'US' },
      phones: [expect.objectContaining({ number: '+1-703-555-0199' })],
    });
  });

  it('org update reads the payload from a file (XML or JSON) or standard input', async () => {
    const org = JSON.parse((await regkit(['arin', 'org', 'get', 'EXAMPLE-1', '--json'])).stdout) as Record<
      string,
      unknown
    >;
    const file = join(dir, 'org.json');
    writeFileSync(file, JSON.stringify({ ...org, city: 'Herndon' }));
    const viaFile = await regkit(['arin', 'org', 'update', 'EXAMPLE-1', '--file', file]);
    expect(viaFile.stderr).toBe('');
    expect(viaFile.stdout).toMatch(/^city\s+Herndon$/m);
    expect(servers.arin.state().orgs.get('EXAMPLE-1')?.city).toBe('Herndon');

    const { arinCodec } = await import('@regkit/arin-client/payloads');
    const xml = arinCodec().encode('org', { ...org, city: 'Reston' });
    const viaStdin = await regkit(['arin', 'org', 'update', 'EXAMPLE-1', '--file', '-'], {}, xml);
    expect(viaStdin.code).toBe(0);
    expect(servers.arin.state().orgs.get('EXAMPLE-1')?.city).toBe('Reston');
  });

  it('a payload that cannot be read is a usage error and nothing is sent', async () => {
    const before = servers.arin.journal.length;
    expect(await regkit(['arin', 'org', 'update', 'EXAMPLE-1'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('give the org payload with --file FILE (- reads standard input)'),
    });
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<org><unclosed></org>');
    expect(await regkit(['arin', 'org', 'update', 'EXAMPLE-1', '--file', bad])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${bad} is not a org payload`),
    });
    expect(
      await regkit(['arin', 'org', 'update', 'EXAMPLE-1', '--file', join(dir, 'nope.xml')]),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no such file'),
    });
    expect(servers.arin.journal.length).toBe(before);
  });

  it('ticket get-summary, list-full and net delegations are generated commands', async () => {
    const s = await regkit(['arin', 'ticket', 'get-summary', '20261102-X2']);
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^ticketNo\s+20261102-X2$/m);
    const full = await regkit(['arin', 'ticket', 'list-full', '--status', 'RESOLVED']);
    expect(full.stdout).toMatch(/^ticketNo\s+webTicketType\s+webTicketStatus\s+createdDate$/m);
    expect(full.stdout).toContain('20261102-X2');
    const d = await regkit(['arin', 'net', 'delegations', 'NET-10-0-0-0-1']);
    expect(d.stdout).toMatch(/^name\s+nameservers\s+delegationKeys$/m);
  });

  it('helpdesk attachments and assignments print tables; --json streams one record per line', async () => {
    const a = await regkit(['helpdesk', 'ticket', 'assignments', '1001']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^id\s+summary\s+status\s+technician\s+category\s+opened$/m);
    const notes = await regkit(['helpdesk', 'ticket', 'notes', '1001', '--json', '--page-size', '1']);
    const lines = notes.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('id');
    const att = await regkit(['helpdesk', 'ticket', 'attachments', '1001']);
    expect(att.code).toBe(0);
  });

  it('helpdesk status, close, add-note and templates print a few lines, never the field map', async () => {
    const status = await regkit(['helpdesk', 'ticket', 'status', '1001', 'In Progress']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Ticket 1001 is now In Progress\.\nticket\s+1001\nsummary\s+Core router/);
    expect(status.stdout.split('\n').length).toBeLessThan(8);
    const note = await regkit([
      'helpdesk',
      'ticket',
      'add-note',
      '1001',
      '--note',
      'hi',
      '--activity-code',
      'Research',
    ]);
    expect(note.stdout).toMatch(/^note\s+\d+ \(Technician Note\)$/m);
    const close = await regkit(['helpdesk', 'ticket', 'close', '1001']);
    expect(close.stdout).toMatch(/^status\s+Closed$/m);
    const templates = await regkit(['helpdesk', 'templates']);
    expect(templates.stdout).toMatch(/^id\s+name\s+description$/m);
    for (const out of [status, note, close, templates]) {
      expect(out.stdout).not.toContain('raw');
      expect(out.stdout).not.toMatch(/"\d+":/);
    }
  });

  it('helpdesk token request checks the credentials and never prints the token', async () => {
    const r = await regkit(['helpdesk', 'token', 'request']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Token issued \(\w+\), valid for \d+ s\.$/m);
    const json = JSON.parse((await regkit(['helpdesk', 'token', 'request', '--json'])).stdout) as object;
    expect(Object.keys(json).sort()).toEqual(['expires_in', 'token_type']);
  });
});

describe('the command line', () => {
  it('global options work anywhere on the line', async () => {
    const before = await regkit(['--json', 'arin', 'poc', 'get', 'JD1-ARIN']);
    expect(JSON.parse(before.stdout)).toMatchObject({ handle: 'JD1-ARIN' });
    const env = await regkit(
      ['--arin-env', servers.arin.baseUrl, 'arin', 'poc', 'get', 'JD1-ARIN', '--json'],
      {
        ARIN_ENV: 'staging',
      },
    );
    expect(env.code).toBe(0);
    const middle = await regkit(['arin', '--json', 'poc', 'get', 'JD1-ARIN']);
    expect(JSON.parse(middle.stdout)).toMatchObject({ handle: 'JD1-ARIN' });
  });

  it('--version and -V print the version; an unknown option is a usage error', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(await regkit(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(await regkit(['-V'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(await regkit(['--frobnicate'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("regkit: unknown option '--frobnicate'"),
    });
  });

  it('a group lists its commands; a typo gets a suggestion; required options are marked', async () => {
    const group = await regkit(['arin']);
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/^ {2}arin poc get <POC_HANDLE>/m);
    expect(group.stderr).toMatch(/^ {2}arin swip plan <FILE\.csv>/m);
    expect(group.stderr).toMatch(/^ {2}arin swip apply <PLAN\|FILE\.csv>/m);
    expect(group.stderr).not.toContain('helpdesk ticket');
    expect(await regkit(['arin', 'poc', 'gte', 'X'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('(Did you mean get?)'),
    });
    const help = await regkit(['arin', 'customer', 'create', '--help']);
    expect(help.stdout).toContain(
      'Usage: regkit arin customer create <PARENT_NET_HANDLE> --customer-name <NAME> --street <LINE> --city <CITY> --country <CC> [options]',
    );
    expect(help.stdout).toMatch(/--city <CITY>\s+city \(required\)/);
    expect(await regkit(['arin', 'org', 'add-poc', 'EXAMPLE-1', 'JD1-ARIN'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("required option '--function <AD|AB|N|T|R|D>' not specified"),
    });
  });

  it('completion scripts for bash and zsh, and the candidates they ask for', async () => {
    const bash = await regkit(['completion', 'bash']);
    expect(bash.stdout).toContain('complete -o default -F _regkit_complete regkit');
    const zsh = await regkit(['completion', 'zsh']);
    expect(zsh.stdout).toContain('compdef _regkit_complete regkit');
    expect(await regkit(['completion', 'fish'])).toMatchObject({ code: 2 });
    expect((await regkit(['__complete', '--', 'arin', 'p'])).stdout).toBe('poc\n');
    expect((await regkit(['__complete', '--', 'helpdesk', 'ticket', ''])).stdout.split('\n')).toContain(
      'add-note',
    );
    const flags = (await regkit(['__complete', '--', 'arin', 'org', 'add-poc', '--'])).stdout.split('\n');
    expect(flags).toEqual(expect.arrayContaining(['--function', '--json', '--help']));
  });

  it('runCli from code: stdout and stderr are what was written', async () => {
    let out = '';
    const code = await runCli(['--help'], {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
      env: {},
    });
    expect(code).toBe(0);
    expect(out).toContain('Exit codes: 0 ok, 1 failure');
  });
});

describe('binary results', () => {
  it('arin ticket get-attachment writes the bytes to --out, refuses to overwrite, and --out - streams them', async () => {
    const message = JSON.parse(
      (await regkit(['arin', 'ticket', 'message', '20261101-X1', '1', '--json'])).stdout,
    ) as { attachmentReferences: { attachmentId: string }[] };
    const id = message.attachmentReferences[0]!.attachmentId;
    const out = join(dir, 'notes.txt');
    const r = await regkit(['arin', 'ticket', 'get-attachment', '20261101-X1', '1', id, '--out', out]);
    expect(r.stdout).toBe(`Wrote 13 bytes to ${out}.\n`);
    expect(readFileSync(out, 'utf8')).toBe('RWhois notes\n');
    const again = await regkit(['arin', 'ticket', 'get-attachment', '20261101-X1', '1', id, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`regkit: ${out} exists; choose another --out\n`);
    const piped = await regkit(['arin', 'ticket', 'get-attachment', '20261101-X1', '1', id, '--out', '-']);
    expect(piped.code).toBe(0);
  });
});

describe('ROA requests signed on this machine', () => {
  const key = new URL('../../mock-server/test/fixtures/roaTestKey.pem', import.meta.url);
  const args = (keyFile: string) => [
    'arin',
    'rpki',
    'create-signed-roa',
    'EXAMPLE-1',
    '--key',
    keyFile,
    '--name',
    'Core ROA',
    '--origin-as',
    'AS64500',
    '--valid-from',
    '2026-11-23',
    '--valid-to',
    '2027-11-23',
    '--prefix',
    '10.0.0.0/16-24',
    '--resource-class',
    'AR',
  ];

  it('arin rpki create-signed-roa signs with --key and ARIN (the mock) verifies and creates the ROA', async () => {
    const r = await regkit([...args(fileURLToPath(key)), '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      kind: 'ticket',
      ticket: { webTicketType: 'CREATE_ROA', webTicketStatus: 'RESOLVED' },
    });
    const list = JSON.parse(
      (await regkit(['arin', 'rpki', 'list-roas', 'EXAMPLE-1', '--json'])).stdout,
    ) as unknown[];
    expect(list).toEqual([
      expect.objectContaining({
        name: 'Core ROA',
        asNumber: 64500,
        resources: [expect.objectContaining({ maxLength: 24 })],
      }),
    ]);
  });

  it('dates and AS numbers are parsed strictly: 2027-02-31 and 0x1F4 are refused before anything is sent', async () => {
    const with_ = (flag: string, value: string) => {
      const a = args(fileURLToPath(key));
      a[a.indexOf(flag) + 1] = value;
      return a;
    };
    const feb31 = await regkit(with_('--valid-to', '2027-02-31'));
    expect([feb31.code, feb31.stderr]).toEqual([
      2,
      "regkit: --valid-to 2027-02-31: expected a calendar date as YYYY-MM-DD\n(run 'regkit arin rpki create-signed-roa --help' for its usage)\n",
    ]);
    for (const asn of ['0x1F4', '1e3', '-5', '4294967296', 'AS 5']) {
      const r = await regkit(with_('--origin-as', asn));
      expect([r.code, r.stderr.split('\n')[0]], asn).toEqual([
        2,
        'regkit: --origin-as must be an AS number: decimal digits from 0 to 4294967295, AS optional',
      ]);
    }
    const named = await regkit(with_('--name', 'web\u001b]0;x'));
    expect(named.code).toBe(2);
    expect(named.stderr.split('\n')[0]).toBe('regkit: --name may contain neither | nor control characters');
    const list = JSON.parse(
      (await regkit(['arin', 'rpki', 'list-roas', 'EXAMPLE-1', '--json'])).stdout,
    ) as unknown[];
    expect(list).toEqual([]);
  });

  it('prefixes are CIDR blocks by the rules of @regkit/arin-client/address, checked before anything is sent', async () => {
    const withPrefix = (prefix: string) => {
      const a = args(fileURLToPath(key));
      a[a.indexOf('--prefix') + 1] = prefix;
      return a;
    };
    for (const [prefix, reason] of [
      ['10.0.0.1/24', 'block "10.0.0.1/24" is not a network address (did you mean 10.0.0.0/24?)'],
      ['1.2.3/24-24', 'block "1.2.3/24": "1.2.3" is not a dotted-decimal IPv4 address such as 192.0.2.0'],
      ['fe80::%eth0/64', 'block "fe80::%eth0/64": "fe80::%eth0" is not an IPv6 address'],
      ['10.0.0.0/16-12', 'the maximum length after "-" must be from 16 to 32'],
      ['10.0.0.0/16-33', 'the maximum length after "-" must be from 16 to 32'],
    ]) {
      const r = await regkit(withPrefix(prefix as string));
      expect([r.code, r.stderr.split('\n')[0]], prefix).toEqual([2, `regkit: --prefix ${prefix}: ${reason}`]);
    }
    const list = JSON.parse(
      (await regkit(['arin', 'rpki', 'list-roas', 'EXAMPLE-1', '--json'])).stdout,
    ) as unknown[];
    expect(list).toEqual([]);
  });

  it('a key made elsewhere is refused by ARIN, an unreadable key file before anything is sent', async () => {
    const other = join(dir, 'other.pem');
    writeFileSync(
      other,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    const refused = await regkit(args(other));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('E_ENTITY_VALIDATION');
    const missing = await regkit(args(join(dir, 'nope.pem')));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read --key ${join(dir, 'nope.pem')} (ENOENT)`);
  });
});
