// Per-request overhead of the full middleware chain (retry, API key, hooks, timeout) against raw
// fetch, both against the same loopback keep-alive server, 5 000 sequential GETs each, alternating
// rounds in the same run. Target: ≤ 1.10×.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiKeyAuth, createTransport, retryMiddleware } from '@regkit/core';
import { compare, report } from '../../../scripts/lib/bench.js';

const body = '<poc xmlns="http://www.arin.net/regrws/core/v1"><handle>JD1-ARIN</handle></poc>';
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

let events = 0;
const transport = createTransport({
  middleware: [retryMiddleware(), apiKeyAuth({ apiKey: 'API-1111-2222-3333-4444' })],
  hooks: { onRequest: () => void events++, onResponse: () => void events++ },
});
const url = new URL(`${base}/rest/poc/JD1-ARIN`);

const result = await compare(
  async () => {
    const res = await transport.send({ method: 'GET', url, headers: { accept: 'application/xml' } });
    await res.text();
  },
  async () => {
    const res = await fetch(`${base}/rest/poc/JD1-ARIN?apikey=API-1111-2222-3333-4444`, {
      headers: { accept: 'application/xml' },
    });
    await res.text();
  },
  // 5 000 GETs each, in 40 alternating rounds of 125 so that drift on a busy machine hits both alike
  { iterations: 125, rounds: 40, warmup: 2000 },
);
if (events === 0) throw new Error('the hooks never ran');
report(
  'core: 5 000 GETs through the middleware chain vs raw fetch',
  result.ours,
  result.baseline,
  { max: 1.1 },
  'ms/op',
);
server.close();
