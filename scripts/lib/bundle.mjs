// Bundles a consumer of the built packages with esbuild, the way an application would, and measures
// it: minified bytes, gzipped bytes, and the bytes each input contributed. Used by the bundle tests
// (scripts/test/bundle.test.ts) and the bundle-size benchmark of @regkit/arin-client.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { repoRoot } from './workspaces.mjs';

/**
 * @param {string} contents the consumer's source (ESM)
 * @param {{ platform: 'node' | 'browser', minify?: boolean }} options
 */
export async function bundleConsumer(contents, { platform, minify = true }) {
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, sourcefile: 'consumer.mjs', loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    target: platform === 'node' ? 'node20' : 'es2022',
    minify,
    metafile: true,
    logLevel: 'silent',
    // resolve workspace packages as an installed copy would (their exports), not through the repo's tsconfig paths
    tsconfigRaw: '{}',
  });
  const code = result.outputFiles[0].text;
  const output = Object.values(result.metafile.outputs)[0];
  const byPackage = {};
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m ? m[1] : path;
    byPackage[key] = (byPackage[key] ?? 0) + bytesInOutput;
  }
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length, byPackage };
}
