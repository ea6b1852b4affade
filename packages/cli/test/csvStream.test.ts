// Reading a SWIP CSV as it arrives must give what reading it whole gives, however the bytes are cut:
// the same rows, the same refusals (row caps, bad quotes, bytes that are not UTF-8, with their
// lines), the same packed bytes and the same SHA-256.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RowSizeCheck, Utf8Check } from '../src/swip/csvChecks.js';
import { csvBytes, SwipCsv } from '../src/swip/csv.js';
import { loadCsv } from '../src/swip/input.js';
import { PackedBytes, PackedBytesWriter } from '../src/swip/packedBytes.js';
import { UsageError } from '../src/usageError.js';
import { MAX_ROW_BYTES } from '../src/swip/limits.js';
import type { Io } from '../src/output.js';

const HEADER = 'customer_name,street,city,state,postal_code,country,block';

/** `bytes` cut at `cuts` (offsets, any order, repeats allowed). */
function cut(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    chunks.push(bytes.subarray(from, to));
    from = to;
  }
  return chunks;
}

async function* each(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

/** The lines of `bytes` that are not UTF-8, each line checked whole (the reference). */
function badLines(bytes: Uint8Array): number[] {
  const bad: number[] = [];
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const b = bytes[i];
    if (i < bytes.length && b !== 0x0a && b !== 0x0d) continue;
    if (!isUtf8(bytes.subarray(start, i))) bad.push(line);
    line++;
    if (b === 0x0d && bytes[i + 1] === 0x0a) i++;
    start = i + 1;
  }
  return bad;
}

const listedLines = (bad: number[]) => {
  const shown = bad.slice(0, 10).map(String);
  if (bad.length > 10) shown.push(`${bad.length - 10} more`);
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0];
};

/** Pieces of text, CSV syntax and bytes that are not UTF-8, to build inputs from. */
const piece = fc.constantFrom(
  'a',
  'Café',
  '日本',
  '😀',
  ',',
  '"',
  '""',
  '\n',
  '\r',
  '\r\n',
  ' ',
  '10.0.0.0/28',
  Buffer.from([0xe9]), // latin1 é
  Buffer.from([0xe2, 0x82]), // a sequence cut short
  Buffer.from([0x80]), // a lone continuation byte
  Buffer.from([0xf0, 0x9f, 0x98]), // a four-byte sequence cut short
);
const bytesOf = (parts: (string | Buffer)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

describe('Utf8Check', () => {
  it('finds the lines a whole-line check finds, however the bytes are cut', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (parts, cuts) => {
          const bytes = bytesOf(parts);
          const check = new Utf8Check();
          for (const chunk of cut(bytes, cuts)) check.push(chunk);
          check.end();
          const bad = badLines(bytes);
          expect(check.failed).toBe(bad.length > 0);
          if (bad.length > 0)
            expect(check.error('f.csv').message).toBe(
              `f.csv ${bad.length > 1 ? 'lines' : 'line'} ${listedLines(bad)} ${bad.length > 1 ? 'are' : 'is'} not UTF-8; save the file as UTF-8, or name its encoding (e.g. --encoding latin1 or --encoding windows-1252)`,
            );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('checks a character cut between every pair of chunks whole, byte by byte', () => {
    const bytes = Buffer.from(`${HEADER}\nCafé 😀 日本,1,X,VA,1,US,10.0.0.0/28\n`);
    const check = new Utf8Check();
    for (let i = 0; i < bytes.length; i++) check.push(bytes.subarray(i, i + 1));
    check.end();
    expect(check.failed).toBe(false);
    const open = new Utf8Check();
    open.push(Buffer.from('ok\nCaf\xc3', 'latin1'));
    open.end();
    expect(open.error('f.csv').message).toMatch(/^f\.csv line 2 is not UTF-8;/);
  });
});

describe('RowSizeCheck', () => {
  it('refuses the same row, on the same line, however the bytes are cut', () => {
    const big = Buffer.concat([
      Buffer.from(`${HEADER}\r\nA,"1\r\nMain",X,VA,1,US,10.0.0.0/28\r\n\r\n"`),
      Buffer.alloc(MAX_ROW_BYTES + 10, 'x'),
    ]);
    const message =
      'The CSV could not be read: line 5: a row of more than 65536 bytes; a row holds at most 1024 characters per field (is a quote left open?)';
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 8 }), (cuts) => {
        const check = new RowSizeCheck();
        expect(() => {
          for (const chunk of cut(big, cuts)) check.push(chunk);
        }).toThrow(new UsageError(message));
      }),
      { numRuns: 200 },
    );
  });
});

describe('PackedBytesWriter', () => {
  it('packs bytes pushed in any chunks as packing them whole does', () => {
    const lines = Array.from({ length: 4000 }, (_, i) => `Customer ${i},${i} Main St,Herndon,VA,20170,US`);
    const bytes = Buffer.from(lines.join('\n'));
    const whole = PackedBytes.pack(bytes);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 10 }), fc.nat(bytes.length), (cuts, start) => {
        const writer = new PackedBytesWriter();
        for (const chunk of cut(bytes, cuts)) writer.push(chunk);
        const packed = writer.finish();
        expect(packed.length).toBe(bytes.length);
        expect(packed.packedLength).toBe(whole.packedLength);
        const end = Math.min(bytes.length, start + 70_000);
        expect(Buffer.from(packed.slice(start, end)).equals(bytes.subarray(start, end))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});

/** Every row of `csv` as parsed, or the refusal reading it gave. */
async function outcome(read: () => SwipCsv | Promise<SwipCsv>): Promise<unknown> {
  try {
    const csv = await read();
    return { rows: [...csv.rows()], twins: [...csv.rows()].map((_, i) => csv.duplicateOf(i)) };
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return { error: (error as Error).message };
  }
}

const row = fc.tuple(
  fc.constantFrom('Acme', 'Café Müller', '"Acme, Inc."', '"two\r\nlines"', '"open', '日本', ''),
  fc.constantFrom('1 Main St', '"1 Main\nSt"', ''),
  fc.constantFrom('10.0.0.0/28', '10.0.0.0/24', '2001:db8::/48', 'nope', '10.0.0.16/28'),
);
const file = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    blank: fc.boolean(),
    rows: fc.array(row, { maxLength: 12 }),
    bad: fc.option(fc.nat(12), { nil: undefined }),
  })
  .map(({ bom, eol, blank, rows, bad }) => {
    const lines = [
      HEADER,
      ...rows.map(([name, street, block]) => `${name},${street},Herndon,VA,20170,US,${block}`),
    ];
    if (blank) lines.splice(1, 0, '');
    const text = Buffer.from(`${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`);
    if (bad === undefined) return text;
    // a byte that is not UTF-8 somewhere in the file
    const at = bad % text.length;
    return Buffer.concat([text.subarray(0, at), Buffer.from([0xe9]), text.subarray(at)]);
  });

describe('SwipCsv.read', () => {
  it('gives the rows and refusals SwipCsv.scan gives, however the bytes arrive', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.array(fc.nat(), { maxLength: 10 }), async (bytes, cuts) => {
        const whole = await outcome(() => SwipCsv.scan(csvBytes(bytes, 'f.csv')));
        const streamed = await outcome(() => SwipCsv.read(each(cut(bytes, cuts)), 'f.csv'));
        expect(streamed).toEqual(whole);
      }),
      { numRuns: 400 },
    );
  });

  it('names bytes that are not UTF-8 before a quote left open earlier in the file', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\nA,"1 Main St,X,VA,1,US,10.0.0.0/28\n`),
      Buffer.alloc(3 * 1024 * 1024, 'x'),
      Buffer.from('\nCaf\xe9,1,X,VA,1,US,10.0.1.0/28\n', 'latin1'),
    ]);
    const chunks = cut(bytes, [1024 * 1024, 2 * 1024 * 1024, 3 * 1024 * 1024]);
    await expect(SwipCsv.read(each(chunks), 'f.csv')).rejects.toThrow(
      new UsageError(
        'f.csv line 4 is not UTF-8; save the file as UTF-8, or name its encoding (e.g. --encoding latin1 or --encoding windows-1252)',
      ),
    );
    const good = Buffer.from(bytes.toString('latin1').replace('Caf\xe9', 'Cafe'), 'latin1');
    await expect(SwipCsv.read(each(cut(good, [1024 * 1024])), 'f.csv')).rejects.toThrow(
      /^The CSV could not be read: line 2: a row of more than 65536 bytes/,
    );
  });
});

describe('SwipCsv rows', () => {
  it('are the same read in order (parsed a batch at a time) and read one by one out of order', () => {
    const closed = fc.tuple(
      fc.constantFrom('Acme', '"Acme, Inc."', '"two\r\nlines"', '日本', '', '"say ""hi"""'),
      fc.constantFrom('1 Main St', '"1 Main\nSt"', '', '"\n\n"'),
      fc.constantFrom('10.0.0.0/28', '2001:db8::/48', 'nope'),
    );
    const many = fc
      .array(closed, { minLength: 250, maxLength: 700 })
      .map((rows) =>
        Buffer.from(
          `${[HEADER, ...rows.map(([name, street, block]) => `${name},${street},Herndon,VA,20170,US,${block}`), ''].join('\r\n')}`,
        ),
      );
    fc.assert(
      fc.property(many, (bytes) => {
        const csv = SwipCsv.scan(bytes);
        const inOrder = [...csv.rows()];
        const backwards = Array.from({ length: csv.count }, (_, k) => csv.row(csv.count - 1 - k)).reverse();
        expect(inOrder).toHaveLength(csv.count);
        expect(backwards).toEqual(inOrder);
        // out of order then in order again: a row found in the batch held, then a fresh batch
        expect([csv.row(3), csv.row(1), csv.row(2), csv.row(csv.count - 1)]).toEqual([
          inOrder[3],
          inOrder[1],
          inOrder[2],
          inOrder[csv.count - 1],
        ]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('loadCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regkit-csv-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const io = (chunks?: Uint8Array[]): Io => ({
    stdout: process.stdout,
    stderr: process.stderr,
    env: {},
    ...(chunks ? { stdin: each(chunks) } : {}),
  });

  it('reads a file of several chunks as it reads the same bytes from standard input, with their SHA-256', async () => {
    const lines = [HEADER];
    for (let i = 0; i < 40_000; i++)
      lines.push(`Café ${i},${i} Main St,Herndon,VA,20170,US,10.${i >> 8}.${i & 255}.0/32`);
    const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`); // about 2.2 MB: three chunks
    const path = join(dir, 'big.csv');
    writeFileSync(path, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fromFile = await loadCsv(io(), path);
    const fromStdin = await loadCsv(io(cut(bytes, [7, 65_537, 1_000_001])), '-');
    expect(fromFile.sha256).toBe(sha256);
    expect(fromStdin.sha256).toBe(sha256);
    expect(fromFile.csv.count).toBe(40_000);
    expect(fromStdin.csv.count).toBe(40_000);
    for (const i of [0, 1, 19_999, 39_999]) {
      expect(fromFile.csv.row(i)).toEqual(fromStdin.csv.row(i));
      expect(fromFile.csv.row(i)).toMatchObject({ line: i + 2, customerName: `Café ${i}`, problems: [] });
    }
  });

  it('decodes a named encoding whole, hashing the bytes as read', async () => {
    const bytes = Buffer.from(`${HEADER}\nCaf\xe9,1 Main St,Herndon,VA,20170,US,10.0.0.0/28\n`, 'latin1');
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, bytes);
    const { csv, sha256 } = await loadCsv(io(), path, 'latin1');
    expect(csv.row(0).customerName).toBe('Café');
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    await expect(loadCsv(io(), path)).rejects.toThrow(`${path} line 2 is not UTF-8;`);
  });

  it('says why a path cannot be read, and refuses - without standard input', async () => {
    await expect(loadCsv(io(), join(dir, 'none.csv'))).rejects.toThrow(
      new UsageError(`cannot read ${join(dir, 'none.csv')}: no such file`),
    );
    mkdirSync(join(dir, 'folder.csv'));
    await expect(loadCsv(io(), join(dir, 'folder.csv'))).rejects.toThrow(
      new UsageError(`cannot read ${join(dir, 'folder.csv')}: it is a folder`),
    );
    await expect(loadCsv(io(), '-')).rejects.toThrow(
      new UsageError('- reads standard input, but there is none'),
    );
  });
});
