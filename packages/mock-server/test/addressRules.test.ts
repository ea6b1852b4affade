// The mock and the regkit CLI check addresses with one module, @regkit/arin-client/address: the
// mock refuses exactly the blocks and postal addresses the module refuses.
import {
  checkPostalAddress,
  formatAddress,
  formatArinAddress,
  parseCidrBlock,
} from '@regkit/arin-client/address';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArinMock } from '../src/index.js';
import { arin, encode, startArin } from './arinHttp.js';
import { testAddress } from './arinFixtures.js';

let mock: ArinMock;
beforeAll(async () => {
  mock = await startArin();
});
afterAll(() => mock.close());

/** Why the mock may refuse a good block: where it lies (overlapping, too small for IPv6), not what it is. */
const PLACEMENT = [/overlaps with existing network/, /smaller than a \/64/];
/**
 * Whether the mock refused the block itself: its payload schema or its rules found the start
 * address or the length invalid (a block outside the parent, a 409, is a good block).
 */
const refusedAsBlock = (r: Awaited<ReturnType<typeof arin>>) =>
  r.status === 400 &&
  (r.components ?? []).some(
    (c) =>
      (c.name === 'startAddress' || c.name === 'cidrLength') &&
      !PLACEMENT.some((p) => p.test(c.message ?? '')),
  );

/**
 * IPv6 written with a dotted IPv4 tail (`::ffff:10.0.0.0`): people write it and the module reads it,
 * but the address pattern of ARIN's payloads allows hex groups only, so the mock refuses that text on
 * the wire. regkit sends the module's canonical text (`::ffff:a00:0`), which the pattern allows.
 */
const dottedTail = (start: string) => start.includes(':') && start.includes('.');

/** A reassign of one block under NET-10-0-0-0-1 (10.0.0.0/8). */
const reassign = (start: string, length: number) =>
  arin(mock, 'PUT', '/net/NET-10-0-0-0-1/reassign', {
    body: encode('net', {
      version: start.includes(':') ? 6 : 4,
      netName: 'TEST-NET',
      netBlocks: [{ startAddress: start, cidrLength: length }],
      customerHandle: 'C00000001',
    }),
  });

const v4 = fc.bigInt(0n, (1n << 32n) - 1n);
const v6 = fc.bigInt(0n, (1n << 128n) - 1n);
/** Valid addresses in every form, near-misses and junk. */
const startAddress = fc.oneof(
  v4.map((v) => formatAddress(4, v)),
  v4.map((v) => formatArinAddress(4, v)),
  v6.map((v) => formatAddress(6, v)),
  v6.map((v) => formatArinAddress(6, v)),
  fc.constantFrom(
    '10.0.0.0',
    '010.000.000.000',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.0',
    '0x0a.0.0.0',
    '167772160',
    'fe80::%eth0',
    '2001:db8::%1',
    '::ffff:10.0.0.0',
    '::ffff:010.0.0.0',
    '::ffff:0x0a.0.0.0',
    '12345::',
    '2001:db8:::',
  ),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.%'), maxLength: 24 }),
);
/** Lengths in range and out of it, aligned or not for the address. */
const cidrLength = fc.oneof(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 140 }));

describe('blocks: the mock and the address module agree', () => {
  it('a reassign is refused for its block exactly when parseCidrBlock refuses the block', async () => {
    await fc.assert(
      fc.asyncProperty(startAddress, cidrLength, async (start, length) => {
        const r = await reassign(start, length);
        const module = parseCidrBlock(`${start}/${length}`);
        if (dottedTail(start) && typeof module !== 'string') {
          // read by the module, refused on the wire by the payload's pattern; the canonical text passes
          expect({ start, length, refused: refusedAsBlock(r) }).toEqual({ start, length, refused: true });
          const sent = await reassign(module.startAddress, length);
          expect({ sent: module.startAddress, refused: refusedAsBlock(sent) }).toEqual({
            sent: module.startAddress,
            refused: false,
          });
          return;
        }
        expect({ start, length, refused: refusedAsBlock(r) }).toEqual({
          start,
          length,
          refused: typeof module === 'string',
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the cases the module names: decimal zero padding, no zone id, a network address', async () => {
    for (const [start, length] of [
      ['1.2.3', 24],
      ['1.2.3.4.5', 32],
      ['256.0.0.0', 8],
      ['fe80::1%eth0', 64],
      ['10.0.0.1', 24],
    ] as const) {
      expect(refusedAsBlock(await reassign(start, length))).toBe(true);
      expect(parseCidrBlock(`${start}/${length}`)).toEqual(expect.any(String));
    }
    // 010.000.064.000 is 10.0.64.0 (decimal): a network address of a /24, not octal 8.0.52.0
    expect(refusedAsBlock(await reassign('010.000.064.000', 24))).toBe(false);
    expect(parseCidrBlock('010.000.064.000/24')).toMatchObject({ block: '10.0.64.0/24' });
  });
});

describe('postal addresses: the mock and the address module agree', () => {
  it.each([
    ['a complete US address', {}],
    ['a state that is no US state', { stateProvince: 'ON' }],
    ['no postal code', { postalCode: '' }],
    ['no state', { stateProvince: '' }],
    ['an unknown country', { country: { code2: 'XX' } }],
    ['a Canadian province', { country: { code2: 'CA' }, stateProvince: 'ON' }],
    ['a country without the US/CA rules', { country: { code3: 'DEU' }, stateProvince: '', postalCode: '' }],
    ['no street and no city', { streetAddress: [' '], city: '' }],
  ])('%s: the problems the mock reports are those of checkPostalAddress', async (_name, change) => {
    const customer = { customerName: 'Postal Test', ...testAddress, ...change };
    const r = await arin(mock, 'POST', '/net/NET-10-0-0-0-1/customer', {
      body: encode('customer', customer),
    });
    const expected = checkPostalAddress(customer).problems.map((p) => ({
      name: p.field,
      message: p.message,
    }));
    if (expected.length === 0) expect(r.status).toBe(200);
    else {
      expect(r.status).toBe(400);
      expect(r.components).toEqual(expected);
    }
  });
});
