import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signRoaRequest, type RoaRequest } from '@regkit/arin-client/rpki';
import { validateAgainstArinXsd } from '../../../schemas/test/xsd.js';
import { ROA_TEST_PUBLIC_KEY, type ArinMock } from '../src/index.js';
import { arin, arinBodies, collection, encodeFull, OUTSIDER, startArin } from './arinHttp.js';

const PRIVATE_KEY = readFileSync(new URL('./fixtures/roaTestKey.pem', import.meta.url), 'utf8');
let mock: ArinMock;
beforeEach(async () => {
  mock = await startArin();
});
afterEach(() => mock.close());

const request = (over: Partial<RoaRequest> = {}): RoaRequest => ({
  name: 'Core ROA',
  originAs: 64500,
  validFrom: new Date(Date.UTC(2026, 10, 23)),
  validTo: new Date(Date.UTC(2027, 10, 23)),
  prefixes: [{ startAddress: '10.0.0.0', cidrLength: 16, maxLength: 24 }],
  timestamp: new Date(Date.UTC(2026, 10, 23, 15)),
  ...over,
});
const post = (
  roa: { signature?: string; roaData?: string },
  path = '/roa/EXAMPLE-1;resourceClass=AR',
  key?: string,
) => arin(mock, 'POST', path, { body: encodeFull('roa', roa), ...(key ? { key } : {}) });
const roas = async () =>
  collection<{ roaHandle: string; name: string }>(
    (await arin(mock, 'GET', '/roa/EXAMPLE-1')).text,
    'roaSpec',
  );

describe('ARIN signed ROA requests (beyond the source documents)', () => {
  it('the mock publishes the public half of its test ROA key', async () => {
    const res = await fetch(`${mock.url}/__admin/roa-key`);
    expect(await res.text()).toBe(ROA_TEST_PUBLIC_KEY);
  });

  it('a request signed with the org ROA request key creates the ROA and answers a resolved CREATE_ROA ticket', async () => {
    const r = await post(signRoaRequest(request(), PRIVATE_KEY));
    expect([r.status, r.element]).toEqual([200, 'ticketedRequest']);
    expect(r.value).toMatchObject({
      kind: 'ticket',
      ticket: { webTicketType: 'CREATE_ROA', webTicketStatus: 'RESOLVED', webTicketResolution: 'PROCESSED' },
    });
    const list = await arin(mock, 'GET', '/roa/EXAMPLE-1');
    expect(list.status).toBe(200);
    expect(collection(list.text, 'roaSpec')).toEqual([
      {
        asNumber: 64500,
        name: 'Core ROA',
        notValidAfter: '2027-11-23T00:00:00.000Z',
        notValidBefore: '2026-11-23T00:00:00.000Z',
        resources: [
          {
            cidrLength: 16,
            endAddress: '010.000.255.255',
            ipVersion: 4,
            maxLength: 24,
            startAddress: '010.000.000.000',
            autoLinked: false,
          },
        ],
        roaHandle: '00000000000000000000000000000001',
        autoRenewed: true,
      },
    ]);
  });

  it('a signature made with another key does not verify: 400 on signature, nothing created', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const r = await post(
      signRoaRequest(request(), privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
    );
    expect([r.status, r.code, r.components?.[0]?.name]).toEqual([400, 'E_ENTITY_VALIDATION', 'signature']);
    expect(await roas()).toEqual([]);
  });

  it('the signature covers the exact ROA data: a changed origin AS fails', async () => {
    const signed = signRoaRequest(request(), PRIVATE_KEY);
    const r = await post({ ...signed, roaData: (signed.roaData as string).replace('|64500|', '|64501|') });
    expect(r.components?.[0]?.name).toBe('signature');
  });

  it('a prefix not registered to the org is refused, even when signed', async () => {
    const r = await post(
      signRoaRequest(request({ prefixes: [{ startAddress: '192.0.2.0', cidrLength: 24 }] }), PRIVATE_KEY),
    );
    expect([r.status, r.code]).toEqual([400, 'E_ENTITY_VALIDATION']);
    expect(r.components?.map((c) => c.message)).toEqual(['192.0.2.0/24 is not registered to EXAMPLE-1.']);
  });

  it('bad fields of the ROA data are named: maxLength below the prefix, end before start, AS out of range', async () => {
    const r = await post(
      signRoaRequest(
        request({
          originAs: 4294967296,
          validTo: new Date(Date.UTC(2025, 0, 1)),
          prefixes: [{ startAddress: '10.0.0.0', cidrLength: 16, maxLength: 8 }],
        }),
        PRIVATE_KEY,
      ),
    );
    expect(r.components?.map((c) => c.name).sort()).toEqual(['asNumber', 'maxLength', 'roaData']);
  });

  it('resourceClass must be AR or LR, and the org must be one the key may act for', async () => {
    const signed = signRoaRequest(request(), PRIVATE_KEY);
    expect((await post(signed, '/roa/EXAMPLE-1;resourceClass=XX')).code).toBe('E_BAD_REQUEST');
    expect((await post(signed, '/roa/EXAMPLE-1')).code).toBe('E_BAD_REQUEST');
    expect((await post(signed, '/roa/EXAMPLE-1;resourceClass=AR', OUTSIDER)).code).toBe('E_AUTHENTICATION');
    expect((await post(signed, '/roa/NOPE-1;resourceClass=AR')).status).toBe(404);
    expect(await roas()).toEqual([]);
  });
});

describe('ARIN RPKI transaction: "create and delete ROAs in one transaction"', () => {
  const tx = (value: unknown) =>
    arin(mock, 'POST', '/rpki/EXAMPLE-1', { body: encodeFull('rpkiTransaction', value) });
  const add = (name: string, startAddress = '10.0.1.0', cidrLength = 24) => ({
    autoLink: true,
    asNumber: 64500,
    name,
    resources: [{ startAddress, cidrLength }],
  });

  it('adds ROAs, then deletes one by handle and adds another in one request', async () => {
    expect((await tx({ roaSpecAdd: [add('A'), add('B', '2001:db8::', 48)] })).status).toBe(200);
    const [a, b] = await roas();
    expect([a?.name, b?.name]).toEqual(['A', 'B']);
    const r = await tx({ roaSpecDelete: [{ handle: a?.roaHandle, autoLink: true }], roaSpecAdd: [add('C')] });
    expect([r.status, r.text]).toEqual([200, '']);
    expect((await roas()).map((x) => x.name)).toEqual(['B', 'C']);
  });

  it('the delete attribute is autoLink, as ARIN spells it; a misspelt one is refused, nothing deleted', async () => {
    expect((await tx({ roaSpecAdd: [add('A')] })).status).toBe(200);
    const [a] = await roas();
    const RPKI_NS = 'http://www.arin.net/regrws/rpki/v1';
    const raw = (attribute: string) =>
      arin(mock, 'POST', '/rpki/EXAMPLE-1', {
        body: `<rpkiTransaction xmlns="${RPKI_NS}"><roaSpecDelete><roaHandle ${attribute}="true">${a?.roaHandle}</roaHandle></roaSpecDelete></rpkiTransaction>`,
      });
    const misspelt = await raw('autolink');
    expect([misspelt.status, misspelt.code]).toEqual([400, 'E_SCHEMA_VALIDATION']);
    expect(misspelt.message).toBe(
      "Payload failed schema validation: /rpkiTransaction/roaSpecDelete/roaHandle[0]/@autolink: unknown attribute 'autolink' on RoaHandleRef",
    );
    expect((await roas()).map((x) => x.name)).toEqual(['A']);
    expect((await raw('autoLink')).status).toBe(200);
    expect(await roas()).toEqual([]);
  });

  it('all or nothing: an unknown handle to delete is a 404 and the additions are not made', async () => {
    const r = await tx({ roaSpecDelete: [{ handle: 'ffff' }], roaSpecAdd: [add('A')] });
    expect([r.status, r.code]).toEqual([404, 'E_OBJECT_NOT_FOUND']);
    expect(await roas()).toEqual([]);
  });

  it('all or nothing: one invalid addition refuses the whole transaction', async () => {
    const r = await tx({ roaSpecAdd: [add('A'), add('B', '10.0.1.1', 24)] });
    expect([r.status, r.code]).toEqual([400, 'E_ENTITY_VALIDATION']);
    expect(await roas()).toEqual([]);
  });

  it('an empty transaction is refused', async () => {
    expect((await tx({})).code).toBe('E_ENTITY_VALIDATION');
  });
});

afterAll(async () => {
  const results = await validateAgainstArinXsd(
    arinBodies.map((b, i) => ({ name: `${i}-${b.name}`, xml: b.xml })),
  );
  expect(results.filter((r) => !r.valid).map((r) => `${r.name}: ${r.errors}`)).toEqual([]);
});
