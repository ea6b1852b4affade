import type { ArinClient, Net } from '@regkit/arin-client';
import { IntervalIndex, parseCidrBlock, rangeOf, type IpRange } from '@regkit/arin-client/address';
import { customerNumber, type JournalState } from './journal.js';
import { netsWithin } from './registered.js';
import { syncView, type SyncView } from './sync.js';

/** A registered block, labelled for messages. */
interface Interval extends IpRange {
  label: string;
}

const rangesOf = (net: Net): Interval[] =>
  (net.netBlocks ?? []).flatMap((b) => {
    if (!b.startAddress || !b.endAddress) return [];
    const r = rangeOf(b.startAddress, b.endAddress);
    return [{ ...r, label: `${net.handle ?? '?'} (${b.startAddress}–${b.endAddress})` }];
  });

/** What the plan knows of ARIN under the parent, read once before any row is checked. */
export interface ParentView {
  /** The parent's own blocks. */
  ranges: Interval[];
  /** Every other net registered within them. */
  registered: IntervalIndex<Interval>;
  /** Blocks registered to customers this journal made: `block` → net and customer. */
  ours: Map<string, { net: string; customer: string }>;
  /** The highest customer number seen under the parent (where a search for a lost customer starts). */
  seedCustomerNo: number;
  /** `--sync`: each simple reassignment under the parent and its customer. */
  sync?: SyncView;
}

/**
 * Reads the parent net (a wrong handle or key stops the plan) and every net within its blocks;
 * with `sync`, each reassignment's customer too.
 */
export async function readParentView(
  arin: ArinClient,
  parent: string,
  state: JournalState,
  sync: boolean,
): Promise<ParentView> {
  const parentNet = await arin.net.get(parent);
  const view = sync ? await syncView(arin, parentNet) : undefined;
  const nets = view ? view.nets : await registeredUnder(arin, parentNet);
  const registered: Interval[] = [];
  const ours = new Map<string, { net: string; customer: string }>();
  let seedCustomerNo = 0;
  for (const net of nets) {
    if (net.customerHandle) seedCustomerNo = Math.max(seedCustomerNo, customerNumber(net.customerHandle));
    if (net.handle === parent) continue;
    registered.push(...rangesOf(net));
    if (net.handle && net.customerHandle && state.customerKeys.has(net.customerHandle))
      for (const b of net.netBlocks ?? []) {
        const block = parseCidrBlock(`${b.startAddress ?? ''}/${b.cidrLength ?? ''}`);
        if (typeof block !== 'string')
          ours.set(block.block, { net: net.handle, customer: net.customerHandle });
      }
  }
  return {
    ranges: rangesOf(parentNet),
    registered: new IntervalIndex(registered),
    ours,
    seedCustomerNo,
    ...(view ? { sync: view } : {}),
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
