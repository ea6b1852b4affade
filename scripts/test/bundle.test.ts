// The published entry points bundle the way an application bundles them (esbuild, from the built
// packages' exports): for Node the bundle runs with no package.json beside it; for browsers it builds,
// which fails on any `node:` import on the import path.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServers, type MockServers } from '../../packages/mock-server/src/index.js';
import { bundleConsumer } from '../lib/bundle.js';
import { listWorkspaces } from '../lib/workspaces.mjs';

const version = (name: string) => listWorkspaces().find((w) => w.name === name)?.version as string;

const arinConsumer = `
import { ArinClient } from '@regkit/arin-client';
let userAgent;
const arin = new ArinClient({
  apiKey: 'API-1111-2222-3333-4444',
  environment: process.argv[2],
  fetch: (input, init) => {
    userAgent = new Request(input, init).headers.get('user-agent');
    return fetch(input, init);
  },
});
const poc = await arin.poc.get('JD1-ARIN');
console.log(JSON.stringify({ handle: poc.handle, userAgent }));
`;

let dir: string;
let mock: MockServers;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regkit-bundle-'));
  mock = await startMockServers();
});
afterAll(async () => {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bundling with esbuild', () => {
  it('platform=node: ArinClient bundles into one file that runs with no package.json beside it', async () => {
    const { code } = await bundleConsumer(arinConsumer, { platform: 'node' });
    expect(code).not.toContain('package.json');
    const file = join(dir, 'arin.mjs');
    writeFileSync(file, code);
    // asynchronously: the mock answers from this process
    const res = await promisify(execFile)(process.execPath, [file, mock.arin.baseUrl], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual({
      handle: 'JD1-ARIN',
      userAgent: `regkit-arin-client/${version('@regkit/arin-client')} node/${process.versions.node}`,
    });
  });

  it('platform=node: one operation imported alone (ArinCore + getPocCommand) runs against the mock', async () => {
    const { code } = await bundleConsumer(
      `
import { ArinCore, getPocCommand } from '@regkit/arin-client/operations';
const core = new ArinCore({ apiKey: 'API-1111-2222-3333-4444', environment: process.argv[2] });
const poc = await core.call(getPocCommand, { pocHandle: 'JD1-ARIN' });
let missing;
try {
  await core.call(getPocCommand, { pocHandle: 'NOPE-ARIN' });
} catch (error) {
  missing = { name: error.name, status: error.status, code: error.code, message: error.message.split(':')[0] };
}
console.log(JSON.stringify({ handle: poc.handle, emails: poc.emails, missing }));
`,
      { platform: 'node' },
    );
    // the other operations' descriptors stay out of the bundle, and so do the schemas getPoc never
    // reaches (their calls are marked pure): the attachment's base64 check is one of them
    expect(code).toContain('/poc/{pocHandle}');
    expect(code).not.toContain('/net/{parentNetHandle}/reassign');
    expect(code).not.toContain('must be base64');
    const file = join(dir, 'single.mjs');
    writeFileSync(file, code);
    const res = await promisify(execFile)(process.execPath, [file, mock.arin.baseUrl], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual({
      handle: 'JD1-ARIN',
      emails: expect.arrayContaining([expect.stringContaining('@')]),
      // the name survives minification: it comes from the error's brand, not its class name
      missing: {
        name: 'ArinApiError',
        status: 404,
        code: 'E_OBJECT_NOT_FOUND',
        message: 'ARIN getPoc failed with 404',
      },
    });
  });

  it.each([
    [
      '@regkit/core',
      `import { createTransport, DEFAULT_USER_AGENT } from '@regkit/core'; console.log(createTransport, DEFAULT_USER_AGENT);`,
    ],
    ['@regkit/arin-client', `import { ArinClient } from '@regkit/arin-client'; console.log(ArinClient);`],
    [
      '@regkit/arin-client/operations',
      `import { ArinCore, getPocCommand } from '@regkit/arin-client/operations'; console.log(ArinCore, getPocCommand);`,
    ],
    [
      '@regkit/arin-client/payloads',
      `import { arinCodec } from '@regkit/arin-client/payloads'; console.log(arinCodec);`,
    ],
    [
      '@regkit/arin-client/address',
      `import { parseCidrBlock, IntervalIndex, checkPostalAddress } from '@regkit/arin-client/address'; console.log(parseCidrBlock, IntervalIndex, checkPostalAddress);`,
    ],
    [
      '@regkit/helpdesk-client',
      `import { HelpdeskClient } from '@regkit/helpdesk-client'; console.log(HelpdeskClient);`,
    ],
  ])('platform=browser: %s builds with no Node module', async (name, source) => {
    const { code, byPackage } = await bundleConsumer(source, { platform: 'browser' });
    expect(Object.keys(byPackage).filter((input) => input.startsWith('node:'))).toEqual([]);
    expect(code).not.toMatch(/\bcreateRequire\b|from\s*"node:/);
    if (name === '@regkit/core') expect(code).toContain(`"${version('@regkit/core')}"`);
  });

  it('platform=browser: the Node-only ROA signing lives in its own subpath and does not build for browsers', async () => {
    await expect(
      bundleConsumer(
        `import { signRoaRequest } from '@regkit/arin-client/rpki'; console.log(signRoaRequest);`,
        {
          platform: 'browser',
        },
      ),
    ).rejects.toThrow(/node:crypto/);
  });
});
