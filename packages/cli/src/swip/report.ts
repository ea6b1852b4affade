import { formatTable, TableWriter, writeJsonLine, type Io } from '../output.js';
import { oneLine } from '../terminalText.js';
import { LISTED_PER_OUTCOME, type ApplySummary, type RowResult } from './apply.js';
import type { PlanRow, SwipPlan } from './plan.js';

const ACTION_TEXT: Record<PlanRow['action'], (r: PlanRow) => string> = {
  reassign: (r) => `reassign (${r.customerAction} customer)`,
  done: (r) => `done (${r.doneAs ?? ''})`,
  blocked: () => 'BLOCKED',
  adopt: (r) => `adopt ${r.doneAs ?? ''} (recorded, nothing sent)`,
  update: (r) =>
    `update ${r.registered!.net}: ${[...r.registered!.changes, ...(r.registered!.netName !== undefined ? ['net name'] : [])].join(', ')}`,
  replace: (r) =>
    `replace ${r.registered!.net} of ${r.registered!.customerName} (${r.customerAction} customer)`,
};

const planCells = (r: PlanRow) => [
  r.line,
  ACTION_TEXT[r.action](r),
  oneLine(r.block?.block ?? r.blockText),
  oneLine(r.customerName),
  r.netName,
  oneLine([...r.problems, ...r.warnings].join('; ')),
];

/** The plan as a table of actions and problems (or one JSON event per row), then a summary line. */
export async function printPlan(io: Io, plan: SwipPlan, json: boolean, planPath?: string): Promise<void> {
  const { counts, unresolved, journal, sync } = plan.header;
  const summary = {
    reassign: counts.reassign,
    createCustomers: counts.createCustomers,
    done: counts.done,
    blocked: counts.blocked,
    unresolved,
    ...(sync
      ? {
          update: counts.update,
          adopt: counts.adopt,
          replace: counts.replace,
          remove: sync.removals.length,
          untouched: sync.untouched.length,
          prune: sync.prune,
        }
      : {}),
  };
  if (json) {
    for await (const r of plan.rows())
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
        ...(r.registered ? { registered: r.registered } : {}),
      });
    for (const net of sync?.removals ?? [])
      writeJsonLine(io, { event: 'plan-net', action: 'remove', ...net });
    for (const net of sync?.untouched ?? [])
      writeJsonLine(io, { event: 'plan-net', action: 'untouched', ...net });
    writeJsonLine(io, { event: 'plan', ...summary, ...(planPath ? { plan: planPath } : {}), journal });
    return;
  }
  const table = new TableWriter(['line', 'action', 'block', 'customer', 'net name', 'problems']);
  for await (const r of plan.rows()) table.measure(planCells(r));
  table.header(io);
  for await (const r of plan.rows()) table.row(io, planCells(r));
  if (sync && sync.removals.length + sync.untouched.length > 0)
    io.stdout.write(
      `\n${formatTable(
        ['net', 'block', 'customer', 'action', 'why'],
        [
          ...sync.removals.map((n) => [
            n.handle,
            n.block,
            oneLine(n.customerName ?? ''),
            sync.prune ? 'remove' : 'REMOVE (needs --prune)',
            oneLine(n.reason),
          ]),
          ...sync.untouched.map((n) => [
            n.handle,
            n.block,
            oneLine(n.customerName ?? ''),
            'untouched',
            oneLine(n.reason),
          ]),
        ],
      )}`,
    );
  if (sync)
    io.stdout.write(
      `\nSync: ${counts.update} to update, ${counts.adopt} to adopt, ${counts.replace} to replace, ${sync.removals.length} to remove${sync.prune ? '' : ' (with --prune)'}, ${sync.untouched.length} left alone.`,
    );
  io.stdout.write(
    `\nPlan: ${summary.reassign} to reassign (${summary.createCustomers} new customers), ${summary.done} already done, ${summary.blocked} cannot be applied.` +
      (unresolved ? ` ${unresolved} requests of an interrupted run will be checked at ARIN first.` : '') +
      (planPath
        ? `\nPlan written to ${oneLine(planPath)}; run: regkit arin swip apply ${oneLine(planPath)}`
        : '') +
      '\n',
  );
}

export function printResults(
  io: Io,
  summary: ApplySummary,
  json: boolean,
  extra: { journal: string; interrupted: boolean; reconciled: number; resume?: string },
): void {
  const { counts } = summary;
  if (json) {
    writeJsonLine(io, { event: 'summary', counts, ...extra });
    return;
  }
  if (summary.listed.length)
    io.stdout.write(
      formatTable(
        ['line', 'block', 'customer', 'outcome', 'detail'],
        summary.listed.map((r) => [
          r.line,
          oneLine(r.block),
          oneLine(r.customerName),
          r.outcome,
          oneLine(r.detail),
        ]),
      ),
    );
  if (summary.unlisted)
    io.stdout.write(
      `… and ${summary.unlisted} more rows (at most ${LISTED_PER_OUTCOME} of each outcome are listed; --json lists every row, and the journal records every request)\n`,
    );
  io.stdout.write(
    `\n${extra.interrupted ? 'Interrupted: ' : ''}${counts.reassigned} reassigned, ${counts.updated ? `${counts.updated} updated, ` : ''}${counts.removed ? `${counts.removed} removed, ` : ''}${counts.ticketed} became tickets, ${counts.done} already done, ${counts.failed} failed, ${counts.held} held, ${counts.blocked} blocked, ${counts['not-run']} not run.` +
      (extra.reconciled ? ` ${extra.reconciled} unresolved requests were checked at ARIN.` : '') +
      ` Journal: ${oneLine(extra.journal)}\n` +
      (counts.held
        ? 'Held rows wait for a customer whose create has an unknown outcome: settle each with regkit arin swip settle (see the detail).\n'
        : '') +
      (extra.resume ? `To continue: ${oneLine(extra.resume)}\n` : ''),
  );
}

/** Count, rate, ETA and failures on one terminal line, redrawn at most five times a second. */
export function createSwipProgress(
  io: Io,
  total: number,
  json: boolean,
): { row(r: RowResult): void; skip(r: RowResult): void; stop(): void } {
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
    skip(r) {
      if (json) writeJsonLine(io, { event: 'row', ...r });
    },
    stop() {
      if (tty) {
        draw();
        io.stderr.write('\n');
      }
    },
  };
}

/** What cleanup, destroy and settle did or would do: a table (or JSON lines) and a summary. */
export function printMaintenance(
  io: Io,
  json: boolean,
  headers: string[],
  rows: string[][],
  summary: string,
  event: object,
): void {
  if (json) {
    for (const r of rows) writeJsonLine(io, Object.fromEntries(headers.map((h, i) => [h, r[i]])));
    writeJsonLine(io, event);
    return;
  }
  if (rows.length) io.stdout.write(formatTable(headers, rows));
  io.stdout.write(`\n${summary}\n`);
}
