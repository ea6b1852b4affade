import { AbortedError, HttpStatusError, UnknownOutcomeError } from '@regkit/core';
import { describeError } from '../describeError.js';
import { isThrottle } from './backoff.js';
import { HeldRow, StepFailure, type StepContext } from './context.js';
import type { SwipRow } from './csv.js';
import type { HeldCustomer, Intent, Journal, Outcome } from './journal.js';
import { reconcile } from './reconcile.js';

const MAX_ATTEMPTS = 8;

/** The line a customer's comment carries so a customer whose answer was lost can be recognised. */
export const customerMarker = (journalId: string, key: string) => `regkit-swip ${journalId} ${key}`;

/** Whether a write may or may not have reached ARIN: reconcile before sending it again. */
const uncertain = (err: unknown) =>
  err instanceof UnknownOutcomeError ||
  err instanceof AbortedError ||
  (err instanceof HttpStatusError && err.status === 503);

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
          throw new HeldRow(
            intent.op === 'customer'
              ? (outcome?.error ?? 'held')
              : ctx.journal.state.held.get((intent as { block: string }).block)!,
          );
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
export function ensureCustomer(
  ctx: StepContext,
  row: SwipRow & { reuseCustomer?: string },
  beforeCreate?: () => Promise<void>,
): Promise<string> {
  if (row.reuseCustomer) return Promise.resolve(row.reuseCustomer);
  const existing = ctx.journal.state.customers.get(row.customerKey);
  if (existing) return Promise.resolve(existing);
  const held = ctx.journal.state.heldCustomers.get(row.customerKey);
  if (held) return Promise.reject(new HeldRow(heldText(held, ctx.journal.path)));
  let inflight = inflightCustomers.get(ctx.journal);
  if (!inflight) inflightCustomers.set(ctx.journal, (inflight = new Map()));
  const running = inflight.get(row.customerKey);
  if (running) return running;
  const marker = customerMarker(ctx.journal.header.id, row.customerKey);
  const promise = (async () => {
    await beforeCreate?.();
    const after = Math.max(ctx.journal.state.maxCustomerNo, ctx.seedCustomerNo);
    const intent: Intent = {
      op: 'customer',
      key: row.customerKey,
      marker,
      name: row.customerName,
      after,
      line: row.line,
    };
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

/** Why a row waits for its held customer, and the command that settles it. */
export function heldText(held: HeldCustomer, journalPath: string): string {
  const line = held.line !== undefined ? `--line ${held.line}` : `--customer-key KEY`;
  return (
    `${held.reason}${held.candidates.length ? `; customers of the same name: ${held.candidates.join(', ')}` : ''}. ` +
    `Settle: regkit arin swip settle --journal ${journalPath} ${line} --customer HANDLE (it exists) or --none (it does not)`
  );
}
