import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateAgainstArinXsd } from '../../../schemas/test/xsd.js';
import type { ArinMock } from '../src/index.js';
import {
  arin,
  arinBodies,
  collection,
  encode,
  encodeFull,
  INACTIVE,
  KEY,
  OUTSIDER,
  startArin,
} from './arinHttp.js';
import { roleLinks, testAddress } from './arinFixtures.js';

let mock: ArinMock;
beforeEach(async () => {
  mock = await startArin();
});
afterEach(() => mock.close());

const netBody = (
  start: string,
  cidr: number,
  holder: Record<string, string>,
  extra: Record<string, unknown> = {},
) =>
  encode('net', {
    version: start.includes(':') ? 6 : 4,
    netName: 'TEST-NET',
    netBlocks: [{ startAddress: start, cidrLength: cidr }],
    ...holder,
    ...extra,
  });
const snapshot = () =>
  JSON.stringify([...mock.state().nets.keys(), ...mock.state().pocs.keys(), ...mock.state().orgs.keys()]);

async function newCustomer(name = 'Test Customer') {
  const r = await arin(mock, 'POST', '/net/NET-10-0-0-0-1/customer', {
    body: encode('customer', { customerName: name, ...testAddress }),
  });
  expect(r.status).toBe(200);
  return (r.value as { handle: string }).handle;
}

describe('ARIN general rules', () => {
  it('the parameter must be spelled apikey: APIKEY and apiKey are refused', async () => {
    for (const keyParam of ['APIKEY', 'apiKey']) {
      const r = await arin(mock, 'GET', '/poc/JD1-ARIN', { keyParam });
      expect(r.status).toBe(400);
      expect(r.code).toBe('E_AUTHENTICATION');
    }
    expect((await arin(mock, 'GET', '/poc/JD1-ARIN')).status).toBe(200);
  });

  it('the key value is case-sensitive', async () => {
    const r = await arin(mock, 'GET', '/poc/JD1-ARIN', { key: KEY.toLowerCase() });
    expect(r).toMatchObject({
      status: 400,
      code: 'E_AUTHENTICATION',
      message: 'The API key specified was missing or invalid.',
    });
  });

  it('a missing, unknown or inactive key is a 400 E_AUTHENTICATION', async () => {
    for (const key of [null, 'API-0000-0000-0000-0000', INACTIVE]) {
      const r = await arin(mock, 'GET', '/poc/JD1-ARIN', { key });
      expect(r).toMatchObject({ status: 400, code: 'E_AUTHENTICATION' });
    }
  });

  it('a key not associated with the resource is a 400 E_AUTHENTICATION and changes nothing', async () => {
    const before = (await arin(mock, 'GET', '/org/EXAMPLE-1')).text;
    const org = (await arin(mock, 'GET', '/org/EXAMPLE-1')).value as Record<string, unknown>;
    const r = await arin(mock, 'PUT', '/org/EXAMPLE-1', {
      key: OUTSIDER,
      body: encodeFull('org', { ...org, orgName: 'Taken' }),
    });
    expect(r).toMatchObject({ status: 400, code: 'E_AUTHENTICATION' });
    expect((await arin(mock, 'GET', '/org/EXAMPLE-1')).text).toBe(before);
  });

  it('a body that is not application/xml is a 415 E_UNSUPPORTED_MEDIA_TYPE', async () => {
    const r = await arin(mock, 'POST', '/poc', { body: '{"poc":{}}', contentType: 'application/json' });
    expect(r).toMatchObject({ status: 415, code: 'E_UNSUPPORTED_MEDIA_TYPE' });
  });

  it('a method or path that matches nothing is a 405 E_METHOD_NOT_ALLOWED', async () => {
    expect(await arin(mock, 'PATCH', '/poc/JD1-ARIN')).toMatchObject({
      status: 405,
      code: 'E_METHOD_NOT_ALLOWED',
    });
    expect(await arin(mock, 'GET', '/nothing/here')).toMatchObject({
      status: 405,
      code: 'E_METHOD_NOT_ALLOWED',
    });
  });

  it('an unknown handle is a 404 E_OBJECT_NOT_FOUND', async () => {
    for (const path of [
      '/poc/NOPE-ARIN',
      '/org/NOPE-1',
      '/customer/C99999999',
      '/net/NET-1-1-1-1-1',
      '/ticket/20990101-X9',
    ])
      expect(await arin(mock, 'GET', path)).toMatchObject({ status: 404, code: 'E_OBJECT_NOT_FOUND' });
  });

  it('schema-invalid XML is a 400 E_SCHEMA_VALIDATION', async () => {
    for (const body of [
      '<poc xmlns="http://www.arin.net/regrws/core/v1"><unknownThing/></poc>',
      '<poc',
      'not xml at all',
    ]) {
      const r = await arin(mock, 'POST', '/poc', { body });
      expect(r).toMatchObject({ status: 400, code: 'E_SCHEMA_VALIDATION' });
    }
    expect(mock.state().pocs.size).toBe(5);
  });

  it('rule failures are a 400 E_ENTITY_VALIDATION with components naming the field', async () => {
    const r = await arin(mock, 'POST', '/poc', {
      body: encode('poc', {
        contactType: 'PERSON',
        lastName: 'Doe',
        emails: ['x@example.net'],
        phones: [{ number: '1', type: { code: 'O' } }],
        ...testAddress,
      }),
    });
    expect(r).toMatchObject({ status: 400, code: 'E_ENTITY_VALIDATION' });
    expect(r.components?.map((c) => c.name)).toContain('firstName');
  });
});

describe('POC rules', () => {
  it('modify with phones or emails replaces all of them', async () => {
    const poc = (await arin(mock, 'GET', '/poc/JD1-ARIN')).value as Record<string, unknown>;
    const r = await arin(mock, 'PUT', '/poc/JD1-ARIN', {
      body: encodeFull('poc', {
        ...poc,
        emails: ['new@example.net'],
        phones: [{ number: '+1-555-0000', type: { code: 'O' } }],
      }),
    });
    expect(r.status).toBe(200);
    expect(mock.state().pocs.get('JD1-ARIN')).toMatchObject({
      emails: ['new@example.net'],
      phones: [{ number: '+1-555-0000' }],
    });
  });

  it('delete fails with 409 while the POC is linked to an org or net', async () => {
    expect((await arin(mock, 'DELETE', '/poc/EXTEC1-ARIN')).status).toBe(409);
    expect(mock.state().pocs.has('EXTEC1-ARIN')).toBe(true);
  });

  it('delete phone without type removes the number from every type and returns them', async () => {
    await arin(mock, 'PUT', '/poc/JD1-ARIN/phone', {
      body: encode('phone', { number: '+1-703-555-0177', type: { code: 'M' } }),
    });
    await arin(mock, 'PUT', '/poc/JD1-ARIN/phone', {
      body: encode('phone', { number: '+1-703-555-0177', type: { code: 'F' } }),
    });
    const r = await arin(mock, 'DELETE', `/poc/JD1-ARIN/phone/${encodeURIComponent('+1-703-555-0177')}`);
    expect(r.status).toBe(200);
    expect(
      collection<{ type: { code: string } }>(r.text, 'phone')
        .map((p) => p.type.code)
        .sort(),
    ).toEqual(['F', 'M']);
    expect(mock.state().pocs.get('JD1-ARIN')?.phones).toHaveLength(1);
  });

  it('delete phone that would leave no OFFICE phone is a 400 and changes nothing', async () => {
    const r = await arin(
      mock,
      'DELETE',
      `/poc/JD1-ARIN/phone/${encodeURIComponent('+1-703-555-0100')};type=O`,
    );
    expect(r).toMatchObject({ status: 400, code: 'E_ENTITY_VALIDATION' });
    expect(mock.state().pocs.get('JD1-ARIN')?.phones).toHaveLength(1);
  });

  it('delete phone that matches nothing is a 200 with an empty collection; an unknown POC is 404', async () => {
    const r = await arin(mock, 'DELETE', '/poc/JD1-ARIN/phone/555;type=F');
    expect(r.status).toBe(200);
    expect(collection(r.text, 'phone')).toEqual([]);
    expect((await arin(mock, 'DELETE', '/poc/NOPE-ARIN/phone/555')).status).toBe(404);
  });

  it('makeLink=true links the new POC to the web user of the key', async () => {
    const r = await arin(mock, 'POST', '/poc', {
      query: '',
      body: encode('poc', {
        contactType: 'ROLE',
        lastName: 'Linked',
        companyName: 'Example',
        emails: ['l@example.net'],
        phones: [{ number: '+1-555-0101', type: { code: 'O' } }],
        ...testAddress,
      }),
    });
    expect(r.status).toBe(200);
    const linked = await fetch(`${mock.baseUrl}/poc;makeLink=true?apikey=${KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: encode('poc', {
        contactType: 'ROLE',
        lastName: 'Linked2',
        companyName: 'Example',
        emails: ['l2@example.net'],
        phones: [{ number: '+1-555-0102', type: { code: 'O' } }],
        ...testAddress,
      }),
    });
    expect(linked.status).toBe(200);
    const handle = /<handle>([^<]+)<\/handle>/.exec(await linked.text())?.[1] ?? '';
    expect(mock.state().webUsers.get('netops')?.pocHandles.has(handle)).toBe(true);
    const unlinked = (r.value as { handle: string }).handle;
    expect(mock.state().webUsers.get('netops')?.pocHandles.has(unlinked)).toBe(false);
  });
});

describe('ORG and CUSTOMER rules', () => {
  it('add POC: ADMIN replaces the current admin; other functions are added', async () => {
    await arin(mock, 'PUT', '/org/EXAMPLE-1/poc/EXNOC1-ARIN;pocFunction=AD');
    const admins = mock
      .state()
      .orgs.get('EXAMPLE-1')
      ?.pocLinks?.filter((l) => l.function === 'AD');
    expect(admins?.map((l) => l.handle)).toEqual(['EXNOC1-ARIN']);
    await arin(mock, 'PUT', '/org/EXAMPLE-1/poc/JD1-ARIN;pocFunction=T');
    const techs = mock
      .state()
      .orgs.get('EXAMPLE-1')
      ?.pocLinks?.filter((l) => l.function === 'T');
    expect(techs?.map((l) => l.handle)).toEqual(['EXTEC1-ARIN', 'JD1-ARIN']);
  });

  it('add POC: a 404 names which of org and POC is missing', async () => {
    const noOrg = await arin(mock, 'PUT', '/org/NOPE-1/poc/JD1-ARIN;pocFunction=T');
    expect(noOrg.status).toBe(404);
    expect(noOrg.message).toMatch(/org/i);
    const noPoc = await arin(mock, 'PUT', '/org/EXAMPLE-1/poc/NOPE-ARIN;pocFunction=T');
    expect(noPoc.status).toBe(404);
    expect(noPoc.message).toMatch(/poc/i);
  });

  it('remove POC without pocFunction removes it from every function', async () => {
    await arin(mock, 'PUT', '/org/EXAMPLE-1/poc/EXNOC1-ARIN;pocFunction=T');
    const r = await arin(mock, 'DELETE', '/org/EXAMPLE-1/poc/EXNOC1-ARIN');
    expect(r.status).toBe(200);
    expect(
      collection<{ function: string }>(r.text, 'pocLinkRef')
        .map((l) => l.function)
        .sort(),
    ).toEqual(['N', 'T']);
    expect(
      mock
        .state()
        .orgs.get('EXAMPLE-1')
        ?.pocLinks?.some((l) => l.handle === 'EXNOC1-ARIN'),
    ).toBe(false);
  });

  it('remove POC that leaves the org without an Admin, Tech or Abuse is a 400 and changes nothing', async () => {
    const before = JSON.stringify(mock.state().orgs.get('EXAMPLE-1'));
    const r = await arin(mock, 'DELETE', '/org/EXAMPLE-1/poc/EXABU1-ARIN;pocFunction=AB');
    expect(r).toMatchObject({ status: 400, code: 'E_ENTITY_VALIDATION' });
    expect(JSON.stringify(mock.state().orgs.get('EXAMPLE-1'))).toBe(before);
  });

  it('remove POC that matches nothing returns an empty collection', async () => {
    const r = await arin(mock, 'DELETE', '/org/EXAMPLE-1/poc/JD1-ARIN;pocFunction=R');
    expect(r.status).toBe(200);
    expect(collection(r.text, 'pocLinkRef')).toEqual([]);
  });

  it('delete org or customer while linked to resources is a 409', async () => {
    expect((await arin(mock, 'DELETE', '/org/EXAMPLE-1')).status).toBe(409);
    expect((await arin(mock, 'DELETE', '/customer/C00000001')).status).toBe(409);
    expect(mock.state().customers.has('C00000001')).toBe(true);
  });

  it('create recipient org/customer needs the key linked to the parent Tech POC or its org Admin/Tech POC', async () => {
    const r = await arin(mock, 'POST', '/net/NET-10-0-0-0-1/customer', {
      key: OUTSIDER,
      body: encode('customer', { customerName: 'Nope', ...testAddress }),
    });
    expect([400, 403]).toContain(r.status);
    const count = mock.state().customers.size;
    expect(await newCustomer()).toMatch(/^C\d+/);
    expect(mock.state().customers.size).toBe(count + 1);
  });
});

describe('NET rules', () => {
  it('delete applies only to A and S nets; DA is refused', async () => {
    const r = await arin(mock, 'DELETE', '/net/NET-10-0-0-0-1');
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.element).toBe('error');
    expect(mock.state().nets.has('NET-10-0-0-0-1')).toBe(true);
  });

  it('delete with child nets answers a ticketedRequest holding a ticket; the net stays', async () => {
    const r = await arin(mock, 'DELETE', '/net/NET-10-0-16-0-1');
    expect(r.status).toBe(200);
    expect(r.value).toMatchObject({ kind: 'ticket' });
    expect(mock.state().nets.has('NET-10-0-16-0-1')).toBe(true);
  });

  it('deleting a simple reassignment answers the net and keeps its customer', async () => {
    const r = await arin(mock, 'DELETE', '/net/NET-10-0-1-0-1');
    expect(r.value).toMatchObject({ kind: 'net' });
    expect(mock.state().nets.has('NET-10-0-1-0-1')).toBe(false);
    expect(mock.state().customers.has('C00000001')).toBe(true);
  });

  it('reassign with customerHandle is simple (S), with orgHandle detailed (A… as reassignment)', async () => {
    const customer = await newCustomer();
    const simple = await arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reassign', {
      body: netBody('10.0.8.0', 24, { customerHandle: customer }),
    });
    expect(simple.value).toMatchObject({
      kind: 'net',
      net: { customerHandle: customer, netBlocks: [{ type: 'S' }] },
    });
    const detailed = await arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reassign', {
      body: netBody('10.0.9.0', 24, { orgHandle: 'EXAMPLE-1' }),
    });
    expect(detailed.value).toMatchObject({
      kind: 'net',
      net: { orgHandle: 'EXAMPLE-1', netBlocks: [{ type: 'S' }] },
    });
  });

  it('a block not inside the parent is a 409', async () => {
    const customer = await newCustomer();
    const before = snapshot();
    const r = await arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reassign', {
      body: netBody('10.1.0.0', 24, { customerHandle: customer }),
    });
    expect(r.status).toBe(409);
    expect(snapshot()).toBe(before);
  });

  it('a parent the key is not associated with, inactive or of the wrong type is a 403', async () => {
    const customer = await newCustomer();
    expect(
      (
        await arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reassign', {
          key: OUTSIDER,
          body: netBody('10.0.8.0', 24, { customerHandle: customer }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await arin(mock, 'PUT', '/net/NET-10-0-64-0-1/reassign', {
          body: netBody('10.0.64.0', 24, { customerHandle: customer }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await arin(mock, 'PUT', '/net/NET-10-0-1-0-1/reassign', {
          body: netBody('10.0.1.0', 25, { customerHandle: customer }),
        })
      ).status,
    ).toBe(403);
  });

  it('simple reassign rejection list: missing customer, POC links, bad net name, overlap, IPv6 smaller than /64', async () => {
    const customer = await newCustomer();
    const before = snapshot();
    const cases: [string, string, string][] = [
      ['missing customer', netBody('10.0.8.0', 24, { customerHandle: 'C99999999' }), 'customerHandle'],
      [
        'POC links',
        netBody(
          '10.0.8.0',
          24,
          { customerHandle: customer },
          { pocLinks: [{ function: 'T', handle: 'JD1-ARIN' }] },
        ),
        'pocLinks',
      ],
      [
        'net name',
        netBody('10.0.8.0', 24, { customerHandle: customer }, { netName: 'BAD_NAME!' }),
        'netName',
      ],
      ['overlap', netBody('10.0.1.128', 25, { customerHandle: customer }), 'startAddress'],
    ];
    for (const [what, body, field] of cases) {
      const r = await arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reassign', { body });
      expect(r.status, what).toBeGreaterThanOrEqual(400);
      expect(r.status, what).toBeLessThan(500);
      expect(JSON.stringify(r.components ?? []) + (r.message ?? ''), what).toMatch(new RegExp(field, 'i'));
    }
    const v6 = await arin(mock, 'PUT', '/net/NET6-2001-DB8-1/reassign', {
      body: netBody('2001:db8:1::', 96, { customerHandle: customer }),
    });
    expect(v6.status).toBe(400);
    expect(snapshot()).toBe(before);
  });

  it('detailed reassign and reallocate need an org with an Admin, a Tech and an Abuse POC', async () => {
    const created = await arin(mock, 'POST', '/net/NET-10-0-0-0-1/org', {
      body: encode('org', { orgName: 'Thin Org', ...testAddress, pocLinks: [...roleLinks] }),
    });
    const orgHandle = (created.value as { handle: string }).handle;
    mock.state().orgs.get(orgHandle)!.pocLinks = roleLinks.filter((l) => l.function !== 'AB') as never;
    for (const op of ['reassign', 'reallocate']) {
      const r = await arin(mock, 'PUT', `/net/NET-10-0-0-0-1/${op}`, {
        body: netBody('10.0.12.0', 24, { orgHandle }),
      });
      expect(r).toMatchObject({ status: 400, code: 'E_ENTITY_VALIDATION' });
    }
    expect(
      (
        await arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reallocate', {
          body: netBody('10.0.12.0', 24, { orgHandle: 'NOPE-9' }),
        })
      ).status,
    ).toBeGreaterThanOrEqual(400);
  });

  it('large requests become tickets; small ones are processed at once', async () => {
    const customer = await newCustomer();
    const big = await arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reassign', {
      body: netBody('10.0.32.0', 20, { customerHandle: customer }),
    });
    expect(big.value).toMatchObject({ kind: 'ticket', ticket: { webTicketStatus: 'PENDING_REVIEW' } });
    const ticketNo = (big.value as { ticket: { ticketNo: string } }).ticket.ticketNo;
    expect(mock.state().tickets.has(ticketNo)).toBe(true);
    expect(
      [...mock.state().nets.values()].some((n) => n.netName === 'TEST-NET' && n.end - n.start === 4095n),
    ).toBe(false);
  });
});

describe('DELEGATION rules', () => {
  it('adding a nameserver that is already there is a 409', async () => {
    const r = await arin(mock, 'POST', '/delegation/0.10.in-addr.arpa./nameserver/ns1.example.net');
    expect(r.status).toBe(409);
    expect(mock.state().delegations.get('0.10.in-addr.arpa.')?.nameservers).toHaveLength(2);
  });

  it('removing the last nameserver or all of them while DS records exist is a 409', async () => {
    const name = '8.b.d.0.1.0.0.2.ip6.arpa.';
    expect((await arin(mock, 'DELETE', `/delegation/${name}/nameservers`)).status).toBe(409);
    expect((await arin(mock, 'DELETE', `/delegation/${name}/nameserver/ns1.example.net`)).status).toBe(200);
    expect((await arin(mock, 'DELETE', `/delegation/${name}/nameserver/ns2.example.net`)).status).toBe(409);
    expect(mock.state().delegations.get(name)?.nameservers).toHaveLength(1);
  });

  it('changes return the current state of the delegation', async () => {
    const r = await arin(mock, 'POST', '/delegation/0.10.in-addr.arpa./nameserver/ns9.example.net');
    expect(r.value).toMatchObject({ name: '0.10.in-addr.arpa.' });
    expect((r.value as { nameservers: { name: string }[] }).nameservers.map((n) => n.name)).toEqual([
      'ns1.example.net',
      'ns2.example.net',
      'ns9.example.net',
    ]);
  });
});

describe('DELEGATION numbers: key tags, algorithms and digest types are numbers, TTLs decimal text', () => {
  const name = '8.b.d.0.1.0.0.2.ip6.arpa.';
  const key = (over: Record<string, unknown> = {}) => ({
    algorithm: { value: 8 },
    digest: 'ab'.repeat(32),
    ttl: '3600',
    digestType: { value: 2 },
    keyTag: 12345,
    ...over,
  });
  const update = (keys: unknown[]) =>
    arin(mock, 'PUT', `/delegation/${name}`, {
      body: encode('delegation', {
        nameservers: [{ name: 'ns1.example.net', ttl: '300' }],
        delegationKeys: keys,
      }),
    });

  it('a DS record round-trips with numbers and a nameserver TTL as text, all decimal on the wire', async () => {
    const r = await update([key()]);
    expect(r.status).toBe(200);
    expect(r.value).toEqual({
      name,
      delegationKeys: [
        {
          algorithm: { value: 8, name: 'RSA/SHA-256' },
          digest: 'AB'.repeat(32),
          ttl: '3600',
          digestType: { value: 2, name: 'SHA-256' },
          keyTag: 12345,
        },
      ],
      nameservers: [{ name: 'ns1.example.net', ttl: '300' }],
    });
    expect(r.text).toContain('<keyTag>12345</keyTag>');
    expect(r.text).toContain('>8</algorithm>');
    expect(r.text).toMatch(/:ttl="300">ns1\.example\.net</);
    expect(mock.state().delegations.get(name)?.nameservers).toEqual([
      { name: 'ns1.example.net', ttl: '300' },
    ]);
  });

  it('the ttl query parameter of add-nameserver is stored and returned as decimal text', async () => {
    const r = await arin(mock, 'POST', '/delegation/0.10.in-addr.arpa./nameserver/ns9.example.net', {
      query: 'ttl=7200',
    });
    expect(r.status).toBe(200);
    expect((r.value as { nameservers: { name: string; ttl?: string }[] }).nameservers.at(-1)).toEqual({
      name: 'ns9.example.net',
      ttl: '7200',
    });
  });

  it('an empty nameserver TTL (the zone default, to ARIN) is accepted and echoed', async () => {
    const body = encode('delegation', { nameservers: [{ name: 'ns1.example.net', ttl: '' }] });
    expect(body).toMatch(/:ttl="">ns1\.example\.net</);
    const r = await arin(mock, 'PUT', `/delegation/${name}`, { body });
    expect(r.status).toBe(200);
    expect((r.value as { nameservers: unknown[] }).nameservers).toEqual([{ name: 'ns1.example.net' }]);
  });

  it('a key tag past 65535, an algorithm past 255 or a TTL that is not decimal is refused; nothing changes', async () => {
    const before = structuredClone(mock.state().delegations.get(name));
    const keyTag = await update([key({ keyTag: 65536 })]);
    expect(keyTag).toMatchObject({
      status: 400,
      code: 'E_ENTITY_VALIDATION',
      components: [{ name: 'keyTag' }],
    });
    const algorithm = await update([key({ algorithm: { value: 256 } })]);
    expect(algorithm).toMatchObject({
      status: 400,
      code: 'E_ENTITY_VALIDATION',
      components: [{ name: 'value' }],
    });
    const unsupported = await update([key({ algorithm: { value: 9 } })]);
    expect(unsupported).toMatchObject({
      status: 400,
      components: [{ name: 'delegationKeys[0].algorithm', message: 'Algorithm 9 is not supported.' }],
    });
    const ttlText = encode('delegation', { nameservers: [{ name: 'ns1.example.net' }] }).replace(
      '<nameserver>',
      '<nameserver xmlns:t="http://www.arin.net/regrws/ttl/v1" t:ttl="1h">',
    );
    expect(await arin(mock, 'PUT', `/delegation/${name}`, { body: ttlText })).toMatchObject({
      status: 400,
      code: 'E_ENTITY_VALIDATION',
    });
    expect(mock.state().delegations.get(name)).toEqual(before);
  });
});

describe('TICKET rules', () => {
  it('list calls filter by the ticketType and ticketStatus matrix parameters', async () => {
    const r = await arin(mock, 'GET', '/ticket;ticketType=QUESTION');
    expect(
      collection<{ ticketNo: string }>(r.text, 'ticket')
        .map((t) => t.ticketNo)
        .sort(),
    ).toEqual(['20261101-X1', '20261104-X4']);
    const s = await arin(mock, 'GET', '/ticket/summary;ticketStatus=CLOSED');
    expect(collection<{ ticketNo: string }>(s.text, 'ticket').map((t) => t.ticketNo)).toEqual([
      '20261103-X3',
    ]);
  });

  it('a ticket with attachments over the threshold is a 413 unless msgRefs=true', async () => {
    const r = await arin(mock, 'GET', '/ticket/20261104-X4');
    expect(r.status).toBe(413);
    expect(r.element).toBe('error');
    const refs = await arin(mock, 'GET', '/ticket/20261104-X4', { query: 'msgRefs=true' });
    expect(refs.status).toBe(200);
    expect(refs.value).toMatchObject({ messageReferences: [expect.anything()] });
  });

  it('adding a message to a CLOSED ticket is an error and adds nothing', async () => {
    const r = await arin(mock, 'PUT', '/ticket/20261103-X3/message', {
      body: encode('message', { subject: 's', text: ['t'] }),
    });
    expect(r.status).toBe(400);
    expect(mock.state().tickets.get('20261103-X3')?.messages).toHaveLength(0);
  });

  it('modify changes only the status, only to CLOSED from RESOLVED, and names what cannot be modified', async () => {
    const wrongStatus = await arin(mock, 'PUT', '/ticket/20261101-X1', {
      body: encodeFull('ticket', { ticketNo: '20261101-X1', webTicketStatus: 'CLOSED' }),
    });
    expect(wrongStatus.status).toBe(400);
    const otherField = await arin(mock, 'PUT', '/ticket/20261102-X2', {
      body: encodeFull('ticket', {
        ticketNo: '20261102-X2',
        webTicketStatus: 'CLOSED',
        webTicketType: 'QUESTION',
      }),
    });
    expect(otherField.status).toBe(400);
    expect(JSON.stringify(otherField.components) + otherField.message).toMatch(/webTicketType|ticketType/);
    const ok = await arin(mock, 'PUT', '/ticket/20261102-X2', {
      body: encodeFull('ticket', { ticketNo: '20261102-X2', webTicketStatus: 'CLOSED' }),
    });
    expect(ok.status).toBe(200);
    expect(mock.state().tickets.get('20261102-X2')).toMatchObject({
      webTicketStatus: 'CLOSED',
      webTicketType: 'IPV4_SIMPLE_REASSIGN',
    });
  });
});

describe('admin endpoints', () => {
  it('the journal records requests without the key; reset restores the world and clears the journal', async () => {
    await arin(mock, 'DELETE', '/net/NET-10-0-1-0-1');
    expect(mock.state().nets.has('NET-10-0-1-0-1')).toBe(false);
    const journal = (await (await fetch(`${mock.url}/__admin/journal`)).json()) as {
      url: string;
      method: string;
      status: number;
    }[];
    expect(journal.find((j) => j.url.startsWith('/rest/net/NET-10-0-1-0-1'))).toMatchObject({
      method: 'DELETE',
      status: 200,
    });
    expect(JSON.stringify(journal)).not.toContain(KEY);
    expect(
      (await fetch(`${mock.url}/__admin/reset`, { method: 'POST', headers: { 'x-regkit-admin': '1' } }))
        .status,
    ).toBe(200);
    expect(mock.state().nets.has('NET-10-0-1-0-1')).toBe(true);
    const after = (await (await fetch(`${mock.url}/__admin/journal`)).json()) as { url: string }[];
    expect(after.map((j) => j.url)).toEqual(['/__admin/reset']);
  });

  it('GET /__admin/world returns the world as JSON', async () => {
    const world = (await (await fetch(`${mock.url}/__admin/world`)).json()) as {
      apiKeys: { key: string; active: boolean }[];
    };
    expect(world.apiKeys.filter((k) => k.active)).toHaveLength(2);
    expect(world.apiKeys.some((k) => !k.active)).toBe(true);
  });

  it('resolve then close an ARIN ticket through the admin routes', async () => {
    const resolved = await fetch(`${mock.url}/__admin/tickets/20261101-X1/resolve`, {
      method: 'POST',
      headers: { 'x-regkit-admin': '1' },
    });
    expect(resolved.status).toBe(200);
    expect(mock.state().tickets.get('20261101-X1')?.webTicketStatus).toBe('RESOLVED');
    await fetch(`${mock.url}/__admin/tickets/20261101-X1/close`, {
      method: 'POST',
      headers: { 'x-regkit-admin': '1' },
    });
    expect(mock.state().tickets.get('20261101-X1')?.webTicketStatus).toBe('CLOSED');
  });
});

afterAll(async () => {
  // Every ARIN body these tests received must be valid against our XSD.
  const results = await validateAgainstArinXsd(
    arinBodies.map((b, i) => ({ name: `${i}-${b.name}`, xml: b.xml })),
  );
  const invalid = results.filter((r) => !r.valid);
  // and against ARIN's own RelaxNG schemas, by the conformance script of .ci/run
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../.reports/arin-responses');
  mkdirSync(dir, { recursive: true });
  arinBodies.forEach((b, i) => writeFileSync(join(dir, `mock-${String(i).padStart(4, '0')}.xml`), b.xml));
  expect(arinBodies.length).toBeGreaterThan(80);
  expect(invalid.map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
});
