import { ValidationError } from '@regkit/core';
import ipaddr from 'ipaddr.js';

// ARIN writes IPv4 zero-padded (010.000.002.000), which ipaddr.js would read as octal: each part is
// read as decimal here first. One to three digits per part, so the pattern cannot backtrack.
const PADDED_IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * An IP address as people and other tools write it: IPv4 without ARIN's zero padding
 * (`010.000.002.000` → `10.0.2.0`), IPv6 compressed and lower-case per RFC 5952
 * (`2001:0DB8:0000:…` → `2001:db8::`). Decoded payloads keep ARIN's form (`net.netBlocks[0].startAddress`);
 * call this where you compare or display addresses.
 *
 * @throws ValidationError when `address` is not an IPv4 or IPv6 address.
 */
export function normalizeAddress(address: string): string {
  const v4 = PADDED_IPV4.exec(address);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.every((p) => p <= 255)) return parts.join('.');
  } else if (ipaddr.IPv6.isValid(address)) {
    return ipaddr.IPv6.parse(address).toString(); // RFC 5952 form in ipaddr.js 2
  }
  throw new ValidationError(
    [{ path: 'address', message: `${JSON.stringify(address)} is not an IP address` }],
    {
      what: 'Invalid address',
    },
  );
}
