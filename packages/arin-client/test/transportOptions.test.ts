import { startArinMock } from '@regkit/mock-server';
import { describe, expect, it, onTestFinished } from 'vitest';
import { recordingUndici } from '../../core/test/recordingUndici.js';
import { ArinClient, ValidationError } from '../src/index.js';
import { KEY } from './harness.js';

describe('ArinClient transport options', () => {
  it('sends every call through the http exchange it is given (undici)', async () => {
    const mock = await startArinMock();
    const { http, sent, close } = recordingUndici();
    onTestFinished(async () => {
      await close();
      await mock.close();
    });
    const client = new ArinClient({ apiKey: KEY, environment: mock.baseUrl, http, retry: false });
    const poc = await client.poc.get('JD1-ARIN');
    expect(poc.handle).toBe('JD1-ARIN');
    const missing = await client.poc.get('NOPE-ARIN').catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'ArinApiError', status: 404, code: 'E_OBJECT_NOT_FOUND' });
    expect(sent).toEqual([`GET /rest/poc/JD1-ARIN?apikey=${KEY}`, `GET /rest/poc/NOPE-ARIN?apikey=${KEY}`]);
  });

  it('refuses fetch and http together with a ValidationError from the constructor', () => {
    const { http, close } = recordingUndici();
    onTestFinished(close);
    let error: unknown;
    try {
      new ArinClient({ apiKey: KEY, environment: 'http://127.0.0.1:9/rest', http, fetch });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'http', message: 'cannot be given with fetch: pass one or the other, not both' },
    ]);
  });
});
