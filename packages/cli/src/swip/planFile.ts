import { createHash } from 'node:crypto';
import { closeSync, constants, createReadStream, openSync, readSync, renameSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from '../usageError.js';
import { writeAllSync } from './writeAll.js';
import { PLAN_FORMAT, type PlanAction, type PlanHeader, type PlanRow, type SwipPlan } from './plan.js';

/**
 * A row as the plan file keeps it: what was decided and what identifies the row; apply derives
 * everything it sends again from the CSV, so the file need not repeat the CSV's cells.
 */
export interface SavedRow {
  line: number;
  action: PlanAction;
  /** The block as written (canonical when valid). */
  block: string;
  customerKey: string;
  netName: string;
  customerAction: string;
  problems: string[];
}

/** A saved plan: its header and its rows as the file keeps them. */
export interface SavedPlan {
  header: PlanHeader;
  rows(): AsyncIterable<SavedRow>;
}

/** The short keys of a saved row, so a plan file stays small at a million rows. */
function compact(r: PlanRow): object {
  return {
    l: r.line,
    a: r.action,
    b: r.block?.block ?? r.blockText,
    k: r.customerKey,
    n: r.netName,
    c: r.customerAction,
    ...(r.problems.length ? { p: r.problems } : {}),
  };
}

function expand(o: {
  l: number;
  a: PlanAction;
  b: string;
  k: string;
  n: string;
  c: string;
  p?: string[];
}): SavedRow {
  if (typeof o?.l !== 'number' || typeof o.a !== 'string' || typeof o.k !== 'string')
    throw new Error('not a row');
  return {
    line: o.l,
    action: o.a,
    block: o.b,
    customerKey: o.k,
    netName: o.n,
    customerAction: o.c,
    problems: o.p ?? [],
  };
}

/** Bytes of lines gathered before each write. */
const WRITE_BUFFER = 64 * 1024;

/** The last line of a plan file: the SHA-256 of every line before it, so an edited plan is refused. */
interface Trailer {
  sha256: string;
}

/**
 * Writes JSON Lines then a trailer holding the SHA-256 of every line before it, without following a
 * symlink at `path`: a fresh private temp file, renamed into place once complete.
 */
export async function writeDigestedLines(
  path: string,
  records: AsyncIterable<object> | Iterable<object>,
): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  const hash = createHash('sha256');
  // lines are encoded into one reused buffer: a million lines leave no strings to collect but their own
  const buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  let used = 0;
  const put = (bytes: Uint8Array) => {
    hash.update(bytes);
    writeAllSync(fd, bytes);
  };
  const flush = () => {
    put(buffer.subarray(0, used));
    used = 0;
  };
  try {
    for await (const record of records) {
      const line = `${JSON.stringify(record)}\n`;
      const size = Buffer.byteLength(line);
      if (size > WRITE_BUFFER - used) flush();
      if (size > WRITE_BUFFER) put(Buffer.from(line));
      else used += buffer.write(line, used);
    }
    flush();
    writeAllSync(fd, Buffer.from(`${JSON.stringify({ sha256: hash.digest('hex') } satisfies Trailer)}\n`));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** A plan as JSON Lines: the header, one row per line, then the digest of all of them. */
export async function writePlanFile(path: string, plan: SwipPlan): Promise<void> {
  await writeDigestedLines(
    path,
    (async function* () {
      yield plan.header;
      for await (const row of plan.rows()) yield compact(row);
    })(),
  );
}

async function* linesOf(file: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } finally {
    lines.close();
  }
}

export function startsWithBrace(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const first = Buffer.alloc(1);
    return readSync(fd, first, 0, 1, 0) === 1 && first[0] === 0x7b;
  } finally {
    closeSync(fd);
  }
}

/** The lines of `file` before its trailer when the trailer's digest matches them; undefined otherwise. */
export async function digestedLineCount(file: string): Promise<number | undefined> {
  const hash = createHash('sha256');
  let last: string | undefined;
  let lines = 0;
  for await (const line of linesOf(file)) {
    if (last !== undefined) hash.update(`${last}\n`);
    last = line;
    lines++;
  }
  let trailer: Trailer | undefined;
  try {
    trailer = JSON.parse(last ?? '') as Trailer;
  } catch {
    // no trailer: cut short
  }
  return typeof trailer?.sha256 === 'string' && trailer.sha256 === hash.digest('hex') ? lines : undefined;
}

/** A plan file written by `swip plan`, read a row at a time; undefined when `file` is not one. */
export async function readPlanFile(file: string): Promise<SavedPlan | undefined> {
  if (!startsWithBrace(file)) return undefined;
  let header: PlanHeader | undefined;
  for await (const line of linesOf(file)) {
    try {
      header = JSON.parse(line) as PlanHeader;
    } catch {
      throw new UsageError(`${file} is not a SWIP plan written by regkit arin swip plan`);
    }
    break;
  }
  if (header?.format !== PLAN_FORMAT)
    throw new UsageError(
      `${file} is not a plan this version of regkit reads (${PLAN_FORMAT}); run regkit arin swip plan again`,
    );
  let total = 0;
  const plan: SavedPlan = {
    header,
    async *rows() {
      let n = 0;
      for await (const line of linesOf(file)) {
        if (++n === 1 || !line) continue;
        if (n > total + 1) return;
        let row: SavedRow;
        try {
          row = expand(JSON.parse(line) as Parameters<typeof expand>[0]);
        } catch {
          throw new UsageError(`the plan ${file} is damaged at line ${n}; run regkit arin swip plan again`);
        }
        yield row;
      }
    },
  };
  // every line is read once before anything is sent: a changed, damaged or cut-short plan is refused whole
  const lines = await digestedLineCount(file);
  if (lines === undefined)
    throw new UsageError(
      `the plan ${file} was changed or cut short since regkit wrote it (its digest does not match); nothing was sent. Run regkit arin swip plan again`,
    );
  total = lines - 2;
  if (total !== header.counts?.rows)
    throw new UsageError(
      `the plan ${file} holds ${total} rows where its header says ${header.counts?.rows}; run regkit arin swip plan again`,
    );
  return plan;
}
