import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { release } from '../src/swip/release.js';
import { slotsOf } from '../src/swip/slots.js';

describe('slotsOf', () => {
  it('gives equal values one slot, and slots in the order of the values', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -5, max: 5 }).map((n) => n * 2 ** 40),
          { maxLength: 60 },
        ),
        (values) => {
          const { slots, distinct } = slotsOf(Float64Array.from(values));
          const sorted = [...new Set(values)].sort((a, b) => a - b);
          expect(distinct).toBe(sorted.length);
          expect([...slots]).toEqual(values.map((v) => sorted.indexOf(v)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('release', () => {
  it('empties a large array the caller owns at once, and leaves a small one as it is', () => {
    const large = new Float64Array(64 * 1024);
    const view = new Uint8Array(large.buffer, 8, 16);
    const small = new Uint32Array(16).fill(7);
    release(large, small, undefined);
    expect(large.length).toBe(0);
    expect(large.buffer.byteLength).toBe(0);
    expect(view.length).toBe(0);
    expect([...small]).toEqual(Array(16).fill(7));
  });

  it('never touches a view that shares its buffer (a slice of the Buffer pool), nor a part of a buffer', () => {
    const pooled = Buffer.from('pooled');
    const whole = new ArrayBuffer(128 * 1024);
    const part = new Uint8Array(whole, 0, 1024);
    release(pooled, part);
    expect(pooled.toString()).toBe('pooled');
    expect(whole.byteLength).toBe(128 * 1024);
    release(whole);
    expect(part.length).toBe(0);
  });
});
