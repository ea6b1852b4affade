import type { ArinClient, Net } from '@regkit/arin-client';
import type { SwipRow } from '../swipCsv.js';
import { rangeOf } from './address.js';
import { netsWithin } from './registered.js';
import { customerNumber, type JournalState } from './journal.js';

export const PLAN_FORMAT = 'regkit-swip-plan/1';

export type PlanAction = 'reassign' | 'done' | 'blocked';

export interface PlanRow extends SwipRow {
  action: PlanAction;
  /** `create`, `reuse Cxxx` (made by this journal), or `reuse line N` (created for an earlier row). */
  customerAction: string;
  /** For done rows: the net or ticket this journal recorded. */
  doneAs?: string;
}

export interface SwipPlan {
  format: typeof PLAN_FORMAT;
  parent: string;
  journal: string;
  /** The journal as it was when planned; apply refuses when it has changed since. */
  fingerprint: string;
  /** Requests an interrupted run left unresolved; apply checks them at ARIN first. */
  unresolved: number;
  /** The highest customer number seen under the parent (where to look for a lost customer). */
  seedCustomerNo: number;
  rows: PlanRow[];
}

interface Interval {
  start: bigint;
  end: bigint;
  version: 4 | 6;
  label: string;
}

const rangesOf = (net: Net): Interval[] =>
  (net.netBlocks ?? []).flatMap((b) => {
    if (!b.startAddress || !b.endAddress) return [];
    const r = rangeOf(b.startAddress, b.endAddress);
    return [{ ...r, label: `${net.handle ?? '?'} (${b.startAddress}–${b.endAddress})` }];
  });

const byStart = (a: { start: bigint }, b: { start: bigint }) =>
  a.start < b.start ? -1 : a.start > b.start ? 1 : 0;

/** Sorted intervals with the running maximum end, for "does anything overlap [s, e]" in O(log n). */
class OverlapIndex {
  readonly #items: Interval[];
  readonly #maxAt: number[] = [];

  constructor(items: Interval[]) {
    this.#items = [...items].sort(byStart);
    this.#items.forEach((it, i) => {
      const prev = i > 0 ? this.#maxAt[i - 1]! : -1;
      this.#maxAt.push(prev >= 0 && this.#items[prev]!.end >= it.end ? prev : i);
    });
  }

  find(start: bigint, end: bigint): Interval | undefined {
    let lo = 0;
    let hi = this.#items.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.#items[mid]!.start <= end) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (last < 0) return undefined;
    const best = this.#items[this.#maxAt[last]!]!;
    return best.end >= start ? best : undefined;
  }
}

/**
 * Checks every row against the parent net (fetched once: a wrong handle or key stops the plan),
 * the other rows, what is registered under the parent, and the journal; decides the customers.
 */
export async function buildPlan(
  arin: ArinClient,
  rows: SwipRow[],
  parent: string,
  state: JournalState,
  journal: { path: string; fingerprint: string },
): Promise<SwipPlan> {
  const parentNet = await arin.net.get(parent);
  const parentRanges = rangesOf(parentNet);
  const registered: Interval[] = [];
  let seedCustomerNo = 0;
  for (const range of parentNet.netBlocks ?? []) {
    if (!range.startAddress || !range.endAddress) continue;
    for (const net of await netsWithin(arin, range.startAddress, range.endAddress)) {
      if (net.customerHandle) seedCustomerNo = Math.max(seedCustomerNo, customerNumber(net.customerHandle));
      if (net.handle !== parent) registered.push(...rangesOf(net));
    }
  }
  const index = new OverlapIndex(registered);
  const planned: PlanRow[] = rows.map((row) => ({
    ...row,
    problems: [...row.problems],
    action: 'reassign',
    customerAction: '',
  }));

  // rows against each other: sorted by start, each compared with the furthest-reaching before it
  const withBlocks = planned.filter((r) => r.block).sort((a, b) => byStart(a.block!, b.block!));
  let reach: PlanRow | undefined;
  for (const row of withBlocks) {
    const b = row.block!;
    if (reach && reach.block!.version === b.version && reach.block!.end >= b.start) {
      row.problems.push(`block ${b.block} overlaps ${reach.block!.block} on line ${reach.line}`);
      reach.problems.push(`block ${reach.block!.block} overlaps ${b.block} on line ${row.line}`);
    }
    if (!reach || reach.block!.version !== b.version || b.end > reach.block!.end) reach = row;
  }

  const unresolvedBlocks = new Set(
    [...state.pending.values()].flatMap((i) => (i.op === 'reassign' ? [i.block] : [])),
  );
  const firstLineOf = new Map<string, number>();
  for (const row of planned) {
    const b = row.block;
    const done = b && state.blocks.get(b.block);
    if (done) {
      row.action = 'done';
      row.doneAs = done.net ?? `ticket ${done.ticket ?? ''}`;
      row.customerAction = `reuse ${done.customer}`;
      continue;
    }
    if (b) {
      const inside = parentRanges.some(
        (p) => p.version === b.version && p.start <= b.start && b.end <= p.end,
      );
      if (!inside)
        row.problems.push(
          parentRanges.some((p) => p.version === b.version)
            ? `block ${b.block} is outside the parent ${parent}`
            : `block ${b.block} is IPv${b.version}; the parent ${parent} is not`,
        );
      const clash = index.find(b.start, b.end);
      if (inside && clash && clash.version === b.version && !unresolvedBlocks.has(b.block))
        row.problems.push(`block ${b.block} overlaps ${clash.label}, already registered`);
    }
    if (row.problems.length > 0) row.action = 'blocked';
    const made = state.customers.get(row.customerKey);
    if (made) row.customerAction = `reuse ${made}`;
    else if (firstLineOf.has(row.customerKey))
      row.customerAction = `reuse line ${firstLineOf.get(row.customerKey)}`;
    else {
      row.customerAction = 'create';
      if (row.action === 'reassign') firstLineOf.set(row.customerKey, row.line);
    }
  }
  return {
    format: 'regkit-swip-plan/1',
    parent,
    journal: journal.path,
    fingerprint: journal.fingerprint,
    unresolved: state.pending.size,
    seedCustomerNo,
    rows: planned,
  };
}
