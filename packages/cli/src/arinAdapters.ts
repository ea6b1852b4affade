import type { CommandSpec, OperationAdapter, OperationContext, OptionSpec } from './command.js';
import { listOption, optionalString, requireString } from './command.js';
import { UsageError } from './usageError.js';
import { parseAsNumber, parseDay } from './strictValues.js';

const tools = () => import('./operationTools.js');

const blockOptions: readonly OptionSpec[] = [
  {
    flag: 'start',
    type: 'string',
    required: true,
    description: 'first address of the block',
    valueName: 'ADDRESS',
  },
  { flag: 'cidr', type: 'string', required: true, description: 'prefix length of the block', valueName: 'N' },
  {
    flag: 'name',
    type: 'string',
    description: 'net name (default: the recipient handle)',
    valueName: 'NAME',
  },
];

async function netPayload(ctx: OperationContext, parent: string) {
  const { parseCidrBlock } = await tools();
  const block = parseCidrBlock(`${requireString(ctx, 'start')}/${requireString(ctx, 'cidr')}`);
  if (typeof block === 'string') throw new UsageError(block);
  const customerHandle = optionalString(ctx, 'customer');
  const orgHandle = optionalString(ctx, 'org');
  return {
    version: block.version,
    netName: optionalString(ctx, 'name') ?? (customerHandle ?? orgHandle ?? 'NET').toUpperCase(),
    parentNetHandle: parent,
    netBlocks: [{ startAddress: block.startAddress, cidrLength: block.cidrLength }],
    ...(customerHandle ? { customerHandle } : {}),
    ...(orgHandle ? { orgHandle } : {}),
  };
}

async function sendNet(ctx: OperationContext) {
  const parent = String(ctx.params.parentNetHandle);
  const { callOperation, printResult } = await tools();
  printResult(
    ctx,
    await callOperation(ctx, { parentNetHandle: parent, body: await netPayload(ctx, parent) }),
  );
}

/** ARIN operations whose documented command line predates the generated commands. */
export const arinAdapters: Readonly<Record<string, OperationAdapter>> = {
  reassignNet: {
    options: [
      {
        flag: 'customer',
        type: 'string',
        description: 'customer handle: a simple reassignment',
        valueName: 'HANDLE',
      },
      {
        flag: 'org',
        type: 'string',
        description: 'org handle: a detailed reassignment',
        valueName: 'HANDLE',
      },
      ...blockOptions,
    ],
    examples: ['regkit arin net reassign NET-10-0-0-0-1 --customer C07361391 --start 10.0.8.0 --cidr 28'],
    run: async (ctx) => {
      if ((optionalString(ctx, 'customer') === undefined) === (optionalString(ctx, 'org') === undefined))
        throw new UsageError('give exactly one of --customer or --org');
      await sendNet(ctx);
    },
  },
  reallocateNet: {
    options: [
      {
        flag: 'org',
        type: 'string',
        required: true,
        description: 'recipient org handle',
        valueName: 'HANDLE',
      },
      ...blockOptions,
    ],
    run: sendNet,
  },
  createRecipientCustomer: {
    options: [
      {
        flag: 'customer-name',
        type: 'string',
        required: true,
        description: "the customer's name",
        valueName: 'NAME',
      },
      {
        flag: 'street',
        type: 'string',
        multiple: true,
        required: true,
        description: 'street address line (repeatable)',
        valueName: 'LINE',
      },
      { flag: 'city', type: 'string', required: true, description: 'city', valueName: 'CITY' },
      { flag: 'state', type: 'string', description: 'ISO 3166-2 subdivision (US, CA)', valueName: 'CODE' },
      { flag: 'postal-code', type: 'string', description: 'postal code (US, CA)', valueName: 'CODE' },
      {
        flag: 'country',
        type: 'string',
        required: true,
        description: 'ISO 3166-1 alpha-2 country code',
        valueName: 'CC',
      },
      { flag: 'private', type: 'boolean', description: 'hide the name and address from public Whois' },
    ],
    run: async (ctx) => {
      const state = optionalString(ctx, 'state');
      const postalCode = optionalString(ctx, 'postal-code');
      const body = {
        customerName: requireString(ctx, 'customer-name'),
        streetAddress: listOption(ctx, 'street'),
        city: requireString(ctx, 'city'),
        country: { code2: requireString(ctx, 'country').toUpperCase() },
        ...(state ? { stateProvince: state } : {}),
        ...(postalCode ? { postalCode } : {}),
        ...(ctx.options.private === true ? { privateCustomer: true } : {}),
      };
      const { callOperation, printResult } = await tools();
      printResult(ctx, await callOperation(ctx, { parentNetHandle: ctx.params.parentNetHandle, body }));
    },
  },
  getTicketAttachment: {
    options: [
      {
        flag: 'out',
        type: 'string',
        required: true,
        description: 'file to write the attachment to (refuses to overwrite), or - for standard output',
        valueName: 'FILE',
      },
    ],
    examples: ['regkit arin ticket get-attachment 20261101-X1 1 8a2f --out justification.pdf'],
    // the bytes go to a file, never to the terminal; the transport's maxResponseBytes bounds them
    run: async (ctx) => {
      const { callOperation } = await tools();
      const out = requireString(ctx, 'out');
      const bytes = (await callOperation(ctx, ctx.params)) as Uint8Array;
      if (out === '-') {
        ctx.io.stdout.write(bytes);
        return;
      }
      const { writeFile } = await import('node:fs/promises');
      try {
        await writeFile(out, bytes, { flag: 'wx', mode: 0o600 });
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new Error(
          code === 'EEXIST'
            ? `${out} exists; choose another --out`
            : `cannot write ${out} (${code ?? 'error'})`,
        );
      }
      if (ctx.json) ctx.io.stdout.write(JSON.stringify({ file: out, bytes: bytes.byteLength }) + '\n');
      else ctx.io.stdout.write(`Wrote ${bytes.byteLength} bytes to ${out}.\n`);
    },
  },
  createSignedRoa: {
    options: [
      {
        flag: 'key',
        type: 'string',
        required: true,
        description: "PEM file of the org's ROA request private key (RSA); it never leaves this machine",
        valueName: 'FILE',
      },
      { flag: 'name', type: 'string', required: true, description: 'ROA name', valueName: 'NAME' },
      {
        flag: 'origin-as',
        type: 'string',
        required: true,
        description: 'origin AS number, decimal (64500 or AS64500)',
        valueName: 'ASN',
      },
      {
        flag: 'valid-from',
        type: 'string',
        required: true,
        description: 'first day (YYYY-MM-DD)',
        valueName: 'DATE',
      },
      {
        flag: 'valid-to',
        type: 'string',
        required: true,
        description: 'last day (YYYY-MM-DD)',
        valueName: 'DATE',
      },
      {
        flag: 'prefix',
        type: 'string',
        multiple: true,
        required: true,
        description: 'ADDRESS/LENGTH or ADDRESS/LENGTH-MAXLENGTH (repeatable)',
        valueName: 'PREFIX',
      },
    ],
    examples: [
      'regkit arin rpki create-signed-roa EXAMPLE-1 --key roa-key.pem --name web --origin-as 64500 --valid-from 2027-01-01 --valid-to 2028-01-01 --prefix 10.0.0.0/16-24 --resource-class AR',
    ],
    // signed here with the key the user gives: ARIN checks the signature against the org's public key
    run: async (ctx) => {
      const { readFile } = await import('node:fs/promises');
      const { signRoaRequest } = await import('@regkit/arin-client/rpki');
      const keyFile = requireString(ctx, 'key');
      const pem = await readFile(keyFile, 'utf8').catch((error: { code?: string }) => {
        throw new UsageError(`cannot read --key ${keyFile} (${error.code ?? 'error'})`);
      });
      const day = (flag: string) => {
        const text = requireString(ctx, flag);
        const date = parseDay(text);
        if (!date) throw new UsageError(`--${flag} ${text}: expected a calendar date as YYYY-MM-DD`);
        return date;
      };
      const name = requireString(ctx, 'name');
      if (/[\p{Cc}|]/u.test(name))
        throw new UsageError('--name may contain neither | nor control characters');
      const originAs = parseAsNumber(requireString(ctx, 'origin-as'));
      if (originAs === undefined)
        throw new UsageError(
          '--origin-as must be an AS number: decimal digits from 0 to 4294967295, AS optional',
        );
      const { parseCidrBlock } = await import('@regkit/arin-client/address');
      const prefixes = listOption(ctx, 'prefix').map((text) => {
        const dash = text.indexOf('-');
        const block = parseCidrBlock(dash < 0 ? text : text.slice(0, dash));
        if (typeof block === 'string') throw new UsageError(`--prefix ${text}: ${block}`);
        if (dash < 0) return { startAddress: block.startAddress, cidrLength: block.cidrLength };
        const most = block.version === 4 ? 32 : 128;
        const max = text.slice(dash + 1);
        if (!/^\d{1,3}$/.test(max) || Number(max) < block.cidrLength || Number(max) > most)
          throw new UsageError(
            `--prefix ${text}: the maximum length after "-" must be from ${block.cidrLength} to ${most}`,
          );
        return { startAddress: block.startAddress, cidrLength: block.cidrLength, maxLength: Number(max) };
      });
      const roa = signRoaRequest(
        {
          name,
          originAs,
          validFrom: day('valid-from'),
          validTo: day('valid-to'),
          prefixes,
        },
        pem,
      );
      const { callOperation, printResult } = await tools();
      printResult(ctx, await callOperation(ctx, { ...ctx.params, body: roa }));
    },
  },
  addTicketMessage: {
    examples: [
      'regkit arin ticket add-message 20261104-X4 --subject "Update" --text "First line" --text "Second"',
    ],
    // ARIN wants a category; a message from a person has none
    run: async (ctx) => {
      const { callOperation, printResult, readBody } = await tools();
      const body = await readBody(ctx, { category: 'NONE' });
      printResult(ctx, await callOperation(ctx, { ...ctx.params, body }));
    },
  },
};

/** `arin ticket close`: the documented shortcut for A37 with the status ARIN accepts. */
export const arinShortcuts: readonly CommandSpec[] = [
  {
    path: ['arin', 'ticket', 'close'],
    args: [{ name: 'TICKET_NO', required: true }],
    summary: 'Close a resolved ticket (updateTicket with webTicketStatus CLOSED)',
    run: async (ctx) => {
      const ticket = await (await ctx.arin()).ticket.close(ctx.args[0]!);
      const { formatRecord, writeJson } = await tools();
      if (ctx.json) writeJson(ctx.io, ticket);
      else ctx.io.stdout.write(formatRecord(ticket));
    },
  },
];
