import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cidrBlocks,
  cidrRange,
  compareBlocks,
  contains,
  formatAddress,
  formatArinAddress,
  IntervalIndex,
  overlaps,
  parseAddress,
  parseCidrBlock,
  prefixLength,
  rangeOf,
  type IpRange,
  type IpVersion,
} from '../src/address/index.js';
import { normalizeAddress } from '../src/index.js';

const MAX = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n } as const;
const version = fc.constantFrom<IpVersion>(4, 6);
const address = version.chain((v) => fc.bigInt(0n, MAX[v]).map((value) => ({ version: v, value })));
/** Values near the interesting edges too: small numbers and runs of ones. */
const range = version.chain((v) =>
  fc
    .tuple(fc.bigInt(0n, MAX[v]), fc.bigInt(0n, 1n << 20n))
    .map(([start, size]) => ({ version: v, start, end: start + size > MAX[v] ? MAX[v] : start + size })),
);

describe('addresses', () => {
  it('parse → canonical text → parse and parse → ARIN text → parse give the same address', () => {
    fc.assert(
      fc.property(address, ({ version, value }) => {
        expect(parseAddress(formatAddress(version, value))).toEqual({ version, value });
        expect(parseAddress(formatArinAddress(version, value))).toEqual({ version, value });
        // the canonical text is what ipaddr.js / RFC 5952 give for the ARIN text
        expect(normalizeAddress(formatArinAddress(version, value))).toBe(formatAddress(version, value));
      }),
    );
  });

  it('IPv6 in any case and compression reads the same, and prints as RFC 5952', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, MAX[6]), (value) => {
        const upper = formatArinAddress(6, value);
        const canonical = formatAddress(6, value);
        expect(canonical).toBe(canonical.toLowerCase());
        expect(canonical).not.toMatch(/(^|:)0\d/);
        expect(parseAddress(upper.toLowerCase())).toEqual({ version: 6, value });
        expect(parseAddress(canonical.toUpperCase())).toEqual({ version: 6, value });
      }),
    );
  });

  it("reads ARIN's zero-padded IPv4 as decimal, never octal", () => {
    expect(parseAddress('010.000.002.000')).toEqual({ version: 4, value: 0x0a000200n });
    expect(parseAddress('010.010.010.010')).toEqual({ version: 4, value: 0x0a0a0a0an });
    expect(formatAddress(4, 0x0a000200n)).toBe('10.0.2.0');
    expect(formatArinAddress(4, 0x0a000200n)).toBe('010.000.002.000');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), (octets) => {
        const padded = octets.map((o) => String(o).padStart(3, '0')).join('.');
        expect(formatAddress(4, parseAddress(padded)?.value ?? -1n)).toBe(octets.join('.'));
      }),
    );
  });

  it('writes IPv6 as ARIN does: expanded and upper case', () => {
    expect(formatArinAddress(6, parseAddress('2001:db8::a')?.value ?? 0n)).toBe(
      '2001:0DB8:0000:0000:0000:0000:0000:000A',
    );
    expect(parseAddress('::ffff:10.0.0.1')).toEqual({ version: 6, value: 0xffff0a000001n });
  });

  it.each([
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.0',
    '0x0a.0.0.1',
    '167772160',
    '1.2.3.-4',
    '1.2.3.0004',
    'fe80::1%eth0',
    '2001:db8:::1',
    '2001:db8::1::2',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7',
    '12345::',
    '::ffff:010.0.0.0x1',
    '::ffff:1.2.3',
    '',
    'not-an-ip',
  ])('refuses %j', (text) => {
    expect(parseAddress(text)).toBeUndefined();
    expect(() => normalizeAddress(text)).toThrow(/is not an IP address/);
  });
});

describe('CIDR blocks', () => {
  it('refuses what is no block with the reason a person reads', () => {
    expect(parseCidrBlock('10.0.0.1/24')).toBe(
      'block "10.0.0.1/24" is not a network address (did you mean 10.0.0.0/24?)',
    );
    expect(parseCidrBlock('2001:db8::1/64')).toBe(
      'block "2001:db8::1/64" is not a network address (did you mean 2001:db8::/64?)',
    );
    expect(parseCidrBlock('1.2.3/24')).toBe(
      'block "1.2.3/24": "1.2.3" is not a dotted-decimal IPv4 address such as 192.0.2.0',
    );
    expect(parseCidrBlock('1.2.3.4.5/32')).toMatch(/"1\.2\.3\.4\.5" is not a dotted-decimal IPv4 address/);
    expect(parseCidrBlock('256.0.0.0/8')).toBe('block "256.0.0.0/8": "256.0.0.0" has an octet over 255');
    expect(parseCidrBlock('fe80::1%eth0/64')).toBe(
      'block "fe80::1%eth0/64": "fe80::1%eth0" is not an IPv6 address',
    );
    expect(parseCidrBlock('10.0.0.0')).toBe(
      'block "10.0.0.0" lacks a prefix length, e.g. 192.0.2.0/28 or 2001:db8::/48',
    );
    expect(parseCidrBlock('10.0.0.0/33')).toBe(
      'block "10.0.0.0/33": prefix length "33" is not 0–32 for IPv4',
    );
    expect(parseCidrBlock('2001:db8::/129')).toMatch(/prefix length "129" is not 0–128 for IPv6/);
    expect(parseCidrBlock('10.0.0.0/+8')).toMatch(/prefix length "\+8"/);
  });

  it('gives the canonical block, its addresses and range, from any form', () => {
    expect(parseCidrBlock(' 010.000.050.000/24 ')).toEqual({
      block: '10.0.50.0/24',
      startAddress: '10.0.50.0',
      endAddress: '10.0.50.255',
      cidrLength: 24,
      version: 4,
      start: 0x0a003200n,
      end: 0x0a0032ffn,
    });
    for (const form of ['2001:0db8:0000:0000:0000:0000:0000:0000/48', '2001:DB8::/48', '2001:db8:0:0::/48'])
      expect(parseCidrBlock(form)).toMatchObject({ block: '2001:db8::/48', version: 6, cidrLength: 48 });
  });

  it('every block of a range parses back to that range, and the blocks cover it exactly', () => {
    fc.assert(
      fc.property(range, (r) => {
        const blocks = cidrBlocks(r);
        expect(blocks[0]?.start).toBe(r.start);
        expect(blocks.at(-1)?.end).toBe(r.end);
        blocks.forEach((b, i) => {
          if (i > 0) expect(b.start).toBe((blocks[i - 1]?.end ?? -2n) + 1n);
          expect(cidrRange(r.version, b.start, b.prefix)).toEqual({
            version: r.version,
            start: b.start,
            end: b.end,
          });
          expect(prefixLength({ version: r.version, start: b.start, end: b.end })).toBe(b.prefix);
          const parsed = parseCidrBlock(`${formatArinAddress(r.version, b.start)}/${b.prefix}`);
          expect(parsed).toMatchObject({ start: b.start, end: b.end, cidrLength: b.prefix });
          // the fewest blocks: two neighbours never merge into one block
          const next = blocks[i + 1];
          if (next && next.prefix === b.prefix)
            expect(cidrRange(r.version, b.start, b.prefix - 1)).toBeUndefined();
        });
        expect(prefixLength(r) === undefined).toBe(blocks.length !== 1);
      }),
    );
  });

  it('refuses a misaligned start with the network it meant, for any address and length', () => {
    fc.assert(
      fc.property(address, fc.integer({ min: 0, max: 128 }), ({ version, value }, n) => {
        const length = n % ((version === 4 ? 32 : 128) + 1);
        const text = `${formatAddress(version, value)}/${length}`;
        const parsed = parseCidrBlock(text);
        const range = cidrRange(version, value, length);
        if (range) expect(parsed).toMatchObject({ start: range.start, end: range.end });
        else {
          const host = (1n << BigInt((version === 4 ? 32 : 128) - length)) - 1n;
          expect(parsed).toBe(
            `block "${text}" is not a network address (did you mean ${formatAddress(version, value & ~host)}/${length}?)`,
          );
        }
      }),
    );
  });

  it('a pair of addresses is a range; a pair of versions or a backward pair is not', () => {
    expect(rangeOf('010.000.000.000', '010.000.000.255')).toEqual({
      version: 4,
      start: 0x0a000000n,
      end: 0x0a0000ffn,
    });
    expect(() => rangeOf('10.0.0.0', '::1')).toThrow(/not a range/);
    expect(() => rangeOf('10.0.0.9', '10.0.0.1')).toThrow(/not a range/);
    expect(() => rangeOf('10.0.0', '10.0.0.1')).toThrow(/dotted-decimal/);
  });

  it('contains and overlaps agree with the addresses they share', () => {
    const small = fc
      .tuple(version, fc.bigInt(0n, 64n), fc.bigInt(0n, 16n))
      .map(([v, start, size]) => ({ version: v, start, end: start + size }));
    fc.assert(
      fc.property(small, small, (a, b) => {
        const same = a.version === b.version;
        expect(overlaps(a, b)).toBe(same && a.start <= b.end && b.start <= a.end);
        expect(overlaps(a, b)).toBe(overlaps(b, a));
        expect(contains(a, b)).toBe(same && a.start <= b.start && b.end <= a.end);
        if (contains(a, b)) expect(overlaps(a, b)).toBe(true);
      }),
    );
  });

  it('blocks sort by address as numbers, IPv4 first, zero-padded or not, no block last', () => {
    expect(['::/0', 'junk', '192.000.002.000/25', '192.0.2.0/24', '100.0.0.0/8'].sort(compareBlocks)).toEqual(
      ['100.0.0.0/8', '192.0.2.0/24', '192.000.002.000/25', '::/0', 'junk'],
    );
    fc.assert(
      fc.property(address, address, ({ version: v, value: x }, { version: w, value: y }) => {
        const order = Math.sign(compareBlocks(`${formatArinAddress(v, x)}/0`, `${formatAddress(w, y)}/0`));
        expect(order).toBe(v !== w ? Math.sign(v - w) : x === y ? 0 : x < y ? -1 : 1);
      }),
    );
  });
});

interface Item extends IpRange {
  readonly id: number;
}

/** Random intervals over a small space, so that they often overlap. */
const items = fc
  .array(fc.tuple(fc.bigInt(0n, 200n), fc.bigInt(0n, 30n)), { maxLength: 40 })
  .map((pairs) => pairs.map(([start, size], id): Item => ({ id, version: 4, start, end: start + size })));
const query = fc.tuple(fc.bigInt(0n, 240n), fc.bigInt(0n, 40n)).map(([s, n]) => [s, s + n] as const);
const bruteForce = (all: readonly Item[], start: bigint, end: bigint) =>
  all.filter((i) => i.start <= end && start <= i.end);
const byStart = (a: Item, b: Item) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id);

describe('IntervalIndex', () => {
  it('a static set, overlapping or not: find and overlapping agree with a check of every interval', () => {
    fc.assert(
      fc.property(items, fc.array(query, { maxLength: 20 }), (all, queries) => {
        const index = new IntervalIndex(all);
        expect(index.size).toBe(all.length);
        expect(index.values()).toEqual([...all].sort(byStart));
        for (const [start, end] of queries) {
          const expected = bruteForce(all, start, end);
          const found = index.find(start, end);
          if (expected.length === 0) expect(found).toBeUndefined();
          else expect(expected).toContain(found);
          expect(index.overlapping(start, end).map((i) => i.id)).toEqual(
            expected.sort(byStart).map((i) => i.id),
          );
        }
      }),
    );
  });

  it('kept disjoint by insert, with removals: agrees with a plain list', () => {
    fc.assert(
      fc.property(
        items,
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(query, { maxLength: 10 }),
        (all, drops, queries) => {
          const index = new IntervalIndex<Item>();
          const held: Item[] = [];
          for (const item of all) {
            const free = bruteForce(held, item.start, item.end).length === 0;
            expect(index.insert(item)).toBe(free);
            if (free) held.push(item);
          }
          for (const d of drops) {
            if (held.length === 0) break;
            const [gone] = held.splice(d % held.length, 1) as [Item];
            expect(index.remove(gone)).toBe(true);
            expect(index.remove(gone)).toBe(false);
          }
          expect(index.values()).toEqual([...held].sort(byStart));
          for (const [start, end] of queries)
            expect(index.overlapping(start, end)).toEqual(bruteForce(held, start, end).sort(byStart));
        },
      ),
    );
  });

  it('add keeps intervals that overlap; remove takes out only the object given', () => {
    const a: Item = { id: 1, version: 4, start: 10n, end: 20n };
    const b: Item = { id: 2, version: 4, start: 10n, end: 20n };
    const index = new IntervalIndex<Item>([a]);
    expect(index.insert(b)).toBe(false);
    index.add(b);
    expect(index.overlapping(15n, 15n)).toEqual([a, b]);
    expect(index.remove({ ...a })).toBe(false);
    expect(index.remove(a)).toBe(true);
    expect(index.values()).toEqual([b]);
    expect(index.find(21n, 30n)).toBeUndefined();
    expect(index.find(0n, 10n)).toBe(b);
  });
});
