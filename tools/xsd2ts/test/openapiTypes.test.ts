// Compile-time agreement between our operation types and openapi-typescript's, for every operation:
// `npm run typecheck` fails when they drift apart. The runtime assertions only keep vitest honest
// about the files existing.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
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
