/**
 * What the rest of the command line uses of SWIP: the plan and apply runs, and the journal, its
 * journaled writes and reconciling, which `irr apply` and `aspa apply` share. See README.md here for
 * which module owns what.
 */
export { runApply, runPlan, pendingChanges, type SwipArgs } from './run.js';
export { SharedBackoff } from './backoff.js';
export { HeldRow, StepFailure, type ReadBack, type StepContext } from './context.js';
export { readInput } from './input.js';
export { Journal, JournalWriteError, type RegistryIntent } from './journal.js';
export { digestedLineCount, startsWithBrace, writeDigestedLines } from './planFile.js';
export { reconcileAll } from './reconcile.js';
export { journaled } from './steps.js';
