import type { CommandContext, OperationAdapter, OperationContext } from './command.js';
import { readBody, readRpsl } from './bodyInput.js';
import type { OperationCommand, ParamSpec } from './manifest.js';
import { cell, formatRecord, formatTable, isPlainObject, writeJson } from './output.js';
import { UsageError } from './usageError.js';

function convert(p: ParamSpec, raw: string | boolean, label: string): string | number | boolean {
  if (p.type === 'boolean') return raw === true || raw === 'true';
  const text = String(raw);
  if (p.type === 'integer') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n) || (p.in === 'path' && n <= 0))
      throw new UsageError(
        `${label} must be a ${p.in === 'path' ? 'positive ' : ''}whole number, got "${text}"`,
      );
    return n;
  }
  return text;
}

/** The path, matrix and query parameters of the command line, typed as the operation wants them. */
export function collectParams(
  op: OperationCommand,
  ctx: CommandContext,
  omit: readonly string[] = [],
): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  const args = op.args.filter((a) => !omit.includes(a.prop));
  args.forEach((p, i) => {
    const raw = ctx.args[i];
    if (raw !== undefined) params[p.prop] = convert(p, raw, p.name);
  });
  for (const p of op.options) {
    if (omit.includes(p.prop)) continue;
    const raw = ctx.options[p.name];
    if (raw !== undefined && !Array.isArray(raw)) params[p.prop] = convert(p, raw, `--${p.name}`);
  }
  return params;
}

/** Calls the operation through the client's typed `call`, so validation, auth and retries apply. */
export async function callOperation(ctx: OperationContext, input: Record<string, unknown>): Promise<unknown> {
  const client = ctx.op.api === 'arin' ? await ctx.arin() : await ctx.helpdesk();
  const call = client.call as (operationId: string, input: unknown) => Promise<unknown>;
  return call(ctx.op.operationId, input);
}

/** Columns of the tables of a list, by the element of its items; others show their first fields. */
const columnsByElement: Record<string, readonly string[]> = {
  ticket: ['ticketNo', 'webTicketType', 'webTicketStatus', 'createdDate'],
  pocLinkRef: ['handle', 'function', 'description'],
  delegation: ['name', 'nameservers', 'delegationKeys'],
  phone: ['type', 'number', 'extension'],
};

export function printList(ctx: CommandContext, items: readonly unknown[], columns?: readonly string[]): void {
  if (ctx.json) return writeJson(ctx.io, items);
  if (items.length === 0) return void ctx.io.stdout.write('None.\n');
  const rows = items.map((i) => (isPlainObject(i) ? i : { value: i }));
  const cols =
    columns ??
    [
      ...new Set(
        rows.flatMap((r) => Object.keys(r).filter((k) => !k.startsWith('$') && !isPlainObject(r[k]))),
      ),
    ].slice(0, 6);
  ctx.io.stdout.write(
    formatTable(
      cols,
      rows.map((r) => cols.map((c) => cell(r[c]))),
    ),
  );
}

/** Human output of any operation's result; `--json` prints it as it came. */
export function printResult(ctx: OperationContext, result: unknown): void {
  if (ctx.json) return writeJson(ctx.io, result ?? null);
  if (result === undefined || result === null || result === '') return void ctx.io.stdout.write('Done.\n');
  if (Array.isArray(result))
    return printList(
      ctx,
      result,
      ctx.op.responseElement ? columnsByElement[ctx.op.responseElement] : undefined,
    );
  if (isPlainObject(result) && ctx.op.responseElement === 'ticketedRequest') {
    const r = result as { kind: string; net?: unknown; ticket?: unknown };
    return void ctx.io.stdout.write(
      r.kind === 'net'
        ? `Completed at once. The net:\n${formatRecord(r.net)}`
        : `ARIN opened a ticket for review:\n${formatRecord(r.ticket)}`,
    );
  }
  ctx.io.stdout.write(formatRecord(result));
}

/** Runs a generated operation command: its adapter when it has one, else the generic call. */
export async function runOperationCommand(
  base: CommandContext,
  op: OperationCommand,
  adapter: OperationAdapter | undefined,
): Promise<number | void> {
  const ctx: OperationContext = { ...base, op, params: collectParams(op, base, adapter?.omit) };
  if (adapter) return adapter.run(ctx);
  if (op.rpsl && ctx.options.rpsl === true) return runRpsl(ctx);
  const body = await readBody(ctx);
  printResult(ctx, await callOperation(ctx, { ...ctx.params, ...(body ? { body } : {}) }));
}

/** An IRR operation in its RPSL representation: the object is RPSL text in and out. */
async function runRpsl(ctx: OperationContext): Promise<void> {
  const body = await readRpsl(ctx);
  const arin = await ctx.arin();
  const callRpsl = arin.callRpsl as (operationId: string, input: unknown) => Promise<string>;
  const text = await callRpsl(ctx.op.operationId, { ...ctx.params, ...(body === undefined ? {} : { body }) });
  if (ctx.json) return writeJson(ctx.io, text);
  ctx.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
