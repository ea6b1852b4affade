import type { CommandContext, CommandSpec } from './command.js';
import { optionalString } from './command.js';
import type { RegistryKind } from './registry/run.js';
import { UsageError } from './usageError.js';

const WHAT: Record<RegistryKind, { file: string; objects: string; example: string }> = {
  irr: {
    file: 'FILE.yaml',
    objects: "the org's route objects, as-sets and route-sets",
    example: 'routing.yaml',
  },
  aspa: { file: 'FILE.yaml', objects: "the org's ASPAs (customer AS → provider ASes)", example: 'aspa.yaml' },
};

function registryArgs(ctx: CommandContext) {
  const journal = optionalString(ctx, 'journal');
  const out = optionalString(ctx, 'out');
  return {
    file: ctx.args[0]!,
    ...(journal ? { journal } : {}),
    ...(out ? { out } : {}),
    prune: ctx.options.prune === true,
    json: ctx.json,
  };
}

/** A usage error is reported as a failure (1): 2 means "changes pending" for plan. */
async function failingWithOne(ctx: CommandContext, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    ctx.io.stderr.write(`regkit: ${error.message}\n`);
    return 1;
  }
}

const pruneOption = (kind: RegistryKind) => ({
  flag: 'prune',
  type: 'boolean' as const,
  description: `also delete what ARIN has and the file does not list${kind === 'irr' ? ' (never a route of an auto-linked ROA)' : ''}`,
});
const journalOption = (kind: RegistryKind) => ({
  flag: 'journal',
  type: 'string' as const,
  description: `the journal that records every request (default FILE.${kind}-journal)`,
  valueName: 'FILE',
});

function commands(kind: RegistryKind): CommandSpec[] {
  const w = WHAT[kind];
  return [
    {
      path: ['arin', kind, 'plan'],
      args: [{ name: w.file, required: true, description: `${w.objects}, with org: at the top` }],
      summary: `Compare a YAML file of ${w.objects} with ARIN and write the plan; exits 0 in step, 2 with changes pending, 1 on error`,
      options: [
        {
          flag: 'out',
          type: 'string',
          description: `plan file (default FILE.${kind}-plan.jsonl)`,
          valueName: 'PLAN',
        },
        journalOption(kind),
        pruneOption(kind),
      ],
      examples: [`regkit arin ${kind} plan ${w.example}`, `regkit arin ${kind} plan ${w.example} --prune`],
      run: async (ctx) => {
        const { runRegistryPlan } = await import('./registry/run.js');
        return failingWithOne(ctx, async () =>
          runRegistryPlan(kind, await ctx.arin({ bulk: true }), registryArgs(ctx), ctx.io),
        );
      },
    },
    {
      path: ['arin', kind, 'apply'],
      args: [
        { name: `PLAN|${w.file}`, required: true, description: `a plan from ${kind} plan, or the YAML file` },
      ],
      summary: `Send the changes of a plan (or of the YAML file), journaled; the same command resumes after an interruption`,
      options: [journalOption(kind), pruneOption(kind)],
      examples: [
        `regkit arin ${kind} apply ${w.example}.${kind}-plan.jsonl`,
        `regkit arin ${kind} apply ${w.example} --prune`,
      ],
      run: async (ctx) => {
        const { runRegistryApply } = await import('./registry/run.js');
        return failingWithOne(ctx, async () =>
          runRegistryApply(kind, await ctx.arin({ bulk: true }), registryArgs(ctx), ctx.io),
        );
      },
    },
  ];
}

/** `regkit arin irr plan|apply` and `regkit arin aspa plan|apply`. */
export const registryCommands: CommandSpec[] = [...commands('irr'), ...commands('aspa')];
