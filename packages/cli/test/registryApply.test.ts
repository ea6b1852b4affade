import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArinClient } from '@regkit/arin-client';
import { describe, expect, it } from 'vitest';
import { eachTestAgainstMocks, type MockedCli } from './harness.js';

let t: MockedCli;
eachTestAgainstMocks('regkit-registry-', (x) => (t = x));

const client = () =>
  new ArinClient({ apiKey: 'API-1111-2222-3333-4444', environment: t.servers.arin.baseUrl, retry: false });
/** The writes ARIN received since the last `forget()`, without the key. */
const writes = () =>
  t.servers.arin.journal
    .filter((e) => e.method !== 'GET')
    .map((e) => `${e.method} ${e.url.replace(/[?&]apikey=\[REDACTED\]$/, '')}`);
const forget = () => t.servers.arin.journal.splice(0);

const IRR = `# the routing registry of EXAMPLE-1
org: EXAMPLE-1
routes:
  - prefix: 10.0.0.0/16
    origin: AS64496
    description: Example Networks core
    routeSets: [RS-EXAMPLE]
  - prefix: 2001:db8::/32
    origin: AS64496
    description: Example Networks IPv6
  - prefix: 10.0.17.0/24
    origin: AS64500
    description: [Edge, second line]
  - prefix: 10.0.64.0/20
    origin: AS64500
    description: owned by its ROA
asSets:
  - name: AS-EDGE
    members: [AS64500, AS64511]
routeSets:
  - name: RS-EXAMPLE
    description: Example prefixes
    members: [10.0.0.0/16, 2001:db8::/32]
`;

/** ARIN before the plan: a route to change, one the file lacks, a ROA's route, an as-set to change. */
async function seedIrr() {
  const arin = client();
  const route = (prefix: string, origin: string, description: string) => ({
    orgHandle: 'EXAMPLE-1',
    description: [description],
    source: 'ARIN',
    prefix,
    originAS: origin,
  });
  await arin.irr.createRoute('10.0.0.0', 16, 'AS64496', route('10.0.0.0/16', 'AS64496', 'old text'));
  await arin.irr.createRoute('10.0.16.0', 20, 'AS64496', route('10.0.16.0/20', 'AS64496', 'retired'));
  await arin.irr.createAsSet('EXAMPLE-1', {
    orgHandle: 'EXAMPLE-1',
    name: 'AS-EDGE',
    description: ['Edge'],
    source: 'ARIN',
    members: [{ name: 'AS64500' }],
  });
  await arin.roa.transact('EXAMPLE-1', {
    roaSpecAdd: [
      {
        asNumber: 64500,
        name: 'edge',
        autoLink: true,
        resources: [{ startAddress: '10.0.64.0', cidrLength: 20 }],
      },
    ],
  });
  const roa = (await arin.irr.listOrgRoutes('EXAMPLE-1')).find((r) => r.prefix === '10.0.64.0/20');
  forget();
  return roa!.autoLinkedRoaHandle!;
}

describe('regkit arin irr plan / apply', () => {
  it('plans creations, changes and ROA-owned routes left alone; apply sends them; a second plan exits 0', async () => {
    const roa = await seedIrr();
    const file = join(t.dir, 'routing.yaml');
    writeFileSync(file, IRR);
    const plan = await t.regkit(['arin', 'irr', 'plan', file]);
    expect([plan.code, plan.stderr]).toEqual([2, '']);
    expect(plan.stdout).toBe(
      [
        '+ create    route-set RS-EXAMPLE: members 10.0.0.0/16, 2001:db8::/32',
        '~ change    as-set AS-EDGE: members AS64500 → AS64500, AS64511',
        '= keep      route 10.0.16.0/20 AS64496: not in the file; kept (--prune deletes it)',
        '~ change    route 10.0.0.0/16 AS64496: description "old text" → "Example Networks core"; member of (none) → RS-EXAMPLE',
        '+ create    route 2001:db8::/32 AS64496: "Example Networks IPv6"',
        '+ create    route 10.0.17.0/24 AS64500: "Edge / second line"',
        `= roa-owned route 10.0.64.0/20 AS64500: owned by the auto-linked ROA ${roa}; left alone`,
        'Plan for EXAMPLE-1: 3 to create, 2 to change, 0 to delete; left alone: 1 ROA-owned, 0 RPSL, 1 not in the file.',
        `Saved to ${file}.irr-plan.jsonl. Apply: regkit arin irr apply ${file}.irr-plan.jsonl`,
        '',
      ].join('\n'),
    );
    expect(writes()).toEqual([]);

    const applied = await t.regkit(['arin', 'irr', 'apply', `${file}.irr-plan.jsonl`]);
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    expect(applied.stdout).toContain('Applied for EXAMPLE-1: 5 sent, 0 failed; left alone: 1 ROA-owned');
    expect(writes()).toEqual([
      'POST /rest/irr/route-set?orgHandle=EXAMPLE-1',
      'PUT /rest/irr/as-set/AS-EDGE',
      'PUT /rest/irr/route/10.0.0.0/16/AS64496',
      'POST /rest/irr/route/2001%3Adb8%3A%3A/32/AS64496',
      'POST /rest/irr/route/10.0.17.0/24/AS64500',
    ]);
    const arin = client();
    expect(await arin.irr.getRoute('10.0.0.0', 16, 'AS64496')).toMatchObject({
      description: ['Example Networks core'],
      memberOf: [{ name: 'RS-EXAMPLE' }],
    });
    expect((await arin.irr.getRoute('10.0.17.0', 24, 'AS64500')).description).toEqual([
      'Edge',
      'second line',
    ]);
    expect((await arin.irr.getAsSet('AS-EDGE')).members).toEqual([{ name: 'AS64500' }, { name: 'AS64511' }]);
    expect(await arin.irr.getRouteSet('RS-EXAMPLE')).toMatchObject({
      description: ['Example prefixes'],
      members: [{ name: '10.0.0.0/16' }],
      mpMembers: [{ name: '2001:db8::/32' }],
    });
    expect((await arin.irr.getRoute('10.0.64.0', 20, 'AS64500')).description).not.toEqual([
      'owned by its ROA',
    ]);

    const before = writes().length;
    const again = await t.regkit(['arin', 'irr', 'plan', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('ARIN is in step with the file.');
    const reapplied = await t.regkit(['arin', 'irr', 'apply', file]);
    expect(reapplied.code).toBe(0);
    expect(reapplied.stdout).toContain('0 sent, 0 failed');
    expect(writes().length).toBe(before);
  });

  it('--prune deletes what the file no longer lists, never the route of an auto-linked ROA', async () => {
    await seedIrr();
    const file = join(t.dir, 'routing.yaml');
    writeFileSync(
      file,
      'org: EXAMPLE-1\nroutes:\n  - prefix: 10.0.0.0/16\n    origin: AS64496\n    description: old text\n',
    );
    const plan = await t.regkit(['arin', 'irr', 'plan', file, '--prune']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('- delete    route 10.0.16.0/20 AS64496: not in the file\n');
    expect(plan.stdout).toContain('- delete    as-set AS-EDGE: not in the file\n');
    expect(plan.stdout).toMatch(
      /= roa-owned route 10\.0\.64\.0\/20 AS64500: not in the file; owned by the auto-linked ROA/,
    );
    const applied = await t.regkit(['arin', 'irr', 'apply', `${file}.irr-plan.jsonl`]);
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    expect(writes()).toEqual([
      'DELETE /rest/irr/route/10.0.16.0/20/AS64496',
      'DELETE /rest/irr/as-set/AS-EDGE',
    ]);
    const routes = await client().irr.listOrgRoutes('EXAMPLE-1');
    expect(routes.map((r) => `${r.prefix} ${r.originAS}`).sort()).toEqual([
      '10.0.0.0/16 AS64496',
      '10.0.64.0/20 AS64500',
    ]);
    expect((await t.regkit(['arin', 'irr', 'plan', file, '--prune'])).code).toBe(0);
  });

  it('without --prune a plan deletes nothing, and apply of the file sends no deletion', async () => {
    await seedIrr();
    const file = join(t.dir, 'routing.yaml');
    writeFileSync(file, 'org: EXAMPLE-1\n');
    const plan = await t.regkit(['arin', 'irr', 'plan', file]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('0 to delete; left alone: 1 ROA-owned, 0 RPSL, 3 not in the file.');
    expect((await t.regkit(['arin', 'irr', 'apply', file])).code).toBe(0);
    expect(writes()).toEqual([]);
  });

  it('a file with problems is refused whole with every problem and exit 1; nothing is sent', async () => {
    const file = join(t.dir, 'bad.yaml');
    writeFileSync(
      file,
      'org: EXAMPLE-1\nroutes:\n  - prefix: 10.0.0.1/16\n    origin: AS0\n    description: x\n  - prefix: 10.0.0.0/8\n    origin: AS64496\n',
    );
    const r = await t.regkit(['arin', 'irr', 'plan', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `regkit: ${file} has 3 problems; nothing was sent:\n` +
        '  routes[0].prefix: "10.0.0.1/16" has host bits set (the prefix is 10.0.0.0/16)\n' +
        '  routes[0].origin: AS0 cannot be an origin\n' +
        '  routes[1].description: must be a text (or a list of lines)\n',
    );
    writeFileSync(file, 'routes: []\n');
    const noOrg = await t.regkit(['arin', 'irr', 'apply', file]);
    expect(noOrg.code).toBe(1);
    expect(noOrg.stderr).toContain('org: must be the org handle');
    expect(t.servers.arin.journal).toEqual([]);
  });

  it('a write ARIN refuses fails that object only: exit 1, the others sent, and the command that continues', async () => {
    const file = join(t.dir, 'routing.yaml');
    writeFileSync(
      file,
      'org: EXAMPLE-1\nroutes:\n  - prefix: 192.0.2.0/24\n    origin: AS64496\n    description: not ours\n' +
        '  - prefix: 10.0.17.0/24\n    origin: AS64500\n    description: Edge\n',
    );
    const r = await t.regkit(['arin', 'irr', 'apply', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('! failed    route 192.0.2.0/24 AS64496: ');
    expect(r.stdout).toContain('192.0.2.0/24 is not within the resources of EXAMPLE-1');
    expect(r.stdout).toContain('Applied for EXAMPLE-1: 1 sent, 1 failed');
    expect(r.stdout).toContain(`To continue: regkit arin irr apply ${file}\n`);
    expect(writes()).toEqual([
      'POST /rest/irr/route/192.0.2.0/24/AS64496',
      'POST /rest/irr/route/10.0.17.0/24/AS64500',
    ]);
    const journal = readFileSync(`${file}.irr-journal`, 'utf8').trim().split('\n');
    expect(JSON.parse(journal[1]!)).toMatchObject({ i: 1, op: 'routeCreate', prefix: '192.0.2.0/24' });
    expect(JSON.parse(journal[2]!)).toMatchObject({ o: 1, ok: false });
  });

  it('an edited plan, or a file changed since its plan, is refused and nothing is sent', async () => {
    const file = join(t.dir, 'routing.yaml');
    writeFileSync(file, IRR);
    expect((await t.regkit(['arin', 'irr', 'plan', file])).code).toBe(2);
    const planPath = `${file}.irr-plan.jsonl`;
    const text = readFileSync(planPath, 'utf8');
    writeFileSync(planPath, text.replace('"prune":false', '"prune":true'));
    const edited = await t.regkit(['arin', 'irr', 'apply', planPath]);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('its digest does not match); nothing was sent');
    writeFileSync(planPath, text);
    writeFileSync(file, `${IRR}# changed\n`);
    const changed = await t.regkit(['arin', 'irr', 'apply', planPath]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('has changed since the plan');
    expect(writes()).toEqual([]);
  });
});

describe('regkit arin aspa plan / apply', () => {
  const ASPA = 'org: EXAMPLE-1\naspas:\n  - customer: AS64496\n    providers: [AS64511, AS65550]\n';

  it('creates and changes ASPAs in RPKI transactions; --prune deletes one the file drops', async () => {
    await client().roa.transact('EXAMPLE-1', {
      aspaAdd: [{ customerAsId: 64500, providerAsIds: [64511] }],
    });
    forget();
    const file = join(t.dir, 'aspa.yaml');
    writeFileSync(file, `${ASPA}  - customer: 64500\n    providers: [64511, 65551]\n`);
    const plan = await t.regkit(['arin', 'aspa', 'plan', file]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toBe(
      [
        '+ create    aspa AS64496: providers AS64511, AS65550',
        '~ change    aspa AS64500: providers AS64511 → AS64511, AS65551',
        'Plan for EXAMPLE-1: 1 to create, 1 to change, 0 to delete; left alone: 0 not in the file.',
        `Saved to ${file}.aspa-plan.jsonl. Apply: regkit arin aspa apply ${file}.aspa-plan.jsonl`,
        '',
      ].join('\n'),
    );
    const applied = await t.regkit(['arin', 'aspa', 'apply', `${file}.aspa-plan.jsonl`]);
    expect([applied.code, applied.stderr]).toEqual([0, '']);
    expect(writes()).toEqual(['POST /rest/rpki/EXAMPLE-1', 'POST /rest/rpki/EXAMPLE-1']);
    expect(await client().roa.listAspas('EXAMPLE-1')).toEqual([
      { customerAsId: 64496, providerAsIds: [64511, 65550] },
      { customerAsId: 64500, providerAsIds: [64511, 65551] },
    ]);
    expect((await t.regkit(['arin', 'aspa', 'plan', file])).code).toBe(0);

    writeFileSync(file, ASPA);
    const kept = await t.regkit(['arin', 'aspa', 'plan', file]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain(
      '= keep      aspa AS64500: providers AS64511, AS65551; not in the file, kept',
    );
    const pruned = await t.regkit(['arin', 'aspa', 'apply', file, '--prune']);
    expect([pruned.code, pruned.stderr]).toEqual([0, '']);
    expect(pruned.stdout).toContain('- delete    aspa AS64500');
    expect(await client().roa.listAspas('EXAMPLE-1')).toEqual([
      { customerAsId: 64496, providerAsIds: [64511, 65550] },
    ]);
  });
});
