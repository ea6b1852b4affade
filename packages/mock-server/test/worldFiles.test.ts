// The fixture worlds are data files (`worlds/*.json`) checked by schemas built on the generated ones.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultArinWorld, defaultHelpdeskWorld, loadArinWorld, loadHelpdeskWorld } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'regkit-worlds-'));
const worldFile = (name: string, world: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(world));
  return file;
};
const shipped = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../worlds/${name}.json`, import.meta.url), 'utf8'));

describe('world files', () => {
  it('the default worlds are the shipped data files', () => {
    expect(defaultArinWorld).toEqual(shipped('arin'));
    expect(defaultHelpdeskWorld).toEqual(shipped('helpdesk'));
    expect(loadArinWorld(worldFile('arin.json', shipped('arin')))).toEqual(defaultArinWorld);
  });

  it('an ARIN world whose POC payload breaks the generated schema is refused, naming the file and the field', () => {
    const world = JSON.parse(JSON.stringify(defaultArinWorld)) as { pocs: Record<string, unknown>[] };
    world.pocs[0] = { ...world.pocs[0], contactType: 'ROBOT' };
    const file = worldFile('bad-poc.json', world);
    expect(() => loadArinWorld(file)).toThrow(new RegExp(`^${file}: pocs\\.0\\.contactType: `));
  });

  it('an ARIN world with an unknown key or a customer without createdUnder is refused', () => {
    const file = worldFile('extra.json', { ...defaultArinWorld, planets: [] });
    expect(() => loadArinWorld(file)).toThrow(/planets/);
    const world = JSON.parse(JSON.stringify(defaultArinWorld)) as { customers: Record<string, unknown>[] };
    delete world.customers[0]?.createdUnder;
    expect(() => loadArinWorld(worldFile('customer.json', world))).toThrow(/customers\.0\.createdUnder/);
  });

  it('an attachment whose sha256 or size does not fit its content is refused, naming the ticket', () => {
    type Att = { filename: string; data?: string; sizeBytes?: number; sha256?: string };
    const world = () =>
      JSON.parse(JSON.stringify(defaultArinWorld)) as { tickets: { messages: { attachments?: Att[] }[] }[] };
    const wrongDigest = world();
    const plan = wrongDigest.tickets[3]?.messages[0]?.attachments?.[0] as Att;
    plan.sizeBytes = 12_582_911;
    expect(() => loadArinWorld(worldFile('digest.json', wrongDigest))).toThrow(
      /ticket 20261104-X4 message 1 attachment network-plan\.pdf declares sha256 0d7e2c64\w+, not the digest of its content/,
    );
    const wrongSize = world();
    const notes = wrongSize.tickets[0]?.messages[0]?.attachments?.[0] as Att;
    notes.sizeBytes = 20;
    expect(() => loadArinWorld(worldFile('size.json', wrongSize))).toThrow(
      /ticket 20261101-X1 message 1 attachment notes\.txt declares 20 bytes but its data has 13/,
    );
  });

  it('a helpdesk world with a permission the mock does not know is refused', () => {
    const world = JSON.parse(JSON.stringify(defaultHelpdeskWorld)) as {
      technicians: { permissions: string[] }[];
    };
    world.technicians[0]?.permissions.push('Launch Rockets');
    const file = worldFile('helpdesk.json', world);
    expect(() => loadHelpdeskWorld(file)).toThrow(/technicians\.0\.permissions\.\d+/);
  });
});
