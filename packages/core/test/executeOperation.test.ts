import { afterEach, describe, expect, it } from 'vitest';
import {
  createTransport,
  createXmlCodec,
  DecodeError,
  executeOperation,
  HttpStatusError,
  RegkitError,
  type OperationDefinition,
} from '../src/index.js';
import { CORE, schema } from './fixtures/schema.js';
import { startServer } from './loopback.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const codec = createXmlCodec(schema);
const base = { tag: 'T', matrixParams: [], queryParams: [], security: [] } as const;
const addPhone: OperationDefinition = {
  ...base,
  id: 'A5',
  operationId: 'addPocPhone',
  retry: 'safe',
  method: 'PUT',
  path: '/poc/{pocHandle}/phone',
  pathParams: [{ name: 'pocHandle', prop: 'pocHandle', type: 'string', required: true }],
  request: { mediaType: 'application/xml', element: 'phone' },
  responses: [
    {
      status: 200,
      body: { mediaType: 'application/xml', element: 'phone' },
      error: false,
    },
    {
      status: 404,
      body: { mediaType: 'application/xml', element: 'poc' },
      error: true,
    },
  ],
};
const deletePhone: OperationDefinition = {
  ...base,
  id: 'A6',
  operationId: 'deletePocPhone',
  retry: 'safe',
  method: 'DELETE',
  path: '/poc/{pocHandle}/phone/{number}',
  pathParams: [
    { name: 'pocHandle', prop: 'pocHandle', type: 'string', required: true },
    { name: 'number', prop: 'number', type: 'string', required: true },
  ],
  responses: [
    {
      status: 200,
      body: { mediaType: 'application/xml', element: 'collection', collectionOf: 'phone' },
      error: false,
    },
  ],
};
const token: OperationDefinition = {
  ...base,
  id: 'H0',
  operationId: 'requestToken',
  retry: 'safe',
  method: 'POST',
  path: '/token',
  pathParams: [],
  request: { mediaType: 'application/x-www-form-urlencoded', schema: 'TokenRequest' },
  responses: [
    {
      status: 200,
      body: { mediaType: 'application/json', schema: 'TokenResponse' },
      error: false,
    },
  ],
};

const attachment: OperationDefinition = {
  ...base,
  id: 'A42',
  operationId: 'getTicketAttachment',
  retry: 'safe',
  method: 'GET',
  path: '/attachment/{id}',
  pathParams: [{ name: 'id', prop: 'id', type: 'string', required: true }],
  responses: [
    { status: 200, body: { mediaType: 'application/octet-stream' }, error: false },
    {
      status: 404,
      body: { mediaType: 'application/xml', element: 'poc' },
      error: true,
    },
  ],
};

describe('executeOperation', () => {
  it('returns an application/octet-stream body as bytes, unchanged, and errors as usual', async () => {
    const bytes = Uint8Array.from([0, 0xff, 0x3c, 0x80, 10]);
    const server = await startServer((req, res) =>
      req.url.endsWith('/a')
        ? res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes)
        : res.writeHead(404, { 'content-type': 'text/plain' }).end('gone'),
    );
    close = server.close;
    const t = createTransport();
    const result = await executeOperation<Uint8Array>(t, attachment, { id: 'a' }, { baseUrl: server.url });
    expect(server.requests[0]?.headers.accept).toBe('application/octet-stream, application/xml');
    expect(result.data).toBeInstanceOf(Uint8Array);
    expect([...result.data]).toEqual([...bytes]);
    await expect(executeOperation(t, attachment, { id: 'b' }, { baseUrl: server.url })).rejects.toMatchObject(
      {
        status: 404,
      },
    );
  });

  it('representation rpsl: sends and answers RPSL text; refused before sending where no RPSL is offered', async () => {
    const rpslPhone: OperationDefinition = {
      ...addPhone,
      request: { mediaType: 'application/xml', element: 'phone', rpsl: true },
      responses: [
        { status: 200, body: { mediaType: 'application/xml', element: 'phone', rpsl: true }, error: false },
      ],
    };
    const text = 'route: 192.0.2.0/24\norigin: AS64496\n';
    const server = await startServer((req, res) =>
      res.writeHead(200, { 'content-type': 'application/rpsl' }).end(`${req.body}source: ARIN\n`),
    );
    close = server.close;
    const t = createTransport();
    const options = { baseUrl: server.url, xml: codec, representation: 'rpsl' as const };
    const result = await executeOperation(t, rpslPhone, { pocHandle: 'P', body: text }, options);
    expect(result.data).toBe(`${text}source: ARIN\n`);
    const req = server.requests[0];
    expect([req?.headers['content-type'], req?.headers.accept, req?.body]).toEqual([
      'application/rpsl',
      'application/rpsl',
      text,
    ]);
    await expect(
      executeOperation(t, rpslPhone, { pocHandle: 'P', body: { number: '1' } }, options),
    ).rejects.toThrow('addPocPhone needs its RPSL object as a non-empty string');
    await expect(executeOperation(t, addPhone, { pocHandle: 'P', body: text }, options)).rejects.toThrow(
      'addPocPhone is not offered as RPSL',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('encodes the XML body, sends content type and accept, and decodes the response', async () => {
    const server = await startServer((req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          req.body.replace(
            '<number>',
            '<ns5:description xmlns:ns5="urn:ignored">x</ns5:description><number>',
          ),
        ),
    );
    close = server.close;
    const result = await executeOperation(
      createTransport(),
      addPhone,
      { pocHandle: 'JD1-ARIN', body: { type: { code: 'O' }, number: '+1.555' } },
      { baseUrl: `${server.url}/rest`, xml: codec },
    );
    const req = server.requests[0];
    expect(`${req?.method} ${req?.url}`).toBe('PUT /rest/poc/JD1-ARIN/phone');
    expect(req?.headers['content-type']).toBe('application/xml');
    expect(req?.headers.accept).toBe('application/xml');
    expect(req?.body).toContain(`<phone xmlns="${CORE}"`);
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ type: { code: 'O' }, number: '+1.555' });
  });

  it('decodes collections, JSON and sends form bodies', async () => {
    const server = await startServer((req, res) => {
      if (req.url.startsWith('/token'))
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ echo: req.body, type: req.headers['content-type'] }));
      res.writeHead(200).end(`<collection xmlns="${CORE}"/>`);
    });
    close = server.close;
    const t = createTransport();
    expect(
      (
        await executeOperation(
          t,
          deletePhone,
          { pocHandle: 'P', number: '1' },
          { baseUrl: server.url, xml: codec },
        )
      ).data,
    ).toEqual([]);
    const json = await executeOperation(
      t,
      token,
      { body: { grant_type: 'password', username: 'u', password: 'p w' } },
      { baseUrl: server.url },
    );
    expect(json.data).toEqual({
      echo: 'grant_type=password&username=u&password=p+w',
      type: 'application/x-www-form-urlencoded',
    });
  });

  it('throws HttpStatusError with the parsed error body, or what mapError makes of it', async () => {
    const server = await startServer((_, res) =>
      res
        .writeHead(404, { 'content-type': 'application/xml' })
        .end(`<poc xmlns="${CORE}"><lastName>missing</lastName></poc>`),
    );
    close = server.close;
    const input = { pocHandle: 'NOPE', body: {} };
    const error = await executeOperation(createTransport(), addPhone, input, {
      baseUrl: server.url,
      xml: codec,
      errorElement: 'poc',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(404);
    expect((error as HttpStatusError).body).toEqual({ lastName: 'missing' });
    const mapped = await executeOperation(createTransport(), addPhone, input, {
      baseUrl: server.url,
      xml: codec,
      errorElement: 'poc',
      mapError: (body, ctx) => new RegkitError('http', `mapped ${ctx.status} ${JSON.stringify(body)}`, ctx),
    }).catch((e: unknown) => e);
    expect((mapped as Error).message).toBe('mapped 404 {"lastName":"missing"}');
  });

  it('reports an undecodable success body as DecodeError, and a missing body before sending', async () => {
    const server = await startServer((_, res) => res.end('<phone xmlns="urn:wrong"/>'));
    close = server.close;
    await expect(
      executeOperation(
        createTransport(),
        addPhone,
        { pocHandle: 'P', body: {} },
        { baseUrl: server.url, xml: codec },
      ),
    ).rejects.toBeInstanceOf(DecodeError);
    await expect(
      executeOperation(createTransport(), addPhone, { pocHandle: 'P' }, { baseUrl: server.url, xml: codec }),
    ).rejects.toThrow('addPocPhone needs a request body');
    expect(server.requests).toHaveLength(1);
  });
});
