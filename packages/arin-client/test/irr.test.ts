import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ArinApiError,
  type ArinClient,
  type AsSet,
  type Autnum,
  type Route,
  type RouteSet,
} from '../src/index.js';
import { arinHarness } from './harness.js';

let h: Awaited<ReturnType<typeof arinHarness>>;
let arin: ArinClient;
beforeEach(async () => {
  h = await arinHarness();
  arin = h.client;
});
afterEach(() => h.close());

const failure = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArinApiError);
  const e = error as ArinApiError;
  return { status: e.status, code: e.code, components: e.components.map((c) => c.name) };
};

const route: Route = {
  orgHandle: 'EXAMPLE-1',
  description: ['Example Networks core'],
  pocLinks: [{ function: 'T', handle: 'EXTEC1-ARIN' }],
  source: 'ARIN',
  prefix: '10.0.0.0/16',
  originAS: 'AS64496',
};
const autnum: Autnum = {
  asNumber: 'AS64496',
  asName: 'EXAMPLE-NET',
  orgHandle: 'EXAMPLE-1',
  description: ['Example Networks'],
  source: 'ARIN',
  import: ['from AS64511 accept ANY'],
  export: ['to AS64511 announce AS-EXAMPLE'],
  memberOf: [{ name: 'AS-EXAMPLE' }],
};
const asSet: AsSet = {
  orgHandle: 'EXAMPLE-1',
  name: 'AS-EXAMPLE',
  description: ['Customers of Example Networks'],
  source: 'ARIN',
  members: [{ name: 'AS64496' }, { name: 'AS64500' }],
  membersByRef: [{ name: 'MNT-EXAMPLE-1' }],
};
const routeSet: RouteSet = {
  orgHandle: 'EXAMPLE-1',
  name: 'AS64496:RS-EXAMPLE',
  description: ['Prefixes of Example Networks'],
  source: 'ARIN',
  members: [{ name: '10.0.0.0/16' }],
  mpMembers: [{ name: '2001:db8::/32' }],
  membersByRef: [],
};
const dates = {
  creationDate: '2026-11-23T10:00:00.000-05:00',
  lastModifiedDate: '2026-11-23T10:00:00.000-05:00',
};

describe('IRR route objects in XML (simple objects)', () => {
  it('A51–A54: create, get, modify and delete a route; 200 with the object each time', async () => {
    expect(await arin.irr.createRoute('10.0.0.0', 16, 'AS64496', route)).toEqual({ ...route, ...dates });
    expect(h.line(h.last())).toBe('POST /irr/route/10.0.0.0/16/AS64496');
    expect(h.last().headers.get('content-type')).toBe('application/xml');
    expect(await arin.irr.getRoute('10.0.0.0', 16, 'AS64496')).toEqual({ ...route, ...dates });
    const changed = { ...route, description: ['Example Networks backbone'] };
    expect(await arin.irr.updateRoute('10.0.0.0', 16, 'AS64496', changed)).toEqual({ ...changed, ...dates });
    expect(h.line(h.last())).toBe('PUT /irr/route/10.0.0.0/16/AS64496');
    expect(await arin.irr.deleteRoute('10.0.0.0', 16, 'AS64496')).toEqual({ ...changed, ...dates });
    expect(await failure(arin.irr.getRoute('10.0.0.0', 16, 'AS64496'))).toEqual({
      status: 404,
      code: 'E_OBJECT_NOT_FOUND',
      components: [],
    });
  });

  it('route6 uses the same path: an IPv6 prefix in the URL', async () => {
    const r6 = { ...route, prefix: '2001:db8::/32' };
    expect(await arin.irr.createRoute('2001:db8::', 32, 'AS64496', r6)).toMatchObject({
      prefix: '2001:db8::/32',
    });
    expect(h.last().url.pathname).toBe('/rest/irr/route/2001%3Adb8%3A%3A/32/AS64496');
  });

  it('A67–A68: the org and net route lists show the route, XML only', async () => {
    await arin.irr.createRoute('10.0.17.0', 24, 'AS64496', { ...route, prefix: '10.0.17.0/24' });
    await arin.irr.createRoute('10.0.0.0', 16, 'AS64496', route);
    const refs = [
      { entry: 'SIMPLE', orgHandle: 'EXAMPLE-1', originAS: 'AS64496', prefix: '10.0.17.0/24' },
      { entry: 'SIMPLE', orgHandle: 'EXAMPLE-1', originAS: 'AS64496', prefix: '10.0.0.0/16' },
    ];
    expect(await arin.irr.listOrgRoutes('EXAMPLE-1')).toEqual(refs);
    expect(h.line(h.last())).toBe('GET /org/EXAMPLE-1/routes');
    expect(await arin.irr.listNetRoutes('NET-10-0-0-0-1')).toEqual([refs[1]]);
    expect(await arin.call('listNetRoutes', { netHandle: 'NET-10-0-0-0-1', reassignments: true })).toEqual(
      refs,
    );
    expect(h.line(h.last())).toBe('GET /net/NET-10-0-0-0-1/routes?reassignments=true');
  });
});

describe('IRR aut-num, as-set and route-set in XML', () => {
  it('A55–A58 aut-num: create, get, modify, delete, and the org list (A69)', async () => {
    expect(await arin.irr.createAutNum('AS64496', autnum)).toEqual({ ...autnum, ...dates });
    expect(await arin.irr.getAutNum('AS64496')).toEqual({ ...autnum, ...dates });
    expect(await arin.irr.listOrgAutNums('EXAMPLE-1')).toEqual([{ entry: 'SIMPLE', asNumber: 'AS64496' }]);
    const changed = { ...autnum, export: ['to AS64511 announce ANY'] };
    expect(await arin.irr.updateAutNum('AS64496', changed)).toEqual({ ...changed, ...dates });
    expect(await arin.irr.deleteAutNum('AS64496')).toEqual({ ...changed, ...dates });
    expect(await arin.irr.listOrgAutNums('EXAMPLE-1')).toEqual([]);
  });

  it('A59–A62 as-set: create with orgHandle in the query, get, modify, delete, and the org list (A70)', async () => {
    expect(await arin.irr.createAsSet('EXAMPLE-1', asSet)).toEqual({ ...asSet, ...dates });
    expect(h.line(h.last())).toBe('POST /irr/as-set?orgHandle=EXAMPLE-1');
    expect(await arin.irr.getAsSet('AS-EXAMPLE')).toEqual({ ...asSet, ...dates });
    expect(await arin.irr.listOrgAsSets('EXAMPLE-1')).toEqual([{ name: 'AS-EXAMPLE', entry: 'SIMPLE' }]);
    const changed = { ...asSet, members: [{ name: 'AS64496' }] };
    expect(await arin.irr.updateAsSet('AS-EXAMPLE', changed)).toEqual({ ...changed, ...dates });
    expect(await arin.irr.deleteAsSet('AS-EXAMPLE')).toEqual({ ...changed, ...dates });
    expect(await arin.irr.listOrgAsSets('EXAMPLE-1')).toEqual([]);
  });

  it('A63–A66 route-set: create, get, modify, delete, and the org list (A71)', async () => {
    expect(await arin.irr.createRouteSet('EXAMPLE-1', routeSet)).toEqual({ ...routeSet, ...dates });
    expect(await arin.irr.getRouteSet('AS64496:RS-EXAMPLE')).toEqual({ ...routeSet, ...dates });
    expect(h.last().url.pathname).toBe('/rest/irr/route-set/AS64496%3ARS-EXAMPLE');
    expect(await arin.irr.listOrgRouteSets('EXAMPLE-1')).toEqual([
      { name: 'AS64496:RS-EXAMPLE', entry: 'SIMPLE' },
    ]);
    const changed = { ...routeSet, mpMembers: [] };
    expect(await arin.irr.updateRouteSet('AS64496:RS-EXAMPLE', changed)).toEqual({ ...changed, ...dates });
    expect(await arin.irr.deleteRouteSet('AS64496:RS-EXAMPLE')).toEqual({ ...changed, ...dates });
  });
});

const rpslRoute = [
  'route:          10.0.0.0/16',
  'origin:         AS64496',
  'descr:          Example Networks core',
  'tech-c:         EXTEC1-ARIN',
  'mnt-by:         MNT-EXAMPLE-1',
  'source:         ARIN',
  '',
].join('\n');

describe('IRR objects in RPSL (advanced objects)', () => {
  it('route: create, get, modify and delete as application/rpsl (the …Rpsl facade methods); the answer is the RPSL text', async () => {
    expect(await arin.irr.createRouteRpsl('10.0.0.0', 16, 'AS64496', rpslRoute)).toBe(rpslRoute);
    expect(h.line(h.last())).toBe('POST /irr/route/10.0.0.0/16/AS64496');
    expect(h.last().headers.get('content-type')).toBe('application/rpsl');
    expect(h.last().headers.get('accept')).toBe('application/rpsl');
    expect(h.last().body).toBe(rpslRoute);
    expect(await arin.irr.getRouteRpsl('10.0.0.0', 16, 'AS64496')).toBe(rpslRoute);
    expect(h.last().headers.get('accept')).toBe('application/rpsl');
    const changed = rpslRoute.replace('Example Networks core', 'Example Networks backbone');
    expect(await arin.irr.updateRouteRpsl('10.0.0.0', 16, 'AS64496', changed)).toBe(changed);
    expect(h.line(h.last())).toBe('PUT /irr/route/10.0.0.0/16/AS64496');
    expect(await arin.irr.deleteRouteRpsl('10.0.0.0', 16, 'AS64496')).toBe(changed);
    expect(h.line(h.last())).toBe('DELETE /irr/route/10.0.0.0/16/AS64496');
    expect(await arin.irr.listOrgRoutes('EXAMPLE-1')).toEqual([]);
  });

  it('aut-num, as-set and route-set round-trip as RPSL and list as ADVANCED', async () => {
    const aut =
      'aut-num:        AS64500\nas-name:        EXAMPLE-EDGE\nimport:         from AS64511 accept ANY\ndescr:          Edge\nmnt-by:         MNT-EXAMPLE-1\nsource:         ARIN\n';
    expect(await arin.irr.createAutNumRpsl('AS64500', aut)).toBe(aut);
    expect(await arin.callRpsl('getIrrAutNum', { asNumber: 'AS64500' })).toBe(aut);
    expect(await arin.callRpsl('updateIrrAutNum', { asNumber: 'AS64500', body: aut })).toBe(aut);
    const set =
      'as-set:         AS-EDGE\nmembers:        AS64500\nmbrs-by-ref:    ANY\ndescr:          Edge\nmnt-by:         MNT-EXAMPLE-1\nsource:         ARIN\n';
    expect(await arin.irr.createAsSetRpsl('EXAMPLE-1', set)).toBe(set);
    expect(h.line(h.last())).toBe('POST /irr/as-set?orgHandle=EXAMPLE-1');
    expect(await arin.callRpsl('getIrrAsSet', { asSetName: 'AS-EDGE' })).toBe(set);
    expect(await arin.callRpsl('updateIrrAsSet', { asSetName: 'AS-EDGE', body: set })).toBe(set);
    const rs =
      'route-set:      RS-EDGE\nmembers:        10.0.64.0/20\nmp-members:     2001:db8::/32\ndescr:          Edge\nmnt-by:         MNT-EXAMPLE-1\nsource:         ARIN\n';
    expect(await arin.callRpsl('createIrrRouteSet', { orgHandle: 'EXAMPLE-1', body: rs })).toBe(rs);
    expect(await arin.irr.getRouteSetRpsl('RS-EDGE')).toBe(rs);
    expect(await arin.callRpsl('updateIrrRouteSet', { routeSetName: 'RS-EDGE', body: rs })).toBe(rs);
    expect(await arin.irr.listOrgAutNums('EXAMPLE-1')).toEqual([{ entry: 'ADVANCED', asNumber: 'AS64500' }]);
    expect(await arin.irr.listOrgAsSets('EXAMPLE-1')).toEqual([{ name: 'AS-EDGE', entry: 'ADVANCED' }]);
    expect(await arin.irr.listOrgRouteSets('EXAMPLE-1')).toEqual([{ name: 'RS-EDGE', entry: 'ADVANCED' }]);
    expect(await arin.callRpsl('deleteIrrAutNum', { asNumber: 'AS64500' })).toBe(aut);
    expect(await arin.callRpsl('deleteIrrAsSet', { asSetName: 'AS-EDGE' })).toBe(set);
    expect(await arin.callRpsl('deleteIrrRouteSet', { routeSetName: 'RS-EDGE' })).toBe(rs);
  });

  it('an object read in the other representation is 503 E_UNSUPPORTED_OPERATION, both ways', async () => {
    await arin.callRpsl('createIrrRoute', {
      address: '10.0.0.0',
      prefixLength: 16,
      originAs: 'AS64496',
      body: rpslRoute,
    });
    expect(await failure(arin.irr.getRoute('10.0.0.0', 16, 'AS64496'))).toMatchObject({
      status: 503,
      code: 'E_UNSUPPORTED_OPERATION',
    });
    await arin.irr.createAsSet('EXAMPLE-1', asSet);
    expect(await failure(arin.callRpsl('getIrrAsSet', { asSetName: 'AS-EXAMPLE' }))).toMatchObject({
      status: 503,
      code: 'E_UNSUPPORTED_OPERATION',
    });
  });

  it('a list operation is not offered as RPSL: refused before anything is sent', async () => {
    const sent = h.exchanges.length;
    await expect(
      arin.callRpsl('listOrgRoutes' as never, { orgHandle: 'EXAMPLE-1' } as never),
    ).rejects.toThrow('listOrgRoutes is not offered as RPSL');
    expect(h.exchanges.length).toBe(sent);
  });
});

describe('ASPA (A72 and the RPKI transaction)', () => {
  it('aspaAdd and aspaDelete in the transaction; listAspas shows the result', async () => {
    await arin.roa.transact('EXAMPLE-1', {
      aspaAdd: [{ customerAsId: 64496, providerAsIds: [64511, 65550] }],
    });
    expect(await arin.roa.listAspas('EXAMPLE-1')).toEqual([
      { customerAsId: 64496, providerAsIds: [64511, 65550] },
    ]);
    expect(h.line(h.last())).toBe('GET /aspa/EXAMPLE-1');
    await arin.roa.transact('EXAMPLE-1', {
      aspaDelete: [64496],
      aspaAdd: [{ customerAsId: 64496, providerAsIds: [64511] }],
    });
    expect(await arin.roa.listAspas('EXAMPLE-1')).toEqual([{ customerAsId: 64496, providerAsIds: [64511] }]);
  });

  it('a transaction with a valid ROA and an invalid ASPA fails whole: no ROA, no ASPA', async () => {
    const error = await failure(
      arin.roa.transact('EXAMPLE-1', {
        roaSpecAdd: [
          { asNumber: 64496, name: 'core', resources: [{ startAddress: '10.0.0.0', cidrLength: 16 }] },
        ],
        aspaAdd: [{ customerAsId: 64511, providerAsIds: [64496] }],
      }),
    );
    expect(error).toEqual({ status: 400, code: 'E_ENTITY_VALIDATION', components: ['customerAsId'] });
    expect(await arin.roa.list('EXAMPLE-1')).toEqual([]);
    expect(await arin.roa.listAspas('EXAMPLE-1')).toEqual([]);
  });
});
