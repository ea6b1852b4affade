import { formatAddress, parseAddress } from '@regkit/arin-client/address';

/**
 * An address as people write it: ARIN answers zero-padded IPv4 (`010.000.000.000`, decimal, not
 * octal) and fully expanded IPv6; this gives `10.0.0.0` and `2001:db8::`. Text that is no address
 * comes back trimmed, as it is.
 */
export function plainAddress(address: string): string {
  const parsed = parseAddress(address);
  return parsed ? formatAddress(parsed.version, parsed.value) : address.trim();
}
