// What an application pays to ship the client: esbuild bundles "ArinClient + poc.get" from the
// built package (minified, browser platform) and the row is its gzipped size. Target ≤ 45 KB.
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
const { bytes, gzipBytes, byPackage } = await bundleConsumer(consumer, { platform: 'browser' });
const largest = Object.entries(byPackage)
  .sort(([, a], [, b]) => b - a)
  .slice(0, 6)
  .map(([input, size]) => `${input.replace(/^.*packages\//, '')} ${(size / 1024).toFixed(1)} KiB`);
console.log(`minified ${(bytes / 1024).toFixed(1)} KiB; largest inputs (minified): ${largest.join(', ')}`);
reportBudget('bundle of ArinClient + poc.get (esbuild, min+gzip)', gzipBytes / 1000, 45, 'KB');
