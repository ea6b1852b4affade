import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync } from 'node:fs';
import type { Io } from '../output.js';
import { csvBytes, SwipCsv } from './csv.js';
import { UsageError } from '../usageError.js';

/** Why `file` cannot be read, from the error opening or reading it. */
function unreadable(file: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  return new UsageError(
    `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code}`,
  );
}

/** Chunks a file is read in: the CSV is checked and packed as it arrives, never held whole. */
const CHUNK = 1024 * 1024;

/** The chunks of a file, or of standard input for `-`, as they are read. */
async function* inputChunks(io: Io, file: string): AsyncGenerator<Uint8Array> {
  if (file === '-') {
    if (!io.stdin) throw new UsageError('- reads standard input, but there is none');
    for await (const c of io.stdin) yield typeof c === 'string' ? Buffer.from(c) : c;
    return;
  }
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw unreadable(file, error);
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw unreadable(file, { code: 'EISDIR' });
  }
  const stream = createReadStream('', { fd, highWaterMark: CHUNK });
  try {
    for await (const c of stream) yield c as Buffer;
  } catch (error) {
    throw unreadable(file, error);
  } finally {
    stream.destroy();
  }
}

/** The bytes of a file, or of standard input for `-`, whole. */
export async function readInput(io: Io, file: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of inputChunks(io, file)) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Passes `chunks` on, hashing each. */
async function* hashed(chunks: AsyncIterable<Uint8Array>, hash: Hash): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    hash.update(c);
    yield c;
  }
}

export interface LoadedCsv {
  csv: SwipCsv;
  sha256: string;
}

/**
 * The CSV read and checked once (its rows are parsed again as they are used), and the SHA-256 of its
 * bytes. A UTF-8 file is read in chunks and never held whole; one in another `encoding` is read whole
 * and decoded first.
 */
export async function loadCsv(io: Io, file: string, encoding?: string): Promise<LoadedCsv> {
  const name = file === '-' ? 'standard input' : file;
  const hash = createHash('sha256');
  if (encoding && !/^utf-?8$/i.test(encoding)) {
    const bytes = await readInput(io, file);
    const csv = SwipCsv.scan(csvBytes(bytes, name, encoding));
    return { csv, sha256: hash.update(bytes).digest('hex') };
  }
  const csv = await SwipCsv.read(hashed(inputChunks(io, file), hash), name);
  return { csv, sha256: hash.digest('hex') };
}

/** The journal beside the CSV unless named; standard input has no place beside it. */
export function journalPathFor(file: string, journal: string | undefined): string {
  if (journal) return journal;
  if (file === '-') throw new UsageError('reading the CSV from standard input needs --journal FILE');
  return `${file}.swip-journal`;
}
