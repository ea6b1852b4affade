import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { paramProp, type OperationDefinition, type RequestEvent } from '@regkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  echoedForms,
  reachableStrings,
  startHostileServer,
  type Behaviour,
  type HostileRequest,
} from '../../core/test/hostileServer.js';
import { HelpdeskClient, type HelpdeskClientOptions } from '../src/index.js';
import { helpdeskOperations } from '../src/generated/operations.gen.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../schemas/helpdesk/examples');
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()?.();
});

async function hostile(behave: (request: HostileRequest, index: number) => Behaviour) {
  const server = await startHostileServer(behave);
  closers.push(server.close);
  return server;
}

const PASSWORD = 'trackit-demo-1';
const tokenBody = (token: string) =>
  JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 1799 });
const isToken = (request: HostileRequest) => request.url.endsWith('/token');

const client = (url: string, options: Partial<HelpdeskClientOptions> = {}) =>
  new HelpdeskClient({
    baseUrl: url,
    username: 'HELP DESK\\JSMITH',
    password: PASSWORD,
    retry: { sleep: async () => undefined },
    ...options,
  });

function inputFor(op: OperationDefinition): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const path = op.pathParams ?? [];
  for (const p of [...path, ...(op.queryParams ?? [])])
    if (p.required || path.includes(p)) input[paramProp(p)] = p.type === 'integer' ? 1 : 'x';
  if (op.request && 'schema' in op.request)
    input.body = JSON.parse(readFileSync(join(examples, `${op.request.schema}.json`), 'utf8'));
  return input;
}

const unsafe = Object.values(helpdeskOperations).filter((op) => op.retry === 'unsafe');

describe('helpdesk against a hostile server', () => {
  it('the operations that add or remove something are marked unsafe in the spec', () => {
    expect(unsafe.map((op) => op.operationId).sort()).toEqual(
      ['addTicketNote', 'changeTicketStatus', 'closeTicket', 'createTicket', 'deleteTicket'].sort(),
    );
  });

  it.each(unsafe.map((op) => [op.operationId, op] as const))(
    '%s: applied, then the connection drops: one request, UnknownOutcomeError with how to check',
    async (_, op) => {
      const server = await hostile((request) =>
        isToken(request) ? { kind: 'respond', body: tokenBody('tok-abcdef') } : { kind: 'drop' },
      );
      const error = await client(server.url)
        .call(op.operationId as never, inputFor(op) as never)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'UnknownOutcomeError',
        operationId: op.operationId,
        check: op.outcomeCheck,
      });
      expect(server.requests.filter((r) => !isToken(r))).toHaveLength(1);
    },
  );

  it.each([301, 302, 303, 307, 308])(
    'a %i from the token endpoint to another host: RedirectError, no password or request sent there',
    async (status) => {
      const elsewhere = await hostile(() => ({ kind: 'respond', body: tokenBody('tok-evil') }));
      const server = await hostile((request) => ({
        kind: 'respond',
        status,
        headers: { location: `${elsewhere.url}${request.url}` },
      }));
      const error = await client(server.url, { redirects: 'same-origin' })
        .tickets.get(1)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'RedirectError', status, targetOrigin: elsewhere.origin });
      expect(elsewhere.requests).toHaveLength(0);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.url).toMatch(/\/token$/);
      expect(inspect(error)).not.toContain(PASSWORD);
    },
  );

  it('a redirect after the token, on an API call, is refused the same way', async () => {
    const elsewhere = await hostile(() => ({ kind: 'respond' }));
    const server = await hostile((request) =>
      isToken(request)
        ? { kind: 'respond', body: tokenBody('tok-abcdef') }
        : { kind: 'respond', status: 307, headers: { location: `${elsewhere.url}/steal` } },
    );
    await expect(client(server.url).tickets.get(1)).rejects.toMatchObject({
      name: 'RedirectError',
      status: 307,
    });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('a token with a newline is refused before any header is built, without quoting it', async () => {
    const server = await hostile((request) =>
      isToken(request)
        ? { kind: 'respond', body: tokenBody('tok-1234\nx-injected: 1') }
        : { kind: 'respond' },
    );
    const error = await client(server.url)
      .tickets.get(1)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ValidationError',
      issues: [
        {
          path: 'accessToken',
          message: 'holds a control character or surrounding spaces that HTTP cannot carry',
        },
      ],
    });
    expect(inspect(error)).not.toContain('tok-1234');
    expect(server.requests).toHaveLength(1);
  });
});

const SHAPES = ['tok-AAAA-1111-BBBB', 'tok-CCCC\\2222', 'tok-DDDD"3333', 'tok-EEEE\t4444', 'tok-FFFF%5555'];

describe.each(SHAPES.map((s) => [JSON.stringify(s), s] as const))(
  'a token like %s echoed by the server',
  (_, token) => {
    it('appears in no error property, inspect, JSON, string form or hook event; nor does the password', async () => {
      const server = await hostile((request) =>
        isToken(request)
          ? { kind: 'respond', body: tokenBody(token) }
          : {
              kind: 'respond',
              status: 400,
              headers: { 'content-type': 'application/json', 'x-echo': token.replace(/\t/g, ' ') },
              body: JSON.stringify({
                Message: `Token ${token} (password ${PASSWORD}) is not valid for ${request.headers.authorization}`,
                ModelState: { token: [token] },
              }),
            },
      );
      const events: RequestEvent[] = [];
      const error = await client(server.url, {
        retry: false,
        hooks: {
          onRequest: (e) => events.push(e),
          onResponse: (e) => events.push(e),
          onError: (e) => events.push(e),
        },
      })
        .tickets.get(1)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'HelpdeskApiError', status: 400 });
      expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${token}`);
      const texts = [
        ...reachableStrings(error),
        inspect(error, { depth: 10 }),
        JSON.stringify(error),
        String(error),
        JSON.stringify(events),
        inspect(events, { depth: 10 }),
      ];
      expect(texts.join('\n')).toContain('[REDACTED]');
      for (const form of [...echoedForms(token), PASSWORD])
        for (const text of texts) expect(text).not.toContain(form);
    });
  },
);
