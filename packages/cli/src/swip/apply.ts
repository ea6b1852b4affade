import type { ArinClient } from '@regkit/arin-client';
import { AbortedError } from '@regkit/core';
import { describeError } from '../describeError.js';
import { SharedBackoff } from './backoff.js';
import type { Journal } from './journal.js';
import type { PlanRow, SwipPlan } from './plan.js';
import { ensureCustomer, journaled, StepFailure, type StepContext } from './steps.js';

export type RowOutcome = 'reassigned' | 'ticketed' | 'done' | 'failed' | 'blocked' | 'not-run';

export interface RowResult {
  line: number;
  block: string;
  customerName: string;
  outcome: RowOutcome;
  detail: string;
  customerHandle?: string;
  netHandle?: string;
  ticketNo?: string;
}

export interface ApplyHooks {
  /** Called after each row that ran, for progress and events. */
  onRow?(result: RowResult): void;
  /** Called for each row not run (blocked, already done, or left when interrupted). */
  onSkip?(result: RowResult): void;
  /** True once an interrupt asked to stop taking rows. */
  stopping(): boolean;
  /** Aborted by a second interrupt: in-flight requests are abandoned (the journal keeps them). */
  signal: AbortSignal;
}

/** Rows of each outcome kept for the closing table; the rest are counted (the journal has them all). */
export const LISTED_PER_OUTCOME = 1000;

/** What a run did: counts of every outcome and the rows the closing table lists. */
export interface ApplySummary {
  counts: Record<RowOutcome, number>;
  /** Every row but those already done, in file order, at most `LISTED_PER_OUTCOME` of each outcome. */
  listed: RowResult[];
  /** Rows counted but not listed. */
  unlisted: number;
}

async function applyRow(ctx: StepContext, row: PlanRow): Promise<RowResult> {
  const base = { line: row.line, block: row.block!.block, customerName: row.customerName };
  let customer: string | undefined;
  try {
    customer = await ensureCustomer(ctx, row);
    const done = ctx.journal.state.blocks.get(row.block!.block);
    if (done)
      return { ...base, outcome: 'done', detail: done.net ?? done.ticket ?? '', customerHandle: customer };
    const b = row.block!;
    const held = ctx.journal.state.held.get(b.block);
    if (held) return { ...base, outcome: 'failed', detail: held, customerHandle: customer };
    const { outcome: rec } = await journaled(
      ctx,
      { op: 'reassign', block: b.block, customer, netName: row.netName, line: row.line, at: Date.now() },
      () =>
        ctx.arin.net.reassign(
          ctx.parent,
          {
            version: b.version,
            netName: row.netName,
            customerHandle: customer!,
            parentNetHandle: ctx.parent,
            netBlocks: [{ startAddress: b.startAddress, cidrLength: b.cidrLength }],
          },
          { signal: ctx.signal },
        ),
      (result) =>
        result.kind === 'net'
          ? { ok: true, net: result.net.handle ?? '' }
          : { ok: true, ticket: result.ticket.ticketNo ?? '' },
    );
    return rec.net
      ? { ...base, outcome: 'reassigned', detail: rec.net, customerHandle: customer, netHandle: rec.net }
      : {
          ...base,
          outcome: 'ticketed',
          detail: `ticket ${rec.ticket}`,
          customerHandle: customer,
          ticketNo: rec.ticket ?? '',
        };
  } catch (err) {
    if (err instanceof AbortedError && ctx.signal.aborted)
      return {
        ...base,
        outcome: 'not-run',
        detail: 'interrupted in flight; the next run checks it at ARIN',
        ...(customer ? { customerHandle: customer } : {}),
      };
    const text = err instanceof StepFailure ? err.message : describeError(err).text;
    return { ...base, outcome: 'failed', detail: text, ...(customer ? { customerHandle: customer } : {}) };
  }
}

/** A row not run: blocked, already done, or (a row to reassign) left when interrupted. */
function skipped(row: PlanRow): RowResult {
  const base = { line: row.line, block: row.block?.block ?? row.blockText, customerName: row.customerName };
  if (row.action === 'blocked') return { ...base, outcome: 'blocked', detail: row.problems.join('; ') };
  if (row.action === 'done') return { ...base, outcome: 'done', detail: row.doneAs ?? '' };
  return { ...base, outcome: 'not-run', detail: 'interrupted before it started' };
}

/**
 * Runs the plan's rows with at most `concurrency` in flight, one shared backoff, the journal
 * recording every request. Rows are taken from the plan one at a time as workers free up, so
 * memory does not grow with the number of rows. Rows not run are reported too.
 */
export async function applyPlan(
  arin: ArinClient,
  plan: SwipPlan,
  journal: Journal,
  concurrency: number,
  hooks: ApplyHooks,
): Promise<ApplySummary> {
  const ctx: StepContext = {
    arin,
    parent: plan.header.parent,
    journal,
    backoff: new SharedBackoff(),
    signal: hooks.signal,
    seedCustomerNo: plan.header.seedCustomerNo,
  };
  const shared = new Set(plan.header.sharedKeys);
  journal.state.retain = { customer: (key) => shared.has(key), blocks: false };
  const counts: Record<RowOutcome, number> = {
    reassigned: 0,
    ticketed: 0,
    done: 0,
    failed: 0,
    blocked: 0,
    'not-run': 0,
  };
  const listed: RowResult[] = [];
  let unlisted = 0;
  const record = (r: RowResult) => {
    counts[r.outcome]++;
    if (r.outcome === 'done') return;
    if (counts[r.outcome] <= LISTED_PER_OUTCOME) listed.push(r);
    else unlisted++;
  };
  const rows = plan.rows()[Symbol.asyncIterator]();
  let exhausted = false;
  let unreadable: unknown;
  /** The next row; a plan that cannot be read further stops every worker, and the run ends with why. */
  const nextRow = async (): Promise<PlanRow | undefined> => {
    if (exhausted) return undefined;
    try {
      const next = await rows.next();
      if (next.done) exhausted = true;
      return next.done ? undefined : next.value;
    } catch (err) {
      exhausted = true;
      unreadable ??= err;
      return undefined;
    }
  };
  const stopped = () => hooks.stopping() || hooks.signal.aborted;
  const skip = (row: PlanRow) => {
    const r = skipped(row);
    record(r);
    hooks.onSkip?.(r);
  };
  const lane = async () => {
    while (!stopped()) {
      const row = await nextRow();
      if (!row) return;
      if (row.action !== 'reassign' || stopped()) {
        skip(row);
        continue;
      }
      const result = await applyRow(ctx, row);
      record(result);
      hooks.onRow?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  for (let row = await nextRow(); row; row = await nextRow()) skip(row);
  if (unreadable) throw unreadable;
  listed.sort((a, b) => a.line - b.line);
  return { counts, listed, unlisted };
}
