import type { ArinClient } from '@regkit/arin-client';
import { HttpStatusError } from '@regkit/core';
import { compareBlocks } from '../blocks.js';
import { EXIT } from '../exitCodes.js';
import { UsageError } from '../usageError.js';
import { formatTable, writeJsonLine, type Io } from '../output.js';
import { plural } from '../plural.js';
import { SharedBackoff } from './backoff.js';
import { Journal } from './journal.js';
import { StepFailure, type StepContext } from './context.js';
import { reconcileAll } from './reconcile.js';
import { customerMarker, journaled } from './steps.js';

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

function print(
  io: Io,
  json: boolean,
  headers: string[],
  rows: string[][],
  summary: string,
  event: object,
): void {
  if (json) {
    for (const r of rows) writeJsonLine(io, Object.fromEntries(headers.map((h, i) => [h, r[i]])));
    writeJsonLine(io, event);
    return;
  }
  if (rows.length) io.stdout.write(formatTable(headers, rows));
  io.stdout.write(`\n${summary}\n`);
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
    print(
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
    print(
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

export interface SettleArgs {
  journal: string;
  line?: number;
  customer?: string;
  none: boolean;
  json: boolean;
}

/**
 * `swip settle`: the operator's word on a customer create whose outcome no search could settle.
 * `--customer HANDLE` binds a customer that exists at ARIN (read first; it must be readable);
 * `--none` records that none was created, so the next apply creates it.
 */
export async function runSettle(arin: ArinClient, args: SettleArgs, io: Io): Promise<number> {
  if (args.none === (args.customer !== undefined))
    throw new UsageError(
      'give exactly one of --customer HANDLE (it exists at ARIN) or --none (it was not created)',
    );
  const journal = await Journal.open(args.journal, undefined, { mustExist: true });
  try {
    const held = [...journal.state.heldCustomers].filter(
      ([, h]) => args.line === undefined || h.line === args.line,
    );
    if (held.length === 0)
      throw new UsageError(
        args.line === undefined
          ? `the journal ${args.journal} holds no customer with an unknown outcome`
          : `line ${args.line} of the journal ${args.journal} holds no customer with an unknown outcome` +
              (journal.state.heldCustomers.size
                ? ` (held: lines ${[...journal.state.heldCustomers.values()].map((h) => h.line ?? '?').join(', ')})`
                : ''),
      );
    if (held.length > 1)
      throw new UsageError(
        `${plural(held.length, 'customer')} with unknown outcomes are held (lines ${held.map(([, h]) => h.line ?? '?').join(', ')}); name one with --line N`,
      );
    const [key, h] = held[0]!;
    if (args.customer) {
      const customer = await arin.customer.get(args.customer);
      const marked = (customer.comment ?? []).includes(customerMarker(journal.header.id, key));
      await journal.settle(key, { handle: customer.handle ?? args.customer }, 'operator');
      print(
        io,
        args.json,
        ['line', 'customer', 'settled'],
        [[String(h.line ?? ''), args.customer, 'bound']],
        `Line ${h.line ?? '?'} (${h.name}) now uses ${args.customer}${marked ? ', which carries this journal’s marker' : ' (it does not carry this journal’s marker: you vouched for it)'}. Run apply again to continue.`,
        { event: 'settle', line: h.line, customer: args.customer, marked },
      );
    } else {
      await journal.settle(key, { none: true }, 'operator');
      print(
        io,
        args.json,
        ['line', 'customer', 'settled'],
        [[String(h.line ?? ''), h.name, 'none created']],
        `Line ${h.line ?? '?'} (${h.name}): recorded that no customer was created; the next apply creates it.`,
        { event: 'settle', line: h.line, none: true },
      );
    }
    return EXIT.ok;
  } finally {
    journal.close();
  }
}
