import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as fsModule from 'node:fs';
import { afterEach, expect, it, vi } from 'vitest';
import { writeAllSync } from '../src/swip/writeAll.js';

// every write takes at most 3 bytes, as a full disk or a signal can cut a write short
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof fsModule>();
  const writeSync = (fd: number, bytes: Uint8Array, offset = 0, length = bytes.length - offset) =>
    fs.writeSync(fd, bytes, offset, Math.min(length, 3));
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

const dir = mkdtempSync(join(tmpdir(), 'regkit-write-all-'));
afterEach(() => rmSync(join(dir, 'out'), { force: true }));

it('continues short writes until every byte is written, in order', () => {
  const text = 'a line of a plan — with multi-byte characters ✓\n'.repeat(50);
  const fd = openSync(join(dir, 'out'), 'w');
  try {
    writeAllSync(fd, Buffer.from(text));
    writeAllSync(fd, Buffer.from('trailer\n'));
    writeAllSync(fd, new Uint8Array(0));
  } finally {
    closeSync(fd);
  }
  expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(`${text}trailer\n`);
});

it('throws the error of a write that fails', () => {
  closeSync(openSync(join(dir, 'out'), 'w'));
  const readOnly = openSync(join(dir, 'out'), 'r');
  try {
    expect(() => writeAllSync(readOnly, Buffer.from('x'))).toThrow(
      expect.objectContaining({ code: 'EBADF' }),
    );
  } finally {
    closeSync(readOnly);
  }
});
