import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { ArinClient } from '@regkit/arin-client';
import { EXIT } from '../exitCodes.js';
import { onInterrupt } from '../interrupts.js';
import type { Io } from '../output.js';
import { UsageError } from '../usageError.js';
import { applyPlan } from './apply.js';
import { SharedBackoff } from './backoff.js';
import { journalPathFor, loadCsv } from './input.js';
import { Journal, JournalState, JournalWriteError } from './journal.js';
import { buildPlan, type PlanBinding, type SwipPlan } from './plan.js';
import { readPlanFile, writePlanFile } from './planFile.js';
import { refreshedPlan } from './refresh.js';
import { createSwipProgress, printPlan, printResults } from './report.js';
import type { StepContext } from './context.js';
import { reconcileAll } from './reconcile.js';

export interface SwipArgs {
  file: string;
  parent?: string;
  journal?: string;
  encoding?: string;
  out?: string;
  concurrency: number;
  json: boolean;
  /** The file is the complete desired set under the parent. */
  sync?: boolean;
  /** With `sync`: remove what the file no longer lists. */
  prune?: boolean;
}

function requireParent(args: SwipArgs): string {
  if (!args.parent) throw new UsageError('--parent HANDLE is required with a CSV file');
  return args.parent;
}

/** `path` as the plan stores it: relative to the plan file's folder, so the plan can be applied from anywhere. */
const fromPlan = (planPath: string, path: string) =>
  relative(dirname(resolve(planPath)), resolve(path)) || '.';
/** A path stored in a plan, resolved against the plan file's folder. */
const inPlan = (planPath: string, path: string) =>
  isAbsolute(path) ? path : resolve(dirname(resolve(planPath)), path);

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

/** The exact command that continues an interrupted or stopped run. */
export function continueCommand(args: SwipArgs, fromSavedPlan: boolean): string {
  const parts = ['regkit', 'arin', 'swip', 'apply', quote(args.file)];
  if (!fromSavedPlan) {
    if (args.parent) parts.push('--parent', quote(args.parent));
    if (args.journal) parts.push('--journal', quote(args.journal));
    if (args.encoding) parts.push('--encoding', quote(args.encoding));
    if (args.sync) parts.push('--sync');
    if (args.prune) parts.push('--prune');
  }
  if (args.concurrency !== 4) parts.push('--concurrency', String(args.concurrency));
  return parts.join(' ');
}

/**
 * Bulk runs turn V8's allocation-site pretenuring off for the rest of the process. A run handles a
 * million rows alike; when a collection happens to find the objects a batch of rows just made all
 * alive, V8 decides that their allocation sites make long-lived objects, and from then on creates
 * every row's objects in the old generation, which only a full collection empties. In about one
 * `swip plan` of a million rows in three that cost 10–40 % more CPU and 50–70 MiB more peak memory.
 * The flag only stops those decisions (V8 reads it at each collection); nothing else changes.
 */
function forBulkRows(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}

/** `swip plan`: checks everything it can without changing ARIN and writes the plan. */
export async function runPlan(arin: ArinClient, args: SwipArgs, io: Io): Promise<number> {
  forBulkRows();
  const parent = requireParent(args);
  const { csv, sha256 } = await loadCsv(io, args.file, args.encoding);
  const path = journalPathFor(args.file, args.journal);
  const out = args.out ?? (args.file === '-' ? undefined : `${args.file}.swip-plan.jsonl`);
  let state = new JournalState();
  let journal: Journal | undefined;
  if (existsSync(path)) {
    journal = await Journal.open(path, parent, { mustExist: true });
    state = journal.state;
    for (const notice of journal.notices) io.stderr.write(`regkit: ${notice}\n`);
  }
  try {
    const binding: PlanBinding = {
      journal: out ? fromPlan(out, path) : path,
      ...(args.file !== '-' ? { csv: out ? fromPlan(out, args.file) : args.file } : {}),
      csvSha256: sha256,
      ...(args.encoding ? { encoding: args.encoding } : {}),
    };
    const plan = await buildPlan(arin, csv, parent, state, binding, syncOption(args));
    if (out) await writePlanFile(out, plan);
    await printPlan(io, plan, args.json, out);
    if (plan.header.counts.blocked > 0) return EXIT.failure;
    // --sync reports drift like terraform plan -detailed-exitcode: 2 when changes are pending
    return args.sync && pendingChanges(plan) > 0 ? EXIT.usage : EXIT.ok;
  } finally {
    journal?.close();
  }
}

const syncOption = (args: { sync?: boolean; prune?: boolean }) =>
  args.sync ? { sync: { prune: args.prune === true } } : {};

/** What a sync plan would change at ARIN (adopting records only the journal: not a change). */
export function pendingChanges(plan: SwipPlan): number {
  const { counts, sync } = plan.header;
  return counts.reassign + counts.update + counts.replace + (sync?.removals.length ?? 0);
}

/** `swip apply`: from a saved plan (re-derived from its CSV) or straight from a CSV; the same command resumes. */
export async function runApply(arin: ArinClient, args: SwipArgs, io: Io): Promise<number> {
  forBulkRows();
  const saved = args.file === '-' ? undefined : await readPlanFile(args.file);
  const parent = saved?.header.parent ?? requireParent(args);
  if (saved && saved.header.csv === undefined)
    throw new UsageError(
      `the plan ${args.file} was made from standard input; apply the CSV itself (regkit arin swip apply - --parent ${parent} --journal FILE)`,
    );
  const csvPath = saved ? inPlan(args.file, saved.header.csv!) : args.file;
  const encoding = saved ? saved.header.encoding : args.encoding;
  const syncArgs = saved
    ? { sync: saved.header.sync !== undefined, prune: saved.header.sync?.prune === true }
    : { sync: args.sync === true, prune: args.prune === true };
  if (syncArgs.prune && !syncArgs.sync) throw new UsageError('--prune works with --sync only');
  const { csv, sha256 } = await loadCsv(io, csvPath, encoding);
  if (saved && sha256 !== saved.header.csvSha256)
    throw new UsageError(
      `the CSV ${csvPath} has changed since the plan ${args.file} was made; nothing was sent. Run regkit arin swip plan again`,
    );
  const path = saved ? inPlan(args.file, saved.header.journal) : journalPathFor(args.file, args.journal);
  const journal = await Journal.open(path, parent);
  for (const notice of journal.notices) io.stderr.write(`regkit: ${notice}\n`);
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
  const resume = continueCommand(args, saved !== undefined);
  try {
    const ctx: StepContext = {
      arin,
      parent,
      journal,
      backoff: new SharedBackoff(),
      signal: abort.signal,
      seedCustomerNo: 0,
    };
    const reconciled = await reconcileAll(ctx);
    const binding: PlanBinding = {
      journal: path,
      ...(args.file !== '-' ? { csv: csvPath } : {}),
      csvSha256: sha256,
      ...(encoding ? { encoding } : {}),
    };
    const fresh = await buildPlan(arin, csv, parent, journal.state, binding, syncOption(syncArgs));
    const plan = saved ? await refreshedPlan(saved, fresh, args.file) : fresh;
    const progress = createSwipProgress(io, plan.header.counts.reassign, args.json);
    const summary = await applyPlan(arin, plan, journal, args.concurrency, {
      signal: abort.signal,
      stopping: () => stopping,
      onRow: (r) => progress.row(r),
      onSkip: (r) => progress.skip(r),
    });
    progress.stop();
    const unfinished = stopping || summary.counts.failed + summary.counts['not-run'] > 0;
    printResults(io, summary, args.json, {
      journal: path,
      interrupted: stopping,
      reconciled,
      ...(unfinished ? { resume } : {}),
    });
    if (stopping) return EXIT.interrupted;
    return summary.counts.failed + summary.counts.blocked + summary.counts.held > 0 ? EXIT.failure : EXIT.ok;
  } catch (err) {
    if (err instanceof JournalWriteError) throw new UsageError(`${err.message}\nTo continue: ${resume}`);
    throw err;
  } finally {
    release();
    journal.close();
  }
}
