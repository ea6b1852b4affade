import type { CommandContext, CommandSpec, OptionSpec } from '../command.js';
import { integerOption, optionalString, requireString } from '../command.js';
import { SWIP_CSV_HELP } from './csvHelp.js';
import { UsageError } from '../usageError.js';

const parentOption: OptionSpec = {
  flag: 'parent',
  type: 'string',
  description: 'parent net handle the blocks come from (required with a CSV)',
  valueName: 'HANDLE',
};
const journalOption: OptionSpec = {
  flag: 'journal',
  type: 'string',
  description: 'the journal that records every request (default FILE.csv.swip-journal)',
  valueName: 'FILE',
};
const encodingOption: OptionSpec = {
  flag: 'encoding',
  type: 'string',
  description: 'the CSV encoding when it is not UTF-8, e.g. latin1 or windows-1252',
  valueName: 'NAME',
};

function swipArgs(ctx: CommandContext) {
  const parent = optionalString(ctx, 'parent');
  const journal = optionalString(ctx, 'journal');
  const encoding = optionalString(ctx, 'encoding');
  const out = optionalString(ctx, 'out');
  return {
    file: ctx.args[0]!,
    ...(parent ? { parent } : {}),
    ...(journal ? { journal } : {}),
    ...(encoding ? { encoding } : {}),
    ...(out ? { out } : {}),
    concurrency: Math.max(1, integerOption(ctx, 'concurrency', 4) || 1),
    json: ctx.json,
    sync: ctx.options.sync === true,
    prune: ctx.options.prune === true,
  };
}

const syncOptions: OptionSpec[] = [
  {
    flag: 'sync',
    type: 'boolean',
    description:
      'the file is the complete desired set under the parent: also update, adopt and (with --prune) remove; plan exits 0 in step, 2 with changes pending, 1 on error',
  },
  {
    flag: 'prune',
    type: 'boolean',
    description:
      'with --sync: remove the reassignments the file no longer lists (and replace renamed customers)',
  },
];

/** `regkit arin swip plan`: what apply would do, checked against the parent and ARIN; sends nothing. */
export const swipPlanCommand: CommandSpec = {
  path: ['arin', 'swip', 'plan'],
  args: [
    { name: 'FILE.csv', required: true, description: 'the customers and blocks, one per row; - for stdin' },
  ],
  summary: 'Check a SWIP CSV against the parent net and ARIN and write the plan; sends nothing',
  options: [
    { ...parentOption, required: true },
    {
      flag: 'out',
      type: 'string',
      description: 'plan file (default FILE.csv.swip-plan.jsonl)',
      valueName: 'PLAN',
    },
    journalOption,
    encodingOption,
    ...syncOptions,
  ],
  examples: [
    'regkit arin swip plan customers.csv --parent NET-10-0-0-0-1',
    'regkit arin swip plan ipam-export.csv --parent NET-10-0-0-0-1 --sync --prune',
    '',
    ...SWIP_CSV_HELP.split('\n'),
  ],
  run: async (ctx) => {
    const { runPlan } = await import('./run.js');
    const args = swipArgs(ctx);
    if (!args.sync) return runPlan(await ctx.arin({ bulk: true }), args, ctx.io);
    // with --sync, 2 means "changes pending": a usage error is reported as an error (1)
    try {
      return await runPlan(await ctx.arin({ bulk: true }), args, ctx.io);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      ctx.io.stderr.write(`regkit: ${error.message}\n`);
      return 1;
    }
  },
};

/** `regkit arin swip apply`: carries out a plan (or a CSV), journaled, resumable. */
export const swipApplyCommand: CommandSpec = {
  path: ['arin', 'swip', 'apply'],
  args: [
    {
      name: 'PLAN|FILE.csv',
      required: true,
      description: 'a plan from swip plan, or a CSV (with --parent); - for stdin',
    },
  ],
  summary:
    'Create the customers and reassign the blocks of a plan or CSV; safe to re-run after any interruption',
  options: [
    parentOption,
    journalOption,
    encodingOption,
    {
      flag: 'concurrency',
      type: 'string',
      description: 'requests in flight at once (default 4)',
      valueName: 'N',
    },
    ...syncOptions,
  ],
  examples: [
    'regkit arin swip apply customers.csv.swip-plan.jsonl',
    'regkit arin swip apply customers.csv --parent NET-10-0-0-0-1 --concurrency 8',
  ],
  run: async (ctx) => {
    const { runApply } = await import('./run.js');
    return runApply(await ctx.arin({ bulk: true }), swipArgs(ctx), ctx.io);
  },
};

const maintenance = (verb: 'cleanup' | 'destroy', summary: string, example: string): CommandSpec => ({
  path: ['arin', 'swip', verb],
  args: [],
  summary,
  options: [
    { ...journalOption, required: true, description: 'the journal of the runs' },
    { flag: 'yes', type: 'boolean', description: 'do it; without it only the list is shown' },
  ],
  examples: [example, `${example} --yes`],
  run: async (ctx) => {
    const { runCleanup, runDestroy } = await import('./cleanup.js');
    const args = { journal: requireString(ctx, 'journal'), yes: ctx.options.yes === true, json: ctx.json };
    return (verb === 'cleanup' ? runCleanup : runDestroy)(await ctx.arin({ bulk: true }), args, ctx.io);
  },
});

/** `regkit arin swip settle`: the operator's word on a customer create whose outcome is unknown. */
export const swipSettleCommand: CommandSpec = {
  path: ['arin', 'swip', 'settle'],
  args: [],
  summary: 'Settle a held customer create: bind the customer found at ARIN, or confirm none was created',
  options: [
    { ...journalOption, required: true, description: 'the journal of the runs' },
    { flag: 'line', type: 'string', description: 'the CSV line of the held row', valueName: 'N' },
    {
      flag: 'customer',
      type: 'string',
      description: 'the customer handle at ARIN that is this row’s customer',
      valueName: 'HANDLE',
    },
    { flag: 'none', type: 'boolean', description: 'no customer was created: the next apply creates it' },
  ],
  examples: [
    'regkit arin swip settle --journal customers.csv.swip-journal --line 7 --customer C01234567',
    'regkit arin swip settle --journal customers.csv.swip-journal --line 7 --none',
  ],
  run: async (ctx) => {
    const { runSettle } = await import('./settle.js');
    const customer = optionalString(ctx, 'customer');
    const line = optionalString(ctx, 'line');
    if (line !== undefined && !/^\d{1,9}$/.test(line))
      throw new UsageError(`--line ${line} is not a line number`);
    return runSettle(
      await ctx.arin({ bulk: true }),
      {
        journal: requireString(ctx, 'journal'),
        ...(line !== undefined ? { line: Number(line) } : {}),
        ...(customer ? { customer } : {}),
        none: ctx.options.none === true,
        json: ctx.json,
      },
      ctx.io,
    );
  },
};

export const swipCommands: CommandSpec[] = [
  swipPlanCommand,
  swipApplyCommand,
  maintenance(
    'cleanup',
    'List the customers a SWIP journal created that hold no net; delete them with --yes',
    'regkit arin swip cleanup --journal customers.csv.swip-journal',
  ),
  maintenance(
    'destroy',
    'List the reassignments a SWIP journal made; remove them with --yes',
    'regkit arin swip destroy --journal customers.csv.swip-journal',
  ),
  swipSettleCommand,
];
