import { UsageError } from '../usageError.js';
import type { PlanRow, SwipPlan } from './plan.js';
import type { SavedPlan, SavedRow } from './planFile.js';

/** Why the saved row and the row derived again from the CSV disagree, or undefined when they agree. */
function disagreement(saved: SavedRow, fresh: PlanRow): string | undefined {
  const fields = ['line', 'customerKey', 'netName'] as const;
  for (const f of fields) if (saved[f] !== fresh[f]) return f;
  if (saved.block !== (fresh.block?.block ?? fresh.blockText)) return 'block';
  return undefined;
}

/**
 * The rows to apply from a saved plan: each derived again from the CSV and checked against ARIN and
 * the journal as they are now. A row is sent only when the saved plan and the fresh derivation both
 * say reassign; rows the journal has done since the plan are done (the plan refreshes by itself).
 */
export async function refreshedPlan(saved: SavedPlan, fresh: SwipPlan, planPath: string): Promise<SwipPlan> {
  // first pass, before anything is sent: every row of the plan must be what the CSV says
  const pairs = async function* () {
    const f = fresh.rows()[Symbol.asyncIterator]();
    for await (const s of saved.rows()) {
      const next = await f.next();
      if (next.done)
        throw new UsageError(`the plan ${planPath} holds more rows than its CSV; nothing was sent`);
      yield [s, next.value] as const;
    }
  };
  for await (const [s, f] of pairs()) {
    const field = disagreement(s, f);
    if (field)
      throw new UsageError(
        `the plan ${planPath} does not match its CSV at line ${s.line} (${field}); nothing was sent. Run regkit arin swip plan again`,
      );
  }
  // removals: only nets the saved plan listed too, and only when it was made with --prune
  const planned = new Set((saved.header.sync?.removals ?? []).map((r) => r.handle));
  const sync = fresh.header.sync && {
    ...fresh.header.sync,
    prune: saved.header.sync?.prune === true,
    removals: fresh.header.sync.removals.filter((r) => planned.has(r.handle)),
  };
  return {
    header: { ...fresh.header, ...(sync ? { sync } : {}) },
    async *rows() {
      for await (const [s, f] of pairs()) {
        if (f.action === 'reassign' && s.action !== 'reassign')
          yield {
            ...f,
            action: 'blocked',
            problems: [
              ...s.problems,
              `planned as ${s.action === 'blocked' ? 'BLOCKED' : s.action}, so not sent; run regkit arin swip plan again to include it`,
            ],
          } satisfies PlanRow;
        else yield f;
      }
    },
  };
}
