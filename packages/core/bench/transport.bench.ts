// Per-request cost of the chain a client runs (retry, API key, per-attempt timeout covering the
// body, size limit, deadline, redirect check) over loopback keep-alive GETs, measured side by side
// in one run against two like-for-like baselines that read the same body as text (no log hooks on
// either side: the baselines log nothing):
// - raw `fetch` given the same per-attempt AbortSignal timeout and `redirect: 'manual'` (≤ 1.05×);
// - openapi-fetch, a peer wrapper around `fetch`, making the same GET (≤ 1.0×).
// The same chain over undici's request API (`http: undiciHttp()` from `@regkit/core/undici`) is
// measured against the chain over `fetch` (before/after: what the exchange saves per request;
// ≤ 0.8×), and against raw `undici.request` through the same kind of keep-alive Agent with a
// per-attempt timeout as a hand-written call has it (an AbortController and a timer), reading the
// body as text (its like-for-like baseline, ≤ 1.05× as for fetch). The chain listens for its
// timeout without making an AbortSignal and builds the response's Headers only when they are read,
// which is how it keeps up with the raw call while running retry, API key, hooks and limits.
// It measures the built package users install (dist/), not the sources, and times the two sides
// call by call in alternation (see comparePaired).
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type * as Core from '@regkit/core';
import type * as CoreUndici from '@regkit/core/undici';
import createClient from 'openapi-fetch';
import { Agent } from 'undici';
import { comparePaired, count, report, sized } from '../../../scripts/lib/bench.js';

if (!existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)))) {
  console.error('build @regkit/core first: npx nx run @regkit/core:build');
  process.exit(1);
}
const { apiKeyAuth, createTransport, retryMiddleware } = (await import(
  '../dist/index.js' as string
)) as typeof Core;
const { undiciHttp } = (await import('../dist/undici.js' as string)) as typeof CoreUndici;

const KEY = 'API-1111-2222-3333-4444';
const body = '<poc xmlns="http://www.arin.net/regrws/core/v1"><handle>JD1-ARIN</handle></poc>';
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const TIMEOUT_MS = 30_000;

const transport = createTransport({
  timeoutMs: TIMEOUT_MS,
  middleware: [retryMiddleware(), apiKeyAuth({ apiKey: KEY })],
});
const url = new URL(`${base}/rest/poc/JD1-ARIN`);
const through = (chain: Core.Transport) => async () => {
  const res = await chain.send({
    method: 'GET',
    url,
    headers: { accept: 'application/xml' },
    retry: 'safe',
  });
  await res.text();
};
const ours = through(transport);
const http = undiciHttp();
const overUndici = through(
  createTransport({
    http,
    timeoutMs: TIMEOUT_MS,
    middleware: [retryMiddleware(), apiKeyAuth({ apiKey: KEY })],
  }),
);

const abort = (controller: AbortController) => controller.abort();
const rawFetch = async () => {
  const controller = new AbortController();
  const timer = setTimeout(abort, TIMEOUT_MS, controller);
  try {
    const res = await fetch(`${base}/rest/poc/JD1-ARIN?apikey=${KEY}`, {
      headers: { accept: 'application/xml' },
      signal: controller.signal,
      redirect: 'manual',
    });
    await res.text();
  } finally {
    clearTimeout(timer);
  }
};

// undici's request API through a keep-alive Agent of its own, with the same timeout signal
const agent = new Agent();
const rawUndici = async () => {
  const controller = new AbortController();
  const timer = setTimeout(abort, TIMEOUT_MS, controller);
  try {
    const res = await agent.request({
      origin: base,
      path: `/rest/poc/JD1-ARIN?apikey=${KEY}`,
      method: 'GET',
      headers: { accept: 'application/xml' },
      signal: controller.signal,
    });
    await res.body.text();
  } finally {
    clearTimeout(timer);
  }
};

// openapi-fetch with the same per-request timeout signal, reading the body as text
const peer = createClient<Record<string, never>>({ baseUrl: `${base}/rest` });
const openapiFetch = async () => {
  const controller = new AbortController();
  const timer = setTimeout(abort, TIMEOUT_MS, controller);
  try {
    await (peer as unknown as { GET: (path: string, init: unknown) => Promise<unknown> }).GET(
      '/poc/{pocHandle}',
      {
        params: { path: { pocHandle: 'JD1-ARIN' }, query: { apikey: KEY } },
        headers: { accept: 'application/xml' },
        parseAs: 'text',
        signal: controller.signal,
      },
    );
  } finally {
    clearTimeout(timer);
  }
};

// 6 000 GETs a side, timed call by call in alternation after 1 000 warm-up calls a side
const options = sized({ pairs: 6000, warmup: 1000 }, { pairs: 50, warmup: 10 });
const vsFetch = await comparePaired(ours, rawFetch, options);
report(
  `core: ${count(options.pairs)} GETs through the chain vs raw fetch with the same timeout signal (median of paired ratios)`,
  vsFetch.ours,
  vsFetch.baseline,
  { max: 1.05 },
  'ms/op',
  vsFetch.ratio,
);
const vsPeer = await comparePaired(ours, openapiFetch, options);
report(
  `core: ${count(options.pairs)} GETs through the chain vs openapi-fetch (median of paired ratios)`,
  vsPeer.ours,
  vsPeer.baseline,
  { max: 1.0 },
  'ms/op',
  vsPeer.ratio,
);
const undiciVsFetch = await comparePaired(overUndici, ours, options);
report(
  `core: ${count(options.pairs)} GETs through the chain over undici vs the chain over fetch (median of paired ratios)`,
  undiciVsFetch.ours,
  undiciVsFetch.baseline,
  { max: 0.8 },
  'ms/op',
  undiciVsFetch.ratio,
);
const vsUndici = await comparePaired(overUndici, rawUndici, options);
report(
  `core: ${count(options.pairs)} GETs through the chain over undici vs raw undici.request with the same timeout signal (median of paired ratios)`,
  vsUndici.ours,
  vsUndici.baseline,
  { max: 1.05 },
  'ms/op',
  vsUndici.ratio,
);
await Promise.all([agent.close(), http.dispatcher.close()]);
server.close();
