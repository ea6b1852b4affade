import type { CommandSpec } from './command.js';
import { optionalString } from './command.js';
import { UsageError } from './usageError.js';
import type { WorkflowSetup } from './workflow.js';

/** `regkit workflow`: the end-to-end story (composite: both APIs, many operations). */
export const workflowCommand: CommandSpec = {
  path: ['workflow'],
  args: [],
  summary: 'Run the end-to-end workflow: reassignments, an ARIN ticket, a helpdesk ticket, both closed',
  options: [
    {
      flag: 'parent',
      type: 'string',
      description: 'parent net handle (real endpoints; env REGKIT_PARENT_NET)',
      valueName: 'HANDLE',
    },
    {
      flag: 'blocks',
      type: 'string',
      description: 'three blocks SIMPLE,DETAILED,TICKETED (real endpoints; env REGKIT_BLOCKS)',
      valueName: 'LIST',
    },
    {
      flag: 'pocs',
      type: 'string',
      description: 'Admin,Tech,Abuse POC handles for the recipient org (real endpoints; env REGKIT_POCS)',
      valueName: 'LIST',
    },
    {
      flag: 'activity-code',
      type: 'string',
      description: 'helpdesk activity code for notes (default Research)',
      valueName: 'CODE',
    },
    {
      flag: 'mock',
      type: 'boolean',
      description: 'use the built-in mock servers even when credentials are set',
    },
  ],
  examples: [
    'regkit workflow',
    'ARIN_API_KEY=… ARIN_ENV=ote HELPDESK_URL=… HELPDESK_USERNAME=… HELPDESK_PASSWORD=… regkit workflow --parent NET-… --blocks …',
  ],
  run: async (ctx) => {
    const env = ctx.io.env;
    const real = !ctx.options.mock && !!env.ARIN_API_KEY && !!env.HELPDESK_URL;
    let setup: WorkflowSetup;
    if (real) {
      const parent = optionalString(ctx, 'parent') ?? env.REGKIT_PARENT_NET;
      const blocks = (optionalString(ctx, 'blocks') ?? env.REGKIT_BLOCKS ?? '')
        .split(',')
        .map((s) => s.trim());
      const pocs = (optionalString(ctx, 'pocs') ?? env.REGKIT_POCS ?? '').split(',').map((s) => s.trim());
      if (!parent || blocks.length !== 3 || pocs.length !== 3 || [...blocks, ...pocs].some((s) => !s)) {
        throw new UsageError(
          'against real endpoints the workflow needs --parent, --blocks SIMPLE,DETAILED,TICKETED and --pocs ADMIN,TECH,ABUSE (or REGKIT_PARENT_NET, REGKIT_BLOCKS, REGKIT_POCS)',
        );
      }
      const arin = await ctx.arin();
      const helpdesk = await ctx.helpdesk();
      setup = {
        description: `real endpoints: ARIN ${arin.baseUrl} and helpdesk ${helpdesk.baseUrl}`,
        arin,
        helpdesk,
        parentNetHandle: parent,
        blocks: { simple: blocks[0] as string, detailed: blocks[1] as string, ticketed: blocks[2] as string },
        recipientOrgPocs: { admin: pocs[0] as string, tech: pocs[1] as string, abuse: pocs[2] as string },
        noteActivityCode: optionalString(ctx, 'activity-code') ?? 'Research',
        close: async () => undefined,
      };
    } else {
      setup = await (await import('./mockSetup.js')).mockSetup();
    }
    const { runWorkflow } = await import('./workflow.js');
    return runWorkflow(setup, ctx.io);
  },
};
