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
  /** True once an interrupt asked to stop taking rows. */
  stopping(): boolean;
  /** Aborted by a second interrupt: in-flight requests are abandoned (the journal keeps them). */
  signal: AbortSignal;
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
    await journaled(
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
    const rec = ctx.journal.state.blocks.get(b.block)!;
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

/**
 * Runs the plan's rows with at most `concurrency` in flight, one shared backoff, the journal
 * recording every request. Rows not run (blocked, or left when interrupted) are reported too.
 */
export async function applyPlan(
  arin: ArinClient,
  plan: SwipPlan,
  journal: Journal,
  concurrency: number,
  hooks: ApplyHooks,
): Promise<RowResult[]> {
  const ctx: StepContext = {
    arin,
    parent: plan.parent,
    journal,
    backoff: new SharedBackoff(),
    signal: hooks.signal,
    seedCustomerNo: plan.seedCustomerNo,
  };
  const results = new Map<number, RowResult>();
  const todo: PlanRow[] = [];
  for (const row of plan.rows) {
    const base = { line: row.line, block: row.block?.block ?? row.blockText, customerName: row.customerName };
    if (row.action === 'blocked')
      results.set(row.line, { ...base, outcome: 'blocked', detail: row.problems.join('; ') });
    else if (row.action === 'done')
      results.set(row.line, { ...base, outcome: 'done', detail: row.doneAs ?? '' });
    else todo.push(row);
  }
  let next = 0;
  const lane = async () => {
    while (next < todo.length && !hooks.stopping() && !hooks.signal.aborted) {
      const row = todo[next++]!;
      const result = await applyRow(ctx, row);
      results.set(row.line, result);
      hooks.onRow?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, todo.length)) }, lane));
  for (const row of todo)
    if (!results.has(row.line))
      results.set(row.line, {
        line: row.line,
        block: row.block!.block,
        customerName: row.customerName,
        outcome: 'not-run',
        detail: 'interrupted before it started',
      });
  return [...results.values()].sort((a, b) => a.line - b.line);
}
