import ipaddr from 'ipaddr.js';

/** 4 for IPv4, 6 for IPv6. */
export type IpVersion = 4 | 6;

/** An address as a number: the 32 (IPv4) or 128 (IPv6) bits of the address, most significant first. */
export interface ParsedAddress {
  readonly version: IpVersion;
  readonly value: bigint;
}

/** A run of addresses of one version, from `start` to `end` inclusive. */
export interface IpRange {
  readonly version: IpVersion;
  readonly start: bigint;
  readonly end: bigint;
}

/** A CIDR block checked to be a network address: its canonical text and its range. */
export interface CidrBlock extends IpRange {
  /** Canonical CIDR: `192.0.2.0/28`, `2001:db8::/48`. */
  readonly block: string;
  /** The first address, canonical: `192.0.2.0`. */
  readonly startAddress: string;
  /** The last address, canonical: `192.0.2.15`. */
  readonly endAddress: string;
  readonly cidrLength: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** How many bits an address of the version has: 32 or 128. */
export const addressBits = (version: IpVersion): 32 | 128 => BITS[version];

const DIGITS = /^\d+$/;
const HEX_GROUP = /^[\da-f]{1,4}$/i;

/**
 * Dotted-decimal IPv4 only: four decimal octets of one to three digits; ARIN's zero padding
 * (`010.000.002.000`) is decimal, never octal. The value, or why the text is no such address.
 */
function ipv4(text: string): bigint | string {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !DIGITS.test(p) || p.length > 3))
    return `"${text}" is not a dotted-decimal IPv4 address such as 192.0.2.0`;
  const octets = parts.map(Number);
  if (octets.some((o) => o > 255)) return `"${text}" has an octet over 255`;
  return octets.reduce((n, o) => (n << 8n) | BigInt(o), 0n);
}

/**
 * IPv6 in any RFC 4291 form (compressed or not, any case, a dotted-decimal IPv4 tail), without a
 * zone id; undefined when the text is not one.
 */
function ipv6(text: string): bigint | undefined {
  let body = text;
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) return undefined;
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // the embedded IPv4 address is read by the same strict rules, then written as two groups
    const v4 = ipv4(tail);
    if (typeof v4 === 'string') return undefined;
    body = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const count = groups.reduce((n, g) => n + g.length, 0);
  if (groups.some((g) => g.some((part) => !HEX_GROUP.test(part)))) return undefined;
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  let parts: number[];
  try {
    // parsed once: isValid and then parse would read the text twice
    parts = ipaddr.IPv6.parse(body).parts;
  } catch {
    return undefined;
  }
  return parts.reduce((n, p) => (n << 16n) | BigInt(p), 0n);
}

/** The parsed address, or why the text is no address (for a person to read). */
function readAddress(text: string): ParsedAddress | string {
  if (text.includes(':')) {
    const value = ipv6(text);
    return value === undefined ? `"${text}" is not an IPv6 address` : { version: 6, value };
  }
  const value = ipv4(text);
  return typeof value === 'string' ? value : { version: 4, value };
}

/**
 * Parses an address strictly, after trimming surrounding white space: IPv4 as four dotted decimal
 * octets, ARIN's zero padding read as decimal (`010.000.000.255` is 10.0.0.255, never octal; no hex,
 * no `1.2.3`, no single number), and IPv6 in any form without a zone id (`fe80::1%eth0` is refused).
 *
 * @returns The version and the address as a number, or undefined when the text is no address.
 */
export function parseAddress(text: string): ParsedAddress | undefined {
  const parsed = readAddress(text.trim());
  return typeof parsed === 'string' ? undefined : parsed;
}

const bytesOf = (version: IpVersion, value: bigint): number[] => {
  const bytes: number[] = [];
  for (let shift = BigInt(BITS[version] - 8); shift >= 0n; shift -= 8n)
    bytes.push(Number((value >> shift) & 0xffn));
  return bytes;
};

/** The canonical text of an address: plain dotted decimal (`10.0.0.0`), RFC 5952 IPv6 (`2001:db8::`). */
export function formatAddress(version: IpVersion, value: bigint): string {
  if (version === 4) return bytesOf(4, value).join('.');
  return ipaddr.fromByteArray(bytesOf(6, value)).toString();
}

/**
 * An address as ARIN writes it on the wire: zero-padded IPv4 (`010.000.000.000`), fully expanded
 * upper-case IPv6 (`2001:0DB8:0000:0000:0000:0000:0000:0000`).
 */
export function formatArinAddress(version: IpVersion, value: bigint): string {
  if (version === 4)
    return bytesOf(4, value)
      .map((b) => String(b).padStart(3, '0'))
      .join('.');
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n)
    groups.push(((value >> shift) & 0xffffn).toString(16).toUpperCase().padStart(4, '0'));
  return groups.join(':');
}

/** The block of `prefix` bits starting at `start`, or undefined unless `start` is its network address. */
export function cidrRange(version: IpVersion, start: bigint, prefix: number): IpRange | undefined {
  const bits = BITS[version];
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  if (start < 0n || start >= 1n << BigInt(bits)) return undefined;
  const size = 1n << BigInt(bits - prefix);
  if (start % size !== 0n) return undefined;
  return { version, start, end: start + size - 1n };
}

/** The prefix length when the range is exactly one CIDR block, else undefined. */
export function prefixLength(range: IpRange): number | undefined {
  const size = range.end - range.start + 1n;
  if (size <= 0n || (size & (size - 1n)) !== 0n || range.start % size !== 0n) return undefined;
  return BITS[range.version] - (size.toString(2).length - 1);
}

/**
 * The fewest CIDR blocks that cover a range exactly, lowest first (ARIN lists a net as one netBlock
 * per CIDR block).
 */
export function cidrBlocks(range: IpRange): { start: bigint; end: bigint; prefix: number }[] {
  const blocks: { start: bigint; end: bigint; prefix: number }[] = [];
  const bits = BITS[range.version];
  for (let start = range.start; start <= range.end;) {
    let host = 0;
    while (
      host < bits &&
      start % (1n << BigInt(host + 1)) === 0n &&
      start + (1n << BigInt(host + 1)) - 1n <= range.end
    )
      host++;
    const end = start + (1n << BigInt(host)) - 1n;
    blocks.push({ start, end, prefix: bits - host });
    start = end + 1n;
  }
  return blocks;
}

/** Whether `inner` lies wholly inside `outer` (same version). */
export const contains = (outer: IpRange, inner: IpRange): boolean =>
  outer.version === inner.version && outer.start <= inner.start && inner.end <= outer.end;

/** Whether the two ranges share at least one address (same version). */
export const overlaps = (a: IpRange, b: IpRange): boolean =>
  a.version === b.version && a.start <= b.end && b.start <= a.end;

/**
 * Parses a CIDR block strictly (addresses as {@link parseAddress} reads them, a decimal prefix
 * length for the version, a network address), after trimming surrounding white space.
 *
 * @returns The block, or why the text is not one, for a person to read:
 *   `block "10.0.0.1/24" is not a network address (did you mean 10.0.0.0/24?)`.
 */
export function parseCidrBlock(raw: string): CidrBlock | string {
  const text = raw.trim();
  const slash = text.indexOf('/');
  if (slash < 0) return `block "${text}" lacks a prefix length, e.g. 192.0.2.0/28 or 2001:db8::/48`;
  const addr = text.slice(0, slash);
  const len = text.slice(slash + 1);
  const address = readAddress(addr);
  if (typeof address === 'string') return `block "${text}": ${address}`;
  const { version, value } = address;
  const bits = BITS[version];
  if (!DIGITS.test(len) || len.length > 3 || Number(len) > bits)
    return `block "${text}": prefix length "${len}" is not 0–${bits} for IPv${version}`;
  const cidrLength = Number(len);
  const range = cidrRange(version, value, cidrLength);
  if (!range) {
    const mask = (1n << BigInt(bits - cidrLength)) - 1n;
    const network = formatAddress(version, value & ~mask);
    return `block "${text}" is not a network address (did you mean ${network}/${cidrLength}?)`;
  }
  const startAddress = formatAddress(version, range.start);
  return {
    block: `${startAddress}/${cidrLength}`,
    startAddress,
    endAddress: formatAddress(version, range.end),
    cidrLength,
    version,
    start: range.start,
    end: range.end,
  };
}

/**
 * The range of an address pair, as ARIN answers it in a net block (zero-padded IPv4, expanded IPv6)
 * or in any form {@link parseAddress} reads.
 *
 * @throws Error when either address is invalid, their versions differ or the end is before the start.
 */
export function rangeOf(startAddress: string, endAddress: string): IpRange {
  const start = readAddress(startAddress.trim());
  const end = readAddress(endAddress.trim());
  if (typeof start === 'string') throw new Error(start);
  if (typeof end === 'string') throw new Error(end);
  if (start.version !== end.version || end.value < start.value)
    throw new Error(`"${startAddress}" to "${endAddress}" is not a range of addresses`);
  return { version: start.version, start: start.value, end: end.value };
}

/**
 * Orders CIDR blocks as people expect a list of them: IPv4 before IPv6, then by address as numbers
 * (10.0.8.0 before 10.0.16.0, zero-padded or not), then by prefix length; text that is no block
 * sorts last, in text order. A comparator for `Array.prototype.sort`.
 */
export function compareBlocks(a: string, b: string): number {
  const key = (block: string) => {
    const slash = block.indexOf('/');
    const address = parseAddress(slash < 0 ? block : block.slice(0, slash));
    return address && { ...address, length: slash < 0 ? 0 : Number(block.slice(slash + 1)) };
  };
  const x = key(a);
  const y = key(b);
  if (!x || !y) return x ? -1 : y ? 1 : a.localeCompare(b);
  if (x.version !== y.version) return x.version - y.version;
  if (x.value !== y.value) return x.value < y.value ? -1 : 1;
  return x.length - y.length;
}
