import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCidrBlock, type CidrBlock } from '@regkit/arin-client/address';
import { PlanTable } from '../src/swip/planTable.js';

const v4 = fc.tuple(fc.nat(0xffffffff), fc.integer({ min: 0, max: 32 })).map(([n, len]) => {
  const start = len === 0 ? 0 : (n >>> (32 - len)) * 2 ** (32 - len);
  const text = [start >>> 24, (start >>> 16) & 255, (start >>> 8) & 255, start & 255].join('.');
  return parseCidrBlock(`${text}/${len}`);
});
const v6 = fc
  .tuple(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 128 }))
  .map(([n, len]) => {
    const start = len === 0 ? 0n : (n >> BigInt(128 - len)) << BigInt(128 - len);
    const groups = Array.from({ length: 8 }, (_, g) =>
      ((start >> BigInt(112 - 16 * g)) & 0xffffn).toString(16),
    );
    return parseCidrBlock(`${groups.join(':')}/${len}`);
  });
/** /64s and longer under one /48: their starts share the top 48 bits, so many fall in one bucket. */
const near = fc
  .tuple(
    fc.integer({ min: 0, max: 0xffff }),
    fc.integer({ min: 0, max: 0xffff }),
    fc.integer({ min: 64, max: 128 }),
  )
  .map(([subnet, host, len]) =>
    parseCidrBlock(`2001:db8:1:${subnet.toString(16)}::${len > 64 ? host.toString(16) : ''}/${len}`),
  );
const block = fc.oneof(v4, v6, near, near).filter((b): b is CidrBlock => typeof b !== 'string');

/** The rows `forEachByStart` visits, in its order. */
const byStart = (table: PlanTable) => {
  const rows: number[] = [];
  table.forEachByStart((i) => rows.push(i));
  return rows;
};

describe('PlanTable blocks', () => {
  it('orders by version then start, and compares ends exactly as the blocks do', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 2, maxLength: 12 }), (blocks) => {
        const table = new PlanTable(blocks.length);
        blocks.forEach((b, i) => table.setBlock(i, b));
        const expected = blocks
          .map((b, i) => ({ b, i }))
          .sort(
            (x, y) =>
              x.b.version - y.b.version ||
              (x.b.start < y.b.start ? -1 : x.b.start > y.b.start ? 1 : 0) ||
              x.i - y.i,
          );
        expect(byStart(table)).toEqual(expected.map((e) => e.i));
        for (let a = 0; a < blocks.length; a++)
          for (let b = 0; b < blocks.length; b++) {
            if (!table.sameVersion(a, b)) continue;
            expect(table.reaches(a, b)).toBe(blocks[a]!.end >= blocks[b]!.start);
            expect(table.endsAfter(a, b)).toBe(blocks[a]!.end > blocks[b]!.end);
          }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps rows without a block out of the order', () => {
    const table = new PlanTable(3);
    table.setBlock(0, parseCidrBlock('2001:db8::/64') as CidrBlock);
    table.setBlock(2, parseCidrBlock('192.0.2.0/24') as CidrBlock);
    expect(byStart(table)).toEqual([2, 0]);
  });
});

describe('PlanTable customers', () => {
  const hex = (n: number) => n.toString(16).padStart(12, '0');
  it('groups rows by customer key in file order, the groups in the order of their keys', () => {
    // few distinct halves, so keys often share their first half but not their second
    const key = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 40 }), (keys) => {
        const table = new PlanTable(keys.length);
        const texts = keys.map(([a, b]) => `${hex(a * 0x10000000001)}${hex(b * 0x30000000007)}`);
        texts.forEach((k, i) => table.setKey(i, k));
        const groups = [...table.rowsByCustomer()].map((g) => [...g]);
        const expected = [...new Set(texts)].sort().map((k) => texts.flatMap((t, i) => (t === k ? [i] : [])));
        expect(groups).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('is no longer asked once the plan is decided', () => {
    const table = new PlanTable(2);
    table.setKey(0, '0'.repeat(24));
    table.decided();
    expect(() => [...table.rowsByCustomer()]).toThrow('the plan is decided: its rows are no longer compared');
  });
});
