import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Io } from '../output.js';
import { csvBytes, SwipCsv } from './csv.js';
import { UsageError } from '../usageError.js';

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks);
}

/** The bytes of a file, or of standard input for `-`. */
export async function readInput(io: Io, file: string): Promise<Uint8Array> {
  if (file === '-') {
    if (!io.stdin) throw new UsageError('- reads standard input, but there is none');
    return readAll(io.stdin);
  }
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code}`,
    );
  }
}

export interface LoadedCsv {
  csv: SwipCsv;
  sha256: string;
}

/** The CSV read and checked once (its rows are parsed again as they are used), and the SHA-256 of its bytes. */
export async function loadCsv(io: Io, file: string, encoding?: string): Promise<LoadedCsv> {
  const bytes = await readInput(io, file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { csv: SwipCsv.scan(csvBytes(bytes, file === '-' ? 'standard input' : file, encoding)), sha256 };
}

/** The journal beside the CSV unless named; standard input has no place beside it. */
export function journalPathFor(file: string, journal: string | undefined): string {
  if (journal) return journal;
  if (file === '-') throw new UsageError('reading the CSV from standard input needs --journal FILE');
  return `${file}.swip-journal`;
}
