// openapi-fetch, a client no one here wrote, on the bundled ARIN contract's types: XML bodies read
// as text and decoded by our codec, written by our codec, the key through openapi-fetch middleware.
import createClient, { type Middleware } from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArinMock, type ArinMock } from '@regkit/mock-server';
import type { paths } from '../src/generated/openapi.gen.js';
import { arinCodec, type Poc } from '../src/payloads.js';
import { KEY } from './harness.js';

let mock: ArinMock;
beforeAll(async () => {
  mock = await startArinMock();
});
afterAll(() => mock.close());

const codec = arinCodec();
/** The key as ARIN's header scheme has it, added to every request. */
const apiKeyHeader = (key: string): Middleware => ({
  onRequest({ request }) {
    request.headers.set('authorization', `ApiKey ${key}`);
    return request;
  },
});

describe('openapi-fetch on the bundled ARIN contract', () => {
  it('reads a POC as text and decodes it with the codec; the key goes in the header', async () => {
    const client = createClient<paths>({ baseUrl: mock.baseUrl, headers: { accept: 'application/xml' } });
    client.use(apiKeyHeader(KEY));
    const { data, response } = await client.GET('/poc/{pocHandle}', {
      params: { path: { pocHandle: 'JD1-ARIN' } },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    const poc = codec.decode<Poc>(data ?? '', 'poc');
    expect(poc).toMatchObject({ handle: 'JD1-ARIN', lastName: expect.any(String) });
    const entry = mock.journal.at(-1);
    expect([entry?.method, entry?.url, entry?.status]).toEqual(['GET', '/rest/poc/JD1-ARIN', 200]);
  });

  it('writes a POC encoded by the codec and reads the answer; the key as the typed apikey parameter', async () => {
    const client = createClient<paths>({ baseUrl: mock.baseUrl, headers: { accept: 'application/xml' } });
    const read = await client.GET('/poc/{pocHandle}', {
      params: { path: { pocHandle: 'JD1-ARIN' }, query: { apikey: KEY } },
      parseAs: 'text',
    });
    const poc = codec.decode<Poc>(read.data ?? '', 'poc');
    const { data, response } = await client.PUT('/poc/{pocHandle}', {
      params: { path: { pocHandle: 'JD1-ARIN' }, query: { apikey: KEY } },
      body: { ...poc, comment: ['Reachable 24/7.'] },
      bodySerializer: (body) => codec.encode('poc', body),
      headers: { 'content-type': 'application/xml' },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    expect(codec.decode<Poc>(data ?? '', 'poc').comment).toEqual(['Reachable 24/7.']);
    expect(mock.state().pocs.get('JD1-ARIN')?.comment).toEqual(['Reachable 24/7.']);
  });

  it("the default JSON parse fails on ARIN's XML: that is why parseAs is 'text'", async () => {
    const client = createClient<paths>({ baseUrl: mock.baseUrl });
    client.use(apiKeyHeader(KEY));
    await expect(
      client.GET('/poc/{pocHandle}', { params: { path: { pocHandle: 'JD1-ARIN' } } }),
    ).rejects.toThrow(SyntaxError);
  });
});
