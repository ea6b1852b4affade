import type { ArinClient } from '@regkit/arin-client';
import { AbortedError } from '@regkit/core';
import { describeError } from '../describeError.js';
import { SharedBackoff } from './backoff.js';
import type { Journal } from './journal.js';
import type { PlanRow, SwipPlan } from './plan.js';
import { JournalWriteError } from './journal.js';
import { netsWithin } from './registered.js';
import { ensureCustomer, HeldRow, journaled, StepFailure, type StepContext } from './steps.js';

export type RowOutcome = 'reassigned' | 'ticketed' | 'done' | 'failed' | 'held' | 'blocked' | 'not-run';

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

/** Another registration on the block (made since the plan, by another run or person), or undefined. */
async function takenBy(ctx: StepContext, row: PlanRow): Promise<string | undefined> {
  const b = row.block!;
  const inside = await netsWithin(ctx.arin, b.startAddress, b.endAddress, ctx.signal);
  const net = inside.find((n) => n.handle !== ctx.parent);
  if (net) return net.handle ?? '?';
  const around = await ctx.arin.net.mostSpecific(b.startAddress, b.endAddress, { signal: ctx.signal });
  return around.handle && around.handle !== ctx.parent ? around.handle : undefined;
}

const isOverlap = (err: unknown) => err instanceof StepFailure && /overlap/i.test(err.message);

async function applyRow(ctx: StepContext, row: PlanRow, shared: ReadonlySet<string>): Promise<RowResult> {
  const base = { line: row.line, block: row.block!.block, customerName: row.customerName };
  const b = row.block!;
  let customer: string | undefined;
  let created = false;
  try {
    if (row.action === 'adopt') {
      // registered earlier by this journal's customer, its record lost: recorded, nothing sent
      const id = await ctx.journal.intent({
        op: 'reassign',
        block: b.block,
        customer: row.adoptCustomer!,
        netName: row.netName,
        line: row.line,
        at: Date.now(),
      });
      ctx.journal.outcome(id, { ok: true, net: row.doneAs!, reconciled: true });
      return { ...base, outcome: 'done', detail: `${row.doneAs} (found at ARIN)`, netHandle: row.doneAs! };
    }
    customer = await ensureCustomer(ctx, row, async () => {
      // checked again right before the customer is made: another run may have taken the block since the plan
      const other = await takenBy(ctx, row);
      if (other)
        throw new StepFailure(`block ${b.block} was registered as ${other} since the plan; nothing was sent`);
      created = true;
    });
    const done = ctx.journal.state.blocks.get(b.block);
    if (done)
      return { ...base, outcome: 'done', detail: done.net ?? done.ticket ?? '', customerHandle: customer };
    const held = ctx.journal.state.held.get(b.block);
    if (held) return { ...base, outcome: 'held', detail: held, customerHandle: customer };
    let rec;
    try {
      ({ outcome: rec } = await journaled(
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
      ));
    } catch (err) {
      // the block went to another registration after this row's customer was made: the customer
      // would hold nothing, so it is deleted (journaled) unless another row of the file needs it
      if (created && isOverlap(err) && !shared.has(row.customerKey)) {
        await removeCustomer(ctx, customer);
        throw new StepFailure(`${(err as Error).message}; the customer ${customer} made for it was deleted`);
      }
      throw err;
    }
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
    if (err instanceof JournalWriteError) throw err;
    const withCustomer = customer ? { customerHandle: customer } : {};
    if (err instanceof AbortedError && ctx.signal.aborted)
      return {
        ...base,
        outcome: 'not-run',
        detail: 'interrupted in flight; the next run checks it at ARIN',
        ...withCustomer,
      };
    if (err instanceof HeldRow) return { ...base, outcome: 'held', detail: err.message, ...withCustomer };
    const text = err instanceof StepFailure ? err.message : describeError(err).text;
    return { ...base, outcome: 'failed', detail: text, ...withCustomer };
  }
}

async function removeCustomer(ctx: StepContext, handle: string): Promise<void> {
  await journaled(
    ctx,
    { op: 'deleteCustomer', customer: handle },
    () => ctx.arin.customer.delete(handle, { signal: ctx.signal }),
    () => ({ ok: true }),
  );
}

/** A row not run: blocked, already done, or (a row to reassign) left when interrupted. */
function skipped(row: PlanRow): RowResult {
  const base = { line: row.line, block: row.block?.block ?? row.blockText, customerName: row.customerName };
  if (row.action === 'blocked') return { ...base, outcome: 'blocked', detail: row.problems.join('; ') };
  if (row.action === 'done') return { ...base, outcome: 'done', detail: row.doneAs ?? '' };
  return { ...base, outcome: 'not-run', detail: row.skipReason ?? 'interrupted before it started' };
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
    held: 0,
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
  let fatal: unknown;
  const lane = async () => {
    while (!stopped() && fatal === undefined) {
      const row = await nextRow();
      if (!row) return;
      if ((row.action !== 'reassign' && row.action !== 'adopt') || stopped()) {
        skip(row);
        continue;
      }
      let result: RowResult;
      try {
        result = await applyRow(ctx, row, shared);
      } catch (err) {
        // the journal cannot be written: every worker stops before sending anything more
        fatal ??= err;
        const r: RowResult = {
          ...skipped(row),
          outcome: 'not-run',
          detail: 'not sent: the journal could not be written',
        };
        record(r);
        hooks.onSkip?.(r);
        return;
      }
      record(result);
      hooks.onRow?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  if (fatal !== undefined) throw fatal;
  for (let row = await nextRow(); row; row = await nextRow()) skip(row);
  if (unreadable) throw unreadable;
  listed.sort((a, b) => a.line - b.line);
  return { counts, listed, unlisted };
}
