// A consumer outside the workspace: the packages come from the registry only.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ArinApiError, ArinClient } from '@regkit/arin-client';
import type { Poc } from '@regkit/arin-client/payloads';
import { HelpdeskClient } from '@regkit/helpdesk-client';
import { startMockServers } from '@regkit/mock-server';

const servers = await startMockServers();
try {
  const key = servers.arin.world.apiKeys.find((k) => k.active)?.key;
  const tech = servers.helpdesk.world.technicians[0];
  if (!key || !tech) throw new Error('the default world has no active API key or technician');

  const arin = new ArinClient({ apiKey: key, environment: servers.arin.baseUrl });
  const net = await arin.net.get('NET-10-0-0-0-1');
  const poc: Poc = await arin.poc.get('JD1-ARIN');
  console.log(`ARIN: ${net.handle} ${net.netName}; POC ${poc.handle} ${poc.lastName}`);

  try {
    await arin.poc.get('NOPE-ARIN');
    throw new Error('a missing POC must fail');
  } catch (error) {
    if (!(error instanceof ArinApiError) || error.status !== 404) throw error;
    console.log(`ARIN error mapped: ${error.status} ${error.code}`);
  }

  const helpdesk = new HelpdeskClient({
    baseUrl: servers.helpdesk.baseUrl,
    username: tech.username,
    password: tech.password,
  });
  const ticket = await helpdesk.tickets.get(1001);
  console.log(`helpdesk: ticket ${ticket.id} ${ticket.summary}`);

  // the installed `regkit` bin, as a user runs it, against the same mock
  const { stdout } = await promisify(execFile)(
    'npx',
    ['--no-install', 'regkit', 'arin', 'net', 'get', 'NET-10-0-0-0-1', '--json'],
    { env: { ...process.env, ARIN_API_KEY: key, ARIN_ENV: servers.arin.baseUrl } },
  );
  const cliNet = JSON.parse(stdout) as { handle?: string };
  if (cliNet.handle !== 'NET-10-0-0-0-1') throw new Error(`regkit arin net get printed ${stdout}`);
  console.log(`CLI: regkit arin net get → ${cliNet.handle}`);
} finally {
  await servers.close();
}
