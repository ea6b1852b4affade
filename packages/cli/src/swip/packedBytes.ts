import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { release } from './release.js';

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

  /** @internal Made by {@link PackedBytes.pack} and {@link PackedBytesWriter.finish}. */
  constructor(
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
    const writer = new PackedBytesWriter();
    writer.push(bytes);
    return writer.finish();
  }

  #block(n: number): Buffer {
    if (n !== this.#cached) {
      // the block read before is given back now: its views are valid only until this call
      release(this.#cache);
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

/**
 * Packs bytes as they arrive: each full block is deflated at once, so a file read in chunks is never
 * held whole (only the block being filled is).
 */
export class PackedBytesWriter {
  readonly #blocks: Buffer[] = [];
  #fill = Buffer.allocUnsafe(BLOCK);
  #filled = 0;
  #length = 0;

  push(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length;) {
      const take = Math.min(BLOCK - this.#filled, bytes.length - at);
      if (take === BLOCK) {
        // a whole block straight from the input, without copying it first
        this.#blocks.push(deflateRawSync(bytes.subarray(at, at + BLOCK), { level: 1 }));
      } else {
        this.#fill.set(bytes.subarray(at, at + take), this.#filled);
        this.#filled += take;
        if (this.#filled === BLOCK) this.#flush();
      }
      at += take;
      this.#length += take;
    }
  }

  #flush(): void {
    if (this.#filled === 0) return;
    this.#blocks.push(deflateRawSync(this.#fill.subarray(0, this.#filled), { level: 1 }));
    this.#filled = 0;
  }

  /** The bytes pushed so far, packed; the writer is not used again. */
  finish(): PackedBytes {
    this.#flush();
    this.#fill = Buffer.alloc(0);
    return new PackedBytes(this.#blocks, this.#length);
  }
}
