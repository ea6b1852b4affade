// What an application pays to ship the client: esbuild bundles "ArinClient + poc.get" from the
// built package (minified, browser platform) and the row is its gzipped size. Target ≤ 50.2 KB, no
// larger than it was before the API grew (IRR, ASPA, RPKI, the response forms): every operation,
// codec and schema is in it, since the client's groups reach them all.
// A second row bundles one operation imported alone (ArinCore + getPocCommand). Its floor is what
// any call needs whatever the operation: fast-xml-parser, zod/mini and core's transport, codec and
// errors (38.0 KB when measured); getPoc's descriptor, codec types and validators and ArinCore add
// about 4 KB, the other schemas being dropped (their calls are marked pure): target ≤ 44 KB.
// The largest inputs are printed too, so a regression shows where it came from.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { reportBudget } from '../../../scripts/lib/bench.js';
import { bundleConsumer } from '../../../scripts/lib/bundle.js';

if (!existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)))) {
  console.error('@regkit/arin-client is not built: run `npm run build` first');
  process.exit(1);
}

const consumer = `
import { ArinClient } from '@regkit/arin-client';
const arin = new ArinClient({ apiKey: 'API-1111-2222-3333-4444', environment: 'ote' });
console.log(await arin.poc.get('JD1-ARIN'));
`;
const singleOperation = `
import { ArinCore, getPocCommand } from '@regkit/arin-client/operations';
const core = new ArinCore({ apiKey: 'API-1111-2222-3333-4444', environment: 'ote' });
console.log(await core.call(getPocCommand, { pocHandle: 'JD1-ARIN' }));
`;
const floor = `
import { apiKeyAuth, createTransport, createXmlCodec, executeOperation, retryMiddleware, ValidationError } from '@regkit/core';
import * as z from 'zod/mini';
console.log(apiKeyAuth, createTransport, createXmlCodec, executeOperation, retryMiddleware, ValidationError, z.object({ a: z.string() }));
`;

async function measure(source: string): Promise<number> {
  const { bytes, gzipBytes, byPackage } = await bundleConsumer(source, { platform: 'browser' });
  const largest = Object.entries(byPackage)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 6)
    .map(([input, size]) => `${input.replace(/^.*packages\//, '')} ${(size / 1024).toFixed(1)} KiB`);
  console.log(`minified ${(bytes / 1024).toFixed(1)} KiB; largest inputs (minified): ${largest.join(', ')}`);
  return gzipBytes / 1000;
}

const client = await measure(consumer);
reportBudget('bundle of ArinClient + poc.get (esbuild, min+gzip)', client, 50.2, 'KB');
const floorKb = await measure(floor);
console.log(`floor (fast-xml-parser + zod/mini + core, no operation): ${floorKb.toFixed(2)} KB min+gzip`);
// What the client costs above the floor, per operation it carries, beside the same figure when the
// 50.2 KB guard was set (50.13 KB for 50 operations over a floor of 37.02 KB).
const whenSet = { aboveFloorKb: 50.13 - 37.02, operations: 50 };
const { arinOperations } = await import('@regkit/arin-client');
const operations = Object.keys(arinOperations).length;
console.log(
  `ArinClient above the floor: ${(client - floorKb).toFixed(2)} KB for ${operations} operations, ${((client - floorKb) / operations).toFixed(3)} KB an operation (${(whenSet.aboveFloorKb / whenSet.operations).toFixed(3)} when the guard was set, with ${whenSet.operations})`,
);
reportBudget(
  'bundle of a single operation imported alone (getPoc) (esbuild, min+gzip)',
  await measure(singleOperation),
  44,
  'KB',
);
