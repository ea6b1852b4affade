#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadArinWorld } from './arin/server.js';
import { startMockServers, type MockServersOptions } from './startMockServers.js';

const USAGE = `Usage: regkit-mock [options]

Starts stateful mocks of ARIN Reg-RWS and the Track-It! Web API.

  --arin-port N        port of the ARIN mock (default 0: any free port)
  --helpdesk-port N    port of the helpdesk mock (default 0)
  --host ADDRESS       interface to listen on (default 127.0.0.1)
  --world FILE         JSON world for the ARIN mock (default: the built-in world)
  --helpdesk-world FILE JSON world for the helpdesk mock
  --latency MS         latency added to every response
  --fault-rate P       share (0-1) of requests answered 503 with Retry-After
  --token-lifetime S   lifetime of helpdesk tokens in seconds (default 1799)
  --ticket-attachment-limit BYTES  ARIN ticket attachments above which Get Ticket is a 413 (default 10485760)
  --max-stored-bytes BYTES         storage cap of each mock's state (default 67108864)
  -V, --version        print the version
  -h, --help           this help`;

function number(value: string | undefined, name: string, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > max) throw new Error(`--${name} must be a number from 0 to ${max}`);
  return n;
}

/** One line for an error while starting: the port in use and its option, or the world file and field. */
function startupMessage(error: unknown, ports: Record<string, number | undefined>): string {
  const e = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e.code === 'EADDRINUSE' || e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') {
    const option = Object.entries(ports).find(([, port]) => port === e.port)?.[0];
    const what =
      e.code === 'EADDRINUSE'
        ? 'is already in use'
        : e.code === 'EACCES'
          ? 'may not be opened by this user'
          : 'is not an address of this machine';
    return `port ${e.port ?? '?'} on ${e.address ?? 'the host'} ${what}${option ? ` (--${option})` : ''}; choose another port, or 0 for any free one`;
  }
  return e.message.split('\n')[0] ?? String(error);
}

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        'arin-port': { type: 'string' },
        'helpdesk-port': { type: 'string' },
        host: { type: 'string' },
        world: { type: 'string' },
        'helpdesk-world': { type: 'string' },
        latency: { type: 'string' },
        'fault-rate': { type: 'string' },
        'token-lifetime': { type: 'string' },
        'ticket-attachment-limit': { type: 'string' },
        'max-stored-bytes': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    }).values;
  } catch (error) {
    console.error(`regkit-mock: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.version) {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    console.log(pkg.version);
    return 0;
  }
  let options: MockServersOptions;
  try {
    options = {
      host: values.host,
      arinPort: number(values['arin-port'], 'arin-port', 65535),
      helpdeskPort: number(values['helpdesk-port'], 'helpdesk-port', 65535),
      latencyMs: number(values.latency, 'latency'),
      faultRate: number(values['fault-rate'], 'fault-rate', 1),
      tokenLifetimeSeconds: number(values['token-lifetime'], 'token-lifetime'),
      ticketAttachmentLimitBytes: number(values['ticket-attachment-limit'], 'ticket-attachment-limit'),
      maxStoredBytes: number(values['max-stored-bytes'], 'max-stored-bytes'),
    };
  } catch (error) {
    console.error(`regkit-mock: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const { loadHelpdeskWorld } = await import('./helpdesk/server.js');
    const servers = await startMockServers({
      ...options,
      arinWorld: values.world ? loadArinWorld(values.world) : undefined,
      helpdeskWorld: values['helpdesk-world'] ? loadHelpdeskWorld(values['helpdesk-world']) : undefined,
    });
    const arinKeys = servers.arin.world.apiKeys.map(
      (k) =>
        `    ${k.key}  ${k.active ? 'active' : 'inactive'}  web user ${k.webUser}${k.note ? ` (${k.note})` : ''}`,
    );
    const techs = servers.helpdesk.world.technicians.map(
      (t) =>
        `    ${t.username} / ${t.password}  groups ${t.groups.join(', ')}; ${t.permissions.length} permissions`,
    );
    console.log(
      [
        'regkit mock servers are running.',
        '',
        `ARIN Reg-RWS      ${servers.arin.baseUrl}`,
        '  API keys:',
        ...arinKeys,
        '',
        `Track-It! Web API ${servers.helpdesk.baseUrl}`,
        '  Technicians (username / password):',
        ...techs,
        '',
        `Admin: ${servers.arin.url}/__admin/world, /__admin/journal, /__admin/reset, /__admin/faults (and the same on the helpdesk port)`,
        'Press Ctrl+C to stop.',
      ].join('\n'),
    );
    const stop = () => void servers.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  } catch (error) {
    const ports = { 'arin-port': options.arinPort, 'helpdesk-port': options.helpdeskPort };
    console.error(`regkit-mock: ${startupMessage(error, ports)}`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
