import { release } from './release.js';

/**
 * Each row's slot among the distinct values of `hashes` in ascending order: rows with equal hashes
 * share a slot. A numeric sort of a copy and a binary search per row: no comparator, so no copy of
 * the rows onto V8's heap, and 12 bytes a row at most while it runs.
 */
export function slotsOf(hashes: Float64Array): { slots: Uint32Array; distinct: number } {
  const sorted = hashes.slice().sort();
  let distinct = 0;
  for (let k = 0; k < sorted.length; k++)
    if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[distinct++] = sorted[k]!;
  const slots = new Uint32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) {
    let low = 0;
    let high = distinct - 1;
    const value = hashes[i]!;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid]! < value) low = mid + 1;
      else high = mid;
    }
    slots[i] = low;
  }
  release(sorted);
  return { slots, distinct };
}

/**
 * The rows in the order of their slots (a counting sort: file order within a slot), and each
 * slot's rows as a view. No comparator sort over all rows, so nothing the size of the file is
 * copied onto V8's heap.
 */
export function bySlot({ slots, distinct }: { slots: Uint32Array; distinct: number }) {
  const ends = new Uint32Array(distinct + 1);
  for (let i = 0; i < slots.length; i++) ends[slots[i]! + 1] = ends[slots[i]! + 1]! + 1;
  for (let s = 0; s < distinct; s++) ends[s + 1] = ends[s + 1]! + ends[s]!;
  const next = ends.slice(0, distinct);
  const order = new Uint32Array(slots.length);
  for (let i = 0; i < slots.length; i++) order[next[slots[i]!]!++] = i;
  release(slots, next);
  return {
    *groups(): Generator<Uint32Array> {
      for (let s = 0; s < distinct; s++) yield order.subarray(ends[s]!, ends[s + 1]!);
    },
    release: () => release(order, ends),
  };
}
