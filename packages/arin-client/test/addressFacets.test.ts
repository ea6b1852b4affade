// The XSD's patterns for addresses and ranges for prefix lengths reach the generated validators: bad values
// fail in the client, before any request, with the path of the field.
import { describe, expect, it } from 'vitest';
import { arinCodec, NetBlockCreateSchema, NetBlockSchema } from '../src/payloads.js';
import { ArinClient, ValidationError, type NetCreate } from '../src/index.js';
import { KEY } from './harness.js';

describe('address and prefix-length facets', () => {
  it.each([
    ['010.000.002.000', 24],
    ['192.0.2.0', 0],
    ['255.255.255.255', 32],
    ['2001:0db8:0000:0000:0000:0000:0000:0000', 128],
    ['2001:DB8::', 48],
  ])('%s/%s passes', (startAddress, cidrLength) => {
    expect(NetBlockCreateSchema.safeParse({ startAddress, cidrLength }).success).toBe(true);
    expect(NetBlockSchema.safeParse({ startAddress, endAddress: startAddress, cidrLength }).success).toBe(
      true,
    );
  });

  it.each([
    [{ startAddress: 'not-an-ip', cidrLength: 24 }, 'startAddress'],
    [{ startAddress: '256.0.0.0', cidrLength: 24 }, 'startAddress'],
    [{ startAddress: '10.0.0', cidrLength: 24 }, 'startAddress'],
    [{ startAddress: '10.0.0.0', endAddress: '10.0.0.0/8' }, 'endAddress'],
    [{ startAddress: '10.0.0.0', cidrLength: 99 }, null],
    [{ startAddress: '10.0.0.0', cidrLength: 129 }, 'cidrLength'],
    [{ startAddress: '10.0.0.0', cidrLength: -1 }, 'cidrLength'],
    [{ startAddress: '10.0.0.0', cidrLength: 24.5 }, 'cidrLength'],
    [{ startAddress: '10.0.0.0', cidrLength: '24' }, 'cidrLength'],
  ])('%j fails at %s', (block, path) => {
    const result = NetBlockCreateSchema.safeParse(block);
    if (path === null) {
      // 99 is a valid IPv6 prefix length: the range is 0-128; ARIN checks it against the version
      expect(result.success).toBe(true);
      return;
    }
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });

  it('a reassignment with a bad address is a ValidationError naming the field, and nothing is sent', async () => {
    let requests = 0;
    const client = new ArinClient({
      apiKey: KEY,
      environment: 'http://127.0.0.1:9/rest',
      fetch: () => {
        requests++;
        return Promise.resolve(new Response(null, { status: 500 }));
      },
    });
    const net: NetCreate = {
      version: 4,
      netName: 'EXAMPLE',
      netBlocks: [{ startAddress: 'not-an-ip', cidrLength: 129 }],
    };
    const error = await client.net.reassign('NET-10-0-0-0-1', net).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
      'net.netBlocks[0].startAddress',
      'net.netBlocks[0].cidrLength',
    ]);
    expect(requests).toBe(0);
  });

  it('cidrLength is a number in TypeScript and decimal text on the wire, both ways', () => {
    const codec = arinCodec();
    const xml =
      '<netBlock xmlns="http://www.arin.net/regrws/core/v1"><startAddress>10.0.2.0</startAddress><cidrLength>24</cidrLength></netBlock>';
    expect(codec.decode(xml, 'netBlock')).toEqual({ startAddress: '10.0.2.0', cidrLength: 24 });
    const encoded = codec.encode(
      'netBlock',
      { startAddress: '10.0.2.0', cidrLength: 24 },
      { variant: 'create' },
    );
    expect(encoded).toContain('<cidrLength>24</cidrLength>');
    expect(() => codec.encode('netBlock', { startAddress: '10.0.2.0', cidrLength: '24' })).toThrow(
      'expected an integer',
    );
  });
});
