import { startMockServers } from '@regkit/mock-server';
import type { Command } from './command.js';
import { UsageError } from './command.js';
import { createArinClientFromEnv, createHelpdeskClientFromEnv } from './clients.js';
import { runWorkflow, type WorkflowSetup } from './workflow.js';
import { ArinClient } from '@regkit/arin-client';
import { HelpdeskClient } from '@regkit/helpdesk-client';

/** The built-in mock servers and the parts of their default world the workflow uses. */
export async function mockSetup(): Promise<WorkflowSetup> {
  const servers = await startMockServers();
  const key = servers.arin.world.apiKeys.find((k) => k.active && k.webUser === 'netops')?.key ?? '';
  const tech = servers.helpdesk.world.technicians[0];
  if (!tech) throw new Error('the helpdesk world has no technician');
  return {
    description: `the built-in mock servers (ARIN ${servers.arin.baseUrl}, helpdesk ${servers.helpdesk.baseUrl})`,
    arin: new ArinClient({ apiKey: key, environment: servers.arin.baseUrl }),
    helpdesk: new HelpdeskClient({
      baseUrl: servers.helpdesk.baseUrl,
      username: tech.username,
      password: tech.password,
    }),
    parentNetHandle: 'NET-10-0-0-0-1',
    blocks: { simple: '10.0.2.0/24', detailed: '10.0.3.0/24', ticketed: '10.0.32.0/20' },
    recipientOrgPocs: { admin: 'JD1-ARIN', tech: 'EXTEC1-ARIN', abuse: 'EXABU1-ARIN' },
    noteActivityCode: 'Research',
    noteType: 'Technician Note',
    noteResolutionType: 'Ticket Resolution',
    resolveArinTicket: async (ticketNo) => {
      const res = await fetch(`${servers.arin.url}/__admin/tickets/${encodeURIComponent(ticketNo)}/resolve`, {
        method: 'POST',
      });
      if (!res.ok) throw new Error(`the mock could not resolve ${ticketNo}: ${await res.text()}`);
    },
    close: () => servers.close(),
  };
}

export const workflowCommand: Command = {
  path: ['workflow'],
  args: [],
  summary: 'Run the end-to-end workflow: reassignments, an ARIN ticket, a helpdesk ticket, both closed',
  options: {
    parent: {
      type: 'string',
      description: 'parent net handle (real endpoints; env REGKIT_PARENT_NET)',
      valueName: 'HANDLE',
    },
    blocks: {
      type: 'string',
      description: 'three blocks SIMPLE,DETAILED,TICKETED (real endpoints; env REGKIT_BLOCKS)',
      valueName: 'LIST',
    },
    pocs: {
      type: 'string',
      description: 'Admin,Tech,Abuse POC handles for the recipient org (real endpoints; env REGKIT_POCS)',
      valueName: 'LIST',
    },
    'activity-code': {
      type: 'string',
      description: 'helpdesk activity code for notes (default Research)',
      valueName: 'CODE',
    },
    mock: { type: 'boolean', description: 'use the built-in mock servers even when credentials are set' },
  },
  examples: [
    'regkit workflow',
    'ARIN_API_KEY=… ARIN_ENV=ote HELPDESK_URL=… HELPDESK_USERNAME=… HELPDESK_PASSWORD=… regkit workflow --parent NET-… --blocks …',
  ],
  run: async (ctx) => {
    const env = ctx.io.env;
    const real = !ctx.options.mock && !!env.ARIN_API_KEY && !!env.HELPDESK_URL;
    let setup: WorkflowSetup;
    if (real) {
      const parent = (ctx.options.parent as string | undefined) ?? env.REGKIT_PARENT_NET;
      const blocks = ((ctx.options.blocks as string | undefined) ?? env.REGKIT_BLOCKS ?? '')
        .split(',')
        .map((s) => s.trim());
      const pocs = ((ctx.options.pocs as string | undefined) ?? env.REGKIT_POCS ?? '')
        .split(',')
        .map((s) => s.trim());
      if (!parent || blocks.length !== 3 || pocs.length !== 3 || [...blocks, ...pocs].some((s) => !s)) {
        throw new UsageError(
          'against real endpoints the workflow needs --parent, --blocks SIMPLE,DETAILED,TICKETED and --pocs ADMIN,TECH,ABUSE (or REGKIT_PARENT_NET, REGKIT_BLOCKS, REGKIT_POCS)',
        );
      }
      const arin = createArinClientFromEnv(env);
      setup = {
        description: `real endpoints: ARIN ${arin.baseUrl} and helpdesk ${env.HELPDESK_URL}`,
        arin,
        helpdesk: createHelpdeskClientFromEnv(env),
        parentNetHandle: parent,
        blocks: { simple: blocks[0] as string, detailed: blocks[1] as string, ticketed: blocks[2] as string },
        recipientOrgPocs: { admin: pocs[0] as string, tech: pocs[1] as string, abuse: pocs[2] as string },
        noteActivityCode: (ctx.options['activity-code'] as string | undefined) ?? 'Research',
        close: async () => undefined,
      };
    } else {
      setup = await mockSetup();
    }
    return runWorkflow(setup, ctx.io);
  },
};
