import { readFileSync } from 'node:fs';
import { UsageError } from './usageError.js';
import type { ArinClient } from '@regkit/arin-client';
import { describeError } from './describeError.js';
import type { Io } from './output.js';
import { createProgress } from './progress.js';
import { parseSwipCsv, type SwipRow } from './swipCsv.js';
import { SwipState } from './swipState.js';

export interface SwipOptions {
  file: string;
  parentNetHandle: string;
  dryRun: boolean;
  concurrency: number;
  /** Defaults to `<file>.swip-state.json`. */
  statePath?: string;
  progress: boolean;
}

export type SwipOutcome = 'reassigned' | 'ticketed' | 'failed' | 'invalid' | 'skipped' | 'planned';

export interface SwipRowReport {
  line: number;
  customerName: string;
  block: string;
  outcome: SwipOutcome;
  /** Net handle, ticket number, ARIN's error text, or why the row is invalid. */
  detail: string;
  customerHandle?: string;
  netHandle?: string;
  ticketNo?: string;
  errorCode?: string;
}

export interface SwipReport {
  parentNetHandle: string;
  dryRun: boolean;
  statePath: string;
  rows: SwipRowReport[];
  counts: Record<SwipOutcome, number>;
}

async function reassignRow(
  arin: ArinClient,
  row: SwipRow,
  parent: string,
  state: SwipState,
): Promise<SwipRowReport> {
  const base = { line: row.line, customerName: row.customerName, block: row.block };
  let customerHandle = state.get(row.block)?.customerHandle;
  try {
    if (!customerHandle) {
      const customer = await arin.net.createRecipientCustomer(parent, {
        customerName: row.customerName,
        streetAddress: row.street,
        city: row.city,
        ...(row.stateProvince ? { stateProvince: row.stateProvince } : {}),
        ...(row.postalCode ? { postalCode: row.postalCode } : {}),
        country: { code2: row.country },
      });
      customerHandle = customer.handle;
      if (!customerHandle) throw new Error('ARIN created the customer but returned no handle');
      state.record(row.block, { outcome: 'customer-created', customerHandle }, true);
    }
    const result = await arin.net.reassign(parent, {
      version: row.version,
      netName: row.netName,
      customerHandle,
      parentNetHandle: parent,
      netBlocks: [{ startAddress: row.startAddress, cidrLength: String(row.cidrLength) }],
    });
    if (result.kind === 'net') {
      const netHandle = result.net.handle ?? '';
      state.record(row.block, { outcome: 'reassigned', customerHandle, netHandle }, true);
      return { ...base, outcome: 'reassigned', detail: netHandle, customerHandle, netHandle };
    }
    const ticketNo = result.ticket.ticketNo ?? '';
    state.record(row.block, { outcome: 'ticketed', customerHandle, ticketNo }, true);
    return {
      ...base,
      outcome: 'ticketed',
      detail: `ticket ${ticketNo} (${result.ticket.webTicketStatus ?? 'pending'})`,
      customerHandle,
      ticketNo,
    };
  } catch (err) {
    const { text, code } = describeError(err);
    state.record(
      row.block,
      { outcome: 'failed', ...(customerHandle ? { customerHandle } : {}), error: text },
      true,
    );
    return {
      ...base,
      outcome: 'failed',
      detail: text,
      ...(customerHandle ? { customerHandle } : {}),
      ...(code ? { errorCode: code } : {}),
    };
  }
}

/** Runs `items` through `worker` with at most `limit` in flight, keeping results in input order. */
async function pool<T, R>(items: readonly T[], limit: number, worker: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await worker(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * Bulk simple reassignments: for each CSV row, create the customer under the parent net and
 * reassign the block to it. Re-running with the same state file skips what is already done.
 */
export async function runSwip(
  arin: ArinClient | undefined,
  options: SwipOptions,
  io: Io,
): Promise<SwipReport> {
  let text: string;
  try {
    text = readFileSync(options.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${options.file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`,
    );
  }
  const { rows, invalid } = parseSwipCsv(text);
  const statePath = options.statePath ?? `${options.file}.swip-state.json`;
  const state = SwipState.open(statePath, options.parentNetHandle);

  const reports: SwipRowReport[] = invalid.map((r) => ({
    line: r.line,
    customerName: r.raw.customerName ?? '',
    block: r.raw.block ?? '',
    outcome: 'invalid',
    detail: r.errors.join('; '),
  }));
  const todo: SwipRow[] = [];
  for (const row of rows) {
    const previous = state.get(row.block);
    if (state.isDone(row.block)) {
      reports.push({
        line: row.line,
        customerName: row.customerName,
        block: row.block,
        outcome: 'skipped',
        detail: `already ${previous!.outcome}${previous!.netHandle ? ` as ${previous!.netHandle}` : ''}${previous!.ticketNo ? ` (ticket ${previous!.ticketNo})` : ''}`,
        ...(previous!.customerHandle ? { customerHandle: previous!.customerHandle } : {}),
      });
    } else if (options.dryRun) {
      reports.push({
        line: row.line,
        customerName: row.customerName,
        block: row.block,
        outcome: 'planned',
        detail: previous?.customerHandle
          ? `reassign to existing customer ${previous.customerHandle} as ${row.netName}`
          : `create customer, reassign as ${row.netName}`,
      });
    } else {
      todo.push(row);
    }
  }

  if (todo.length > 0) {
    if (!arin) throw new Error('An ARIN client is required to run reassignments.');
    const progress = createProgress(io, todo.length, options.progress);
    const done = await pool(todo, Math.max(1, options.concurrency), async (row) => {
      const report = await reassignRow(arin, row, options.parentNetHandle, state);
      progress.tick(`${row.block} ${report.outcome}`);
      return report;
    });
    progress.stop();
    reports.push(...done);
  }

  reports.sort((a, b) => a.line - b.line);
  const counts: Record<SwipOutcome, number> = {
    reassigned: 0,
    ticketed: 0,
    failed: 0,
    invalid: 0,
    skipped: 0,
    planned: 0,
  };
  for (const r of reports) counts[r.outcome]++;
  return {
    parentNetHandle: options.parentNetHandle,
    dryRun: options.dryRun,
    statePath,
    rows: reports,
    counts,
  };
}
