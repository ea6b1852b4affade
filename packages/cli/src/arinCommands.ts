import type { PocFunction } from '@regkit/arin-client';
import type { Command, CommandContext } from './command.js';
import { integerOption, optionalString, requireOption, UsageError } from './command.js';
import { formatRecord, formatTable, writeJson } from './output.js';
import { parseBlock } from './blocks.js';
import { SWIP_CSV_HELP } from './swipCsv.js';
import { runSwip, type SwipReport } from './swip.js';

function show(ctx: CommandContext, value: unknown): void {
  if (ctx.json) writeJson(ctx.io, value);
  else ctx.io.stdout.write(formatRecord(value));
}

function showList(
  ctx: CommandContext,
  items: readonly Record<string, unknown>[],
  columns: readonly string[],
  empty: string,
): void {
  if (ctx.json) return writeJson(ctx.io, items);
  if (items.length === 0) return void ctx.io.stdout.write(`${empty}\n`);
  ctx.io.stdout.write(
    formatTable(
      columns,
      items.map((item) => columns.map((c) => item[c] as string | undefined)),
    ),
  );
}

function showTicketed(
  ctx: CommandContext,
  result: { kind: 'net'; net: unknown } | { kind: 'ticket'; ticket: unknown },
): void {
  if (ctx.json) return writeJson(ctx.io, result);
  if (result.kind === 'net') ctx.io.stdout.write(`Completed at once. The net:\n${formatRecord(result.net)}`);
  else ctx.io.stdout.write(`ARIN opened a ticket for review:\n${formatRecord(result.ticket)}`);
}

function netPayload(ctx: CommandContext, parent: string) {
  const start = requireOption(ctx, 'start');
  const cidr = requireOption(ctx, 'cidr');
  const block = parseBlock(`${start}/${cidr}`);
  if (typeof block === 'string') throw new UsageError(block);
  const customerHandle = optionalString(ctx, 'customer');
  const orgHandle = optionalString(ctx, 'org');
  const netName = optionalString(ctx, 'name') ?? (customerHandle ?? orgHandle ?? 'NET').toUpperCase();
  return {
    version: block.version,
    netName,
    parentNetHandle: parent,
    netBlocks: [{ startAddress: block.startAddress, cidrLength: String(block.cidrLength) }],
    ...(customerHandle ? { customerHandle } : {}),
    ...(orgHandle ? { orgHandle } : {}),
  };
}

const blockOptions = {
  start: { type: 'string', description: 'first address of the block', valueName: 'ADDRESS' },
  cidr: { type: 'string', description: 'prefix length of the block', valueName: 'N' },
  name: { type: 'string', description: 'net name (letters, digits, hyphens, spaces)', valueName: 'NAME' },
} as const;

function printSwipReport(ctx: CommandContext, report: SwipReport): void {
  if (ctx.json) return writeJson(ctx.io, report);
  const out = ctx.io.stdout;
  out.write(
    formatTable(
      ['line', 'customer', 'block', 'outcome', 'detail'],
      report.rows.map((r) => [r.line, r.customerName, r.block, r.outcome, r.detail]),
    ),
  );
  const c = report.counts;
  const parts = report.dryRun
    ? [`${c.planned} planned`, `${c.skipped} already done`, `${c.invalid} invalid`]
    : [
        `${c.reassigned} reassigned`,
        `${c.ticketed} became tickets`,
        `${c.failed} failed`,
        `${c.invalid} invalid`,
        `${c.skipped} skipped (already done)`,
      ];
  out.write(
    `\n${report.dryRun ? 'Dry run, nothing sent: ' : ''}${parts.join(', ')}. State: ${report.statePath}\n`,
  );
}

export const arinCommands: readonly Command[] = [
  {
    path: ['arin', 'poc', 'get'],
    args: ['HANDLE'],
    summary: 'Show a point of contact',
    examples: ['regkit arin poc get NOC1234-ARIN'],
    run: async (ctx) => show(ctx, await ctx.arin().poc.get(ctx.args[0]!)),
  },
  {
    path: ['arin', 'poc', 'delete'],
    args: ['HANDLE'],
    summary: 'Delete a point of contact (refused while it is linked to an org or net)',
    run: async (ctx) => show(ctx, await ctx.arin().poc.delete(ctx.args[0]!)),
  },
  {
    path: ['arin', 'poc', 'add-email'],
    args: ['HANDLE', 'EMAIL'],
    summary: 'Add an email address to a point of contact',
    run: async (ctx) => show(ctx, await ctx.arin().poc.addEmail(ctx.args[0]!, ctx.args[1]!)),
  },
  {
    path: ['arin', 'poc', 'delete-email'],
    args: ['HANDLE', 'EMAIL'],
    summary: 'Remove an email address from a point of contact',
    run: async (ctx) => show(ctx, await ctx.arin().poc.deleteEmail(ctx.args[0]!, ctx.args[1]!)),
  },
  {
    path: ['arin', 'poc', 'delete-phone'],
    args: ['HANDLE', 'NUMBER'],
    summary: 'Remove a phone number (of one type, or of every type) from a point of contact',
    options: {
      type: {
        type: 'string',
        description: 'phone type: O (office), F (fax) or M (mobile)',
        valueName: 'O|F|M',
      },
    },
    run: async (ctx) => {
      const type = optionalString(ctx, 'type');
      if (type && !['O', 'F', 'M'].includes(type))
        throw new UsageError(`--type must be O, F or M, got "${type}"`);
      const removed = await ctx
        .arin()
        .poc.deletePhone(ctx.args[0]!, ctx.args[1]!, type ? { type: type as 'O' | 'F' | 'M' } : {});
      if (ctx.json) return writeJson(ctx.io, removed);
      ctx.io.stdout.write(
        removed.length === 0
          ? 'No phone matched; nothing removed.\n'
          : `Removed ${removed.length} phone(s):\n${formatRecord(removed)}`,
      );
    },
  },
  {
    path: ['arin', 'org', 'get'],
    args: ['HANDLE'],
    summary: 'Show an organization',
    examples: ['regkit arin org get EXAMPLE-1'],
    run: async (ctx) => show(ctx, await ctx.arin().org.get(ctx.args[0]!)),
  },
  {
    path: ['arin', 'org', 'add-poc'],
    args: ['ORG', 'POC'],
    summary: 'Link a point of contact to an organization',
    options: { function: { type: 'string', description: 'AD, AB, N, T, R or D', valueName: 'FUNCTION' } },
    run: async (ctx) => {
      const fn = requireOption(ctx, 'function');
      if (!['AD', 'AB', 'N', 'T', 'R', 'D'].includes(fn))
        throw new UsageError(`--function must be one of AD, AB, N, T, R, D; got "${fn}"`);
      show(ctx, await ctx.arin().org.addPoc(ctx.args[0]!, ctx.args[1]!, fn as 'AD'));
    },
  },
  {
    path: ['arin', 'org', 'remove-poc'],
    args: ['ORG', 'POC'],
    summary: 'Unlink a point of contact from an organization (one function, or all)',
    options: {
      function: {
        type: 'string',
        description: 'AD, AB, N, T, R or D; every function when left out',
        valueName: 'FUNCTION',
      },
    },
    run: async (ctx) => {
      const fn = optionalString(ctx, 'function');
      if (fn && !['AD', 'AB', 'N', 'T', 'R', 'D'].includes(fn))
        throw new UsageError(`--function must be one of AD, AB, N, T, R, D; got "${fn}"`);
      const removed = await ctx
        .arin()
        .org.removePoc(ctx.args[0]!, ctx.args[1]!, fn as PocFunction | undefined);
      showList(
        ctx,
        removed as unknown as Record<string, unknown>[],
        ['handle', 'function', 'description'],
        'No link matched; nothing removed.',
      );
    },
  },
  {
    path: ['arin', 'customer', 'get'],
    args: ['HANDLE'],
    summary: 'Show a customer',
    run: async (ctx) => show(ctx, await ctx.arin().customer.get(ctx.args[0]!)),
  },
  {
    path: ['arin', 'customer', 'create'],
    args: ['PARENT'],
    summary: 'Create a customer under a parent net (for a simple reassignment)',
    options: {
      'customer-name': { type: 'string', description: "the customer's name", valueName: 'NAME' },
      street: {
        type: 'string',
        description: 'street address line (repeatable)',
        multiple: true,
        valueName: 'LINE',
      },
      city: { type: 'string', description: 'city', valueName: 'CITY' },
      state: { type: 'string', description: 'ISO 3166-2 subdivision (US, CA)', valueName: 'CODE' },
      'postal-code': { type: 'string', description: 'postal code (US, CA)', valueName: 'CODE' },
      country: { type: 'string', description: 'ISO 3166-1 alpha-2 country code', valueName: 'CC' },
      private: { type: 'boolean', description: 'hide the name and address from public Whois' },
    },
    run: async (ctx) => {
      const street = ctx.options.street;
      if (!Array.isArray(street) || street.length === 0) throw new UsageError('--street is required');
      const state = optionalString(ctx, 'state');
      const postalCode = optionalString(ctx, 'postal-code');
      const customer = await ctx.arin().net.createRecipientCustomer(ctx.args[0]!, {
        customerName: requireOption(ctx, 'customer-name'),
        streetAddress: street,
        city: requireOption(ctx, 'city'),
        country: { code2: requireOption(ctx, 'country').toUpperCase() },
        ...(state ? { stateProvince: state } : {}),
        ...(postalCode ? { postalCode } : {}),
        ...(ctx.options.private ? { privateCustomer: true } : {}),
      });
      show(ctx, customer);
    },
  },
  {
    path: ['arin', 'customer', 'delete'],
    args: ['HANDLE'],
    summary: 'Delete a customer (refused while it holds resources)',
    run: async (ctx) => show(ctx, await ctx.arin().customer.delete(ctx.args[0]!)),
  },
  {
    path: ['arin', 'net', 'get'],
    args: ['HANDLE'],
    summary: 'Show a net',
    examples: ['regkit arin net get NET-192-0-2-0-1'],
    run: async (ctx) => show(ctx, await ctx.arin().net.get(ctx.args[0]!)),
  },
  {
    path: ['arin', 'net', 'reassign'],
    args: ['PARENT'],
    summary: 'Reassign a block of a parent net: simple (--customer) or detailed (--org)',
    options: {
      customer: {
        type: 'string',
        description: 'customer handle: a simple reassignment',
        valueName: 'HANDLE',
      },
      org: { type: 'string', description: 'org handle: a detailed reassignment', valueName: 'HANDLE' },
      ...blockOptions,
    },
    examples: ['regkit arin net reassign NET-10-0-0-0-1 --customer C07361391 --start 10.0.8.0 --cidr 28'],
    run: async (ctx) => {
      const hasCustomer = optionalString(ctx, 'customer') !== undefined;
      if (hasCustomer === (optionalString(ctx, 'org') !== undefined))
        throw new UsageError('give exactly one of --customer or --org');
      showTicketed(ctx, await ctx.arin().net.reassign(ctx.args[0]!, netPayload(ctx, ctx.args[0]!)));
    },
  },
  {
    path: ['arin', 'net', 'reallocate'],
    args: ['PARENT'],
    summary: 'Reallocate a block of a parent net to an organization',
    options: {
      org: { type: 'string', description: 'recipient org handle', valueName: 'HANDLE' },
      ...blockOptions,
    },
    run: async (ctx) => {
      requireOption(ctx, 'org');
      showTicketed(ctx, await ctx.arin().net.reallocate(ctx.args[0]!, netPayload(ctx, ctx.args[0]!)));
    },
  },
  {
    path: ['arin', 'net', 'delete'],
    args: ['HANDLE'],
    summary: 'Delete a reassignment or reallocation (a ticket when it has children)',
    run: async (ctx) => showTicketed(ctx, await ctx.arin().net.delete(ctx.args[0]!)),
  },
  {
    path: ['arin', 'net', 'delegations'],
    args: ['HANDLE'],
    summary: 'List the reverse DNS delegations of a net',
    run: async (ctx) => {
      const list = await ctx.arin().net.delegations(ctx.args[0]!);
      if (ctx.json) return writeJson(ctx.io, list);
      ctx.io.stdout.write(
        list.length === 0
          ? 'No delegations.\n'
          : formatTable(
              ['name', 'nameservers', 'ds records'],
              list.map((d) => [
                d.name,
                (d.nameservers ?? []).map((n) => n.name).join(', '),
                (d.delegationKeys ?? []).length,
              ]),
            ),
      );
    },
  },
  {
    path: ['arin', 'delegation', 'get'],
    args: ['NAME'],
    summary: 'Show a reverse DNS delegation',
    run: async (ctx) => show(ctx, await ctx.arin().delegation.get(ctx.args[0]!)),
  },
  {
    path: ['arin', 'delegation', 'add-nameserver'],
    args: ['NAME', 'NAMESERVER'],
    summary: 'Add a nameserver to a delegation',
    run: async (ctx) => show(ctx, await ctx.arin().delegation.addNameserver(ctx.args[0]!, ctx.args[1]!)),
  },
  {
    path: ['arin', 'delegation', 'remove-nameserver'],
    args: ['NAME', 'NAMESERVER'],
    summary: 'Remove a nameserver from a delegation',
    run: async (ctx) => show(ctx, await ctx.arin().delegation.removeNameserver(ctx.args[0]!, ctx.args[1]!)),
  },
  {
    path: ['arin', 'ticket', 'get'],
    args: ['TICKET'],
    summary: 'Show a ticket with its messages',
    options: {
      'msg-refs': {
        type: 'boolean',
        description: 'message references instead of messages (large attachments)',
      },
    },
    run: async (ctx) =>
      show(ctx, await ctx.arin().ticket.get(ctx.args[0]!, { msgRefs: ctx.options['msg-refs'] === true })),
  },
  {
    path: ['arin', 'ticket', 'list'],
    args: [],
    summary: 'List tickets, filtered by type and status',
    options: {
      type: { type: 'string', description: 'ticket type, e.g. IPV4_SIMPLE_REASSIGN', valueName: 'TYPE' },
      status: {
        type: 'string',
        description: 'ticket status, e.g. PENDING_REVIEW, RESOLVED, ANY_OPEN',
        valueName: 'STATUS',
      },
    },
    examples: ['regkit arin ticket list --status PENDING_REVIEW'],
    run: async (ctx) => {
      const type = optionalString(ctx, 'type');
      const status = optionalString(ctx, 'status');
      const list = await ctx
        .arin()
        .ticket.listSummaries({ ...(type ? { type } : {}), ...(status ? { status } : {}) });
      showList(
        ctx,
        list as unknown as Record<string, unknown>[],
        ['ticketNo', 'webTicketType', 'webTicketStatus', 'createdDate'],
        'No tickets match.',
      );
    },
  },
  {
    path: ['arin', 'ticket', 'message'],
    args: ['TICKET', 'MESSAGE_ID'],
    summary: 'Show one message of a ticket',
    run: async (ctx) => show(ctx, await ctx.arin().ticket.message(ctx.args[0]!, ctx.args[1]!)),
  },
  {
    path: ['arin', 'ticket', 'add-message'],
    args: ['TICKET'],
    summary: 'Add a message to an open ticket',
    options: {
      subject: { type: 'string', description: 'message subject', valueName: 'TEXT' },
      text: {
        type: 'string',
        description: 'message text (repeat for several lines)',
        multiple: true,
        valueName: 'LINE',
      },
    },
    run: async (ctx) => {
      const text = ctx.options.text;
      if (!Array.isArray(text) || text.length === 0) throw new UsageError('--text is required');
      show(
        ctx,
        await ctx.arin().ticket.addMessage(ctx.args[0]!, {
          subject: requireOption(ctx, 'subject'),
          text,
          category: 'NONE',
        }),
      );
    },
  },
  {
    path: ['arin', 'ticket', 'close'],
    args: ['TICKET'],
    summary: 'Close a resolved ticket',
    run: async (ctx) => show(ctx, await ctx.arin().ticket.close(ctx.args[0]!)),
  },
  {
    path: ['arin', 'swip'],
    args: ['FILE.csv'],
    summary: 'Bulk simple reassignments from a CSV: create each customer and reassign its block',
    options: {
      parent: { type: 'string', description: 'parent net handle the blocks come from', valueName: 'HANDLE' },
      'dry-run': { type: 'boolean', description: 'check the file and show the plan; send nothing' },
      concurrency: { type: 'string', description: 'rows in flight at once (default 4)', valueName: 'N' },
      state: {
        type: 'string',
        description: 'state file that makes re-runs safe (default FILE.csv.swip-state.json)',
        valueName: 'FILE',
      },
    },
    examples: [
      'regkit arin swip customers.csv --parent NET-10-0-0-0-1 --dry-run',
      'regkit arin swip customers.csv --parent NET-10-0-0-0-1 --concurrency 8',
      '',
      ...SWIP_CSV_HELP.split('\n'),
    ],
    run: async (ctx) => {
      const dryRun = ctx.options['dry-run'] === true;
      const report = await runSwip(
        dryRun ? undefined : ctx.arin(),
        {
          file: ctx.args[0]!,
          parentNetHandle: requireOption(ctx, 'parent'),
          dryRun,
          concurrency: integerOption(ctx, 'concurrency', 4) || 1,
          ...(optionalString(ctx, 'state') ? { statePath: optionalString(ctx, 'state')! } : {}),
          progress: !ctx.json,
        },
        ctx.io,
      );
      printSwipReport(ctx, report);
      return report.counts.failed + report.counts.invalid > 0 ? 1 : 0;
    },
  },
];
