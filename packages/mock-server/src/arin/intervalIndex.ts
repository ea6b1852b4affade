/**
 * Disjoint intervals (the child nets of one parent) kept sorted by start address. An overlap check
 * is two binary searches: O(log n) in the number of intervals.
 */
export class IntervalIndex<T extends { readonly start: bigint; readonly end: bigint }> {
  readonly #items: T[] = [];

  get size(): number {
    return this.#items.length;
  }

  /** Index of the first item whose start is greater than `value`. */
  #upperBound(value: bigint): number {
    let lo = 0;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#items[mid] as T).start <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Items that share at least one address with [start, end]. */
  overlapping(start: bigint, end: bigint): T[] {
    const out: T[] = [];
    let i = this.#upperBound(start) - 1;
    if (i >= 0 && (this.#items[i] as T).end >= start) out.push(this.#items[i] as T);
    for (i = Math.max(i + 1, 0); i < this.#items.length && (this.#items[i] as T).start <= end; i++) {
      if ((this.#items[i] as T).end >= start && !out.includes(this.#items[i] as T))
        out.push(this.#items[i] as T);
    }
    return out;
  }

  /** Adds an item; returns false (and adds nothing) when it overlaps an existing one. */
  insert(item: T): boolean {
    if (this.overlapping(item.start, item.end).length) return false;
    this.#items.splice(this.#upperBound(item.start), 0, item);
    return true;
  }

  remove(item: T): boolean {
    const i = this.#upperBound(item.start) - 1;
    if (i >= 0 && this.#items[i] === item) {
      this.#items.splice(i, 1);
      return true;
    }
    const j = this.#items.indexOf(item);
    if (j < 0) return false;
    this.#items.splice(j, 1);
    return true;
  }

  values(): readonly T[] {
    return this.#items;
  }
}
