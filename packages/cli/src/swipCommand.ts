import type { CommandContext, CommandSpec } from './command.js';
import { integerOption, optionalString, requireString } from './command.js';
import type { SwipReport } from './swip.js';
import { SWIP_CSV_HELP } from './swipCsvHelp.js';

async function printSwipReport(ctx: CommandContext, report: SwipReport): Promise<void> {
  const { formatTable, writeJson } = await import('./output.js');
  if (ctx.json) return writeJson(ctx.io, report);
  const out = ctx.io.stdout;
  out.write(
    formatTable(
      ['line', 'customer', 'block', 'outcome', 'detail'],
      report.rows.map((r) => [r.line, r.customerName, r.block, r.outcome, r.detail]),
    ),
  );
  const c = report.counts;
  const parts = report.dryRun
    ? [`${c.planned} planned`, `${c.skipped} already done`, `${c.invalid} invalid`]
    : [
        `${c.reassigned} reassigned`,
        `${c.ticketed} became tickets`,
        `${c.failed} failed`,
        `${c.invalid} invalid`,
        `${c.skipped} skipped (already done)`,
      ];
  out.write(
    `\n${report.dryRun ? 'Dry run, nothing sent: ' : ''}${parts.join(', ')}. State: ${report.statePath}\n`,
  );
}

/** `regkit arin swip`: bulk simple reassignments from a CSV (composite: A22 then A23 per row). */
export const swipCommand: CommandSpec = {
  path: ['arin', 'swip'],
  args: [{ name: 'FILE.csv', required: true, description: 'the customers and blocks, one per row' }],
  summary: 'Bulk simple reassignments from a CSV: create each customer and reassign its block',
  options: [
    {
      flag: 'parent',
      type: 'string',
      required: true,
      description: 'parent net handle the blocks come from',
      valueName: 'HANDLE',
    },
    { flag: 'dry-run', type: 'boolean', description: 'check the file and show the plan; send nothing' },
    {
      flag: 'concurrency',
      type: 'string',
      description: 'rows in flight at once (default 4)',
      valueName: 'N',
    },
    {
      flag: 'state',
      type: 'string',
      description: 'state file that makes re-runs safe (default FILE.csv.swip-state.json)',
      valueName: 'FILE',
    },
  ],
  examples: [
    'regkit arin swip customers.csv --parent NET-10-0-0-0-1 --dry-run',
    'regkit arin swip customers.csv --parent NET-10-0-0-0-1 --concurrency 8',
    '',
    ...SWIP_CSV_HELP.split('\n'),
  ],
  run: async (ctx) => {
    const { runSwip } = await import('./swip.js');
    const dryRun = ctx.options['dry-run'] === true;
    const statePath = optionalString(ctx, 'state');
    const report = await runSwip(
      dryRun ? undefined : await ctx.arin(),
      {
        file: ctx.args[0]!,
        parentNetHandle: requireString(ctx, 'parent'),
        dryRun,
        concurrency: integerOption(ctx, 'concurrency', 4) || 1,
        ...(statePath ? { statePath } : {}),
        progress: !ctx.json,
      },
      ctx.io,
    );
    await printSwipReport(ctx, report);
    return report.counts.failed + report.counts.invalid > 0 ? 1 : 0;
  },
};
