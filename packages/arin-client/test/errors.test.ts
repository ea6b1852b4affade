import { inspect } from 'node:util';
import { DecodeError, ValidationError, type Middleware } from '@regkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ArinApiError } from '../src/index.js';
import { arinHarness, KEY } from './harness.js';

let h: Awaited<ReturnType<typeof arinHarness>> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A middleware that rewrites one aspect of every request, to provoke the server's own errors. */
const rewrite =
  (change: (r: Parameters<Middleware>[0]) => Parameters<Middleware>[0]): Middleware =>
  (request, next) =>
    next(change(request));

async function faults(url: string, body: Record<string, unknown>) {
  const res = await fetch(`${url}/__admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

describe('ARIN error mapping: ArinApiError with status, code, message, components and additionalInfo', () => {
  it('400 E_ENTITY_VALIDATION names the failing component', async () => {
    h = await arinHarness({ validateRequests: false });
    const error = await h.client.poc
      .create({
        contactType: 'ROLE',
        lastName: 'No Company',
        emails: ['x@example.net'],
        phones: [{ number: '+1-703-555-0100', type: { code: 'O' } }],
        streetAddress: ['1 Way'],
        city: 'Chantilly',
        country: { code2: 'US' },
        stateProvince: 'VA',
        postalCode: '20151',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArinApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'E_ENTITY_VALIDATION',
      method: 'POST',
      components: [{ name: 'companyName', message: 'Company name is required for a ROLE.' }],
    });
    expect((error as ArinApiError).message).toContain('companyName: Company name is required for a ROLE.');
  });

  it('400 E_AUTHENTICATION for an inactive key (ARIN answers 400), and the key never appears in the error', async () => {
    h = await arinHarness({ apiKey: 'API-DEAD-DEAD-DEAD-DEAD' });
    const error = (await h.client.poc.get('JD1-ARIN').catch((e: unknown) => e)) as ArinApiError;
    expect(error).toBeInstanceOf(ArinApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('E_AUTHENTICATION');
    expect(error.arinMessage).toBe('The API key specified was missing or invalid.');
    const everything = [
      error.message,
      String(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      error.url,
    ].join('\n');
    expect(everything).not.toContain('API-DEAD-DEAD-DEAD-DEAD');
  });

  it('400 E_AUTHENTICATION when the key is not associated with the object, and nothing changes', async () => {
    h = await arinHarness({ apiKey: 'API-9999-8888-7777-6666' });
    const error = (await h.client.org
      .update('EXAMPLE-1', { handle: 'EXAMPLE-1', orgName: 'Hijack' })
      .catch((e: unknown) => e)) as ArinApiError;
    expect(error).toMatchObject({ status: 400, code: 'E_AUTHENTICATION' });
    const owner = await ownerClient(h);
    expect((await owner.org.get('EXAMPLE-1')).orgName).toBe('Example Networks LLC');
  });

  it('403 when reassigning from a parent the key is not associated with', async () => {
    h = await arinHarness({ apiKey: 'API-9999-8888-7777-6666' });
    const error = (await h.client.net
      .reassign('NET-10-0-0-0-1', {
        version: 4,
        netName: 'NOT-MINE',
        customerHandle: 'C00000001',
        parentNetHandle: 'NET-10-0-0-0-1',
        netBlocks: [{ startAddress: '10.0.9.0', cidrLength: 24 }],
      })
      .catch((e: unknown) => e)) as ArinApiError;
    expect(error).toBeInstanceOf(ArinApiError);
    expect(error.status).toBe(403);
    const owner = await ownerClient(h);
    expect(await owner.net.get('NET-10-0-9-0-1').catch((e: unknown) => (e as ArinApiError).status)).toBe(404);
  });

  it('404 E_OBJECT_NOT_FOUND', async () => {
    h = await arinHarness();
    await expect(h.client.net.get('NET-10-9-9-9-1')).rejects.toMatchObject({
      status: 404,
      code: 'E_OBJECT_NOT_FOUND',
      method: 'GET',
    });
  });

  it('405 E_METHOD_NOT_ALLOWED for a method the resource does not support', async () => {
    h = await arinHarness({ middleware: [rewrite((r) => ({ ...r, method: 'PATCH' }))] });
    await expect(h.client.poc.get('JD1-ARIN')).rejects.toMatchObject({
      status: 405,
      code: 'E_METHOD_NOT_ALLOWED',
    });
  });

  it('409 E_NOT_REMOVEABLE when deleting an org linked to resources', async () => {
    h = await arinHarness();
    await expect(h.client.org.delete('EXAMPLE-1')).rejects.toMatchObject({ status: 409 });
  });

  it('413 on a ticket whose attachments exceed the limit', async () => {
    h = await arinHarness();
    const error = (await h.client.ticket.get('20261104-X4').catch((e: unknown) => e)) as ArinApiError;
    expect(error).toBeInstanceOf(ArinApiError);
    expect(error.status).toBe(413);
  });

  it('415 E_UNSUPPORTED_MEDIA_TYPE when the body is not sent as XML', async () => {
    h = await arinHarness({
      middleware: [
        rewrite((r) => {
          const headers = new Headers(r.headers);
          if (r.body !== undefined) headers.set('content-type', 'text/plain');
          return { ...r, headers };
        }),
      ],
    });
    await expect(
      h.client.ticket.addMessage('20261101-X1', { subject: 'x', text: ['y'] }),
    ).rejects.toMatchObject({ status: 415, code: 'E_UNSUPPORTED_MEDIA_TYPE' });
    expect((await h.client.ticket.get('20261101-X1')).messages).toHaveLength(1);
  });

  it('429 with Retry-After is retried, then surfaces as E_TOO_MANY_REQUESTS', async () => {
    h = await arinHarness({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    await faults(h.mock.url, { faultRate: 1, faultStatus: 429, retryAfterSeconds: 0 });
    await expect(h.client.poc.get('JD1-ARIN')).rejects.toMatchObject({
      status: 429,
      code: 'E_TOO_MANY_REQUESTS',
    });
    expect(h.exchanges.map((e) => e.status)).toEqual([429, 429, 429]);
  });

  it('503 E_OUTAGE once, then the retry succeeds', async () => {
    h = await arinHarness({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    await faults(h.mock.url, { faultRate: 1, faultStatus: 503, retryAfterSeconds: 0 });
    const mock = h.mock;
    let first = true;
    h.exchanges.length = 0;
    const poc = await h.client.poc
      .get('JD1-ARIN', {
        headers: { 'x-test': 'retry' },
      })
      .catch(async (e: unknown) => {
        expect(e).toMatchObject({ status: 503, code: 'E_OUTAGE' });
        first = false;
        await fetch(`${mock.url}/__admin/faults`, { method: 'DELETE', headers: { 'x-regkit-admin': '1' } });
        return h!.client.poc.get('JD1-ARIN');
      });
    expect(first).toBe(false);
    expect(poc.handle).toBe('JD1-ARIN');
    expect(h.exchanges.map((e) => e.status)).toEqual([503, 503, 503, 200]);
  });

  it('a POST is not retried on 503 unless the caller opts in', async () => {
    h = await arinHarness({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    await faults(h.mock.url, { faultRate: 1, faultStatus: 503, retryAfterSeconds: 0 });
    await expect(h.client.poc.addEmail('JD1-ARIN', 'a@example.net')).rejects.toMatchObject({ status: 503 });
    expect(h.exchanges).toHaveLength(1);
    await expect(
      h.client.poc.addEmail('JD1-ARIN', 'a@example.net', { retryNonIdempotent: true }),
    ).rejects.toMatchObject({ status: 503 });
    expect(h.exchanges).toHaveLength(4);
  });
});

/** Answers every response with the POC's contact type changed to a value the schema does not allow. */
const alienContactType: Middleware = async (request, next) => {
  const response = await next(request);
  const text = (await response.text()).replace(
    '<contactType>PERSON</contactType>',
    '<contactType>ALIEN</contactType>',
  );
  return new Response(text, { status: response.status, headers: response.headers });
};

describe('responses are validated after decoding', () => {
  it('a response that breaks the schema is a ValidationError naming the field', async () => {
    h = await arinHarness({ middleware: [alienContactType] });
    const error = await h.client.poc.get('JD1-ARIN').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain('response.contactType');
  });

  it('with validateResponses: false the decoded value is returned as it came', async () => {
    h = await arinHarness({ middleware: [alienContactType], validateResponses: false });
    expect((await h.client.poc.get('JD1-ARIN')).contactType).toBe('ALIEN');
  });

  it('a response without a field ARIN always returns is a ValidationError naming it', async () => {
    const dropHandle: Middleware = async (request, next) => {
      const response = await next(request);
      const text = (await response.text()).replace(/<handle>[^<]*<\/handle>/, '');
      return new Response(text, { status: response.status, headers: response.headers });
    };
    h = await arinHarness({ middleware: [dropHandle] });
    const error = await h.client.poc.get('JD1-ARIN').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['response.handle']);
  });

  it('a net block without its CIDR length in a response is a ValidationError naming the block', async () => {
    const dropCidr: Middleware = async (request, next) => {
      const response = await next(request);
      const text = (await response.text()).replace(/<cidrLength>[^<]*<\/cidrLength>/, '');
      return new Response(text, { status: response.status, headers: response.headers });
    };
    h = await arinHarness({ middleware: [dropCidr] });
    const error = await h.client.net.get('NET-10-0-0-0-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual([
      'response.netBlocks[0].cidrLength',
    ]);
  });

  it('the answers the client reads have what ARIN always returns', async () => {
    h = await arinHarness();
    const poc = await h.client.poc.get('JD1-ARIN');
    expect([poc.handle, typeof poc.registrationDate]).toEqual(['JD1-ARIN', 'string']);
    const net = await h.client.net.get('NET-10-0-0-0-1');
    expect(net.netBlocks.map((b) => [b.startAddress, b.endAddress, b.cidrLength])).toEqual([
      ['010.000.000.000', '010.000.255.255', 16],
    ]);
  });

  it('a body that is not the expected payload is a DecodeError', async () => {
    const swap: Middleware = async (request, next) => {
      await next(request);
      return new Response('<org xmlns="http://www.arin.net/regrws/core/v1"><handle>X</handle></org>', {
        status: 200,
        headers: { 'content-type': 'application/xml' },
      });
    };
    h = await arinHarness({ middleware: [swap] });
    await expect(h.client.poc.get('JD1-ARIN')).rejects.toBeInstanceOf(DecodeError);
  });
});

describe('requests are validated before sending', () => {
  it('a bad payload is a ValidationError naming the field, and nothing is sent', async () => {
    h = await arinHarness();
    const error = await h.client.net
      .reassign('NET-10-0-0-0-1', {
        version: 5 as 4,
        netName: 'BAD',
        netBlocks: [{ startAddress: '10.0.9.0', cidrLength: 24 }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toContain('net.version');
    expect(h.exchanges).toHaveLength(0);
  });

  it('a missing path parameter is refused before sending', async () => {
    h = await arinHarness();
    await expect(h.client.poc.get('')).rejects.toBeInstanceOf(ValidationError);
    expect(h.exchanges).toHaveLength(0);
  });
});

/** A client on the same mock with the owner's key, to read the state after a refused call. */
async function ownerClient(old: NonNullable<typeof h>) {
  const { ArinClient } = await import('../src/index.js');
  return new ArinClient({ apiKey: KEY, environment: old.mock.baseUrl, retry: false });
}
