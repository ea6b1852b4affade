import { describe, expect, it } from 'vitest';
import { ARIN_ENVIRONMENTS, ArinClient, ValidationError } from '../src/index.js';
import { KEY } from './harness.js';

describe('ArinClient environment', () => {
  it("'ote' (the default), 'production' and http(s) URLs are accepted; each call goes to that base", async () => {
    const seen: string[] = [];
    const fetch = (input: string | URL | Request) => {
      seen.push(String(input));
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    const envs = [
      undefined,
      'ote',
      'production',
      'http://127.0.0.1:4000/rest',
      new URL('https://mock.test/rest'),
    ];
    for (const environment of envs) {
      const client = new ArinClient({ apiKey: KEY, environment, fetch, retry: false });
      await client.call('getPoc', { pocHandle: 'JD1-ARIN' }).catch(() => undefined);
    }
    expect(seen.map((u) => u.slice(0, u.indexOf('/poc/')))).toEqual([
      ARIN_ENVIRONMENTS.ote,
      ARIN_ENVIRONMENTS.ote,
      ARIN_ENVIRONMENTS.production,
      'http://127.0.0.1:4000/rest',
      'https://mock.test/rest',
    ]);
  });

  it.each(['prod', 'reg.arin.net', 'ftp://reg.arin.net/rest', ''])(
    '%j is a ValidationError from the constructor, before any request',
    (environment) => {
      let requests = 0;
      const fetch = () => {
        requests++;
        return Promise.resolve(new Response(null));
      };
      let error: unknown;
      try {
        new ArinClient({ apiKey: KEY, environment, fetch });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        {
          path: 'environment',
          message: `must be 'ote', 'production' or an http(s) URL, not ${JSON.stringify(environment)}`,
        },
      ]);
      expect(requests).toBe(0);
    },
  );
});
