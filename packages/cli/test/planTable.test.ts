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
const block = fc.oneof(v4, v6).filter((b): b is CidrBlock => typeof b !== 'string');

describe('PlanTable blocks', () => {
  it('orders by version then start, and compares ends exactly as the blocks do', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 2, maxLength: 12 }), (blocks) => {
        const table = new PlanTable(blocks.length);
        blocks.forEach((b, i) => table.setBlock(i, b));
        const order = [...table.rowsByStart()];
        const expected = blocks
          .map((b, i) => ({ b, i }))
          .sort(
            (x, y) =>
              x.b.version - y.b.version || (x.b.start < y.b.start ? -1 : x.b.start > y.b.start ? 1 : 0),
          );
        expect(order.map((i) => blocks[i]!.start)).toEqual(expected.map((e) => e.b.start));
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
    expect([...table.rowsByStart()]).toEqual([2, 0]);
  });
});
