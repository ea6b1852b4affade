import type { ArinClient, Customer, Net } from '@regkit/arin-client';
import { parseCidrBlock } from '@regkit/arin-client/address';
import { netsWithin } from './registered.js';
import { customerKeyOf } from './rules.js';

/** A registered net under the parent as `--sync` sees it. */
export interface RegisteredNet {
  /** The net as ARIN answered it. */
  net: Net;
  handle: string;
  /** Canonical CIDR of its (first) block. */
  block: string;
  netName: string;
  customer?: {
    handle: string;
    name: string;
    key: string;
    street: string[];
    city: string;
    stateProvince?: string;
    postalCode?: string;
    country: string;
  };
  /** Why `--sync` leaves it alone (a reallocation, a detailed reassignment, …), when it does. */
  untouched?: string;
}

/** A net `--sync` would change without a row: removed (with `--prune`) or left alone with a reason. */
export interface SyncNet {
  handle: string;
  block: string;
  netName: string;
  customer?: string;
  customerName?: string;
  reason: string;
}

/** What a sync plan does beyond the rows: the nets the file no longer lists, and those it leaves alone. */
export interface SyncSection {
  prune: boolean;
  removals: SyncNet[];
  untouched: SyncNet[];
}

const READS_AT_ONCE = 8;

/** Runs `fn` over `items` with at most `limit` at once, keeping the order of the results. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

export function customerView(handle: string, c: Customer): NonNullable<RegisteredNet['customer']> {
  const street = (c.streetAddress ?? []).map((s) => s.trim()).filter(Boolean);
  const fields = {
    customerName: c.customerName ?? '',
    street,
    city: c.city ?? '',
    ...(c.stateProvince ? { stateProvince: c.stateProvince } : {}),
    ...(c.postalCode ? { postalCode: c.postalCode } : {}),
    country: (c.country?.code2 ?? '').toUpperCase(),
  };
  return {
    handle,
    name: fields.customerName,
    key: customerKeyOf(fields),
    street,
    city: fields.city,
    ...(fields.stateProvince ? { stateProvince: fields.stateProvince } : {}),
    ...(fields.postalCode ? { postalCode: fields.postalCode } : {}),
    country: fields.country,
  };
}

/**
 * What ARIN holds under the parent: every net within its blocks (A40), and each simple
 * reassignment's customer (A15), read a few at a time. Reallocations, detailed reassignments and
 * nets of several blocks are marked untouched, with the reason.
 */
export async function readRegistered(arin: ArinClient, parent: Net): Promise<RegisteredNet[]> {
  const nets: Net[] = [];
  for (const range of parent.netBlocks ?? []) {
    if (!range.startAddress || !range.endAddress) continue;
    for (const net of await netsWithin(arin, range.startAddress, range.endAddress))
      if (net.handle !== parent.handle) nets.push(net);
  }
  return mapLimited(nets, READS_AT_ONCE, async (net): Promise<RegisteredNet> => {
    const first = net.netBlocks?.[0];
    const parsed = parseCidrBlock(`${first?.startAddress ?? ''}/${first?.cidrLength ?? ''}`);
    const base = {
      net,
      handle: net.handle ?? '?',
      block:
        typeof parsed === 'string'
          ? `${first?.startAddress ?? '?'}/${first?.cidrLength ?? '?'}`
          : parsed.block,
      netName: net.netName ?? '',
    };
    const type = first?.type;
    if (net.orgHandle)
      return {
        ...base,
        untouched: `a ${type === 'A' ? 'reallocation' : 'detailed reassignment'} to ${net.orgHandle}`,
      };
    if (!net.customerHandle) return { ...base, untouched: 'not a reassignment to a customer' };
    if ((net.netBlocks ?? []).length !== 1) return { ...base, untouched: 'a net of several blocks' };
    if (net.parentNetHandle !== parent.handle)
      return {
        ...base,
        untouched: `under ${net.parentNetHandle ?? 'another net'}, not directly under the parent`,
      };
    const customer = await arin.customer.get(net.customerHandle);
    return { ...base, customer: customerView(net.customerHandle, customer) };
  });
}

/** What `--sync` knows of ARIN under the parent, indexed for the plan. */
export async function syncView(arin: ArinClient, parentNet: Net) {
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

/** What `--sync` knows of ARIN under the parent. */
export type SyncView = Awaited<ReturnType<typeof syncView>>;
