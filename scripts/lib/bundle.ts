// Bundles a consumer of the built packages with esbuild, the way an application would, and measures
// it: minified bytes, gzipped bytes, and the bytes each input contributed. Used by the bundle tests
// (scripts/test/bundle.test.ts) and the bundle-size benchmark of @regkit/arin-client.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface Bundle {
  readonly code: string;
  /** Minified size in bytes. */
  readonly bytes: number;
  /** Gzipped size (level 9) in bytes. */
  readonly gzipBytes: number;
  /** Minified bytes each package (or workspace file) contributed. */
  readonly byPackage: Readonly<Record<string, number>>;
}

/** Bundles `contents` (a consumer's ESM source, resolved from the repository root). */
export async function bundleConsumer(
  contents: string,
  { platform, minify = true }: { platform: 'node' | 'browser'; minify?: boolean },
): Promise<Bundle> {
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
  const code = result.outputFiles[0]?.text ?? '';
  const output = Object.values(result.metafile.outputs)[0];
  const byPackage: Record<string, number> = {};
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m?.[1] ?? path;
    byPackage[key] = (byPackage[key] ?? 0) + bytesInOutput;
  }
  return { code, bytes: Buffer.byteLength(code), gzipBytes: gzipSync(code, { level: 9 }).length, byPackage };
}
