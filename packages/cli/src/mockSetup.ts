import type { WorkflowSetup } from './workflow.js';

/** The built-in mock servers and the parts of their default world the workflow uses. */
export async function mockSetup(): Promise<WorkflowSetup> {
  // the mock is loaded only here, by the one command that starts it
  const [{ startMockServers }, { ArinClient }, { HelpdeskClient }] = await Promise.all([
    import('@regkit/mock-server'),
    import('@regkit/arin-client'),
    import('@regkit/helpdesk-client'),
  ]);
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
        headers: { 'x-regkit-admin': '1' },
      });
      if (!res.ok) throw new Error(`the mock could not resolve ${ticketNo}: ${await res.text()}`);
    },
    close: () => servers.close(),
  };
}
