import { afterEach, describe, expect, it } from 'vitest';
import {
  echoedForms,
  startHostileServer,
  type Behaviour,
  type HostileRequest,
} from '../../core/test/hostileServer.js';
import { runCli } from '../src/main.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function hostile(behave: (request: HostileRequest, index: number) => Behaviour) {
  const server = await startHostileServer(behave);
  closers.push(server.close);
  return server;
}

/** `regkit ARGS…` in-process against `url` as ARIN, capturing everything it prints. */
async function regkit(url: string, argv: string[], apiKey = 'API-1111-2222-3333-4444') {
  let out = '';
  const sink = { write: (s: string) => ((out += s), true) } as never;
  const code = await runCli(argv, {
    stdout: sink,
    stderr: sink,
    env: { ARIN_API_KEY: apiKey, ARIN_ENV: `${url}/rest` },
  });
  return { code, out };
}

describe('the CLI against a hostile server', () => {
  it('a reassign whose connection drops after it was applied is sent once and says how to check', async () => {
    const server = await hostile(() => ({ kind: 'drop' }));
    const r = await regkit(server.url, [
      'arin',
      'net',
      'reassign',
      'NET-10-0-0-0-1',
      '--customer',
      'C00000001',
      '--start',
      '10.0.8.0',
      '--cidr',
      '28',
    ]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'regkit: reassignNet may have been applied: the connection was lost after the request was sent, and it was not sent again. Check before retrying: Look up the nets within the block',
    );
    expect(server.requests).toHaveLength(1);
  });

  it.each([301, 302, 303, 307, 308])(
    'a %i to another host is refused; nothing reaches it',
    async (status) => {
      const elsewhere = await hostile(() => ({ kind: 'respond' }));
      const server = await hostile((request) => ({
        kind: 'respond',
        status,
        headers: { location: `${elsewhere.url}${request.url}` },
      }));
      const r = await regkit(server.url, ['arin', 'poc', 'get', 'JD1-ARIN']);
      expect(r.code).toBe(1);
      expect(r.out).toBe(
        `regkit: GET was redirected with ${status} to ${elsewhere.origin}; redirects to another origin are never followed and credentials are never sent there\n`,
      );
      expect(elsewhere.requests).toHaveLength(0);
    },
  );

  it.each(['API-AAAA-1111-BBBB', 'API-CCCC\\2222', 'API-DDDD"3333', 'API-EEEE\t4444', 'API-FFFF%5555'])(
    'a key like %j echoed in ARIN’s message never reaches the terminal, nor do control sequences',
    async (key) => {
      const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      const server = await hostile((request) => ({
        kind: 'respond',
        status: 400,
        headers: { 'content-type': 'application/xml' },
        body:
          `<error xmlns="http://www.arin.net/regrws/core/v1"><code>E_BAD_REQUEST</code>` +
          `<message>${xml(`\u001b[2J\u001b]0;owned\u0007Bad key ${key} for ${request.url}`)}</message>` +
          `<components><component><name>apikey</name><message>${xml(key)}</message></component></components></error>`,
      }));
      for (const argv of [
        ['arin', 'poc', 'get', 'JD1-ARIN'],
        ['--json', 'arin', 'poc', 'get', 'JD1-ARIN'],
      ]) {
        const r = await regkit(server.url, argv, key);
        expect(r.code).toBe(1);
        expect(r.out).toContain('E_BAD_REQUEST');
        expect(r.out).toContain('[REDACTED]');
        for (const form of echoedForms(key)) expect(r.out).not.toContain(form);
        expect(r.out).not.toContain('\u001b');
        expect(r.out).not.toContain('\u0007');
      }
    },
  );

  it('bidi and zero-width characters in server text are shown as code points, a lower-cased or base64 key is redacted', async () => {
    const key = 'API-ABCD-1111-EFGH-2222';
    const server = await hostile(() => ({
      kind: 'respond',
      status: 400,
      headers: { 'content-type': 'application/xml' },
      body:
        `<error xmlns="http://www.arin.net/regrws/core/v1"><code>E_BAD_REQUEST</code>` +
        `<message>Handle JD1\u202E-NIRA\u202C and J\u200BD1 with \u2066x\u2069; echo ${key.toLowerCase()} / ${Buffer.from(key).toString('base64')}</message></error>`,
    }));
    const r = await regkit(server.url, ['arin', 'poc', 'get', 'JD1-ARIN'], key);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      'regkit: E_BAD_REQUEST (400): Handle JD1<U+202E>-NIRA<U+202C> and J<U+200B>D1 with <U+2066>x<U+2069>; echo [REDACTED] / [REDACTED]\n',
    );
  });
});
