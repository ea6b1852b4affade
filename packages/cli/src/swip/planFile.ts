import { closeSync, constants, createReadStream, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from '../usageError.js';
import { PLAN_FORMAT, type PlanHeader, type PlanRow, type SwipPlan } from './plan.js';

const bigints = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
const revive = (k: string, v: unknown) =>
  (k === 'start' || k === 'end') && typeof v === 'string' ? BigInt(v) : v;

/**
 * Writes a plan as JSON Lines (the header, then one row per line) without following a symlink at
 * its path: a fresh private temp file, renamed into place once complete.
 */
export async function writePlanFile(path: string, plan: SwipPlan): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    let chunk = `${JSON.stringify(plan.header)}\n`;
    for await (const row of plan.rows()) {
      chunk += `${JSON.stringify(row, bigints)}\n`;
      if (chunk.length > 1 << 16) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

async function* linesOf(file: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of lines) yield line;
  } finally {
    lines.close();
  }
}

function startsWithBrace(file: string): boolean {
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

/** A plan file written by `swip plan`, read a row at a time; undefined when `file` is not one. */
export async function readPlanFile(file: string): Promise<SwipPlan | undefined> {
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
  const plan: SwipPlan = {
    header,
    async *rows() {
      let n = 0;
      for await (const line of linesOf(file)) {
        if (++n === 1 || !line) continue;
        let row: PlanRow;
        try {
          row = JSON.parse(line, revive) as PlanRow;
        } catch {
          throw new UsageError(`the plan ${file} is damaged at line ${n}; run regkit arin swip plan again`);
        }
        yield row;
      }
    },
  };
  // every line is read once before anything is sent: a damaged or cut-short plan is refused whole
  let rows = 0;
  for await (const _row of plan.rows()) rows++;
  if (rows !== header.counts?.rows)
    throw new UsageError(
      `the plan ${file} holds ${rows} rows where its header says ${header.counts?.rows}; run regkit arin swip plan again`,
    );
  return plan;
}
