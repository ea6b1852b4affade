import { describe, expect, it } from 'vitest';
import type { Route } from '@regkit/arin-client/payloads';
import { createArinState } from '../src/arin/seed.js';
import { ArinRuleError } from '../src/arin/errors.js';
import { callerOf } from '../src/arin/rules/access.js';
import { irrRules } from '../src/arin/rules/irr.js';
import { roaRules } from '../src/arin/rules/roa.js';
import { listAspas } from '../src/arin/rules/aspa.js';
import { parseRpsl } from '../src/arin/rpsl.js';

const NOW = '2026-11-23T10:00:00.000-05:00';
const fresh = () =>
  callerOf(
    createArinState(undefined, () => NOW),
    'API-1111-2222-3333-4444',
  );

const route: Route = {
  orgHandle: 'EXAMPLE-1',
  description: ['Example Networks core'],
  pocLinks: [
    { function: 'AD', handle: 'JD1-ARIN' },
    { function: 'T', handle: 'EXTEC1-ARIN' },
  ],
  source: 'ARIN',
  prefix: '10.0.0.0/16',
  originAS: 'AS64496',
};

/** The status, code and component names of the rule failure `run` throws. */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ArinRuleError)) throw error;
    return {
      status: error.status,
      code: error.code,
      components: error.components.map((c) => `${c.name}: ${c.message}`),
    };
  }
  throw new Error('the rule accepted it');
}
const create = (
  c: ReturnType<typeof fresh>,
  r: Route = route,
  path: readonly [string, number, string] = ['10.0.0.0', 16, 'AS64496'],
) => irrRules.createRoute(c, path[0], path[1], path[2], r, 'xml');

describe('ARIN IRR rules', () => {
  it('"No duplicate route may exist (same prefix and origin)": a second create is refused, the first stays', () => {
    const c = fresh();
    create(c);
    expect(refusal(() => create(c, { ...route, description: ['again'] }))).toEqual({
      status: 400,
      code: 'E_ENTITY_VALIDATION',
      components: ['route: A route for 10.0.0.0/16 with origin AS64496 already exists.'],
    });
    expect(irrRules.getRoute(c, '10.0.0.0', 16, 'AS64496', 'xml').description).toEqual([
      'Example Networks core',
    ]);
  });

  it('"The origin of an existing route cannot change: delete the route and create a new one"', () => {
    const c = fresh();
    create(c);
    expect(
      refusal(() =>
        irrRules.updateRoute(c, '10.0.0.0', 16, 'AS64496', { ...route, originAS: 'AS64500' }, 'xml'),
      ),
    ).toEqual({
      status: 400,
      code: 'E_ENTITY_VALIDATION',
      components: [
        'origin: The origin of an existing route cannot be changed: delete the route and create a new one.',
      ],
    });
    irrRules.deleteRoute(c, '10.0.0.0', 16, 'AS64496', 'xml');
    expect(create(c, { ...route, originAS: 'AS64500' }, ['10.0.0.0', 16, 'AS64500'])).toMatchObject({
      originAS: 'AS64500',
    });
    expect(irrRules.listOrgRoutes(c, 'EXAMPLE-1').map((r) => r.originAS)).toEqual(['AS64500']);
  });

  it('"Off-bit prefixes are rejected" (host bits set below the mask): 2001:db8::/20 refused, /32 accepted', () => {
    const c = fresh();
    const v6 = { ...route, prefix: '2001:db8::/20' };
    expect(refusal(() => create(c, v6, ['2001:db8::', 20, 'AS64496']))).toEqual({
      status: 400,
      code: 'E_ENTITY_VALIDATION',
      components: ['prefix: 2001:db8::/20 has bits set below its mask (off-bit prefix).'],
    });
    expect(create(c, { ...v6, prefix: '2001:db8::/32' }, ['2001:db8::', 32, 'AS64496'])).toMatchObject({
      prefix: '2001:db8::/32',
    });
  });

  it('"Origin AS0 is rejected (exception.asZeroException)"', () => {
    expect(
      refusal(() => create(fresh(), { ...route, originAS: 'AS0' }, ['10.0.0.0', 16, 'AS0'])).components,
    ).toEqual(['origin: exception.asZeroException: AS0 cannot be the origin of a route.']);
  });

  it('"The notify attribute is not supported": E_SCHEMA_VALIDATION', () => {
    const text =
      'route: 10.0.0.0/16\norigin: AS64496\ndescr: x\nnotify: noc@example.net\nmnt-by: MNT-EXAMPLE-1\nsource: ARIN\n';
    expect(refusal(() => parseRpsl('route', text))).toEqual({
      status: 400,
      code: 'E_SCHEMA_VALIDATION',
      components: ['rpsl: The notify attribute is not supported.'],
    });
  });

  it('"Exactly one mnt-by is allowed (exception.multipleMntBy)"', () => {
    const text =
      'route: 10.0.0.0/16\norigin: AS64496\ndescr: x\nmnt-by: MNT-EXAMPLE-1\nmnt-by: MNT-OTHER-7\nsource: ARIN\n';
    expect(refusal(() => parseRpsl('route', text)).components).toEqual([
      'mnt-by: exception.multipleMntBy: only one mnt-by is allowed.',
    ]);
  });

  it('"mnt-by … in the form MNT-<OrgID>" of the org that maintains the resource: another maintainer is refused', () => {
    const c = fresh();
    create(c);
    // the caller may act for OTHER-7? No: another org it has no rights on is not even visible
    expect(
      refusal(() =>
        irrRules.createSet(
          c,
          'asSet',
          'EXAMPLE-1',
          { ...route, name: 'AS-X', orgHandle: 'EXAMPLE-2' } as never,
          'xml',
        ),
      ).components,
    ).toEqual([
      'mnt-by: The maintainer must be MNT-EXAMPLE-1, the maintainer of the org that holds the resource.',
    ]);
    expect(
      refusal(() =>
        irrRules.updateRoute(c, '10.0.0.0', 16, 'AS64496', { ...route, orgHandle: 'OTHER-7' }, 'xml'),
      ).components,
    ).toEqual([
      'mnt-by: The maintainer must be MNT-EXAMPLE-1, the maintainer of the org that holds the resource.',
    ]);
  });

  it('"admin-c must be that org\'s Admin POC", "each tech-c must be a Tech or Routing POC of the mnt-by org"', () => {
    const links = [
      { function: 'AD' as const, handle: 'EXTEC1-ARIN' },
      { function: 'T' as const, handle: 'OUT1-ARIN' },
    ];
    expect(refusal(() => create(fresh(), { ...route, pocLinks: links })).components).toEqual([
      'admin-c: EXTEC1-ARIN is not an Admin POC of EXAMPLE-1.',
      'tech-c: OUT1-ARIN is not a Tech or Routing POC of EXAMPLE-1.',
    ]);
  });

  it('"The prefix must belong to resources managed by the mnt-by org"', () => {
    const c = fresh();
    expect(
      refusal(() => create(c, { ...route, prefix: '192.0.2.0/24' }, ['192.0.2.0', 24, 'AS64496'])).components,
    ).toEqual(['prefix: 192.0.2.0/24 is not within the resources of EXAMPLE-1.']);
    expect(irrRules.listOrgRoutes(c, 'EXAMPLE-1')).toEqual([]);
  });

  it('"The ASN in the URL must equal the ASN in the payload": aut-num and route origin', () => {
    const c = fresh();
    const autnum = {
      asNumber: 'AS64500',
      asName: 'X',
      orgHandle: 'EXAMPLE-1',
      description: ['x'],
      source: 'ARIN',
    };
    expect(refusal(() => irrRules.createAutNum(c, 'AS64496', autnum, 'xml')).components).toEqual([
      'aut-num: The ASN AS64500 of the payload differs from the ASN of the URL, AS64496.',
    ]);
    expect(refusal(() => create(c, route, ['10.0.0.0', 16, 'AS64500'])).components).toEqual([
      'origin: The origin AS64496 differs from the origin AS of the URL.',
    ]);
  });

  it('"Only one aut-num may exist per ASN (E_BAD_REQUEST)"', () => {
    const c = fresh();
    const autnum = {
      asNumber: 'AS64496',
      asName: 'X',
      orgHandle: 'EXAMPLE-1',
      description: ['x'],
      source: 'ARIN',
    };
    irrRules.createAutNum(c, 'AS64496', autnum, 'xml');
    expect(refusal(() => irrRules.createAutNum(c, 'AS64496', autnum, 'rpsl'))).toEqual({
      status: 400,
      code: 'E_BAD_REQUEST',
      components: [],
    });
  });

  it('"Duplicate member-of values are rejected"; "source must be ARIN"', () => {
    const c = fresh();
    const autnum = {
      asNumber: 'AS64496',
      asName: 'X',
      orgHandle: 'EXAMPLE-1',
      description: ['x'],
      memberOf: [{ name: 'AS-A' }, { name: 'as-a' }],
    };
    expect(refusal(() => irrRules.createAutNum(c, 'AS64496', autnum, 'xml')).components).toEqual([
      'member-of: Duplicate member-of values are not allowed.',
    ]);
    expect(refusal(() => create(c, { ...route, source: 'RADB' }))).toEqual({
      status: 400,
      code: 'E_SCHEMA_VALIDATION',
      components: ['source: The source must be ARIN.'],
    });
  });

  it('"Calling with the wrong representation is rejected" (503 E_UNSUPPORTED_OPERATION), read or change, both ways', () => {
    const c = fresh();
    create(c);
    for (const run of [
      () => irrRules.getRoute(c, '10.0.0.0', 16, 'AS64496', 'rpsl'),
      () => irrRules.updateRoute(c, '10.0.0.0', 16, 'AS64496', route, 'rpsl'),
      () => irrRules.deleteRoute(c, '10.0.0.0', 16, 'AS64496', 'rpsl'),
    ])
      expect(refusal(run)).toEqual({ status: 503, code: 'E_UNSUPPORTED_OPERATION', components: [] });
    const set = { orgHandle: 'EXAMPLE-1', name: 'RS-EDGE', description: ['x'], source: 'ARIN' };
    irrRules.createSet(c, 'routeSet', 'EXAMPLE-1', set, 'rpsl');
    expect(refusal(() => irrRules.getSet(c, 'routeSet', 'RS-EDGE', 'xml')).code).toBe(
      'E_UNSUPPORTED_OPERATION',
    );
    expect(irrRules.listOrgSets(c, 'routeSet', 'EXAMPLE-1')).toEqual([
      { name: 'RS-EDGE', entry: 'ADVANCED' },
    ]);
  });

  it('a route of an auto-linked ROA is refused for change; "managed route objects may be deleted on their own without touching the ROA"', () => {
    const c = fresh();
    roaRules.transact(c, 'EXAMPLE-1', {
      roaSpecAdd: [
        {
          autoLink: true,
          asNumber: 64496,
          name: 'core',
          resources: [{ startAddress: '10.0.0.0', cidrLength: 16, maxLength: 24 }],
        },
      ],
    });
    const [roa] = roaRules.list(c, 'EXAMPLE-1');
    const linked = irrRules.getRoute(c, '10.0.0.0', 16, 'AS64496', 'xml');
    expect(linked).toMatchObject({
      prefix: '10.0.0.0/16',
      originAS: 'AS64496',
      autoLinkedRoaHandle: roa?.roaHandle,
    });
    expect(
      refusal(() => irrRules.updateRoute(c, '10.0.0.0', 16, 'AS64496', route, 'xml')).components,
    ).toEqual([
      `route: The route is managed by the auto-linked ROA ${roa?.roaHandle}: change the ROA instead.`,
    ]);
    irrRules.deleteRoute(c, '10.0.0.0', 16, 'AS64496', 'xml');
    expect(roaRules.list(c, 'EXAMPLE-1')).toHaveLength(1);
  });

  it('route-set names: "RS-… or AS<n>:RS-…, where AS<n> is managed by your org"; as-set names start with AS-', () => {
    const c = fresh();
    const set = { orgHandle: 'EXAMPLE-1', description: ['x'], source: 'ARIN' };
    expect(
      refusal(() => irrRules.createSet(c, 'routeSet', 'EXAMPLE-1', { ...set, name: 'AS64511:RS-X' }, 'xml'))
        .components,
    ).toEqual(['name: AS64511 is not managed by EXAMPLE-1.']);
    expect(
      refusal(() => irrRules.createSet(c, 'asSet', 'EXAMPLE-1', { ...set, name: 'CUSTOMERS' }, 'xml'))
        .components,
    ).toEqual(['name: The as-set name must be AS-… or AS<n>:AS-….']);
  });

  it("the net route list holds the net's own routes; with reassignments=true also those of its downstream nets", () => {
    const c = fresh();
    create(c);
    create(c, { ...route, prefix: '10.0.17.0/24' }, ['10.0.17.0', 24, 'AS64496']);
    expect(irrRules.listNetRoutes(c, 'NET-10-0-0-0-1', false).map((r) => r.prefix)).toEqual(['10.0.0.0/16']);
    expect(irrRules.listNetRoutes(c, 'NET-10-0-0-0-1', true).map((r) => r.prefix)).toEqual([
      '10.0.0.0/16',
      '10.0.17.0/24',
    ]);
    expect(irrRules.listNetRoutes(c, 'NET-10-0-17-0-1', false).map((r) => r.prefix)).toEqual([
      '10.0.17.0/24',
    ]);
  });
});

describe('ARIN ASPA rules', () => {
  it('"An ASPA can be made only for ASNs on the certificate"', () => {
    const c = fresh();
    expect(
      refusal(() =>
        roaRules.transact(c, 'EXAMPLE-1', { aspaAdd: [{ customerAsId: 64511, providerAsIds: [64496] }] }),
      ).components,
    ).toEqual(['customerAsId: AS64511 is not on the resource certificate of EXAMPLE-1.']);
  });

  it('"An ASPA has exactly one customer ASN": a second ASPA for the AS is refused unless the old one is deleted in the same transaction', () => {
    const c = fresh();
    roaRules.transact(c, 'EXAMPLE-1', { aspaAdd: [{ customerAsId: 64496, providerAsIds: [64511] }] });
    expect(
      refusal(() =>
        roaRules.transact(c, 'EXAMPLE-1', { aspaAdd: [{ customerAsId: 64496, providerAsIds: [65550] }] }),
      ).components,
    ).toEqual(['customerAsId: An ASPA for AS64496 already exists: one ASPA per customer AS.']);
    roaRules.transact(c, 'EXAMPLE-1', {
      aspaDelete: [64496],
      aspaAdd: [{ customerAsId: 64496, providerAsIds: [65550] }],
    });
    expect(listAspas(c.state, 'EXAMPLE-1')).toEqual([{ customerAsId: 64496, providerAsIds: [65550] }]);
  });

  it('"The whole transaction succeeds or fails as one unit": a bad ROA leaves the ASPAs unchanged, a missing ASPA the ROAs', () => {
    const c = fresh();
    expect(
      refusal(() =>
        roaRules.transact(c, 'EXAMPLE-1', {
          roaSpecAdd: [
            { asNumber: 64496, name: 'x', resources: [{ startAddress: '192.0.2.0', cidrLength: 24 }] },
          ],
          aspaAdd: [{ customerAsId: 64496, providerAsIds: [64511] }],
        }),
      ).code,
    ).toBe('E_ENTITY_VALIDATION');
    expect(listAspas(c.state, 'EXAMPLE-1')).toEqual([]);
    expect(
      refusal(() =>
        roaRules.transact(c, 'EXAMPLE-1', {
          roaSpecAdd: [
            { asNumber: 64496, name: 'x', resources: [{ startAddress: '10.0.0.0', cidrLength: 16 }] },
          ],
          aspaDelete: [64500],
        }),
      ),
    ).toEqual({ status: 404, code: 'E_OBJECT_NOT_FOUND', components: [] });
    expect(roaRules.list(c, 'EXAMPLE-1')).toEqual([]);
  });

  it('an ASPA lists each provider once, at least one, and not the customer itself', () => {
    expect(
      refusal(() =>
        roaRules.transact(fresh(), 'EXAMPLE-1', {
          aspaAdd: [
            { customerAsId: 64496, providerAsIds: [64511, 64511] },
            { customerAsId: 64500, providerAsIds: [64500] },
          ],
        }),
      ).components,
    ).toEqual([
      'providerAsIds: The ASPA for AS64496 lists a provider twice.',
      'providerAsIds: AS64500 cannot be its own provider.',
    ]);
  });
});
