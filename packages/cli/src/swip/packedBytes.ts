import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Bytes a block holds before it is deflated: a row of at most 64 KiB spans at most two. */
const BLOCK = 64 * 1024;

/**
 * A large byte string held deflated in fixed blocks, read back by range. A CSV of a million rows
 * (about 70 MB) keeps a tenth of that in memory; reading rows in file order inflates each block
 * once, as the last block read is kept.
 */
export class PackedBytes {
  readonly #blocks: Buffer[];
  #cached = -1;
  #cache: Buffer = Buffer.alloc(0);

  private constructor(
    blocks: Buffer[],
    readonly length: number,
  ) {
    this.#blocks = blocks;
  }

  /** Bytes held in memory (the deflated blocks). */
  get packedLength(): number {
    return this.#blocks.reduce((sum, b) => sum + b.length, 0);
  }

  static pack(bytes: Uint8Array): PackedBytes {
    const blocks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += BLOCK)
      blocks.push(deflateRawSync(bytes.subarray(at, Math.min(at + BLOCK, bytes.length)), { level: 1 }));
    return new PackedBytes(blocks, bytes.length);
  }

  #block(n: number): Buffer {
    if (n !== this.#cached) {
      this.#cache = inflateRawSync(this.#blocks[n]!);
      this.#cached = n;
    }
    return this.#cache;
  }

  /**
   * The bytes from `start` up to `end`: a view of the block held when they lie in one block (valid
   * until the next call), otherwise a copy.
   */
  slice(start: number, end: number): Uint8Array {
    if (end <= start) return new Uint8Array(0);
    const n = Math.floor(start / BLOCK);
    if (end <= (n + 1) * BLOCK) return this.#block(n).subarray(start - n * BLOCK, end - n * BLOCK);
    const out = new Uint8Array(Math.max(0, end - start));
    for (let at = start; at < end;) {
      const n = Math.floor(at / BLOCK);
      const block = this.#block(n);
      const from = at - n * BLOCK;
      const take = Math.min(end - at, block.length - from);
      out.set(block.subarray(from, from + take), at - start);
      at += take;
    }
    return out;
  }
}
