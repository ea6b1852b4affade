import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockServers } from '@regkit/mock-server';
import { cliAgainst, mocks } from './harness.js';

let servers: MockServers;
let regkit: ReturnType<typeof cliAgainst>;
beforeEach(async () => {
  servers = await mocks();
  regkit = cliAgainst(servers);
});
afterEach(() => servers.close());

describe('help and usage', () => {
  it('regkit --help lists the command groups', async () => {
    const r = await regkit(['--help']);
    expect(r.code).toBe(0);
    for (const c of [
      'arin poc get',
      'arin net reassign',
      'arin ticket list',
      'arin swip plan',
      'arin swip apply',
      'arin swip cleanup',
      'helpdesk ticket get',
      'workflow',
    ])
      expect(r.stdout).toContain(c);
  });

  it('--help on a command shows its options and examples', async () => {
    const r = await regkit(['arin', 'net', 'reassign', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--customer <HANDLE>');
    expect(r.stdout).toContain(
      'Usage: regkit arin net reassign <PARENT_NET_HANDLE> --start <ADDRESS> --cidr <N>',
    );
    expect(r.stdout).toContain('regkit arin net reassign NET-10-0-0-0-1 --customer');
  });

  it('an unknown command, a missing argument and a bad option exit 2 with a usage line', async () => {
    expect(await regkit(['arin', 'frobnicate'])).toMatchObject({
      code: 2,
      stderr:
        "regkit: unknown command 'frobnicate'\n(run 'regkit arin --help' for the commands and options)\n",
    });
    expect(await regkit(['arin', 'poc', 'get'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("missing required argument 'POC_HANDLE'"),
    });
    expect(await regkit(['arin', 'poc', 'get', 'X', '--bogus'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown option '--bogus'"),
    });
  });

  it('an environment that is not ote, production or a URL is a usage error', async () => {
    const r = await regkit(['arin', 'poc', 'get', 'JD1-ARIN'], { ARIN_ENV: 'staging' });
    expect(r).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('ARIN_ENV (or --arin-env) must be ote, production or a base URL'),
    });
    const h = await regkit(['helpdesk', 'ticket', 'get', '1'], { HELPDESK_URL: 'helpdesk' });
    expect(h).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('HELPDESK_URL (or --helpdesk-url) must be a URL'),
    });
  });

  it('a missing API key is a clear error, not a request', async () => {
    const r = await regkit(['arin', 'poc', 'get', 'JD1-ARIN'], { ARIN_API_KEY: undefined });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ARIN_API_KEY is not set');
    expect(servers.arin.journal.length).toBe(0);
  });
});

describe('regkit arin', () => {
  it('poc get prints the record, and --json prints it as JSON', async () => {
    const human = await regkit(['arin', 'poc', 'get', 'JD1-ARIN']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/handle\s+JD1-ARIN/);
    expect(human.stdout).toMatch(/lastName\s+Doe/);
    const net = await regkit(['arin', 'net', 'get', 'NET-10-0-0-0-1']);
    expect(net.stdout).toMatch(/netBlocks\[0\]\.startAddress\s+10\.0\.0\.0\n/);
    expect(net.stdout).toMatch(/netBlocks\[0\]\.endAddress\s+10\.0\.255\.255\n/);
    expect(net.stdout).toMatch(/netBlocks\[0\]\.cidrLength\s+16\n/);
    const json = await regkit(['arin', 'poc', 'get', 'JD1-ARIN', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      handle: 'JD1-ARIN',
      firstName: 'Jane',
      emails: ['jdoe@example.net'],
    });
  });

  it("an ARIN error shows ARIN's own error text, each component on its line, and exits 1", async () => {
    const v = await regkit(['arin', 'org', 'remove-poc', 'EXAMPLE-1', 'EXABU1-ARIN', '--function', 'AB']);
    expect(v.code).toBe(1);
    expect(v.stderr).toBe(
      'regkit: E_ENTITY_VALIDATION (400): Payload entity failed to validate; see component messages for details.\n' +
        '  pocLinks: An org needs at least one Abuse (AB) POC.\n',
    );
    const big = await regkit(['arin', 'ticket', 'get', '20261104-X4']);
    expect(big.stderr).toContain('ask for message references with --msg-refs');
    expect((await regkit(['arin', 'ticket', 'get', '20261104-X4', '--msg-refs'])).code).toBe(0);
    const r = await regkit(['arin', 'poc', 'get', 'NOPE-ARIN']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E_OBJECT_NOT_FOUND (404)');
    expect(r.stderr).not.toContain('API-1111-2222-3333-4444');
  });

  it('customer create then net reassign --customer --start --cidr', async () => {
    const c = await regkit([
      'arin',
      'customer',
      'create',
      'NET-10-0-0-0-1',
      '--customer-name',
      'CLI Customer',
      '--street',
      '1 Main St',
      '--city',
      'Chantilly',
      '--state',
      'VA',
      '--postal-code',
      '20151',
      '--country',
      'US',
      '--json',
    ]);
    expect(c.code).toBe(0);
    const handle = (JSON.parse(c.stdout) as { handle: string }).handle;
    const r = await regkit([
      'arin',
      'net',
      'reassign',
      'NET-10-0-0-0-1',
      '--customer',
      handle,
      '--start',
      '10.0.40.0',
      '--cidr',
      '24',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      kind: 'net',
      net: { customerHandle: handle, netBlocks: [{ startAddress: '10.0.40.0', cidrLength: 24 }] },
    });
    expect([...servers.arin.state().nets.values()].some((n) => n.customerHandle === handle)).toBe(true);
  });

  it('net reassign needs exactly one of --customer and --org', async () => {
    const r = await regkit([
      'arin',
      'net',
      'reassign',
      'NET-10-0-0-0-1',
      '--start',
      '10.0.40.0',
      '--cidr',
      '24',
    ]);
    expect(r).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('give exactly one of --customer or --org'),
    });
  });

  it('ticket list --status filters, ticket close closes a resolved ticket', async () => {
    const list = await regkit(['arin', 'ticket', 'list', '--status', 'RESOLVED', '--json']);
    expect((JSON.parse(list.stdout) as { ticketNo: string }[]).map((t) => t.ticketNo)).toEqual([
      '20261102-X2',
    ]);
    const human = await regkit(['arin', 'ticket', 'list', '--status', 'RESOLVED']);
    expect(human.stdout).toContain('20261102-X2');
    const close = await regkit(['arin', 'ticket', 'close', '20261102-X2']);
    expect(close.code).toBe(0);
    expect(servers.arin.state().tickets.get('20261102-X2')?.webTicketStatus).toBe('CLOSED');
  });

  it('ticket list --status and --type take only the values the spec lists, shown in help and in the error', async () => {
    const before = servers.arin.journal.length;
    for (const [flag, value] of [
      ['--status', 'pending'],
      ['--status', 'BOGUS'],
      ['--type', 'question'],
    ] as const) {
      const r = await regkit(['arin', 'ticket', 'list', flag, value]);
      expect(r.code, `${flag} ${value}`).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          `^regkit: option '${flag} <[A-Z_|]+>' argument '${value}' is invalid. Allowed choices are ANY, `,
        ),
      );
    }
    expect(servers.arin.journal.length).toBe(before);
    const help = await regkit(['arin', 'ticket', 'list', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('"PENDING_REVIEW"');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('"QUESTION"');
    const ok = await regkit(['arin', 'ticket', 'list', '--status', 'PENDING_REVIEW', '--type', 'QUESTION']);
    expect(ok.code).toBe(0);
  });

  it('org add-poc and remove-poc, delegation add-nameserver', async () => {
    expect(
      (await regkit(['arin', 'org', 'add-poc', 'EXAMPLE-1', 'EXNOC1-ARIN', '--function', 'R'])).code,
    ).toBe(0);
    expect(servers.arin.state().orgs.get('EXAMPLE-1')?.pocLinks).toContainEqual(
      expect.objectContaining({ function: 'R', handle: 'EXNOC1-ARIN' }),
    );
    expect(
      await regkit(['arin', 'org', 'add-poc', 'EXAMPLE-1', 'EXNOC1-ARIN', '--function', 'X']),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("argument 'X' is invalid. Allowed choices are AD, AB, N, T, R, D."),
    });
    expect(
      (await regkit(['arin', 'org', 'remove-poc', 'EXAMPLE-1', 'EXNOC1-ARIN', '--function', 'R'])).code,
    ).toBe(0);
    expect(
      servers.arin
        .state()
        .orgs.get('EXAMPLE-1')
        ?.pocLinks?.some((l) => l.function === 'R'),
    ).toBe(false);
    expect(
      (await regkit(['arin', 'delegation', 'add-nameserver', '0.10.in-addr.arpa.', 'ns7.example.net'])).code,
    ).toBe(0);
    expect(
      servers.arin
        .state()
        .delegations.get('0.10.in-addr.arpa.')
        ?.nameservers.map((n) => (typeof n === 'string' ? n : n.name)),
    ).toContain('ns7.example.net');
  });
});

describe('regkit helpdesk', () => {
  it('ticket get, create with --field, add-note, status and close', async () => {
    const human = await regkit(['helpdesk', 'ticket', 'get', '1001']);
    expect(human.stdout).toMatch(/summary\s+Core router CPU alarms/);
    expect(human.stdout).toMatch(/Circuit ID \(field 501\)\s+CKT-0042/);
    expect(human.stdout).not.toContain('raw.');
    const bad = await regkit(['helpdesk', 'ticket', 'get', '1001'], {
      HELPDESK_PASSWORD: 'wrong-password-9',
    });
    expect(bad).toMatchObject({
      code: 1,
      stderr:
        'regkit: Helpdesk requestToken failed with 400 invalid_grant: The user name or password is incorrect.\n',
    });
    const get = await regkit(['helpdesk', 'ticket', 'get', '1001', '--json']);
    expect(JSON.parse(get.stdout)).toMatchObject({ id: 1001, summary: 'Core router CPU alarms' });
    const created = await regkit([
      'helpdesk',
      'ticket',
      'create',
      '--field',
      'summary=From the CLI',
      '--field',
      'priority=3 - Medium',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: number }).id;
    expect(servers.helpdesk.state().tickets.get(id)?.[22]).toBe('From the CLI');
    expect(
      (
        await regkit([
          'helpdesk',
          'ticket',
          'add-note',
          String(id),
          '--note',
          'checked',
          '--activity-code',
          'Research',
        ])
      ).code,
    ).toBe(0);
    expect((await regkit(['helpdesk', 'ticket', 'status', String(id), 'In Progress'])).code).toBe(0);
    expect(servers.helpdesk.state().tickets.get(id)?.[96]).toBe('In Progress');
    expect((await regkit(['helpdesk', 'ticket', 'close', String(id)])).code).toBe(0);
    expect(servers.helpdesk.state().tickets.get(id)?.[96]).toBe('Closed');
  });

  it('helpdesk ticket list explains there is no listing; note types and activity codes are listed and match the mock', async () => {
    const list = await regkit(['helpdesk', 'ticket', 'list']);
    expect(list.code).toBe(2);
    expect(list.stderr.split('\n')[0]).toBe(
      'regkit: the Track-It! Web API offers no ticket listing or search: get a ticket by its number (regkit helpdesk ticket get ID), or list what belongs to one (notes, attachments, assignments)',
    );
    const codes = await regkit(['-o', 'json', 'helpdesk', 'note', 'activity-codes']);
    expect(JSON.parse(codes.stdout)).toEqual(servers.helpdesk.state().world.activityCodes);
    const types = await regkit(['helpdesk', 'note', 'types']);
    expect(types.stdout.trim().split('\n')).toEqual(servers.helpdesk.state().world.noteTypes);
    const refused = await regkit([
      'helpdesk',
      'ticket',
      'add-note',
      '1001',
      '--note',
      'x',
      '--activity-code',
      'Note',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '(activity codes are configured per site; regkit helpdesk note activity-codes lists the stock ones)',
    );
  });

  it('notes and templates list as tables', async () => {
    const notes = await regkit(['helpdesk', 'ticket', 'notes', '1001']);
    expect(notes.code).toBe(0);
    expect(notes.stdout).toMatch(/^id\s+date\s+technician\s+type\s+private\s+note\n/);
    expect(notes.stdout).toMatch(/2026-11-20T08:30:00\s+JSMITH\s+Technician Note\s+Checked the router/);
    expect(notes.stdout).toMatch(/Technician Note\s+private\s+Vendor case 7781 opened\./);
    const templates = await regkit(['helpdesk', 'templates']);
    expect(templates.stdout).toContain('Network Outage');
    expect(templates.stdout).not.toContain('Old Fax Request');
  });

  it('--field values take the type of the field in the catalogue', async () => {
    const r = await regkit([
      'helpdesk',
      'ticket',
      'create',
      '--field',
      'summary=Typed',
      '--field',
      'groupSeq=4',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const id = (JSON.parse(r.stdout) as { id: number }).id;
    expect(servers.helpdesk.state().tickets.get(id)?.[4]).toBe(4);
    expect(await regkit(['helpdesk', 'ticket', 'create', '--field', 'groupSeq=four'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--field groupSeq takes a whole number, got "four"'),
    });
  });

  it('a bad ticket id and a read-only field are clear errors', async () => {
    expect(await regkit(['helpdesk', 'ticket', 'get', 'abc'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('ID must be a positive whole number, got "abc"'),
    });
    const r = await regkit(['helpdesk', 'ticket', 'update', '1001', '--field', 'lastUser=me']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('lastUser');
    expect(r.stderr).not.toContain('trackit-demo-1');
  });
});

describe('regkit workflow', () => {
  it('runs the end-to-end story on the built-in mocks and prints the summary', async () => {
    const r = await regkit(['workflow'], { ARIN_API_KEY: undefined, HELPDESK_URL: undefined });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the built-in mock servers');
    expect(r.stdout).toContain('→ NET-10-0-0-0-1 EXAMPLE-NET 10.0.0.0/16');
    expect(r.stdout).toMatch(
      /ticketed request\s+ARIN\s+A23 reassignNet\s+ARIN ticket \d{8}-X\d+ \(IPV4_SIMPLE_REASSIGN, PENDING_REVIEW\)/,
    );
    expect(r.stdout).toMatch(/ARIN close\s+ARIN\s+A37 updateTicket\s+ticket \S+ is CLOSED/);
    expect(r.stdout).toMatch(/helpdesk close\s+helpdesk\s+H10 closeTicket\s+ticket \d+ is Closed/);
  }, 30_000);

  it('against real endpoints it needs the parent, blocks and POCs', async () => {
    const r = await regkit(['workflow']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('against real endpoints the workflow needs --parent');
  });
});
