import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PackedBytes } from '../src/swip/packedBytes.js';

/** Bytes that compress like a CSV: repeated lines with counters. */
function csvLike(rows: number): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++)
    lines.push(`Customer ${i},${i} Main St,Herndon,VA,20170,US,10.${(i >> 8) & 255}.${i & 255}.0/24`);
  return Buffer.from(lines.join('\n'));
}

describe('PackedBytes', () => {
  const bytes = csvLike(20_000); // about 1.2 MB: many 64 KiB blocks
  const packed = PackedBytes.pack(bytes);

  it('gives back any range byte for byte, across block boundaries, in any order', () => {
    expect(packed.length).toBe(bytes.length);
    fc.assert(
      fc.property(fc.nat(bytes.length), fc.nat(70_000), (start, size) => {
        const end = Math.min(bytes.length, start + size);
        expect(Buffer.from(packed.slice(start, end)).equals(Buffer.from(bytes.subarray(start, end)))).toBe(
          true,
        );
      }),
      { numRuns: 300 },
    );
    // exactly on a boundary, and the whole
    expect(Buffer.from(packed.slice(65_536 - 3, 65_536 + 3))).toEqual(
      Buffer.from(bytes.subarray(65_533, 65_539)),
    );
    expect(Buffer.from(packed.slice(0, bytes.length)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('keeps a fraction of the bytes, and an empty range or input is empty', () => {
    expect(packed.packedLength).toBeGreaterThan(0);
    expect(packed.packedLength).toBeLessThan(bytes.length / 4);
    expect(packed.slice(10, 10)).toEqual(new Uint8Array(0));
    expect(PackedBytes.pack(new Uint8Array(0)).slice(0, 0)).toEqual(new Uint8Array(0));
  });
});
