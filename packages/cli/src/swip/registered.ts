import type { ArinClient, Net } from '@regkit/arin-client';
import { formatAddress, rangeOf } from '@regkit/arin-client/address';
import { HttpStatusError, ResponseTooLargeError } from '@regkit/core';

/**
 * Halvings along one branch before giving up: a /32 split 16 times is a /48, an IPv4 /8 a /24;
 * at 32 MiB per answer no registry holds more under one of those.
 */
const MAX_SPLITS = 16;

/**
 * Every net registered within `startAddress`–`endAddress`, from ARIN's within lookup. ARIN does not
 * page that answer, so under a parent with very many registrations it can pass the client's
 * response limit: the range is then split at its largest CIDR boundary and each half looked up on
 * its own, as often as needed. A CIDR block crossing that boundary spans the whole range, so a
 * split loses only a net exactly as large as the range that was too large to list (the parent
 * itself at the top); ARIN's own overlap check still refuses a row inside such a net.
 */
export async function netsWithin(
  arin: ArinClient,
  startAddress: string,
  endAddress: string,
  signal?: AbortSignal,
  splits = 0,
): Promise<Net[]> {
  try {
    return await arin.net.within(startAddress, endAddress, signal ? { signal } : {});
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 404) return [];
    const range = rangeOf(startAddress, endAddress);
    if (!(err instanceof ResponseTooLargeError) || range.start >= range.end || splits >= MAX_SPLITS)
      throw err;
    // the highest bit where start and end differ: the upper half starts where it is set
    const bit = BigInt((range.start ^ range.end).toString(2).length - 1);
    const mid = (range.end >> bit) << bit;
    const halves = await Promise.all([
      netsWithin(arin, startAddress, formatAddress(range.version, mid - 1n), signal, splits + 1),
      netsWithin(arin, formatAddress(range.version, mid), endAddress, signal, splits + 1),
    ]);
    const seen = new Set<string>();
    return halves.flat().filter((net) => {
      const key = net.handle ?? JSON.stringify(net.netBlocks);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
