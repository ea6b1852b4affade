import { ValidationError } from '@regkit/core';
import { formatAddress, parseAddress } from './address/ip.js';

/**
 * An IP address as people and other tools write it: IPv4 without ARIN's zero padding
 * (`010.000.002.000` → `10.0.2.0`), IPv6 compressed and lower-case per RFC 5952
 * (`2001:0DB8:0000:…` → `2001:db8::`). Decoded payloads keep ARIN's form (`net.netBlocks[0].startAddress`);
 * call this where you compare or display addresses.
 *
 * @throws ValidationError when `address` is not an IPv4 or IPv6 address.
 */
export function normalizeAddress(address: string): string {
  // the address as given: surrounding white space makes it no address
  const parsed = address.trim() === address ? parseAddress(address) : undefined;
  if (parsed) return formatAddress(parsed.version, parsed.value);
  throw new ValidationError(
    [{ path: 'address', message: `${JSON.stringify(address)} is not an IP address` }],
    {
      what: 'Invalid address',
    },
  );
}
