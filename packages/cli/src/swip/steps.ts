import type { ArinClient, Net } from '@regkit/arin-client';
import { AbortedError, HttpStatusError, UnknownOutcomeError } from '@regkit/core';
import { describeError } from '../describeError.js';
import type { SwipRow } from '../swipCsv.js';
import { parseStrictBlock, rangeOf } from './address.js';
import { isThrottle, type SharedBackoff } from './backoff.js';
import { netsWithin } from './registered.js';
import { customerNumber, type Intent, type Journal, type Outcome } from './journal.js';

export interface StepContext {
  arin: ArinClient;
  parent: string;
  journal: Journal;
  backoff: SharedBackoff;
  signal: AbortSignal;
  /** The highest customer number known before this run (from the nets under the parent). */
  seedCustomerNo: number;
}

/** Why a step failed for good; the row is reported failed with this text. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const MAX_ATTEMPTS = 8;
/** Handles probed past the last known one before a marked customer counts as not created. */
const PROBE_WINDOW = 64;

/** The line a customer's comment carries so a crashed run's customer can be found again. */
export const customerMarker = (journalId: string, key: string) => `regkit-swip ${journalId} ${key}`;

const pad = (n: number) => `C${String(n).padStart(8, '0')}`;

const isMissing = (err: unknown) =>
  err instanceof HttpStatusError && (err.status === 404 || err.status === 400);

/** Whether a write may or may not have reached ARIN: reconcile before sending it again. */
const uncertain = (err: unknown) =>
  err instanceof UnknownOutcomeError ||
  err instanceof AbortedError ||
  (err instanceof HttpStatusError && err.status === 503);

/**
 * Finds customers a crashed run may have created, by the marker in their comment: customer
 * handles are issued in order, so each lies after the highest one known when its request was sent.
 * Probes upward until every marker is found or `PROBE_WINDOW` handles past the last known one
 * answer nothing of ours.
 */
export async function findMarkedCustomers(
  ctx: StepContext,
  wanted: ReadonlyMap<string, number>,
  after: number,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let misses = 0;
  const known = Math.max(ctx.journal.state.maxCustomerNo, after);
  for (let n = after + 1; found.size < wanted.size; n++) {
    if (n > known && misses >= PROBE_WINDOW) break;
    try {
      const customer = await ctx.arin.customer.get(pad(n), { signal: ctx.signal });
      const marker = (customer.comment ?? []).find((line) => wanted.has(line));
      if (marker && customer.handle) {
        found.set(marker, customer.handle);
        misses = 0;
      } else misses++;
    } catch (err) {
      if (!isMissing(err)) throw err;
      misses++;
    }
  }
  return found;
}

async function netFor(ctx: StepContext, block: string): Promise<Net | undefined> {
  const parsed = parseStrictBlock(block);
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

/** Checks one intent without an outcome against ARIN and records what it finds. */
export async function reconcile(
  ctx: StepContext,
  id: number,
  intent: Intent,
): Promise<{ found: Reconciled; outcome?: Outcome }> {
  const j = ctx.journal;
  switch (intent.op) {
    case 'customer': {
      const found = await findMarkedCustomers(ctx, new Map([[intent.marker, id]]), intent.after);
      const handle = found.get(intent.marker);
      const outcome: Outcome = handle
        ? { ok: true, handle, reconciled: true }
        : { ok: false, absent: true, reconciled: true };
      j.outcome(id, outcome);
      return { found: handle !== undefined ? 'applied' : 'absent', outcome };
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

/** Every intent an earlier run left without an outcome, checked at ARIN before anything is sent. */
export async function reconcileAll(ctx: StepContext): Promise<number> {
  const pending = [...ctx.journal.state.pending];
  const customers = pending.filter(([, i]) => i.op === 'customer') as [
    number,
    Extract<Intent, { op: 'customer' }>,
  ][];
  if (customers.length > 0) {
    const wanted = new Map(customers.map(([id, i]) => [i.marker, id]));
    const found = await findMarkedCustomers(ctx, wanted, Math.min(...customers.map(([, i]) => i.after)));
    for (const [id, i] of customers) {
      const handle = found.get(i.marker);
      ctx.journal.outcome(
        id,
        handle ? { ok: true, handle, reconciled: true } : { ok: false, absent: true, reconciled: true },
      );
    }
  }
  for (const [id, intent] of pending) if (intent.op !== 'customer') await reconcile(ctx, id, intent);
  return pending.length;
}

/**
 * Sends one write with its intent journaled first. A throttle waits (for every worker) and sends
 * again; an uncertain outcome is reconciled at ARIN and sent again only when it was not applied.
 * Gives the outcome recorded (and the answer, when one arrived).
 */
export async function journaled<T>(
  ctx: StepContext,
  intent: Intent,
  send: () => Promise<T>,
  done: (result: T) => Outcome,
): Promise<{ id: number; outcome: Outcome; value?: T }> {
  for (let attempt = 1; ; attempt++) {
    await ctx.backoff.wait(ctx.signal);
    if (ctx.signal.aborted) throw new AbortedError();
    const id = await ctx.journal.intent(intent);
    try {
      const value = await send();
      ctx.backoff.ok();
      const outcome = done(value);
      ctx.journal.outcome(id, outcome);
      return { id, outcome, value };
    } catch (err) {
      if (err instanceof AbortedError && ctx.signal.aborted) throw err; // left for the next run to reconcile
      if (uncertain(err)) {
        if (isThrottle(err)) ctx.backoff.hit(err);
        const { found, outcome } = await reconcile(ctx, id, intent);
        if (found === 'applied') return { id, outcome: outcome! };
        if (found === 'held')
          throw new StepFailure(ctx.journal.state.held.get((intent as { block: string }).block)!);
      } else if (isThrottle(err)) {
        ctx.backoff.hit(err);
        ctx.journal.outcome(id, { ok: false, absent: true, error: 'throttled' });
      } else {
        const { text, code } = describeError(err);
        ctx.journal.outcome(id, { ok: false, error: text });
        throw new StepFailure(text, code);
      }
      if (attempt >= MAX_ATTEMPTS)
        throw new StepFailure(`gave up after ${attempt} attempts: ${describeError(err).text}`);
    }
  }
}

const inflightCustomers = new WeakMap<Journal, Map<string, Promise<string>>>();

/** The customer of a row: the one this journal made for the same identity, or a new one. */
export function ensureCustomer(ctx: StepContext, row: SwipRow): Promise<string> {
  const existing = ctx.journal.state.customers.get(row.customerKey);
  if (existing) return Promise.resolve(existing);
  let inflight = inflightCustomers.get(ctx.journal);
  if (!inflight) inflightCustomers.set(ctx.journal, (inflight = new Map()));
  const running = inflight.get(row.customerKey);
  if (running) return running;
  const marker = customerMarker(ctx.journal.header.id, row.customerKey);
  const promise = (async () => {
    const after = Math.max(ctx.journal.state.maxCustomerNo, ctx.seedCustomerNo);
    const intent: Intent = { op: 'customer', key: row.customerKey, marker, name: row.customerName, after };
    const { outcome } = await journaled(
      ctx,
      intent,
      () =>
        ctx.arin.net.createRecipientCustomer(
          ctx.parent,
          {
            customerName: row.customerName,
            streetAddress: row.street,
            city: row.city,
            ...(row.stateProvince ? { stateProvince: row.stateProvince } : {}),
            ...(row.postalCode ? { postalCode: row.postalCode } : {}),
            country: { code2: row.country },
            comment: [marker],
          },
          { signal: ctx.signal },
        ),
      (customer) => {
        if (!customer.handle) throw new StepFailure('ARIN created the customer but returned no handle');
        return { ok: true, handle: customer.handle };
      },
    );
    if (!outcome.handle) throw new StepFailure('the customer was created but its handle is not known');
    return outcome.handle;
  })().finally(() => inflight.delete(row.customerKey));
  inflight.set(row.customerKey, promise);
  return promise;
}

export { customerNumber };
