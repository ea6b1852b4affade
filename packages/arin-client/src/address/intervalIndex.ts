/** What an {@link IntervalIndex} holds: anything with a first and a last address. */
export interface Interval {
  readonly start: bigint;
  readonly end: bigint;
}

/**
 * Intervals kept sorted by start, each position with the interval of greatest end up to it, so that
 * "does anything overlap [start, end]" is one binary search: O(log n). The intervals may overlap
 * each other (a static set of registered nets, some inside others) or be kept disjoint with
 * {@link IntervalIndex.insert} (the child nets of one parent). Adding or removing moves the array:
 * O(n).
 */
export class IntervalIndex<T extends Interval> {
  readonly #items: T[] = [];
  /** For each position, the position of the first interval with the greatest end up to it. */
  readonly #peak: number[] = [];

  /** An index of `items` (in any order; intervals with the same start keep their order). */
  constructor(items: Iterable<T> = []) {
    this.#items.push(...[...items].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)));
    this.#rebuild(0);
  }

  get size(): number {
    return this.#items.length;
  }

  #rebuild(from: number): void {
    const items = this.#items;
    for (let i = from; i < items.length; i++) {
      const prev = i > 0 ? (this.#peak[i - 1] as number) : -1;
      this.#peak[i] = prev >= 0 && (items[prev] as T).end >= (items[i] as T).end ? prev : i;
    }
    this.#peak.length = items.length;
  }

  /** Position of the first interval whose start is greater than `value`. */
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

  /** One interval that shares an address with [start, end] (the one reaching furthest), or undefined. O(log n). */
  find(start: bigint, end: bigint): T | undefined {
    const last = this.#upperBound(end) - 1;
    if (last < 0) return undefined;
    const best = this.#items[this.#peak[last] as number] as T;
    return best.end >= start ? best : undefined;
  }

  /**
   * Every interval that shares an address with [start, end], by start. O(log n + k) when the
   * intervals are disjoint (k found); the walk stops where no earlier interval reaches `start`.
   */
  overlapping(start: bigint, end: bigint): T[] {
    const out: T[] = [];
    for (let i = this.#upperBound(end) - 1; i >= 0; i--) {
      if ((this.#items[this.#peak[i] as number] as T).end < start) break;
      const item = this.#items[i] as T;
      if (item.end >= start) out.push(item);
    }
    return out.reverse();
  }

  /** Adds an interval, whatever it overlaps. */
  add(item: T): void {
    const at = this.#upperBound(item.start);
    this.#items.splice(at, 0, item);
    this.#rebuild(at);
  }

  /** Adds an interval that overlaps none held; returns false (and adds nothing) when it overlaps one. */
  insert(item: T): boolean {
    if (this.find(item.start, item.end)) return false;
    this.add(item);
    return true;
  }

  /** Removes this interval (the same object); returns false when it is not held. */
  remove(item: T): boolean {
    let at = -1;
    for (let i = this.#upperBound(item.start) - 1; i >= 0 && (this.#items[i] as T).start === item.start; i--)
      if (this.#items[i] === item) at = i;
    if (at < 0) at = this.#items.indexOf(item);
    if (at < 0) return false;
    this.#items.splice(at, 1);
    this.#rebuild(at);
    return true;
  }

  /** The intervals, by start. */
  values(): readonly T[] {
    return this.#items;
  }
}
