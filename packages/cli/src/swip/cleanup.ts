import type { ArinClient } from '@regkit/arin-client';
import { HttpStatusError } from '@regkit/core';
import { compareBlocks } from '@regkit/arin-client/address';
import { EXIT } from '../exitCodes.js';
import type { Io } from '../output.js';
import { plural } from '../plural.js';
import { SharedBackoff } from './backoff.js';
import { Journal } from './journal.js';
import { StepFailure, type StepContext } from './context.js';
import { reconcileAll } from './reconcile.js';
import { printMaintenance } from './report.js';
import { journaled } from './steps.js';

export interface MaintenanceArgs {
  journal: string;
  parent?: string;
  yes: boolean;
  json: boolean;
}

function context(arin: ArinClient, journal: Journal): StepContext {
  return {
    arin,
    parent: journal.header.parent,
    journal,
    backoff: new SharedBackoff(),
    signal: new AbortController().signal,
    seedCustomerNo: 0,
  };
}

/** `swip cleanup`: customers this journal created that hold no net; deleted with `--yes`. */
export async function runCleanup(arin: ArinClient, args: MaintenanceArgs, io: Io): Promise<number> {
  const journal = await Journal.open(args.journal, args.parent, { mustExist: true });
  try {
    const ctx = context(arin, journal);
    await reconcileAll(ctx);
    // a customer whose reassignment may wait in a review ticket is kept too
    const holding = new Set([
      ...[...journal.state.blocks.values()].map((b) => b.customer),
      ...[...journal.state.pending.values()].flatMap((i) => (i.op === 'reassign' ? [i.customer] : [])),
    ]);
    const orphans = [...journal.state.customerKeys.keys()].filter((h) => !holding.has(h)).sort();
    const rows: string[][] = [];
    // customers whose create has an unknown outcome no search settled: the journal may have made them
    for (const [, held] of journal.state.heldCustomers)
      rows.push([
        held.candidates.length ? held.candidates.join(' or ') : '(unknown)',
        `unknown: settle line ${held.line ?? '?'} (${held.name}) first with regkit arin swip settle`,
      ]);
    const heldNote = journal.state.heldCustomers.size
      ? ` ${plural(journal.state.heldCustomers.size, 'customer create')} with an unknown outcome must be settled first.`
      : '';
    let failed = 0;
    for (const handle of orphans) {
      if (!args.yes) {
        rows.push([handle, 'would delete']);
        continue;
      }
      try {
        await journaled(
          ctx,
          { op: 'deleteCustomer', customer: handle },
          () => arin.customer.delete(handle),
          () => ({ ok: true }),
        );
        rows.push([handle, 'deleted']);
      } catch (err) {
        failed++;
        const held = err instanceof StepFailure && /409|NOT_REMOVEABLE/.test(err.message);
        rows.push([handle, held ? 'kept: a net is reassigned to it' : `failed: ${(err as Error).message}`]);
      }
    }
    printMaintenance(
      io,
      args.json,
      ['customer', 'action'],
      rows,
      args.yes
        ? `${plural(orphans.length - failed, 'customer')} deleted, ${failed} kept or failed.${heldNote}`
        : `${plural(orphans.length, 'customer')} created by this journal ${orphans.length === 1 ? 'holds' : 'hold'} no net; run again with --yes to delete ${orphans.length === 1 ? 'it' : 'them'}.${heldNote}`,
      {
        event: 'cleanup',
        orphans: orphans.length,
        deleted: args.yes ? orphans.length - failed : 0,
        unknown: journal.state.heldCustomers.size,
      },
    );
    return failed ? EXIT.failure : EXIT.ok;
  } finally {
    journal.close();
  }
}

/** `swip destroy`: lists the reassignments this journal made; removes them (A41) with `--yes`. */
export async function runDestroy(arin: ArinClient, args: MaintenanceArgs, io: Io): Promise<number> {
  const journal = await Journal.open(args.journal, args.parent, { mustExist: true });
  try {
    const ctx = context(arin, journal);
    await reconcileAll(ctx);
    const nets = [...journal.state.blocks].filter(([, b]) => b.net).sort(([a], [b]) => compareBlocks(a, b));
    const rows: string[][] = [];
    let failed = 0;
    for (const [block, rec] of nets) {
      if (!args.yes) {
        rows.push([block, rec.net!, 'would remove']);
        continue;
      }
      try {
        let net;
        try {
          net = await arin.net.get(rec.net!);
        } catch (err) {
          if (!(err instanceof HttpStatusError && err.status === 404)) throw err;
        }
        if (!net) {
          const id = await journal.intent({ op: 'remove', block, net: rec.net! });
          journal.outcome(id, { ok: true, reconciled: true });
          rows.push([block, rec.net!, 'already gone']);
          continue;
        }
        const done = await journaled(
          ctx,
          { op: 'remove', block, net: rec.net! },
          () => arin.net.remove(rec.net!, net),
          (r) =>
            r.kind === 'ticket'
              ? { ok: false, ticket: r.ticket.ticketNo ?? '', error: 'became a ticket' }
              : { ok: true },
        );
        const ticket = done.value?.kind === 'ticket' ? done.value.ticket.ticketNo : undefined;
        rows.push([block, rec.net!, ticket ? `ticket ${ticket}` : 'removed']);
      } catch (err) {
        failed++;
        rows.push([block, rec.net!, `failed: ${(err as Error).message}`]);
      }
    }
    printMaintenance(
      io,
      args.json,
      ['block', 'net', 'action'],
      rows,
      args.yes
        ? `${plural(rows.length - failed, 'reassignment')} removed, ${failed} failed. Run cleanup --yes to delete their customers.`
        : `Plan: remove ${plural(nets.length, 'reassignment')} made by this journal; run again with --yes to remove ${nets.length === 1 ? 'it' : 'them'}.`,
      { event: 'destroy', nets: nets.length, removed: args.yes ? rows.length - failed : 0 },
    );
    return failed ? EXIT.failure : EXIT.ok;
  } finally {
    journal.close();
  }
}
