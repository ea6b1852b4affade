import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArinMock } from '../src/index.js';
import { arin, encodeFull, startArin } from './arinHttp.js';

// A read answered again with the same data reuses its encoded XML; these pin that every change
// to the data is answered, however it was made.
let mock: ArinMock;
beforeEach(async () => {
  mock = await startArin();
});
afterEach(() => mock.close());

const poc = () => mock.state().pocs.get('JD1-ARIN') as unknown as Record<string, unknown>;
const read = async () => (await arin(mock, 'GET', '/poc/JD1-ARIN')).text;

describe('a read answered again', () => {
  it('answers every change: through the API, by hand at any depth, and a reset', async () => {
    const first = await read();
    expect(await read()).toBe(first);
    expect(await read()).toBe(first);

    poc().city = 'Herndon';
    expect(await read()).toContain('<city>Herndon</city>');
    (poc().emails as string[]).push('second@example.net');
    expect(await read()).toContain('second@example.net');
    (poc().phones as { number: string }[])[0]!.number = '+1-703-555-0199';
    expect(await read()).toContain('+1-703-555-0199');
    delete poc().companyName;
    expect(await read()).not.toContain('Example Networks');

    const current = (await arin(mock, 'GET', '/poc/JD1-ARIN')).value as Record<string, unknown>;
    const put = await arin(mock, 'PUT', '/poc/JD1-ARIN', {
      body: encodeFull('poc', { ...current, emails: ['api@example.net'] }),
    });
    expect(put.status).toBe(200);
    const afterPut = await read();
    expect(afterPut).toContain('api@example.net');
    expect(afterPut).not.toContain('second@example.net');

    await fetch(`${mock.url}/__admin/reset`, { method: 'POST', headers: { 'x-regkit-admin': '1' } });
    expect(await read()).toBe(first);
  });

  it('data that is not plain JSON is encoded each time, and fails as the encoder does', async () => {
    const first = await read();
    await read();
    expect(await read()).toBe(first);
    const city = poc().city;
    poc().city = new Date();
    expect((await arin(mock, 'GET', '/poc/JD1-ARIN')).status).toBe(400);
    poc().city = city;
    expect(await read()).toBe(first);
  });
});
