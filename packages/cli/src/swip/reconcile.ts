import type { Net } from '@regkit/arin-client';
import { parseCidrBlock, rangeOf } from '@regkit/arin-client/address';
import { HttpStatusError } from '@regkit/core';
import type { StepContext } from './context.js';
import { isRegistryIntent, type Intent, type Outcome } from './journal.js';
import { netsWithin } from './registered.js';
import { addressChanges } from './rules.js';
import { customerView } from './sync.js';
import { normalise } from './text.js';

/** Handles read in one search for a lost customer; a wider range is held for the operator. */
export const MAX_SEARCH = 20_000;
/** Numbers read around each point of the search for the highest handle in use (numbers have gaps). */
const WINDOW = 4;

const pad = (n: number) => `C${String(n).padStart(8, '0')}`;

/** What reading one customer handle found: ours (with a marker we want), someone's, or nothing. */
type Seen =
  { kind: 'none' } | { kind: 'other'; name?: string } | { kind: 'ours'; marker: string; handle: string };

async function readCustomer(
  ctx: StepContext,
  n: number,
  wanted: ReadonlyMap<string, unknown>,
): Promise<Seen> {
  try {
    const customer = await ctx.arin.customer.get(pad(n), { signal: ctx.signal });
    const marker = (customer.comment ?? []).find((line) => wanted.has(line));
    if (marker) return { kind: 'ours', marker, handle: customer.handle ?? pad(n) };
    return { kind: 'other', ...(customer.customerName ? { name: customer.customerName } : {}) };
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 404) return { kind: 'none' };
    // someone else's customer: it exists, but this key may not read it
    if (err instanceof HttpStatusError && (err.status === 400 || err.status === 403))
      return { kind: 'other' };
    throw err;
  }
}

/**
 * The highest customer number in use at or above `from`, found by reading numbers at doubling
 * distances (each with its neighbours, as numbers have gaps) and then halving back: a few dozen reads
 * whatever the registry's size, and no knowledge of what anyone created in between.
 */
async function highestInUse(ctx: StepContext, from: number): Promise<number> {
  const none = new Map<string, unknown>();
  const inUse = async (n: number) => {
    for (let k = 0; k < WINDOW; k++) if ((await readCustomer(ctx, n + k, none)).kind !== 'none') return true;
    return false;
  };
  let low = from;
  let high: number | undefined;
  let misses = 0;
  for (let step = 1; step < 2 ** 31; step *= 2) {
    if (await inUse(from + step)) {
      low = from + step;
      high = undefined;
      misses = 0;
      continue;
    }
    high ??= from + step;
    // a few empty doublings past the last number in use (or past a first gap of 1024) end the climb
    if ((low > from || step >= 1024) && ++misses >= 6) break;
  }
  high ??= low + WINDOW;
  while (high - low > WINDOW) {
    const mid = Math.floor((low + high) / 2);
    if (await inUse(mid)) low = mid;
    else high = mid;
  }
  return low + WINDOW - 1;
}

/** What a search for customers whose answers were lost found. */
export interface CustomerSearch {
  found: Map<string, string>;
  /** Readable customers of the same name that carry no wanted marker, by marker. */
  candidates: Map<string, string[]>;
  /** The handles read, as text for messages. */
  searched: string;
  /** Whether the whole range was read (not cut at MAX_SEARCH). */
  complete: boolean;
}

/**
 * Looks for the customers of `wanted` (marker → name) among the handles ARIN may have given them:
 * above the highest number known when each was sent, up to the highest number in use now. A customer
 * carrying the marker is certainly this journal's; one not found is never taken as "not created"
 * (numbering is ARIN's to choose), so the caller holds it for the operator instead of sending again.
 */
export async function findMarkedCustomers(
  ctx: StepContext,
  wanted: ReadonlyMap<string, string>,
  after: number,
): Promise<CustomerSearch> {
  const found = new Map<string, string>();
  const candidates = new Map<string, string[]>();
  const names = new Map<string, string[]>();
  for (const [marker, name] of wanted) {
    const key = normalise(name);
    names.set(key, [...(names.get(key) ?? []), marker]);
  }
  const top = await highestInUse(ctx, Math.max(after, ctx.journal.state.maxCustomerNo));
  const bottom = Math.max(after + 1, top - MAX_SEARCH + 1);
  for (let n = top; n >= bottom && found.size < wanted.size; n--) {
    const seen = await readCustomer(ctx, n, wanted);
    if (seen.kind === 'ours') found.set(seen.marker, seen.handle);
    else if (seen.kind === 'other' && seen.name)
      for (const marker of names.get(normalise(seen.name)) ?? [])
        candidates.set(marker, [...(candidates.get(marker) ?? []), pad(n)]);
  }
  return {
    found,
    candidates,
    searched: `${pad(bottom)}–${pad(top)}`,
    complete: bottom === after + 1,
  };
}

/** The journal's record of a customer create no search settled: held, with what the operator needs. */
function heldOutcome(search: CustomerSearch, marker: string): Outcome {
  const candidates = search.candidates.get(marker) ?? [];
  return {
    ok: false,
    held: true,
    reconciled: true,
    error:
      `the answer to creating this customer was lost and no customer carrying its marker "${marker}" ` +
      `was found among ${search.searched}${search.complete ? '' : ' (the search stopped there)'}; ` +
      'it is not created again until you settle it with regkit arin swip settle',
    ...(candidates.length ? { candidates } : {}),
  };
}

async function netFor(ctx: StepContext, block: string): Promise<Net | undefined> {
  const parsed = parseCidrBlock(block);
  if (typeof parsed === 'string') throw new Error(parsed);
  const { startAddress, endAddress } = parsed;
  const want = rangeOf(startAddress, endAddress);
  const nets = await netsWithin(ctx.arin, startAddress, endAddress, ctx.signal);
  return nets.find((n) =>
    (n.netBlocks ?? []).some((b) => {
      if (!b.startAddress || !b.endAddress) return false;
      const r = rangeOf(b.startAddress, b.endAddress);
      return r.start === want.start && r.end === want.end;
    }),
  );
}

/** Review ticket types ARIN opens for a reassignment instead of registering it at once. */
const REASSIGN_REVIEWS = new Set([
  'IPV4_SIMPLE_REASSIGN',
  'IPV4_DETAILED_REASSIGN',
  'IPV6_DETAILED_REASSIGN',
]);
/** Clock difference allowed between this machine and ARIN when comparing a ticket's date. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Undecided reassignment reviews this journal has not recorded, created since `at` (all of them when
 * the intent predates timestamps, or a ticket's date is unreadable): ARIN may have queued a lost
 * reassignment as one of these, and its answer naming the ticket never arrived.
 */
async function unrecordedReviewTickets(ctx: StepContext, at: number | undefined): Promise<string[]> {
  let tickets;
  try {
    tickets = await ctx.arin.ticket.listSummaries({ status: 'ANY_OPEN' }, { signal: ctx.signal });
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 404) return [];
    throw err;
  }
  return tickets
    .filter((t) => {
      if (!t.ticketNo || !REASSIGN_REVIEWS.has(t.webTicketType ?? '')) return false;
      // ANY_OPEN is "all but closed" at ARIN: a resolved review is decided (a net, or turned down)
      if (t.webTicketStatus === 'RESOLVED' || t.webTicketStatus === 'CLOSED') return false;
      if (ctx.journal.state.tickets.has(t.ticketNo)) return false;
      const created = Date.parse(t.createdDate ?? '');
      return at === undefined || Number.isNaN(created) || created >= at - CLOCK_SKEW_MS;
    })
    .map((t) => t.ticketNo);
}

/** What reconciling found: applied (recorded), absent (may be sent again), or held (not sent this run). */
export type Reconciled = 'applied' | 'absent' | 'held';

/** Records what reading a write back found: applied, or absent (sending it again is harmless). */
function readBack(ctx: StepContext, id: number, applied: boolean): { found: Reconciled; outcome: Outcome } {
  const outcome: Outcome = applied
    ? { ok: true, reconciled: true }
    : { ok: false, absent: true, reconciled: true };
  ctx.journal.outcome(id, outcome);
  return { found: applied ? 'applied' : 'absent', outcome };
}

/** Checks one intent without an outcome against ARIN and records what it finds. */
export async function reconcile(
  ctx: StepContext,
  id: number,
  intent: Intent,
): Promise<{ found: Reconciled; outcome?: Outcome }> {
  const j = ctx.journal;
  if (isRegistryIntent(intent)) {
    // written by irr or aspa apply: without its read-back the intent waits for that command
    if (!ctx.readBack) return { found: 'held' };
    return readBack(ctx, id, await ctx.readBack(ctx, intent));
  }
  switch (intent.op) {
    case 'customer': {
      const search = await findMarkedCustomers(ctx, new Map([[intent.marker, intent.name]]), intent.after);
      const handle = search.found.get(intent.marker);
      const outcome: Outcome = handle
        ? { ok: true, handle, reconciled: true }
        : heldOutcome(search, intent.marker);
      j.outcome(id, outcome);
      return { found: handle !== undefined ? 'applied' : 'held', outcome };
    }
    case 'reassign': {
      const net = await netFor(ctx, intent.block);
      if (net && net.customerHandle === intent.customer) {
        const outcome: Outcome = { ok: true, net: net.handle ?? '', reconciled: true };
        j.outcome(id, outcome);
        return { found: 'applied', outcome };
      }
      if (!net) {
        const tickets = await unrecordedReviewTickets(ctx, intent.at);
        if (tickets.length > 0) {
          // the intent stays open: the next run looks again (the net, once ARIN approves, or the tickets)
          j.state.held.set(
            intent.block,
            `not sent again: ARIN may have queued it for review as ticket ${tickets.join(' or ')} ` +
              '(its answer was lost); the next run registers it once ARIN approves, and sends it ' +
              'again only when no such open ticket remains',
          );
          return { found: 'held' };
        }
      }
      j.outcome(id, {
        ok: false,
        absent: true,
        reconciled: true,
        ...(net ? { error: `registered as ${net.handle}` } : {}),
      });
      return { found: 'absent' };
    }
    case 'customerModify':
    case 'netModify': {
      // a modify is read back: applied when ARIN holds what was sent (sending it again is harmless)
      const applied =
        intent.op === 'customerModify'
          ? addressChanges(
              customerView(
                intent.customer,
                await ctx.arin.customer.get(intent.customer, { signal: ctx.signal }),
              ),
              intent.address,
            ).length === 0
          : (await ctx.arin.net.get(intent.net, { signal: ctx.signal })).netName === intent.netName;
      return readBack(ctx, id, applied);
    }
    case 'remove':
    case 'deleteCustomer': {
      try {
        if (intent.op === 'remove') await ctx.arin.net.get(intent.net, { signal: ctx.signal });
        else await ctx.arin.customer.get(intent.customer, { signal: ctx.signal });
        j.outcome(id, { ok: false, absent: true, reconciled: true });
        return { found: 'absent' };
      } catch (err) {
        if (!(err instanceof HttpStatusError && err.status === 404)) throw err;
        const outcome: Outcome = { ok: true, reconciled: true };
        j.outcome(id, outcome);
        return { found: 'applied', outcome };
      }
    }
  }
}

/**
 * Every intent an earlier run left without an outcome, checked at ARIN before anything is sent; and
 * every customer held by an earlier run searched for again (reading only), so one found since is bound.
 */
export async function reconcileAll(ctx: StepContext): Promise<number> {
  const pending = [...ctx.journal.state.pending];
  const customers = pending.filter(([, i]) => i.op === 'customer') as [
    number,
    Extract<Intent, { op: 'customer' }>,
  ][];
  const held = [...ctx.journal.state.heldCustomers];
  if (customers.length + held.length > 0) {
    const wanted = new Map([
      ...customers.map(([, i]) => [i.marker, i.name] as const),
      ...held.map(([, h]) => [h.marker, h.name] as const),
    ]);
    const after = Math.min(...customers.map(([, i]) => i.after), ...held.map(([, h]) => h.after));
    const search = await findMarkedCustomers(ctx, wanted, after);
    for (const [id, i] of customers) {
      const handle = search.found.get(i.marker);
      ctx.journal.outcome(
        id,
        handle ? { ok: true, handle, reconciled: true } : heldOutcome(search, i.marker),
      );
    }
    for (const [key, h] of held) {
      const handle = search.found.get(h.marker);
      if (handle) await ctx.journal.settle(key, { handle }, 'search');
    }
  }
  for (const [id, intent] of pending) if (intent.op !== 'customer') await reconcile(ctx, id, intent);
  return pending.length;
}
