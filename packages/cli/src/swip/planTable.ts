import type { CidrBlock } from '@regkit/arin-client/address';
import { release } from './release.js';
import { bySlot, slotsOf } from './slots.js';
import type { RegisteredNet } from './sync.js';

/**
 * `adopt`: the block is registered already, to a customer this journal made, but the journal lost
 * its record (a torn line, an answer lost before the outcome was written): apply records it, sends nothing.
 */
export type PlanAction = 'reassign' | 'done' | 'blocked' | 'adopt' | 'update' | 'replace';
const ACTIONS: readonly PlanAction[] = ['reassign', 'done', 'blocked', 'adopt', 'update', 'replace'];
const CODES = new Map(ACTIONS.map((a, code) => [a, code]));

/**
 * Each row's block as its start in 4 unsigned 32-bit words, most significant first, its IP version
 * (0 without a block) and its host bits (128 - length for IPv6, 32 - length for IPv4): 18 bytes a
 * row. A block is a CIDR, so its end is its start with every host bit set: comparable without
 * allocating.
 */
const WORDS = 4;

/** Each row's customer key (two exact 48-bit numbers) and block, by which rows are compared. */
interface OrderKeys {
  keys: Float64Array;
  starts: Uint32Array;
  versions: Uint8Array;
  hostBits: Uint8Array;
}

/** Word `k` (0 most significant) of the mask of the lowest `hostBits` bits of a 128-bit number. */
function hostMask(hostBits: number, k: number): number {
  const low = 32 * (WORDS - 1 - k); // the lowest bit word k holds
  if (hostBits >= low + 32) return 0xffffffff;
  if (hostBits <= low) return 0;
  return 2 ** (hostBits - low) - 1;
}

/**
 * What the plan decides per row, held in typed arrays of a few dozen bytes a row (a plan of a
 * million rows stays in bounded memory); rows themselves are parsed again from the CSV when needed.
 * Maps hold only the rows that need more: problems found by the plan, the net a `--sync` row matched,
 * the customer at ARIN a row reuses.
 */
export class PlanTable {
  readonly #actions: Uint8Array;
  /** 1 when this journal made the row's customer already. */
  readonly #made: Uint8Array;
  /** What the rows are compared by while the plan is decided (34 bytes a row), dropped after. */
  #order: OrderKeys | undefined;
  /** The line of the earlier row whose new customer this row reuses, or 0. */
  #reuseLines: Uint32Array | undefined;
  readonly #problems = new Map<number, string[]>();
  /** `--sync`: the registered net an adopted row records, or the one an update or replace changes. */
  readonly matched = new Map<number, RegisteredNet>();
  /** `--sync`: the customer at ARIN a row uses instead of creating one. */
  readonly reuseAtArin = new Map<number, string>();

  constructor(readonly count: number) {
    this.#actions = new Uint8Array(count);
    this.#made = new Uint8Array(count);
    // one buffer for all four, given back at once when the plan is decided
    const buffer = new ArrayBuffer((16 + 4 * WORDS + 2) * count);
    this.#order = {
      keys: new Float64Array(buffer, 0, 2 * count),
      starts: new Uint32Array(buffer, 16 * count, WORDS * count),
      versions: new Uint8Array(buffer, (16 + 4 * WORDS) * count, count),
      hostBits: new Uint8Array(buffer, (17 + 4 * WORDS) * count, count),
    };
  }

  #compared(): OrderKeys {
    if (!this.#order) throw new Error('the plan is decided: its rows are no longer compared');
    return this.#order;
  }

  /**
   * The plan is decided: the customer keys and blocks rows were compared by are dropped, so that a
   * plan of a million rows is read and written in less memory than it was decided in.
   */
  decided(): void {
    release(this.#order?.keys.buffer);
    this.#order = undefined;
  }

  action(i: number): PlanAction {
    return ACTIONS[this.#actions[i]!]!;
  }

  setAction(i: number, action: PlanAction): void {
    this.#actions[i] = CODES.get(action)!;
  }

  /** Whether the row is to send a reassignment, and so may need a customer made for it. */
  sends(i: number): boolean {
    const a = this.action(i);
    return a === 'reassign' || a === 'replace';
  }

  markMade(i: number): void {
    this.#made[i] = 1;
  }

  made(i: number): boolean {
    return this.#made[i] === 1;
  }

  reuseLine(i: number): number {
    return this.#reuseLines?.[i] ?? 0;
  }

  setReuseLine(i: number, line: number): void {
    // made on the first row that reuses another's customer: most files have none
    if (line !== 0) (this.#reuseLines ??= new Uint32Array(this.count))[i] = line;
    else if (this.#reuseLines) this.#reuseLines[i] = 0;
  }

  /** Whether a sending row's customer is created by it: not made already, nor reused. */
  createsCustomer(i: number): boolean {
    return this.sends(i) && !this.made(i) && !this.reuseLine(i) && !this.reuseAtArin.has(i);
  }

  addProblem(i: number, text: string): void {
    const list = this.#problems.get(i);
    if (list) list.push(text);
    else this.#problems.set(i, [text]);
  }

  problems(i: number): readonly string[] {
    return this.#problems.get(i) ?? [];
  }

  /** Rows to reassign that the plan found problems with are blocked. */
  blockRowsWithProblems(): void {
    for (const i of this.#problems.keys()) if (this.action(i) === 'reassign') this.setAction(i, 'blocked');
  }

  setKey(i: number, key: string): void {
    const { keys } = this.#compared();
    keys[2 * i] = parseInt(key.slice(0, 12), 16);
    keys[2 * i + 1] = parseInt(key.slice(12, 24), 16);
  }

  /**
   * The rows grouped by customer key, each group in file order, the groups in the order of their
   * keys. Each group is a view that lasts until the next is asked for.
   */
  *rowsByCustomer(): Generator<Uint32Array> {
    const { keys } = this.#compared();
    const firstHalf = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) firstHalf[i] = keys[2 * i]!;
    const order = bySlot(slotsOf(firstHalf));
    release(firstHalf);
    const second = (i: number) => keys[2 * i + 1]!;
    try {
      for (const group of order.groups()) {
        // keys that share their first half but not their second: apart, by the second half
        if (group.every((i) => second(i) === second(group[0]!))) {
          yield group;
          continue;
        }
        group.sort((a, b) => second(a) - second(b) || a - b);
        for (let k = 0; k < group.length;) {
          let end = k;
          while (end < group.length && second(group[end]!) === second(group[k]!)) end++;
          yield group.subarray(k, end);
          k = end;
        }
      }
    } finally {
      order.release();
    }
  }

  setBlock(i: number, block: CidrBlock | undefined): void {
    const { versions, hostBits, starts } = this.#compared();
    versions[i] = block?.version ?? 0;
    if (!block) return;
    hostBits[i] = (block.version === 4 ? 32 : 128) - block.cidrLength;
    let at = i * WORDS;
    for (let shift = 96n; shift >= 0n; shift -= 32n)
      starts[at++] = Number((block.start >> shift) & 0xffffffffn);
  }

  #version(i: number): number {
    return this.#compared().versions[i]!;
  }

  #word(i: number, k: number, end: boolean): number {
    const { starts, hostBits } = this.#compared();
    const start = starts[i * WORDS + k]!;
    return end ? (start | hostMask(hostBits[i]!, k)) >>> 0 : start;
  }

  /** Compares the start or end of row `a`'s block with the start or end of row `b`'s. */
  #compare(a: number, aEnd: boolean, b: number, bEnd: boolean): number {
    for (let k = 0; k < WORDS; k++) {
      const d = this.#word(a, k, aEnd) - this.#word(b, k, bEnd);
      if (d !== 0) return d;
    }
    return 0;
  }

  /**
   * Calls `each` with the rows that have a block, by IP version and then by start. Rows are first
   * put in buckets by version and the start's top bits (all of an IPv4 address, the top 52 bits of
   * an IPv6 one), then each bucket of more than one row is sorted by the whole start.
   */
  forEachByStart(each: (i: number) => void): void {
    const { versions, starts } = this.#compared();
    const coarse = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const at = i * WORDS;
      coarse[i] =
        versions[i] === 0
          ? -1
          : versions[i] === 4
            ? starts[at + 3]!
            : 2 ** 52 + starts[at]! * 2 ** 20 + (starts[at + 1]! >>> 12);
    }
    const order = bySlot(slotsOf(coarse));
    release(coarse);
    try {
      for (const bucket of order.groups()) {
        if (versions[bucket[0]!] === 0) continue; // no block (the lowest slot)
        if (bucket.length > 1) bucket.sort((a, b) => this.#compare(a, false, b, false) || a - b);
        for (const i of bucket) each(i);
      }
    } finally {
      order.release();
    }
  }

  sameVersion(a: number, b: number): boolean {
    return this.#version(a) === this.#version(b);
  }

  /** Whether row `a`'s block reaches row `b`'s start (they overlap when `a` starts first). */
  reaches(a: number, b: number): boolean {
    return this.#compare(a, true, b, false) >= 0;
  }

  /** Whether row `a`'s block ends after row `b`'s. */
  endsAfter(a: number, b: number): boolean {
    return this.#compare(a, true, b, true) > 0;
  }
}
