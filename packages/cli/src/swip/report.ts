import { formatTable, writeJsonLine, type Io } from '../output.js';
import { oneLine } from '../terminalText.js';
import type { RowResult } from './apply.js';
import type { SwipPlan } from './plan.js';

/** The plan as a table of actions and problems, then a summary line. */
export function printPlan(io: Io, plan: SwipPlan, json: boolean, planPath?: string): void {
  const count = (a: string) => plan.rows.filter((r) => r.action === a).length;
  const creates = plan.rows.filter((r) => r.action === 'reassign' && r.customerAction === 'create').length;
  const summary = {
    reassign: count('reassign'),
    createCustomers: creates,
    done: count('done'),
    blocked: count('blocked'),
    unresolved: plan.unresolved,
  };
  if (json) {
    for (const r of plan.rows)
      writeJsonLine(io, {
        event: 'plan-row',
        line: r.line,
        action: r.action,
        block: r.block?.block ?? r.blockText,
        customer: r.customerName,
        customerAction: r.customerAction,
        netName: r.netName,
        problems: r.problems,
        warnings: r.warnings,
      });
    writeJsonLine(io, {
      event: 'plan',
      ...summary,
      ...(planPath ? { plan: planPath } : {}),
      journal: plan.journal,
    });
    return;
  }
  io.stdout.write(
    formatTable(
      ['line', 'action', 'block', 'customer', 'net name', 'problems'],
      plan.rows.map((r) => [
        r.line,
        r.action === 'reassign'
          ? `reassign (${r.customerAction} customer)`
          : r.action === 'done'
            ? `done (${r.doneAs ?? ''})`
            : 'BLOCKED',
        oneLine(r.block?.block ?? r.blockText),
        oneLine(r.customerName),
        r.netName,
        oneLine([...r.problems, ...r.warnings].join('; ')),
      ]),
    ),
  );
  io.stdout.write(
    `\nPlan: ${summary.reassign} to reassign (${creates} new customers), ${summary.done} already done, ${summary.blocked} cannot be applied.` +
      (plan.unresolved
        ? ` ${plan.unresolved} requests of an interrupted run will be checked at ARIN first.`
        : '') +
      (planPath
        ? `\nPlan written to ${oneLine(planPath)}; run: regkit arin swip apply ${oneLine(planPath)}`
        : '') +
      '\n',
  );
}

export function countOutcomes(results: readonly RowResult[]): Record<string, number> {
  const counts: Record<string, number> = {
    reassigned: 0,
    ticketed: 0,
    done: 0,
    failed: 0,
    blocked: 0,
    'not-run': 0,
  };
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}

export function printResults(
  io: Io,
  results: readonly RowResult[],
  json: boolean,
  extra: { journal: string; interrupted: boolean; reconciled: number },
): void {
  const counts = countOutcomes(results);
  if (json) {
    for (const r of results)
      if (r.outcome === 'blocked' || r.outcome === 'not-run' || r.outcome === 'done')
        writeJsonLine(io, { event: 'row', ...r });
    writeJsonLine(io, { event: 'summary', counts, ...extra });
    return;
  }
  const shown = results.filter((r) => r.outcome !== 'done');
  if (shown.length)
    io.stdout.write(
      formatTable(
        ['line', 'block', 'customer', 'outcome', 'detail'],
        shown.map((r) => [r.line, oneLine(r.block), oneLine(r.customerName), r.outcome, oneLine(r.detail)]),
      ),
    );
  io.stdout.write(
    `\n${extra.interrupted ? 'Interrupted: ' : ''}${counts.reassigned} reassigned, ${counts.ticketed} became tickets, ${counts.done} already done, ${counts.failed} failed, ${counts.blocked} blocked, ${counts['not-run']} not run.` +
      (extra.reconciled ? ` ${extra.reconciled} unresolved requests were checked at ARIN.` : '') +
      ` Journal: ${oneLine(extra.journal)}\n`,
  );
}

/** Count, rate, ETA and failures on one terminal line, redrawn at most five times a second. */
export function createSwipProgress(
  io: Io,
  total: number,
  json: boolean,
): { row(r: RowResult): void; stop(): void } {
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let drawn = 0;
  const tty = !json && io.stderr.isTTY === true;
  const draw = () => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    io.stderr.write(`\r\x1b[KSWIP ${done}/${total}  ${rate.toFixed(1)}/s  ETA ${eta}s  failed ${failed}`);
  };
  return {
    row(r) {
      done++;
      if (r.outcome === 'failed') failed++;
      if (json) writeJsonLine(io, { event: 'row', ...r });
      else if (tty && Date.now() - drawn > 200) {
        drawn = Date.now();
        draw();
      }
    },
    stop() {
      if (tty) {
        draw();
        io.stderr.write('\n');
      }
    },
  };
}
