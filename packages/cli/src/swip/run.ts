import { closeSync, constants, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { ArinClient } from '@regkit/arin-client';
import { EXIT } from '../exitCodes.js';
import { onInterrupt } from '../interrupts.js';
import type { Io } from '../output.js';
import { UsageError } from '../usageError.js';
import { applyPlan } from './apply.js';
import { SharedBackoff } from './backoff.js';
import { journalPathFor, loadRows } from './input.js';
import { Journal, JournalState } from './journal.js';
import { buildPlan, PLAN_FORMAT, type SwipPlan } from './plan.js';
import { countOutcomes, createSwipProgress, printPlan, printResults } from './report.js';
import { reconcileAll, type StepContext } from './steps.js';

export interface SwipArgs {
  file: string;
  parent?: string;
  journal?: string;
  encoding?: string;
  out?: string;
  concurrency: number;
  json: boolean;
}

/** Writes a file without following a symlink at its path: a fresh temp file, then rename. */
function writePrivate(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(
    tmp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function requireParent(args: SwipArgs): string {
  if (!args.parent) throw new UsageError('--parent HANDLE is required with a CSV file');
  return args.parent;
}

/** `swip plan`: checks everything it can without changing ARIN and writes the plan. */
export async function runPlan(arin: ArinClient, args: SwipArgs, io: Io): Promise<number> {
  const parent = requireParent(args);
  const rows = await loadRows(io, args.file, args.encoding);
  const path = journalPathFor(args.file, args.journal);
  let state = new JournalState();
  let fingerprint = 'none';
  if (existsSync(path)) {
    const journal = Journal.open(path, parent, { mustExist: true });
    state = journal.state;
    fingerprint = journal.fingerprint;
    journal.close();
  }
  const plan = await buildPlan(arin, rows, parent, state, { path, fingerprint });
  const out = args.out ?? (args.file === '-' ? undefined : `${args.file}.swip-plan.json`);
  if (out)
    writePrivate(
      out,
      JSON.stringify(plan, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
    );
  printPlan(io, plan, args.json, out);
  return plan.rows.some((r) => r.action === 'blocked') ? EXIT.failure : EXIT.ok;
}

function readPlan(file: string): SwipPlan | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const plan = JSON.parse(text, (k, v: unknown) =>
      (k === 'start' || k === 'end') && typeof v === 'string' ? BigInt(v) : v,
    ) as SwipPlan;
    return plan.format === PLAN_FORMAT ? plan : undefined;
  } catch {
    return undefined;
  }
}

/** `swip apply`: from a saved plan (refused when the journal changed since) or straight from a CSV. */
export async function runApply(arin: ArinClient, args: SwipArgs, io: Io): Promise<number> {
  const saved = args.file === '-' ? undefined : readPlan(args.file);
  const parent = saved?.parent ?? requireParent(args);
  const rows = saved ? undefined : await loadRows(io, args.file, args.encoding);
  const path = saved ? saved.journal : journalPathFor(args.file, args.journal);
  if (saved && saved.fingerprint === 'none' && existsSync(path))
    throw new UsageError(`the plan was made before the journal ${path} existed; run plan again`);
  const journal = Journal.open(path, parent);
  let stopping = false;
  const abort = new AbortController();
  const release = onInterrupt(() => {
    if (stopping) abort.abort();
    stopping = true;
    io.stderr.write(
      stopping && abort.signal.aborted
        ? '\nAborting in-flight requests…\n'
        : '\nStopping: finishing the requests in flight (Ctrl-C again to abort them)…\n',
    );
  });
  try {
    if (saved && saved.fingerprint !== 'none' && saved.fingerprint !== journal.fingerprint)
      throw new UsageError(`the journal ${path} has changed since the plan was made; run plan again`);
    const ctx: StepContext = {
      arin,
      parent,
      journal,
      backoff: new SharedBackoff(),
      signal: abort.signal,
      seedCustomerNo: 0,
    };
    const reconciled = await reconcileAll(ctx);
    const plan =
      saved ??
      (await buildPlan(arin, rows!, parent, journal.state, { path, fingerprint: journal.fingerprint }));
    const progress = createSwipProgress(
      io,
      plan.rows.filter((r) => r.action === 'reassign').length,
      args.json,
    );
    const results = await applyPlan(arin, plan, journal, args.concurrency, {
      signal: abort.signal,
      stopping: () => stopping,
      onRow: (r) => progress.row(r),
    });
    progress.stop();
    printResults(io, results, args.json, { journal: path, interrupted: stopping, reconciled });
    if (stopping) return EXIT.interrupted;
    const c = countOutcomes(results);
    return c.failed! + c.blocked! > 0 ? EXIT.failure : EXIT.ok;
  } finally {
    release();
    journal.close();
  }
}
