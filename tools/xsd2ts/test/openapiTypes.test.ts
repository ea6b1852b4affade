// Compile-time agreement between our operation types and openapi-typescript's, for every operation:
// `npm run typecheck` fails when they drift apart. The runtime assertions only keep vitest honest
// about the files existing.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { bundleArinContract } from '../src/emit/arinContract.js';
import { renderOpenApiTypes } from '../src/emit/openapiTypes.js';
import { readApi } from '../src/generate.js';
import type { LinkedApi } from '../src/model.js';
import { SpecError } from '../src/specError.js';
import type * as Arin from '../../../packages/arin-client/src/generated/openapi.gen.js';
import type {
  ArinOperationId,
  ArinOperationTypes,
} from '../../../packages/arin-client/src/generated/operations.gen.js';
import type * as Helpdesk from '../../../packages/helpdesk-client/src/generated/openapi.gen.js';
import type {
  HelpdeskOperationId,
  HelpdeskOperationTypes,
} from '../../../packages/helpdesk-client/src/generated/operations.gen.js';

type Content<R> = R extends { content: infer C } ? C[keyof C] : void;
/** The body of the success response: 200, else 201, else 204 (none). */
type Success<Op> = Op extends { responses: infer Rs }
  ? 200 extends keyof Rs
    ? Content<Rs[200]>
    : 201 extends keyof Rs
      ? Content<Rs[201]>
      : void
  : never;
type RequestBody<Op> = Op extends { requestBody: { content: infer C } }
  ? C[keyof C]
  : Op extends { requestBody?: { content: infer C } }
    ? C[keyof C]
    : never;
/** A `collection` body decodes to the array of its one item type: one of the collection's lists. */
type Decoded<Body, Ours> = Ours extends readonly unknown[]
  ? NonNullable<Body[keyof Body]>
  : // a binary body (`format: binary`) is typed `string` there and read as bytes here
    Ours extends Uint8Array
    ? Body extends string
      ? Ours
      : Body
    : Body;
/** `true` when what we type is a value their type accepts. */
type Fits<Ours, Theirs> = [Ours] extends [Theirs] ? true : false;
/** Path and query parameters (matrix ones are inside `path.matrix` there, flat in ours). */
type Present<T> = [NonNullable<T>] extends [never] ? unknown : NonNullable<T>;
type Params<Op> = Op extends { parameters: { path?: infer P; query?: infer Q } }
  ? (Present<P> extends { matrix: infer M } ? Omit<Present<P>, 'matrix'> & M : Present<P>) & Present<Q>
  : never;

type OursFit<Ops, Types, Id extends keyof Types & keyof Ops> = {
  [K in Id]: {
    output: Types[K] extends { output: infer O } ? Fits<O, Decoded<Success<Ops[K]>, O>> : false;
    body: Types[K] extends { input: { body: infer B } } ? Fits<B, RequestBody<Ops[K]>> : true;
    params: Types[K] extends { input: infer I } ? Fits<Omit<I, 'body'>, Params<Ops[K]>> : false;
  };
};
type AllTrue<Id extends PropertyKey> = { [K in Id]: { output: true; body: true; params: true } };

/** A body type a tool cannot use: `unknown`, or an object with no property at all. */
type Unusable<T> = unknown extends T
  ? true
  : [T] extends [void]
    ? false
    : T extends object
      ? [keyof T] extends [never]
        ? true
        : false
      : false;
/** The operations whose success or request body openapi-typescript types as unusable. */
type UnusableBodies<Ops> = {
  [K in keyof Ops]: Unusable<Success<Ops[K]>> extends true
    ? K
    : [RequestBody<Ops[K]>] extends [never]
      ? never
      : Unusable<RequestBody<Ops[K]>> extends true
        ? K
        : never;
}[keyof Ops];

const here = dirname(fileURLToPath(import.meta.url));

describe('openapi-typescript types every body of both contracts', () => {
  it('no operation has an unknown or empty success or request body', () => {
    expectTypeOf<UnusableBodies<Helpdesk.operations>>().toEqualTypeOf<never>();
    expectTypeOf<UnusableBodies<Arin.operations>>().toEqualTypeOf<never>();
    // the helpdesk envelopes: a record under Ticket (or Tickets), not unknown
    expectTypeOf<Success<Helpdesk.operations['getTicket']>>().toExtend<
      { Ticket: Record<string, unknown> } | { Tickets: Record<string, unknown> }
    >();
    expect(existsSync(join(here, '../../../packages/arin-client/src/generated/openapi.gen.ts'))).toBe(true);
  });
});

describe('operation types agree with openapi-typescript on every operation', () => {
  it('helpdesk: outputs, request bodies and parameters', () => {
    expectTypeOf<OursFit<Helpdesk.operations, HelpdeskOperationTypes, HelpdeskOperationId>>().toEqualTypeOf<
      AllTrue<HelpdeskOperationId>
    >();
    expect(existsSync(join(here, '../../../packages/helpdesk-client/src/generated/openapi.gen.ts'))).toBe(
      true,
    );
  });

  it('arin: outputs, request bodies and parameters (from the bundled contract)', () => {
    expectTypeOf<OursFit<Arin.operations, ArinOperationTypes, ArinOperationId>>().toEqualTypeOf<
      AllTrue<ArinOperationId>
    >();
    expect(existsSync(join(here, '../../../packages/arin-client/src/generated/openapi.gen.ts'))).toBe(true);
  });
});

describe('renderOpenApiTypes', () => {
  const repoRoot = join(here, '../../..');
  const body = (text: string) => text.slice(text.indexOf('\n\n') + 2);

  it('writes what openapiTS() writes, after its lint and bundle passes, for both documents', async () => {
    for (const name of ['arin', 'helpdesk'] as const) {
      const api = readApi(name, repoRoot);
      const document = structuredClone(api.xml ? bundleArinContract(api) : api.document) as OpenAPI3;
      const theirs = astToString(await openapiTS(document, { alphabetize: false, silent: true }));
      expect(body(await renderOpenApiTypes(api)), name).toBe(theirs);
    }
  });

  const doc = (schemas: Record<string, unknown>) =>
    ({
      sources: ['spec.openapi.yaml'],
      document: { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } },
    }) as unknown as LinkedApi;

  it('stops at a $ref that points at nothing, naming where it is', async () => {
    const api = doc({ A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } } });
    await expect(renderOpenApiTypes(api)).rejects.toThrow(SpecError);
    await expect(renderOpenApiTypes(api)).rejects.toThrow(
      "spec.openapi.yaml: #/components/schemas/A/properties/b: $ref '#/components/schemas/B' points at nothing",
    );
  });

  it('types discriminated unions as openapiTS() does, and leaves the document as it was', async () => {
    const api = doc({
      Pet: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } },
      },
      Cat: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
      Dog: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
    });
    const before = JSON.stringify(api.document);
    const theirs = astToString(
      await openapiTS(structuredClone(api.document) as OpenAPI3, { alphabetize: false, silent: true }),
    );
    expect(body(await renderOpenApiTypes(api))).toBe(theirs);
    expect(theirs).toContain('kind: "cat";');
    expect(JSON.stringify(api.document)).toBe(before);
  });

  it('reads a $ref inside an example as data', async () => {
    const api = doc({
      A: { type: 'string', examples: [{ $ref: '#/nowhere' }] },
      B: { $ref: '#/components/schemas/A' },
    });
    expect(await renderOpenApiTypes(api)).toContain('B: components["schemas"]["A"];');
  });
});
