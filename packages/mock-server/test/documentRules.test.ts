// Rules taken word for word from the source documents (seed 001, ARIN's latest revision), and the
// state rules the mock must keep so that no block is registered twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startArinMock, type ArinMock } from '../src/index.js';
import { arin, collection, encode, OUTSIDER } from './arinHttp.js';

let mock: ArinMock;
beforeEach(async () => {
  mock = await startArinMock({ now: () => '2026-11-23T10:00:00.000-05:00' });
});
afterEach(() => mock.close());

const phone = (code: string, number: string) => encode('phone', { type: { code }, number });
const phonesOf = async (handle: string) =>
  ((await arin(mock, 'GET', `/poc/${handle}`)).value as { phones: { type: { code: string } }[] }).phones.map(
    (p) => p.type.code,
  );
const admin = (path: string, body = '') =>
  fetch(`${mock.url}/__admin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  }).then((r) => r.json());
/** A reassignment; a cidrLength given as text goes on the wire exactly as written. */
const reassign = (
  parent: string,
  start: string,
  cidr: number | string,
  extra: Record<string, string> = {},
) => {
  const body = encode('net', {
    version: 4,
    netName: 'BLOCK',
    customerHandle: 'C00000001',
    netBlocks: [{ startAddress: start, cidrLength: typeof cidr === 'number' ? cidr : 0, ...extra }],
  });
  return arin(mock, 'PUT', `/net/${parent}/reassign`, {
    body:
      typeof cidr === 'number'
        ? body
        : body.replace('<cidrLength>0</cidrLength>', `<cidrLength>${cidr}</cidrLength>`),
  });
};

describe('seed 001: POC and org sub-services', () => {
  it('delete phone: "you can make the call with or without a phone number and with or without a type"', async () => {
    for (const [code, n] of [
      ['F', '+1-703-555-0199'],
      ['F', '+1-703-555-0198'],
      ['M', '+1-703-555-0197'],
    ] as const)
      expect((await arin(mock, 'PUT', '/poc/JD1-ARIN/phone', { body: phone(code, n) })).status).toBe(200);
    const r = await arin(mock, 'DELETE', '/poc/JD1-ARIN/phone/;type=F');
    expect(r.status).toBe(200);
    expect(collection<{ number: string }>(r.text, 'phone').map((p) => p.number)).toEqual([
      '+1-703-555-0199',
      '+1-703-555-0198',
    ]);
    expect(await phonesOf('JD1-ARIN')).toEqual(['O', 'M']);
    // Without number and type every phone would go, office included: validation fails, nothing changes.
    const all = await arin(mock, 'DELETE', '/poc/JD1-ARIN/phone/');
    expect(all).toMatchObject({ status: 400, code: 'E_ENTITY_VALIDATION' });
    expect(await phonesOf('JD1-ARIN')).toEqual(['O', 'M']);
  });

  it('remove POC: "optionally specify both the POC handle and the type …, but at least one of those must be specified"', async () => {
    const byFunction = await arin(mock, 'DELETE', '/org/EXAMPLE-1/poc/;pocFunction=N');
    expect(byFunction.status).toBe(200);
    expect(collection<{ handle: string; function: string }>(byFunction.text, 'pocLinkRef')).toEqual([
      { description: 'NOC', function: 'N', handle: 'EXNOC1-ARIN' },
    ]);
    const org = (await arin(mock, 'GET', '/org/EXAMPLE-1')).value as { pocLinks: { function: string }[] };
    expect(org.pocLinks.map((l) => l.function)).not.toContain('N');
    const neither = await arin(mock, 'DELETE', '/org/EXAMPLE-1/poc/');
    expect(neither).toMatchObject({ status: 400, code: 'E_BAD_REQUEST' });
    expect(neither.message).toContain('pocFunction');
  });
});

describe('seed 001: 413 on ticket details', () => {
  it('413: "The error payload will give you the actual size limit you\'ve reached"', async () => {
    const r = await arin(mock, 'GET', '/ticket/20261104-X4');
    expect(r.status).toBe(413);
    expect(r.message).toContain('limit of 10485760 bytes');
    expect(r.components).toEqual([{ name: 'attachmentSizeLimit', message: '10485760' }]);
  });

  it('the threshold is a setting, and the message states the configured one', async () => {
    await mock.close();
    mock = await startArinMock({ settings: { ticketAttachmentLimitBytes: 20 * 1024 * 1024 } });
    expect((await arin(mock, 'GET', '/ticket/20261104-X4')).status).toBe(200);
    await mock.close();
    mock = await startArinMock({ settings: { ticketAttachmentLimitBytes: 1000 } });
    const r = await arin(mock, 'GET', '/ticket/20261104-X4');
    expect(r.status).toBe(413);
    expect(r.message).toContain('limit of 1000 bytes');
  });
});

describe('mock state stays whole', () => {
  it('a net deleted through a ticket takes its grandchildren: GET is 404 and the space is registered once', async () => {
    const realloc = await arin(mock, 'PUT', '/net/NET-10-0-16-0-1/reallocate', {
      body: encode('net', {
        version: 4,
        netName: 'DOWNSTREAM-ISP',
        orgHandle: 'EXAMPLE-1',
        netBlocks: [{ startAddress: '10.0.18.0', cidrLength: 23 }],
      }),
    });
    const child = (realloc.value as { net: { handle: string } }).net.handle;
    const grand = ((await reassign(child, '10.0.18.0', 24)).value as { net: { handle: string } }).net.handle;
    const del = await arin(mock, 'DELETE', '/net/NET-10-0-16-0-1');
    const ticketNo = (del.value as { ticket: { ticketNo: string } }).ticket.ticketNo;
    await admin(`/tickets/${ticketNo}/resolve`);
    expect(await arin(mock, 'GET', `/net/${grand}`)).toMatchObject({
      status: 404,
      code: 'E_OBJECT_NOT_FOUND',
    });
    expect(mock.state().nets.has(child)).toBe(false);
    // A bulk reassign over the parent's freed /20: every block is registered exactly once.
    for (let i = 16; i < 32; i++)
      expect((await reassign('NET-10-0-0-0-1', `10.0.${i}.0`, 24)).status).toBe(200);
    for (let i = 16; i < 32; i++)
      expect((await reassign('NET-10-0-0-0-1', `10.0.${i}.0`, 24)).status).toBe(400);
    const nets = [...mock.state().nets.values()].filter((n) => n.version === 4);
    const ancestor = (a: (typeof nets)[number], b: (typeof nets)[number]) => {
      for (let p = b.parentNetHandle; p; p = mock.state().nets.get(p)?.parentNetHandle)
        if (p === a.handle) return true;
      return false;
    };
    for (const a of nets)
      for (const b of nets)
        if (a !== b && a.start <= b.end && b.start <= a.end)
          expect(ancestor(a, b) || ancestor(b, a)).toBe(true);
  });

  it('a customer in any ISO 3166-1 country is accepted (CH), an unassigned code is not', async () => {
    const customer = (country: Record<string, string>, extra: Record<string, string> = {}) =>
      arin(mock, 'POST', '/net/NET-10-0-0-0-1/customer', {
        body: encode('customer', {
          customerName: 'Zurich Clinic',
          streetAddress: ['Bahnhofstrasse 1'],
          city: 'Zurich',
          postalCode: '8001',
          country,
          ...extra,
        }),
      });
    const ch = await customer({ code2: 'CH' });
    expect(ch.status).toBe(200);
    expect((ch.value as { country: unknown }).country).toEqual({
      code2: 'CH',
      code3: 'CHE',
      name: 'Switzerland',
    });
    expect(await customer({ code2: 'XX' })).toMatchObject({ status: 400, code: 'E_ENTITY_VALIDATION' });
    expect(await customer({ code2: 'US' }, { stateProvince: 'QQ' })).toMatchObject({
      status: 400,
      components: [{ name: 'iso3166-2', message: 'QQ is not a state or province of US.' }],
    });
  });

  it('cidrLength is a decimal integer within its range: 0x18, 2.4e1, " 24 ", 129 are refused, and nothing is stored', async () => {
    const before = mock.state().nets.size;
    for (const cidr of ['0x18', '2.4e1', ' 24 ', '+24', '024', '-1', '129', 33]) {
      const r = await reassign('NET-10-0-0-0-1', '10.0.200.0', cidr);
      expect(r).toMatchObject({ status: 400, code: 'E_ENTITY_VALIDATION' });
      expect(r.components?.[0]?.name).toBe('cidrLength');
    }
    expect(mock.state().nets.size).toBe(before);
  });

  it('a cidrLength with a contradicting endAddress is refused; an agreeing one is accepted', async () => {
    const wrong = await reassign('NET-10-0-0-0-1', '10.0.200.0', 24, { endAddress: '10.0.201.255' });
    expect(wrong).toMatchObject({ status: 400, components: [{ name: 'endAddress' }] });
    expect((await reassign('NET-10-0-0-0-1', '10.0.200.0', 24, { endAddress: '10.0.200.255' })).status).toBe(
      200,
    );
  });

  it('ARIN objects are public in Whois: an unassociated key gets 400 for any existing net and 404 for unknown ones, the same for every net', async () => {
    for (const handle of ['NET-10-0-0-0-1', 'NET-10-0-1-0-1', 'NET-10-0-17-0-1'])
      expect(await arin(mock, 'GET', `/net/${handle}`, { key: OUTSIDER })).toMatchObject({
        status: 400,
        code: 'E_AUTHENTICATION',
      });
    expect(await arin(mock, 'GET', '/net/NET-10-9-9-9-1', { key: OUTSIDER })).toMatchObject({ status: 404 });
  });

  it('tickets are private: a ticket of another web user answers as one that does not exist', async () => {
    const other = await arin(mock, 'GET', '/ticket/20261101-X1', { key: OUTSIDER });
    const missing = await arin(mock, 'GET', '/ticket/20261199-X9', { key: OUTSIDER });
    expect(other).toMatchObject({ status: 404, code: 'E_OBJECT_NOT_FOUND' });
    expect(missing).toMatchObject({ status: 404, code: 'E_OBJECT_NOT_FOUND' });
    expect(other.message?.replace('20261101-X1', '')).toBe(missing.message?.replace('20261199-X9', ''));
  });
});
