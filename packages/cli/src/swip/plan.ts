import type { ArinClient } from '@regkit/arin-client';
import type { CidrBlock } from '@regkit/arin-client/address';
import type { SwipCsv, SwipRow } from './csv.js';
import type { JournalState } from './journal.js';
import { readParentView, type ParentView } from './parentView.js';
import { PlanTable, type PlanAction } from './planTable.js';
import {
  addressChanges,
  ambiguousCustomer,
  duplicateRow,
  parentProblem,
  registeredOverlap,
  rowOverlap,
  sameName,
} from './rules.js';
import type { RegisteredNet, SyncSection, SyncView } from './sync.js';

export type { PlanAction };

export const PLAN_FORMAT = 'regkit-swip-plan/3';

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

/** What building a plan works from: the CSV, the journal, ARIN under the parent, and the table it fills. */
interface Planning {
  csv: SwipCsv;
  parent: string;
  state: JournalState;
  view: ParentView;
  table: PlanTable;
  /** Blocks of reassignments an interrupted run left unresolved: not reported as overlapping. */
  unresolvedBlocks: ReadonlySet<string>;
}

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
  const view = await readParentView(arin, parent, state, options.sync !== undefined);
  const planning: Planning = {
    csv,
    parent,
    state,
    view,
    table: new PlanTable(csv.count),
    unresolvedBlocks: unresolvedBlocks(state),
  };
  for (let i = 0; i < csv.count; i++) decideRow(planning, i, csv.row(i));
  checkRowsAgainstEachOther(planning);
  planning.table.blockRowsWithProblems();
  const sharedKeys = decideCustomers(planning);
  planning.table.decided();
  return {
    header: {
      format: PLAN_FORMAT,
      parent,
      ...binding,
      unresolved: state.pending.size,
      seedCustomerNo: view.seedCustomerNo,
      counts: countActions(planning.table),
      sharedKeys,
      ...(view.sync && options.sync
        ? { sync: syncSection(planning.table, view.sync, options.sync.prune) }
        : {}),
    },
    async *rows() {
      for (let i = 0; i < csv.count; i++) yield planRow(planning, i);
    },
  };
}

const unresolvedBlocks = (state: JournalState) =>
  new Set([...state.pending.values()].flatMap((i) => (i.op === 'reassign' ? [i.block] : [])));

/** The first look at a row: what ARIN, the journal and the parent say of it on its own. */
function decideRow(p: Planning, i: number, row: SwipRow): void {
  const { table, state } = p;
  table.setBlock(i, row.block);
  table.setKey(i, row.customerKey);
  const b = row.block;
  const registered = registeredToCustomer(p, row);
  if (registered) {
    table.matched.set(i, registered);
    table.setAction(i, syncAction(p, row, registered));
    return;
  }
  if (b && state.blocks.has(b.block)) return table.setAction(i, 'done');
  if (b && isOursUnrecorded(p, row, b)) return table.setAction(i, 'adopt');
  if (state.customers.has(row.customerKey)) table.markMade(i);
  if (row.problems.length > 0) table.setAction(i, 'blocked');
  if (b) checkPlacement(p, i, b);
}

/** `--sync`: a reassignment of exactly the row's block to a customer, when ARIN holds one. */
function registeredToCustomer(p: Planning, row: SwipRow): RegisteredNet | undefined {
  if (!p.view.sync || !row.block || row.problems.length > 0) return undefined;
  const registered = p.view.sync.simpleByBlock.get(row.block.block);
  return registered?.customer ? registered : undefined;
}

/** `--sync`: ARIN's registration of exactly this block decides, whatever the journal says. */
function syncAction(p: Planning, row: SwipRow, registered: RegisteredNet): PlanAction {
  const customer = registered.customer!;
  const sameCustomer = customer.key === row.customerKey;
  if (sameCustomer && registered.netName === row.netName)
    return p.state.blocks.has(row.block!.block) ? 'done' : 'adopt';
  return sameCustomer || sameName(customer.name, row.customerName) ? 'update' : 'replace';
}

/** The block is registered to the customer this journal made for the row, but the journal lost the record. */
function isOursUnrecorded(p: Planning, row: SwipRow, b: CidrBlock): boolean {
  const own = p.view.ours.get(b.block);
  return (
    own !== undefined && row.problems.length === 0 && p.state.customers.get(row.customerKey) === own.customer
  );
}

/** The block must lie in the parent and overlap nothing registered (but an unresolved request's own net). */
function checkPlacement(p: Planning, i: number, b: CidrBlock): void {
  const outside = parentProblem(b, p.view.ranges, p.parent);
  if (outside) return p.table.addProblem(i, outside);
  const clash = p.view.registered.find(b.start, b.end);
  if (clash && clash.version === b.version && !p.unresolvedBlocks.has(b.block))
    p.table.addProblem(i, registeredOverlap(b, clash.label));
}

/** Rows against each other: sorted by start, each compared with the furthest-reaching before it. */
function checkRowsAgainstEachOther(p: Planning): void {
  const { table } = p;
  let reach = -1;
  table.forEachByStart((i) => {
    const sameFamily = reach >= 0 && table.sameVersion(reach, i);
    if (sameFamily && table.reaches(reach, i)) reportOverlap(p, i, reach);
    if (!sameFamily || table.endsAfter(i, reach)) reach = i;
  });
}

/** Two rows whose blocks overlap: a repeat of an earlier row is said once, on the repeat. */
function reportOverlap(p: Planning, i: number, other: number): void {
  const [mine, theirs] = [p.csv.row(i), p.csv.row(other)];
  const twin = p.csv.duplicateOf(Math.max(i, other));
  if (twin !== undefined && twin === Math.min(mine.line, theirs.line)) {
    p.table.addProblem(mine.line > theirs.line ? i : other, duplicateRow(twin));
    return;
  }
  p.table.addProblem(i, rowOverlap(mine.block!, theirs.block!, theirs.line));
  p.table.addProblem(other, rowOverlap(theirs.block!, mine.block!, mine.line));
}

/**
 * Customers: for each identity, the first row to send creates it and later ones reuse it (unless
 * the journal made it already). Gives the keys more than one sending row shares.
 */
function decideCustomers(p: Planning): string[] {
  const sharedKeys: string[] = [];
  for (const group of p.table.rowsByCustomer())
    if (decideCustomerOf(p, group) > 1) sharedKeys.push(p.csv.row(group[0]!).customerKey);
  return sharedKeys;
}

/** Decides the customer of each row of one identity; gives how many rows to send share it. */
function decideCustomerOf(p: Planning, group: Uint32Array): number {
  const { table } = p;
  let first = 0;
  let creators = 0;
  for (const i of group) {
    const a = table.action(i);
    if (a === 'done' || a === 'adopt' || a === 'update' || table.made(i)) continue;
    if (table.sends(i) && p.view.sync && useCustomerAtArin(p, p.view.sync, i)) continue;
    if (first) table.setReuseLine(i, first);
    else if (table.sends(i)) first = p.csv.lineOf(i);
    if (table.sends(i)) creators++;
  }
  return creators;
}

/**
 * `--sync`: a customer already at ARIN with the row's identity is used, never a second one; several
 * block the row. Gives whether the row's customer is decided so.
 */
function useCustomerAtArin(p: Planning, sync: SyncView, i: number): boolean {
  const atArin = sync.customersByKey.get(p.csv.row(i).customerKey);
  if (atArin && atArin.size > 1) {
    p.table.addProblem(i, ambiguousCustomer(atArin));
    p.table.setAction(i, 'blocked');
    return true;
  }
  if (atArin?.size === 1) {
    p.table.reuseAtArin.set(i, [...atArin][0]!);
    return true;
  }
  return false;
}

function countActions(table: PlanTable): PlanCounts {
  const counts: PlanCounts = {
    rows: table.count,
    reassign: 0,
    createCustomers: 0,
    done: 0,
    blocked: 0,
    adopt: 0,
    update: 0,
    replace: 0,
  };
  for (let i = 0; i < table.count; i++) {
    counts[table.action(i)]++;
    if (table.createsCustomer(i)) counts.createCustomers++;
  }
  return counts;
}

/** `--sync`: the nets no row matched (removals) and those left alone. */
function syncSection(table: PlanTable, sync: SyncView, prune: boolean): SyncSection {
  const matched = new Set([...table.matched.values()].map((r) => r.handle));
  return sync.section(matched, prune, new Set(table.reuseAtArin.values()));
}

/**
 * Row `i` of the plan: parsed again from the CSV, with what the plan decided for it. The parsed row
 * is fresh, so the decision is added to it in place: a copy made by spreading it (`{ ...row, … }`)
 * costs V8 more than twice the time and outlives the young generation, and a million of them grew
 * the heap by tens of megabytes while the plan was written.
 */
function planRow(p: Planning, i: number): PlanRow {
  const row = p.csv.row(i);
  const action = p.table.action(i);
  const decided = Object.assign(row, { problems: [...row.problems, ...p.table.problems(i)], action });
  const registered = p.table.matched.get(i);
  if (registered?.customer && (action === 'update' || action === 'replace'))
    return syncedRow(p, i, decided, registered);
  if (action === 'adopt') return adoptedRow(p, decided, registered);
  if (action === 'done') return doneRow(p, decided);
  return sentRow(p, i, decided);
}

type Decided = SwipRow & { action: PlanAction };

/** `--sync` update or replace: the registered net, its customer, and what changes. */
function syncedRow(p: Planning, i: number, row: Decided, registered: RegisteredNet): PlanRow {
  const customer = registered.customer!;
  const reuse = p.table.reuseAtArin.get(i);
  return Object.assign(
    row,
    {
      customerAction: row.action === 'update' ? `keep ${customer.handle}` : 'create',
      registered: {
        net: registered.handle,
        customer: customer.handle,
        customerName: customer.name,
        changes: row.action === 'update' ? addressChanges(customer, row) : [],
        ...(registered.netName !== row.netName ? { netName: registered.netName } : {}),
        holdsOther: (p.view.sync!.netsOfCustomer.get(customer.handle) ?? 0) > 1,
      },
    },
    reuse !== undefined ? { reuseCustomer: reuse, customerAction: `reuse ${reuse} (at ARIN)` } : {},
  );
}

/** A block registered to this journal's customer without a record: the net found and its customer. */
function adoptedRow(p: Planning, row: Decided, registered: RegisteredNet | undefined): PlanRow {
  const own = registered?.customer
    ? { net: registered.handle, customer: registered.customer.handle }
    : p.view.ours.get(row.block!.block)!;
  return Object.assign(row, {
    customerAction: `reuse ${own.customer}`,
    doneAs: own.net,
    adoptCustomer: own.customer,
  });
}

/** A block the journal recorded: the net or ticket it became. */
function doneRow(p: Planning, row: Decided): PlanRow {
  const done = p.state.blocks.get(row.block!.block);
  return Object.assign(row, {
    customerAction: `reuse ${done?.customer ?? ''}`,
    doneAs: done?.net ?? `ticket ${done?.ticket ?? ''}`,
  });
}

/** A row to send (or blocked): whose customer it uses or creates. */
function sentRow(p: Planning, i: number, row: Decided): PlanRow {
  const made = p.table.made(i) ? p.state.customers.get(row.customerKey) : undefined;
  const atArin = p.table.reuseAtArin.get(i);
  const reuseLine = p.table.reuseLine(i);
  const customerAction = made
    ? `reuse ${made}`
    : atArin
      ? `reuse ${atArin} (at ARIN)`
      : reuseLine
        ? `reuse line ${reuseLine}`
        : 'create';
  return Object.assign(row, { customerAction }, atArin ? { reuseCustomer: atArin } : {});
}
