import ipaddr from 'ipaddr.js';

/** A block as the plan works with it: canonical text and its range as integers. */
export interface Block {
  /** Canonical CIDR: `192.0.2.0/28`, `2001:db8::/48`. */
  block: string;
  startAddress: string;
  endAddress: string;
  cidrLength: number;
  version: 4 | 6;
  start: bigint;
  end: bigint;
}

const DIGITS = /^\d+$/;

/** Dotted-decimal IPv4 only: four decimal octets, zero-padded ones read as decimal (never octal). */
function ipv4(text: string): ipaddr.IPv4 | string {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !DIGITS.test(p) || p.length > 3))
    return `"${text}" is not a dotted-decimal IPv4 address such as 192.0.2.0`;
  const octets = parts.map(Number);
  if (octets.some((o) => o > 255)) return `"${text}" has an octet over 255`;
  return new ipaddr.IPv4(octets);
}

function toBig(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return address.toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

export function addressOf(value: bigint, version: 4 | 6): string {
  const bytes: number[] = [];
  for (let i = version === 4 ? 4 : 16, v = value; i > 0; i--, v >>= 8n) bytes.unshift(Number(v & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** A strictly checked CIDR block, or why it is not one (for a person to read). */
export function parseStrictBlock(raw: string): Block | string {
  const text = raw.trim();
  const slash = text.indexOf('/');
  if (slash < 0) return `block "${text}" lacks a prefix length, e.g. 192.0.2.0/28 or 2001:db8::/48`;
  const addr = text.slice(0, slash);
  const len = text.slice(slash + 1);
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  if (addr.includes(':')) {
    if (!ipaddr.IPv6.isValid(addr) || addr.includes('%'))
      return `block "${text}": "${addr}" is not an IPv6 address`;
    address = ipaddr.IPv6.parse(addr);
  } else {
    const v4 = ipv4(addr);
    if (typeof v4 === 'string') return `block "${text}": ${v4}`;
    address = v4;
  }
  const version = address.kind() === 'ipv4' ? 4 : 6;
  const bits = version === 4 ? 32 : 128;
  if (!DIGITS.test(len) || len.length > 3 || Number(len) > bits)
    return `block "${text}": prefix length "${len}" is not 0–${bits} for IPv${version}`;
  const cidrLength = Number(len);
  const start = toBig(address);
  const hostBits = BigInt(bits - cidrLength);
  const mask = (1n << hostBits) - 1n;
  if ((start & mask) !== 0n) {
    const network = addressOf(start & ~mask, version);
    return `block "${text}" is not a network address (did you mean ${network}/${cidrLength}?)`;
  }
  const startAddress = addressOf(start, version);
  return {
    block: `${startAddress}/${cidrLength}`,
    startAddress,
    endAddress: addressOf(start | mask, version),
    cidrLength,
    version,
    start,
    end: start | mask,
  };
}

/** The range of an address pair as ARIN answers it (zero-padded IPv4, expanded IPv6). */
export function rangeOf(
  startAddress: string,
  endAddress: string,
): { start: bigint; end: bigint; version: 4 | 6 } {
  const parse = (a: string) => {
    const t = a.trim();
    if (t.includes(':')) return ipaddr.IPv6.parse(t);
    const v4 = ipv4(t);
    if (typeof v4 === 'string') throw new Error(v4);
    return v4;
  };
  const s = parse(startAddress);
  return { start: toBig(s), end: toBig(parse(endAddress)), version: s.kind() === 'ipv4' ? 4 : 6 };
}
