import type { ArinClient, Net } from '@regkit/arin-client';
import type { SwipCsv, SwipRow } from './csv.js';
import { parseStrictBlock, rangeOf } from './address.js';
import { netsWithin } from './registered.js';
import { addressChanges, sameName } from './rules.js';
import { readRegistered, type RegisteredNet, type SyncSection } from './sync.js';
import { customerNumber, type JournalState } from './journal.js';

export const PLAN_FORMAT = 'regkit-swip-plan/3';

/**
 * `adopt`: the block is registered already, to a customer this journal made, but the journal lost
 * its record (a torn line, an answer lost before the outcome was written): apply records it, sends nothing.
 */
export type PlanAction = 'reassign' | 'done' | 'blocked' | 'adopt' | 'update' | 'replace';
const ACTIONS: readonly PlanAction[] = ['reassign', 'done', 'blocked', 'adopt', 'update', 'replace'];
const [REASSIGN, DONE, BLOCKED, ADOPT, UPDATE, REPLACE] = [0, 1, 2, 3, 4, 5] as const;

export interface PlanRow extends SwipRow {
  action: PlanAction;
  /** `create`, `reuse Cxxx` (made by this journal), or `reuse line N` (created for an earlier row). */
  customerAction: string;
  /** For done rows: the net or ticket this journal recorded; for adopted rows, the net found. */
  doneAs?: string;
  /** For adopted rows: the customer (made by this journal) the net is reassigned to. */
  adoptCustomer?: string;
  /** Why apply does not run a row the saved plan and the CSV disagree on. */
  skipReason?: string;
  /** `--sync`: a customer at ARIN with the row's identity, used instead of creating one. */
  reuseCustomer?: string;
  /** `--sync` update or replace: the registered net, its customer, and what changes. */
  registered?: {
    net: string;
    customer: string;
    customerName: string;
    /** Address fields of the customer that differ (update). */
    changes: string[];
    /** The net name ARIN holds, when the row's differs (update). */
    netName?: string;
    /** Whether the customer holds another net under the parent (replace keeps it then). */
    holdsOther: boolean;
  };
}

export interface PlanCounts {
  rows: number;
  reassign: number;
  createCustomers: number;
  done: number;
  blocked: number;
  adopt: number;
  update: number;
  replace: number;
}

/** What a plan is bound to: apply refuses a plan whose CSV changed, and re-derives every row from it. */
export interface PlanBinding {
  /** The journal, relative to the plan file's folder. */
  journal: string;
  /** The CSV, relative to the plan file's folder (absent when it came from standard input). */
  csv?: string;
  /** SHA-256 of the CSV's bytes as read. */
  csvSha256: string;
  /** The `--encoding` the CSV was read with. */
  encoding?: string;
}

/** The first line of a plan file: everything but the rows, which follow one per line. */
export interface PlanHeader extends PlanBinding {
  format: typeof PLAN_FORMAT;
  parent: string;
  /** Requests an interrupted run left unresolved; apply checks them at ARIN first. */
  unresolved: number;
  /** The highest customer number seen under the parent (where a search for a lost customer starts). */
  seedCustomerNo: number;
  counts: PlanCounts;
  /** Customer keys that more than one row to reassign shares: their customer is created once. */
  sharedKeys: string[];
  /** `--sync`: the nets the file no longer lists (removed with `--prune`) and those left alone. */
  sync?: SyncSection;
}

/** A plan: its header and its rows, read afresh (in file order) each time they are asked for. */
export interface SwipPlan {
  header: PlanHeader;
  rows(): AsyncIterable<PlanRow>;
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
 * Each row's block as 9 numbers: the IP version (0 without a block), then start and end as four
 * 32-bit words each, most significant first. Compact and comparable without allocating.
 */
const SPAN = 9;
function pushSpan(out: number[], row: SwipRow): void {
  const b = row.block;
  out.push(b?.version ?? 0);
  for (const v of [b?.start ?? 0n, b?.end ?? 0n])
    for (let shift = 96n; shift >= 0n; shift -= 32n) out.push(Number((v >> shift) & 0xffffffffn));
}
/** Compares the words at `a` and `b` of `spans` (1: start, 5: end) over four words. */
function compareWords(spans: Float64Array, a: number, b: number): number {
  for (let k = 0; k < 4; k++) {
    const d = spans[a + k]! - spans[b + k]!;
    if (d !== 0) return d;
  }
  return 0;
}
const startOf = (i: number) => i * SPAN + 1;
const endOf = (i: number) => i * SPAN + 5;

/** The 96-bit customer key as two exact 48-bit numbers (it is 24 hex digits). */
const keyParts = (key: string): [number, number] => [
  parseInt(key.slice(0, 12), 16),
  parseInt(key.slice(12, 24), 16),
];

/**
 * Checks every row against the parent net (fetched once: a wrong handle or key stops the plan),
 * the other rows, what is registered under the parent, and the journal; decides the customers.
 * It keeps a few numbers per row; rows are parsed again from the CSV when the plan is read.
 */
export async function buildPlan(
  arin: ArinClient,
  csv: SwipCsv,
  parent: string,
  state: JournalState,
  binding: PlanBinding,
  options: { sync?: { prune: boolean } } = {},
): Promise<SwipPlan> {
  const parentNet = await arin.net.get(parent);
  const parentRanges = rangesOf(parentNet);
  const registered: Interval[] = [];
  /** Blocks registered to customers this journal made: `block` → net and customer. */
  const ours = new Map<string, { net: string; customer: string }>();
  let seedCustomerNo = 0;
  const sync = options.sync ? await syncView(arin, parentNet) : undefined;
  const nets = sync ? sync.nets : await registeredUnder(arin, parentNet);
  {
    for (const net of nets) {
      if (net.customerHandle) seedCustomerNo = Math.max(seedCustomerNo, customerNumber(net.customerHandle));
      if (net.handle === parent) continue;
      registered.push(...rangesOf(net));
      if (net.handle && net.customerHandle && state.customerKeys.has(net.customerHandle))
        for (const b of net.netBlocks ?? []) {
          const block = parseStrictBlock(`${b.startAddress ?? ''}/${b.cidrLength ?? ''}`);
          if (typeof block !== 'string')
            ours.set(block.block, { net: net.handle, customer: net.customerHandle });
        }
    }
  }
  const index = new OverlapIndex(registered);
  const unresolvedBlocks = new Set(
    [...state.pending.values()].flatMap((i) => (i.op === 'reassign' ? [i.block] : [])),
  );

  const n = csv.count;
  const action = new Uint8Array(n);
  const made = new Uint8Array(n);
  const keys = new Float64Array(2 * n);
  const spanList: number[] = [];
  const extra = new Map<number, string[]>();
  /** Per row: the registered net an adopted row records, or the one an update or replace changes. */
  const matchedAt = new Map<number, RegisteredNet>();
  const reuseAt = new Map<number, string>();
  const matchedNets = new Set<string>();
  const addProblem = (i: number, text: string) => {
    const list = extra.get(i);
    if (list) list.push(text);
    else extra.set(i, [text]);
  };
  for (let i = 0; i < n; i++) {
    const row = csv.row(i);
    pushSpan(spanList, row);
    [keys[2 * i], keys[2 * i + 1]] = keyParts(row.customerKey);
    const b = row.block;
    const reg = sync && b && row.problems.length === 0 ? sync.simpleByBlock.get(b.block) : undefined;
    if (reg?.customer) {
      // --sync: ARIN's registration of exactly this block decides, whatever the journal says
      matchedNets.add(reg.handle);
      matchedAt.set(i, reg);
      const sameCustomer = reg.customer.key === row.customerKey;
      if (sameCustomer && reg.netName === row.netName) action[i] = state.blocks.has(b!.block) ? DONE : ADOPT;
      else action[i] = sameCustomer || sameName(reg.customer.name, row.customerName) ? UPDATE : REPLACE;
      continue;
    }
    if (b && state.blocks.has(b.block)) {
      action[i] = 1;
      continue;
    }
    const own = b && ours.get(b.block);
    if (own && row.problems.length === 0 && state.customers.get(row.customerKey) === own.customer) {
      action[i] = 3;
      continue;
    }
    if (state.customers.has(row.customerKey)) made[i] = 1;
    if (row.problems.length > 0) action[i] = 2;
    if (!b) continue;
    const inside = parentRanges.some((p) => p.version === b.version && p.start <= b.start && b.end <= p.end);
    if (!inside)
      addProblem(
        i,
        parentRanges.some((p) => p.version === b.version)
          ? `block ${b.block} is outside the parent ${parent}`
          : `block ${b.block} is IPv${b.version}; the parent ${parent} is not`,
      );
    const clash = index.find(b.start, b.end);
    if (inside && clash && clash.version === b.version && !unresolvedBlocks.has(b.block))
      addProblem(i, `block ${b.block} overlaps ${clash.label}, already registered`);
  }
  const spans = Float64Array.from(spanList);
  spanList.length = 0;

  // rows against each other: sorted by start, each compared with the furthest-reaching before it
  const withBlocks = Uint32Array.from({ length: n }, (_, i) => i)
    .filter((i) => spans[i * SPAN]! > 0)
    .sort((a, b) => spans[a * SPAN]! - spans[b * SPAN]! || compareWords(spans, startOf(a), startOf(b)));
  let reach = -1;
  for (const i of withBlocks) {
    const sameFamily = reach >= 0 && spans[reach * SPAN] === spans[i * SPAN];
    if (sameFamily && compareWords(spans, endOf(reach), startOf(i)) >= 0) {
      const [mine, theirs] = [csv.row(i), csv.row(reach)];
      // an exact repeat of an earlier row is one mistake, said once, on the repeat
      const twin = csv.duplicateOf(Math.max(i, reach));
      if (twin !== undefined && twin === Math.min(mine.line, theirs.line))
        addProblem(mine.line > theirs.line ? i : reach, `duplicate of line ${twin}`);
      else {
        addProblem(i, `block ${mine.block!.block} overlaps ${theirs.block!.block} on line ${theirs.line}`);
        addProblem(reach, `block ${theirs.block!.block} overlaps ${mine.block!.block} on line ${mine.line}`);
      }
    }
    if (!sameFamily || compareWords(spans, endOf(i), endOf(reach)) > 0) reach = i;
  }
  for (const i of extra.keys()) if (action[i] === REASSIGN) action[i] = BLOCKED;

  // customers: the first row to reassign for an identity creates it, later ones reuse it
  const reuseLine = new Uint32Array(n);
  const sharedKeys: string[] = [];
  const byKey = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => keys[2 * a]! - keys[2 * b]! || keys[2 * a + 1]! - keys[2 * b + 1]! || a - b,
  );
  for (let k = 0; k < n;) {
    let end = k;
    while (
      end < n &&
      keys[2 * byKey[end]!] === keys[2 * byKey[k]!] &&
      keys[2 * byKey[end]! + 1] === keys[2 * byKey[k]! + 1]
    )
      end++;
    let first = 0;
    let creators = 0;
    for (let g = k; g < end; g++) {
      const i = byKey[g]!;
      if (action[i] === DONE || action[i] === ADOPT || action[i] === UPDATE || made[i]) continue;
      if (action[i] === REASSIGN || action[i] === REPLACE) {
        // --sync: a customer already at ARIN with the row's identity is used, never a second one
        const atArin = sync?.customersByKey.get(csv.row(i).customerKey);
        if (atArin && atArin.size > 1) {
          addProblem(
            i,
            `the customer matches ${atArin.size} customers at ARIN (${[...atArin].sort().join(', ')}); ambiguous, so nothing is sent`,
          );
          action[i] = BLOCKED;
          continue;
        }
        if (atArin?.size === 1) {
          reuseAt.set(i, [...atArin][0]!);
          continue;
        }
      }
      if (first) reuseLine[i] = first;
      else if (action[i] === REASSIGN || action[i] === REPLACE) first = csv.lineOf(i);
      if (action[i] === REASSIGN || action[i] === REPLACE) creators++;
    }
    if (creators > 1) sharedKeys.push(csv.row(byKey[k]!).customerKey);
    k = end;
  }

  const counts: PlanCounts = {
    rows: n,
    reassign: 0,
    createCustomers: 0,
    done: 0,
    blocked: 0,
    adopt: 0,
    update: 0,
    replace: 0,
  };
  for (let i = 0; i < n; i++) {
    const a = ACTIONS[action[i]!]!;
    counts[a]++;
    if ((a === 'reassign' || a === 'replace') && !made[i] && !reuseLine[i] && !reuseAt.has(i))
      counts.createCustomers++;
  }

  const rowAt = (i: number): PlanRow => {
    const row = csv.row(i);
    const a = ACTIONS[action[i]!]!;
    const problems = [...row.problems, ...(extra.get(i) ?? [])];
    const reg = matchedAt.get(i);
    if (reg?.customer && (a === 'update' || a === 'replace')) {
      const changes = a === 'update' ? addressChanges(reg.customer, row) : [];
      return {
        ...row,
        problems,
        action: a,
        customerAction: a === 'update' ? `keep ${reg.customer.handle}` : 'create',
        registered: {
          net: reg.handle,
          customer: reg.customer.handle,
          customerName: reg.customer.name,
          changes,
          ...(reg.netName !== row.netName ? { netName: reg.netName } : {}),
          holdsOther: (sync!.netsOfCustomer.get(reg.customer.handle) ?? 0) > 1,
        },
        ...(reuseAt.has(i)
          ? { reuseCustomer: reuseAt.get(i)!, customerAction: `reuse ${reuseAt.get(i)!} (at ARIN)` }
          : {}),
      };
    }
    if (a === 'adopt') {
      const own = reg?.customer
        ? { net: reg.handle, customer: reg.customer.handle }
        : ours.get(row.block!.block)!;
      return {
        ...row,
        problems,
        action: a,
        customerAction: `reuse ${own.customer}`,
        doneAs: own.net,
        adoptCustomer: own.customer,
      };
    }
    if (a === 'done') {
      const done = state.blocks.get(row.block!.block);
      return {
        ...row,
        problems,
        action: a,
        customerAction: `reuse ${done?.customer ?? ''}`,
        doneAs: done?.net ?? `ticket ${done?.ticket ?? ''}`,
      };
    }
    const handle = made[i] ? state.customers.get(row.customerKey) : undefined;
    const atArin = reuseAt.get(i);
    const customerAction = handle
      ? `reuse ${handle}`
      : atArin
        ? `reuse ${atArin} (at ARIN)`
        : reuseLine[i]
          ? `reuse line ${reuseLine[i]}`
          : 'create';
    return { ...row, problems, action: a, customerAction, ...(atArin ? { reuseCustomer: atArin } : {}) };
  };
  return {
    header: {
      format: PLAN_FORMAT,
      parent,
      ...binding,
      unresolved: state.pending.size,
      seedCustomerNo,
      counts,
      sharedKeys,
      ...(sync && options.sync
        ? { sync: sync.section(matchedNets, options.sync.prune, new Set(reuseAt.values())) }
        : {}),
    },
    async *rows() {
      for (let i = 0; i < n; i++) yield rowAt(i);
    },
  };
}

/** Every net registered within the parent's blocks (A40), the parent itself included. */
async function registeredUnder(arin: ArinClient, parentNet: Net): Promise<Net[]> {
  const nets: Net[] = [];
  for (const range of parentNet.netBlocks ?? []) {
    if (!range.startAddress || !range.endAddress) continue;
    nets.push(...(await netsWithin(arin, range.startAddress, range.endAddress)));
  }
  return nets;
}

/** What `--sync` knows of ARIN under the parent, indexed for the plan. */
async function syncView(arin: ArinClient, parentNet: Net) {
  const read = await readRegistered(arin, parentNet);
  const simpleByBlock = new Map<string, RegisteredNet>();
  const customersByKey = new Map<string, Set<string>>();
  const netsOfCustomer = new Map<string, number>();
  for (const r of read) {
    if (!r.customer || r.untouched) continue;
    simpleByBlock.set(r.block, r);
    const set = customersByKey.get(r.customer.key) ?? new Set<string>();
    set.add(r.customer.handle);
    customersByKey.set(r.customer.key, set);
    netsOfCustomer.set(r.customer.handle, (netsOfCustomer.get(r.customer.handle) ?? 0) + 1);
  }
  return {
    nets: read.map((r) => r.net),
    simpleByBlock,
    customersByKey,
    netsOfCustomer,
    section(matched: ReadonlySet<string>, prune: boolean, reused: ReadonlySet<string>): SyncSection {
      const entry = (r: RegisteredNet, reason: string) => ({
        handle: r.handle,
        block: r.block,
        netName: r.netName,
        ...(r.customer ? { customer: r.customer.handle, customerName: r.customer.name } : {}),
        reason,
      });
      const removals = read
        .filter((r) => r.customer && !r.untouched && !matched.has(r.handle))
        .map((r) => {
          const others = (netsOfCustomer.get(r.customer!.handle) ?? 0) - 1;
          const stays =
            others > 0
              ? 'holds other nets and stays'
              : reused.has(r.customer!.handle)
                ? 'stays: a row of the file uses it'
                : 'is deleted with it';
          return entry(r, `not in the file${prune ? '' : ' (removed with --prune)'}; its customer ${stays}`);
        });
      const untouched = read.filter((r) => r.untouched).map((r) => entry(r, r.untouched!));
      return { prune, removals, untouched };
    },
  };
}
