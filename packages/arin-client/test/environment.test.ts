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

  it('plain http:// to a host that is not this machine is refused unless allowInsecureHttp; loopback is fine', async () => {
    let requests = 0;
    const fetch = () => {
      requests++;
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    const error = (() => {
      try {
        new ArinClient({ apiKey: KEY, environment: 'http://reg.example.net/rest', fetch });
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.issues).toEqual([
      {
        path: 'environment',
        message:
          'uses plain http:// to reg.example.net, which is not this machine: credentials would cross the network unencrypted; use https://, or allow it explicitly (allowInsecureHttp)',
      },
    ]);
    expect(String(error)).not.toContain(KEY);
    for (const environment of [
      'http://127.0.0.1:4000/rest',
      'http://localhost:4000/rest',
      'http://[::1]:4000/rest',
    ])
      expect(new ArinClient({ apiKey: KEY, environment, fetch }).baseUrl).toBe(environment);
    const allowed = new ArinClient({
      apiKey: KEY,
      environment: 'http://reg.example.net/rest',
      allowInsecureHttp: true,
      fetch,
      retry: false,
    });
    expect(allowed.baseUrl).toBe('http://reg.example.net/rest');
    expect(requests).toBe(0);
  });
});
