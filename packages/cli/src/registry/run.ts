import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ArinClient } from '@regkit/arin-client';
import { AbortedError } from '@regkit/core';
import { describeError } from '../describeError.js';
import { EXIT } from '../exitCodes.js';
import { onInterrupt } from '../interrupts.js';
import type { Io } from '../output.js';
import { UsageError } from '../usageError.js';
import {
  digestedLineCount,
  journaled,
  Journal,
  JournalWriteError,
  readInput,
  reconcileAll,
  SharedBackoff,
  startsWithBrace,
  writeDigestedLines,
  type StepContext,
} from '../swip/index.js';
import { parseAspaFile, parseIrrFile } from './desired.js';
import { pending, planAspas, planIrr, type RegistryChange } from './plan.js';
import { sendRegistry } from './send.js';
import { registryApplied, type RegistryReader } from './state.js';

/** `irr` (route objects, as-sets, route-sets) or `aspa` (provider authorisations). */
export type RegistryKind = 'irr' | 'aspa';

export interface RegistryArgs {
  file: string;
  journal?: string;
  out?: string;
  prune: boolean;
  json: boolean;
}

export const REGISTRY_PLAN_FORMAT = 'regkit-registry-plan/1';

interface PlanHeader {
  format: typeof REGISTRY_PLAN_FORMAT;
  kind: RegistryKind;
  org: string;
  /** The YAML file, relative to the plan's folder. */
  file: string;
  sha256: string;
  journal: string;
  prune: boolean;
  changes: number;
}

const fromPlan = (planPath: string, path: string) =>
  relative(dirname(resolve(planPath)), resolve(path)) || '.';
const inPlan = (planPath: string, path: string) =>
  isAbsolute(path) ? path : resolve(dirname(resolve(planPath)), path);

interface Loaded {
  org: string;
  sha256: string;
  plan(r: RegistryReader, prune: boolean): Promise<RegistryChange[]>;
}

async function load(kind: RegistryKind, io: Io, file: string): Promise<Loaded> {
  const bytes = await readInput(io, file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = new TextDecoder().decode(bytes);
  if (kind === 'irr') {
    const desired = parseIrrFile(text, file);
    return { org: desired.org, sha256, plan: (r, prune) => planIrr(r, desired, prune) };
  }
  const desired = parseAspaFile(text, file);
  return { org: desired.org, sha256, plan: (r, prune) => planAspas(r, desired, prune) };
}

/** A path as the operator reads it: relative to the working folder when it is inside it. */
const shownPath = (path: string) => {
  const rel = relative(process.cwd(), resolve(path));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
};

const journalOf = (kind: RegistryKind, args: RegistryArgs) => args.journal ?? `${args.file}.${kind}-journal`;

const SIGN: Record<RegistryChange['action'], string> = {
  create: '+',
  change: '~',
  delete: '-',
  keep: '=',
  'roa-owned': '=',
  advanced: '=',
};

function printChanges(io: Io, changes: RegistryChange[]): void {
  for (const c of changes) io.stdout.write(`${SIGN[c.action]} ${c.action.padEnd(9)} ${c.key}: ${c.detail}\n`);
}

/** What the plan shows and leaves alone: ROA-owned and RPSL objects are IRR's only. */
function leftAlone(kind: RegistryKind, n: Record<RegistryChange['action'], number>): string {
  const file = `${n.keep} not in the file`;
  return kind === 'irr' ? `${n['roa-owned']} ROA-owned, ${n.advanced} RPSL, ${file}` : file;
}

function counts(changes: RegistryChange[]): Record<RegistryChange['action'], number> {
  const n = { create: 0, change: 0, delete: 0, keep: 0, 'roa-owned': 0, advanced: 0 };
  for (const c of changes) n[c.action]++;
  return n;
}

/** `irr plan` / `aspa plan`: compares the file with ARIN and writes the plan; 0 in step, 2 changes pending. */
export async function runRegistryPlan(
  kind: RegistryKind,
  arin: ArinClient,
  args: RegistryArgs,
  io: Io,
): Promise<number> {
  if (args.file === '-') throw new UsageError('give the file by its path: apply reads it again');
  const loaded = await load(kind, io, args.file);
  const changes = await loaded.plan({ arin, signal: new AbortController().signal }, args.prune);
  const out = args.out ?? `${args.file}.${kind}-plan.jsonl`;
  const header: PlanHeader = {
    format: REGISTRY_PLAN_FORMAT,
    kind,
    org: loaded.org,
    file: fromPlan(out, args.file),
    sha256: loaded.sha256,
    journal: fromPlan(out, journalOf(kind, args)),
    prune: args.prune,
    changes: changes.length,
  };
  await writeDigestedLines(out, [header, ...changes]);
  const n = counts(changes);
  const todo = changes.filter(pending).length;
  if (args.json)
    io.stdout.write(`${JSON.stringify({ org: loaded.org, plan: out, pending: todo, changes })}\n`);
  else {
    printChanges(io, changes);
    io.stdout.write(
      `Plan for ${loaded.org}: ${n.create} to create, ${n.change} to change, ${n.delete} to delete; ` +
        `left alone: ${leftAlone(kind, n)}.\n` +
        (todo
          ? `Saved to ${out}. Apply: regkit arin ${kind} apply ${out}\n`
          : 'ARIN is in step with the file.\n'),
    );
  }
  return todo ? EXIT.usage : EXIT.ok;
}

/** A saved plan, checked whole (its digest, its format, its kind) before anything is sent. */
async function readSavedPlan(
  kind: RegistryKind,
  file: string,
): Promise<{ header: PlanHeader; keys: Set<string> }> {
  const again = `Run regkit arin ${kind} plan again`;
  if ((await digestedLineCount(file)) === undefined)
    throw new UsageError(
      `the plan ${file} was changed or cut short since regkit wrote it (its digest does not match); nothing was sent. ${again}`,
    );
  const records = readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .slice(0, -1)
    .map((l) => JSON.parse(l) as unknown);
  const header = records[0] as PlanHeader;
  if (header?.format !== REGISTRY_PLAN_FORMAT || header.kind !== kind)
    throw new UsageError(`${file} is not a plan of regkit arin ${kind} plan; nothing was sent`);
  const keys = new Set(
    (records.slice(1) as RegistryChange[]).filter(pending).map((c) => `${c.action} ${c.key}`),
  );
  return { header, keys };
}

/** `irr apply` / `aspa apply`: a saved plan (checked against its file) or the file itself; the same command resumes. */
export async function runRegistryApply(
  kind: RegistryKind,
  arin: ArinClient,
  args: RegistryArgs,
  io: Io,
): Promise<number> {
  if (args.file === '-') throw new UsageError('give the file by its path');
  const saved = startsWithBrace(args.file) ? await readSavedPlan(kind, args.file) : undefined;
  const file = saved ? inPlan(args.file, saved.header.file) : args.file;
  const prune = saved ? saved.header.prune : args.prune;
  const loaded = await load(kind, io, file);
  if (saved && (loaded.sha256 !== saved.header.sha256 || loaded.org !== saved.header.org))
    throw new UsageError(
      `${file} has changed since the plan ${args.file} was made; nothing was sent. Run regkit arin ${kind} plan again`,
    );
  const path = saved ? inPlan(args.file, saved.header.journal) : journalOf(kind, args);
  const journal = await Journal.open(path, `${kind}:${loaded.org}`);
  for (const notice of journal.notices) io.stderr.write(`regkit: ${notice}\n`);
  const resume = [
    'regkit arin',
    kind,
    'apply',
    args.file,
    ...(saved ? [] : [...(args.journal ? ['--journal', args.journal] : []), ...(prune ? ['--prune'] : [])]),
  ].join(' ');
  let stopping = false;
  const abort = new AbortController();
  const release = onInterrupt(() => {
    if (stopping) abort.abort();
    stopping = true;
    io.stderr.write('\nStopping after the request in flight (Ctrl-C again to abort it)…\n');
  });
  try {
    const ctx: StepContext = {
      arin,
      parent: loaded.org,
      journal,
      backoff: new SharedBackoff(),
      signal: abort.signal,
      seedCustomerNo: 0,
      readBack: registryApplied,
    };
    // requests an earlier run left without an answer are settled at ARIN before the plan is made again
    const reconciled = await reconcileAll(ctx);
    const changes = await loaded.plan(ctx, prune);
    let applied = 0;
    let failed = 0;
    let notPlanned = 0;
    for (const change of changes) {
      if (!change.intent) continue;
      if (saved && !saved.keys.has(`${change.action} ${change.key}`)) {
        notPlanned++;
        io.stdout.write(
          `! not sent  ${change.key}: ${change.action} is not in the plan; run regkit arin ${kind} plan again\n`,
        );
        continue;
      }
      if (stopping) break;
      try {
        await journaled(
          ctx,
          change.intent,
          () => sendRegistry(ctx, change.intent!),
          () => ({ ok: true }),
        );
        applied++;
        io.stdout.write(
          `${SIGN[change.action]} ${change.action.padEnd(9)} ${change.key}: ${change.detail}\n`,
        );
      } catch (err) {
        if (err instanceof AbortedError || err instanceof JournalWriteError) throw err;
        failed++;
        io.stdout.write(`! failed    ${change.key}: ${describeError(err).text}\n`);
      }
    }
    const n = counts(changes);
    io.stdout.write(
      `${stopping ? 'Interrupted' : 'Applied'} for ${loaded.org}: ${applied} sent, ${failed} failed` +
        `${notPlanned ? `, ${notPlanned} not in the plan` : ''}; left alone: ${leftAlone(kind, n)}` +
        `${reconciled ? `; ${reconciled} earlier request(s) checked at ARIN` : ''}. Journal: ${shownPath(path)}\n`,
    );
    if (stopping || failed + notPlanned > 0) io.stdout.write(`To continue: ${resume}\n`);
    if (stopping) return EXIT.interrupted;
    return failed + notPlanned > 0 ? EXIT.failure : EXIT.ok;
  } catch (err) {
    if (err instanceof JournalWriteError || err instanceof AbortedError)
      throw new UsageError(`${err.message}\nTo continue: ${resume}`);
    throw err;
  } finally {
    release();
    journal.close();
  }
}
