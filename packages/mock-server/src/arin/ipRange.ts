import ipaddr from 'ipaddr.js';

export type IpVersion = 4 | 6;

export interface IpRange {
  readonly version: IpVersion;
  readonly start: bigint;
  readonly end: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;

/**
 * Parses an address as ARIN accepts it: IPv4 dotted quads with or without zero padding
 * (`010.000.000.255` is decimal, not octal) and IPv6 in any form. Returns undefined when invalid.
 */
export function parseAddress(text: string): { version: IpVersion; value: bigint } | undefined {
  const trimmed = text.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(trimmed)) {
    const parts = trimmed.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { version: 4, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!trimmed.includes(':') || !ipaddr.IPv6.isValid(trimmed)) return undefined;
  const parts = ipaddr.IPv6.parse(trimmed).parts;
  return { version: 6, value: parts.reduce((acc, p) => (acc << 16n) | BigInt(p), 0n) };
}

/** ARIN's response style: zero-padded IPv4 (`010.000.000.000`), fully expanded upper-case IPv6. */
export function formatAddress(version: IpVersion, value: bigint): string {
  if (version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn).padStart(3, '0')).join('.');
  }
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n)
    groups.push(((value >> shift) & 0xffffn).toString(16).toUpperCase().padStart(4, '0'));
  return groups.join(':');
}

/** Plain style for messages and handles: `10.0.0.0`, `2001:db8::`. */
export function formatPlain(version: IpVersion, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  const bytes: number[] = [];
  for (let shift = 120n; shift >= 0n; shift -= 8n) bytes.push(Number((value >> shift) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

export function cidrRange(version: IpVersion, start: bigint, prefix: number): IpRange | undefined {
  const bits = BITS[version];
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
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

/** The CIDR blocks that cover a range exactly, lowest first: ARIN lists a net as one netBlock per CIDR. */
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

export const contains = (outer: IpRange, inner: IpRange) =>
  outer.version === inner.version && outer.start <= inner.start && inner.end <= outer.end;
export const overlaps = (a: IpRange, b: IpRange) =>
  a.version === b.version && a.start <= b.end && b.start <= a.end;

/** `NET-10-0-0-0-1` / `NET6-2001-DB8-1` style handle stem. */
export function handleStem(range: IpRange): string {
  if (range.version === 4) return `NET-${formatPlain(4, range.start).replace(/\./g, '-')}`;
  return `NET6-${formatPlain(6, range.start).replace(/::$/, '').replace(/:+/g, '-').toUpperCase()}`;
}

/** The reverse DNS zone names of a /8../24 IPv4 or /nibble IPv6 range (one per /24 or nibble zone, capped). */
export function reverseZones(range: IpRange, limit = 256): string[] {
  const prefix = prefixLength(range);
  if (prefix === undefined) return [];
  if (range.version === 4) {
    const octets = Math.min(3, Math.max(1, Math.floor(prefix / 8)));
    const step = 1n << BigInt(32 - octets * 8);
    const zones: string[] = [];
    for (let at = range.start; at <= range.end && zones.length < limit; at += step) {
      const parts = [24n, 16n, 8n].slice(0, octets).map((s) => String((at >> s) & 0xffn));
      zones.push(`${parts.reverse().join('.')}.in-addr.arpa.`);
    }
    return zones;
  }
  const nibbles = Math.max(1, Math.floor(prefix / 4));
  const hex = range.start.toString(16).padStart(32, '0').slice(0, nibbles);
  return [`${hex.split('').reverse().join('.')}.ip6.arpa.`];
}
