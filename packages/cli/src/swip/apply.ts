import type { ArinClient } from '@regkit/arin-client';
import { AbortedError, HttpStatusError } from '@regkit/core';
import { describeError } from '../describeError.js';
import { SharedBackoff } from './backoff.js';
import type { Journal } from './journal.js';
import type { PlanRow, SwipPlan } from './plan.js';
import { JournalWriteError, type DesiredAddress } from './journal.js';
import type { SyncNet } from './sync.js';
import { netsWithin } from './registered.js';
import { HeldRow, StepFailure, type StepContext } from './context.js';
import { registeredSincePlan } from './rules.js';
import { ensureCustomer, journaled } from './steps.js';

export type RowOutcome =
  'reassigned' | 'updated' | 'removed' | 'ticketed' | 'done' | 'failed' | 'held' | 'blocked' | 'not-run';

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

async function applyRow(
  ctx: StepContext,
  row: PlanRow,
  shared: ReadonlySet<string>,
  prune: boolean,
): Promise<RowResult> {
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
    if (row.action === 'update') return await applyUpdate(ctx, row, base);
    let replaced = '';
    if (row.action === 'replace') {
      if (!prune)
        return {
          ...base,
          outcome: 'not-run',
          detail: `registered as ${row.registered!.net} to ${row.registered!.customerName}; replacing it needs --prune`,
        };
      await removeNet(ctx, b.block, row.registered!.net);
      replaced = ` (replaced ${row.registered!.net})`;
    }
    customer = await ensureCustomer(ctx, row, async () => {
      // checked again right before the customer is made: another run may have taken the block since the plan
      const other = await takenBy(ctx, row);
      if (other) throw new StepFailure(registeredSincePlan(b.block, other));
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
    if (replaced && !row.registered!.holdsOther && row.registered!.customer !== customer)
      await removeCustomer(ctx, row.registered!.customer).catch(() => undefined);
    return rec.net
      ? {
          ...base,
          outcome: 'reassigned',
          detail: `${rec.net}${replaced}`,
          customerHandle: customer,
          netHandle: rec.net,
        }
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

const SENT = new Set<PlanRow['action']>(['reassign', 'adopt', 'update', 'replace']);

/** `--sync` update: the customer's address (A16) and the net's name (A19), each read first and journaled. */
async function applyUpdate(
  ctx: StepContext,
  row: PlanRow,
  base: { line: number; block: string; customerName: string },
): Promise<RowResult> {
  const reg = row.registered!;
  const signal = { signal: ctx.signal };
  if (reg.changes.length) {
    const current = await ctx.arin.customer.get(reg.customer, signal);
    const address: DesiredAddress = {
      street: row.street,
      city: row.city,
      ...(row.stateProvince ? { stateProvince: row.stateProvince } : {}),
      ...(row.postalCode ? { postalCode: row.postalCode } : {}),
      country: row.country,
    };
    const { stateProvince: _s, postalCode: _p, ...rest } = current;
    await journaled(
      ctx,
      { op: 'customerModify', customer: reg.customer, address },
      () =>
        ctx.arin.customer.update(
          reg.customer,
          {
            ...rest,
            streetAddress: address.street,
            city: address.city,
            ...(address.stateProvince ? { stateProvince: address.stateProvince } : {}),
            ...(address.postalCode ? { postalCode: address.postalCode } : {}),
            country: { code2: address.country },
          },
          signal,
        ),
      () => ({ ok: true }),
    );
  }
  if (reg.netName !== undefined) {
    const net = await ctx.arin.net.get(reg.net, signal);
    await journaled(
      ctx,
      { op: 'netModify', net: reg.net, netName: row.netName },
      () => ctx.arin.net.update(reg.net, { ...net, netName: row.netName }, signal),
      () => ({ ok: true }),
    );
  }
  await recordAsOurs(ctx, row, reg.net, reg.customer);
  const what = [
    ...reg.changes,
    ...(reg.netName !== undefined ? [`net name ${reg.netName} → ${row.netName}`] : []),
  ];
  return {
    ...base,
    outcome: 'updated',
    detail: `${reg.net}: ${what.join(', ')}`,
    customerHandle: reg.customer,
    netHandle: reg.net,
  };
}

/** Records a registration this journal did not make (adopted or updated), so destroy and later runs know it. */
async function recordAsOurs(ctx: StepContext, row: PlanRow, net: string, customer: string): Promise<void> {
  if (ctx.journal.state.blocks.has(row.block!.block)) return;
  const id = await ctx.journal.intent({
    op: 'reassign',
    block: row.block!.block,
    customer,
    netName: row.netName,
    line: row.line,
    at: Date.now(),
  });
  ctx.journal.outcome(id, { ok: true, net, reconciled: true });
}

/** Removes a net (A41), journaled; one already gone counts as removed. */
export async function removeNet(
  ctx: StepContext,
  block: string,
  handle: string,
): Promise<'removed' | 'gone' | string> {
  let net;
  try {
    net = await ctx.arin.net.get(handle, { signal: ctx.signal });
  } catch (err) {
    if (!(err instanceof HttpStatusError && err.status === 404)) throw err;
    return 'gone';
  }
  const done = await journaled(
    ctx,
    { op: 'remove', block, net: handle },
    () => ctx.arin.net.remove(handle, net, { signal: ctx.signal }),
    (r) =>
      r.kind === 'ticket'
        ? { ok: false, ticket: r.ticket.ticketNo ?? '', error: 'became a ticket' }
        : { ok: true },
  );
  if (done.value?.kind === 'ticket')
    throw new StepFailure(
      `ARIN answered the removal of ${handle} with ticket ${done.value.ticket.ticketNo ?? ''}`,
    );
  return 'removed';
}

/** `--sync --prune`: removes the nets the file no longer lists, and their customers when they hold nothing else. */
export async function applyRemovals(
  ctx: StepContext,
  removals: SyncNet[],
  hooks: Pick<ApplyHooks, 'onRow' | 'stopping'>,
): Promise<RowResult[]> {
  const results: RowResult[] = [];
  for (const r of removals) {
    if (hooks.stopping() || ctx.signal.aborted) break;
    const base = { line: 0, block: r.block, customerName: r.customerName ?? '' };
    let result: RowResult;
    try {
      const how = await removeNet(ctx, r.block, r.handle);
      let detail = how === 'gone' ? `${r.handle} was already gone` : `${r.handle} removed`;
      if (r.customer && /is deleted with it/.test(r.reason)) {
        await removeCustomer(ctx, r.customer);
        detail += `; customer ${r.customer} deleted`;
      }
      result = { ...base, outcome: 'removed', detail, netHandle: r.handle };
    } catch (err) {
      if (err instanceof JournalWriteError) throw err;
      result = {
        ...base,
        outcome: 'failed',
        detail: err instanceof StepFailure ? err.message : describeError(err).text,
      };
    }
    results.push(result);
    hooks.onRow?.(result);
  }
  return results;
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
    updated: 0,
    removed: 0,
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
      if (!SENT.has(row.action) || stopped()) {
        skip(row);
        continue;
      }
      let result: RowResult;
      try {
        result = await applyRow(ctx, row, shared, plan.header.sync?.prune === true);
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
  const sync = plan.header.sync;
  if (sync?.prune && sync.removals.length && !stopped())
    for (const r of await applyRemovals(ctx, sync.removals, hooks)) record(r);
  for (let row = await nextRow(); row; row = await nextRow()) skip(row);
  if (unreadable) throw unreadable;
  listed.sort((a, b) => a.line - b.line);
  return { counts, listed, unlisted };
}
