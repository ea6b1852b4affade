import type { ArinClient } from '@regkit/arin-client';
import { EXIT } from '../exitCodes.js';
import type { Io } from '../output.js';
import { plural } from '../plural.js';
import { UsageError } from '../usageError.js';
import { Journal } from './journal.js';
import { printMaintenance } from './report.js';
import { customerMarker } from './steps.js';

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
      printMaintenance(
        io,
        args.json,
        ['line', 'customer', 'settled'],
        [[String(h.line ?? ''), args.customer, 'bound']],
        `Line ${h.line ?? '?'} (${h.name}) now uses ${args.customer}${marked ? ', which carries this journal’s marker' : ' (it does not carry this journal’s marker: you vouched for it)'}. Run apply again to continue.`,
        { event: 'settle', line: h.line, customer: args.customer, marked },
      );
    } else {
      await journal.settle(key, { none: true }, 'operator');
      printMaintenance(
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
