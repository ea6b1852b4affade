// The plan file's writer: JSON Lines gathered in a reused buffer, then a trailer with the SHA-256 of
// every line before it. Lines longer than the buffer, and characters of several bytes at its edge,
// must come out byte for byte as JSON.stringify wrote them.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { digestedLineCount, writeDigestedLines } from '../src/swip/planFile.js';

const dir = mkdtempSync(join(tmpdir(), 'regkit-digested-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeDigestedLines', () => {
  it('writes each record as one JSON line, then the digest of them all, whatever their sizes', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            // up to 200 000 characters: some lines are longer than the 64 KiB buffer
            text: fc.oneof(
              fc.string({ maxLength: 40 }),
              fc.constantFrom('é', '日本', '😀').map((c) => c.repeat(30_000)),
            ),
            n: fc.integer(),
          }),
          { maxLength: 40 },
        ),
        async (records) => {
          const path = join(dir, `plan-${n++}.jsonl`);
          // an async source, as the plan gives its rows
          await writeDigestedLines(
            path,
            (async function* () {
              yield* records;
            })(),
          );
          const body = records.map((r) => `${JSON.stringify(r)}\n`).join('');
          const sha256 = createHash('sha256').update(body).digest('hex');
          expect(readFileSync(path, 'utf8')).toBe(`${body}${JSON.stringify({ sha256 })}\n`);
          expect(await digestedLineCount(path)).toBe(records.length + 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives no line count for a file whose lines were changed after the digest', async () => {
    const path = join(dir, 'edited.jsonl');
    await writeDigestedLines(path, [{ a: 1 }, { b: '日本' }]);
    expect(await digestedLineCount(path)).toBe(3);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"a":1', '"a":2'));
    expect(await digestedLineCount(path)).toBeUndefined();
  });
});
