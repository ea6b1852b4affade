import ipaddr from 'ipaddr.js';

/**
 * An address as people write it: ARIN answers zero-padded IPv4 (`010.000.000.000`, decimal, not
 * octal) and fully expanded IPv6; this gives `10.0.0.0` and `2001:db8::`.
 */
export function plainAddress(address: string): string {
  const a = address.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(a))
    return a
      .split('.')
      .map((o) => String(Number(o)))
      .join('.');
  return ipaddr.IPv6.isValid(a) ? ipaddr.IPv6.parse(a).toString() : a;
}

/** A CIDR block checked to be a network address, or the reason it is not (for a person to read). */
export function parseBlock(
  block: string,
): { block: string; startAddress: string; cidrLength: number; version: 4 | 6 } | string {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(block.trim());
  } catch {
    return `block "${block}" is not a CIDR block such as 192.0.2.0/28 or 2001:db8::/48`;
  }
  const [address, length] = parsed;
  const network =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(block.trim())
      : ipaddr.IPv6.networkAddressFromCIDR(block.trim());
  if (network.toString() !== address.toString()) {
    return `block "${block}" is not a network address (did you mean ${network.toString()}/${length}?)`;
  }
  const version = address.kind() === 'ipv4' ? 4 : 6;
  return {
    block: `${address.toString()}/${length}`,
    startAddress: address.toString(),
    cidrLength: length,
    version,
  };
}

/**
 * Order of CIDR blocks as people expect a list of them: IPv4 before IPv6, then by address as
 * numbers (10.0.8.0 before 10.0.16.0), then by prefix length; text that is no block sorts last.
 */
export function compareBlocks(a: string, b: string): number {
  const key = (block: string) => {
    const [address = '', length = ''] = block.split('/');
    const plain = plainAddress(address);
    if (!ipaddr.isValid(plain)) return undefined;
    return { bytes: ipaddr.parse(plain).toByteArray(), length: Number(length) };
  };
  const x = key(a);
  const y = key(b);
  if (!x || !y) return x ? -1 : y ? 1 : a.localeCompare(b);
  if (x.bytes.length !== y.bytes.length) return x.bytes.length - y.bytes.length;
  for (let i = 0; i < x.bytes.length; i++) if (x.bytes[i] !== y.bytes[i]) return x.bytes[i]! - y.bytes[i]!;
  return x.length - y.length;
}
