import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const isLoopbackAddress = (address: string) => address === '::1' || /^(?:::ffff:)?127\./.test(address);

/**
 * Binds the server (default 127.0.0.1, a free port) and answers its base URL; an address other
 * machines can reach is told to `onWarning` (default: a process warning, code `REGKIT_MOCK_EXPOSED`).
 */
export async function listen(
  server: Server,
  name: string,
  port: number | undefined,
  host: string | undefined,
  onWarning?: (message: string) => void,
): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port ?? 0, host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  if (!isLoopbackAddress(address.address)) {
    const message = `The ${name} mock listens on ${shown}:${address.port}, which other machines can reach: anyone there can use its keys and its admin API (/__admin/). Bind 127.0.0.1 unless that is meant.`;
    (onWarning ?? ((m: string) => process.emitWarning(m, { code: 'REGKIT_MOCK_EXPOSED' })))(message);
  }
  return `http://${shown}:${address.port}`;
}
