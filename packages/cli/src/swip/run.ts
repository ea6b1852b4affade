import { existsSync } from 'node:fs';
import type { ArinClient } from '@regkit/arin-client';
import { EXIT } from '../exitCodes.js';
import { onInterrupt } from '../interrupts.js';
import type { Io } from '../output.js';
import { UsageError } from '../usageError.js';
import { applyPlan } from './apply.js';
import { SharedBackoff } from './backoff.js';
import { journalPathFor, loadCsv } from './input.js';
import { Journal, JournalState } from './journal.js';
import { buildPlan } from './plan.js';
import { readPlanFile, writePlanFile } from './planFile.js';
import { createSwipProgress, printPlan, printResults } from './report.js';
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

function requireParent(args: SwipArgs): string {
  if (!args.parent) throw new UsageError('--parent HANDLE is required with a CSV file');
  return args.parent;
}

/** `swip plan`: checks everything it can without changing ARIN and writes the plan. */
export async function runPlan(arin: ArinClient, args: SwipArgs, io: Io): Promise<number> {
  const parent = requireParent(args);
  const csv = await loadCsv(io, args.file, args.encoding);
  const path = journalPathFor(args.file, args.journal);
  let state = new JournalState();
  let fingerprint = 'none';
  if (existsSync(path)) {
    const journal = Journal.open(path, parent, { mustExist: true });
    state = journal.state;
    fingerprint = journal.fingerprint;
    journal.close();
  }
  const plan = await buildPlan(arin, csv, parent, state, { path, fingerprint });
  const out = args.out ?? (args.file === '-' ? undefined : `${args.file}.swip-plan.jsonl`);
  if (out) await writePlanFile(out, plan);
  await printPlan(io, plan, args.json, out);
  return plan.header.counts.blocked > 0 ? EXIT.failure : EXIT.ok;
}

/** `swip apply`: from a saved plan (refused when the journal changed since) or straight from a CSV. */
export async function runApply(arin: ArinClient, args: SwipArgs, io: Io): Promise<number> {
  const saved = args.file === '-' ? undefined : await readPlanFile(args.file);
  const parent = saved?.header.parent ?? requireParent(args);
  const csv = saved ? undefined : await loadCsv(io, args.file, args.encoding);
  const path = saved ? saved.header.journal : journalPathFor(args.file, args.journal);
  if (saved && saved.header.fingerprint === 'none' && existsSync(path))
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
    const fingerprint = saved?.header.fingerprint;
    if (fingerprint && fingerprint !== 'none' && fingerprint !== journal.fingerprint)
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
      (await buildPlan(arin, csv!, parent, journal.state, { path, fingerprint: journal.fingerprint }));
    const progress = createSwipProgress(io, plan.header.counts.reassign, args.json);
    const summary = await applyPlan(arin, plan, journal, args.concurrency, {
      signal: abort.signal,
      stopping: () => stopping,
      onRow: (r) => progress.row(r),
      onSkip: (r) => progress.skip(r),
    });
    progress.stop();
    printResults(io, summary, args.json, { journal: path, interrupted: stopping, reconciled });
    if (stopping) return EXIT.interrupted;
    return summary.counts.failed + summary.counts.blocked > 0 ? EXIT.failure : EXIT.ok;
  } finally {
    release();
    journal.close();
  }
}
