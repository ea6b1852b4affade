import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eachTestAgainstMocks, type MockedCli } from './harness.js';

let regkit: MockedCli['regkit'];
let dir: string;
eachTestAgainstMocks('regkit-irr-', (t) => ({ regkit, dir } = t));

const RPSL = [
  'route:          10.0.0.0/16',
  'origin:         AS64496',
  'descr:          Example Networks core',
  'mnt-by:         MNT-EXAMPLE-1',
  'source:         ARIN',
  '',
].join('\n');

describe('arin irr commands (generated from the spec)', () => {
  it('create-route takes the payload fields as flags; get-route and list-org-routes show it', async () => {
    const created = await regkit([
      'arin',
      'irr',
      'create-route',
      '10.0.0.0',
      '16',
      'AS64496',
      '--org-handle',
      'EXAMPLE-1',
      '--description',
      'Example Networks core',
      '--source',
      'ARIN',
      '--prefix',
      '10.0.0.0/16',
      '--origin-as',
      'AS64496',
      '--json',
    ]);
    expect([created.code, created.stderr]).toEqual([0, '']);
    expect(JSON.parse(created.stdout)).toMatchObject({
      prefix: '10.0.0.0/16',
      originAS: 'AS64496',
      orgHandle: 'EXAMPLE-1',
    });
    const listed = await regkit(['arin', 'irr', 'list-org-routes', 'EXAMPLE-1', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([
      { entry: 'SIMPLE', orgHandle: 'EXAMPLE-1', originAS: 'AS64496', prefix: '10.0.0.0/16' },
    ]);
  });

  it('--rpsl sends the RPSL object of --file and prints the RPSL ARIN answers', async () => {
    const file = join(dir, 'route.rpsl');
    writeFileSync(file, RPSL);
    const created = await regkit([
      'arin',
      'irr',
      'create-route',
      '10.0.0.0',
      '16',
      'AS64496',
      '--rpsl',
      '--file',
      file,
    ]);
    expect([created.code, created.stdout]).toEqual([0, RPSL]);
    const read = await regkit(['arin', 'irr', 'get-route', '10.0.0.0', '16', 'AS64496', '--rpsl']);
    expect([read.code, read.stdout]).toEqual([0, RPSL]);
    const xml = await regkit(['arin', 'irr', 'get-route', '10.0.0.0', '16', 'AS64496']);
    expect(xml.code).not.toBe(0);
    expect(xml.stderr).toContain('E_UNSUPPORTED_OPERATION');
  });

  it('--rpsl without --file is a usage error and nothing is sent', async () => {
    const r = await regkit(['arin', 'irr', 'create-route', '10.0.0.0', '16', 'AS64496', '--rpsl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('give the RPSL object with --file FILE');
    expect(
      JSON.parse((await regkit(['arin', 'irr', 'list-org-routes', 'EXAMPLE-1', '--json'])).stdout),
    ).toEqual([]);
  });

  it('rpki list-aspas lists the ASPAs the RPKI transaction added', async () => {
    const tx = join(dir, 'tx.json');
    writeFileSync(tx, JSON.stringify({ aspaAdd: [{ customerAsId: 64496, providerAsIds: [64511] }] }));
    expect((await regkit(['arin', 'rpki', 'submit-transaction', 'EXAMPLE-1', '--file', tx])).code).toBe(0);
    const r = await regkit(['arin', 'rpki', 'list-aspas', 'EXAMPLE-1', '--json']);
    expect(JSON.parse(r.stdout)).toEqual([{ customerAsId: 64496, providerAsIds: [64511] }]);
  });
});
