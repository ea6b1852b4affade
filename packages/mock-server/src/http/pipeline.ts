import type { OperationDefinition } from '@regkit/core';
import type * as z from 'zod/mini';
import { OperationRouter, ParameterError, parametersOf, type RouteMatch } from './router.js';
import type { MockRequest, MockResponse } from './types.js';

/** The generated validator of a request body. */
export type BodySchema = z.ZodMiniType;

/** One request on its way through the pipeline: the API's state, the request, its operation. */
export interface Exchange<State> {
  readonly state: State;
  readonly request: MockRequest;
  readonly match: RouteMatch<string>;
  /** Response headers the handler adds. */
  readonly headers: Record<string, string>;
}

/** A handler as the pipeline calls it: the input its operation's descriptor describes, the API's context. */
export type AnyHandler<Ctx> = (input: never, ctx: Ctx) => unknown;

/** An API's handlers by operationId; an operation without one answers 501. */
export type HandlerTable<Id extends string, Ctx> = { readonly [K in Id]?: AnyHandler<Ctx> };

/** How an API's bodies travel: request bytes to a value to validate, handler output to a response. */
export interface BodyCodec<State, Ctx> {
  /** The request body as a value for its schema, or undefined when the operation reads none from this request. */
  decode(exchange: Exchange<State>, ctx: Ctx): unknown;
  /** Checks beyond the schema that every body of the API passes (field lengths). */
  accept?(exchange: Exchange<State>, value: unknown): void;
  /** The response of a handler's output. */
  encode(exchange: Exchange<State>, output: unknown, ctx: Ctx): MockResponse;
}

/** How an API words its refusals. */
export interface ApiErrors<State> {
  /** The answer to an error thrown on the way (a rule error, bad percent-encoding); undefined for a bug. */
  answer(error: unknown, request: MockRequest): MockResponse | undefined;
  /** A parameter value outside its declared type. */
  badParameter(error: ParameterError, exchange: Exchange<State>): MockResponse;
  /** A body the operation's schema refuses. */
  invalidBody(error: z.core.$ZodError, exchange: Exchange<State>, value: unknown): MockResponse;
  /** An operation (of a newer spec, or left out of the handlers) the mock has no rule for. */
  notImplemented(operationId: string): MockResponse;
}

/**
 * What an API brings to the pipeline: its generated descriptors and body schemas, its routing
 * conventions, its body codec, its authentication (in the handler context) and its error vocabulary.
 */
export interface ApiProfile<Id extends string, State, Ctx> {
  /** The operations of the spec by operationId: the generated descriptors. */
  readonly operations: Readonly<Record<Id, OperationDefinition>>;
  /** Literal path segments match in any case. */
  readonly caseInsensitive?: boolean;
  /** The operation of a request (the API's base path and segment syntax); throws the API's refusal. */
  route(request: MockRequest, router: OperationRouter<string>): RouteMatch<string>;
  /** The handler context of a routed request; authenticates the caller (throws the API's refusal). */
  context(exchange: Exchange<State>): Ctx;
  /** The validator of the body of an operation (the variant the client sends), undefined for none. */
  schemaOf(operationId: Id, ctx: Ctx): BodySchema | undefined;
  readonly codec: BodyCodec<State, Ctx>;
  readonly errors: ApiErrors<State>;
  /** The mock's rules by operationId. */
  readonly handlers: HandlerTable<Id, Ctx>;
}

/** The operations a mock serves: the spec's, or those of a newer spec. */
export type OperationMap = Readonly<Record<string, OperationDefinition>>;

/**
 * One request pipeline for every API: match the operation with the router derived from the
 * descriptors, authenticate, read the parameters, decode the body and validate it with the
 * operation's generated schema, run the handler of the operationId, encode its output.
 */
export class ApiPipeline<Id extends string, State, Ctx> {
  readonly #profile: ApiProfile<Id, State, Ctx>;
  readonly #router: OperationRouter<string>;
  readonly #routers = new WeakMap<OperationMap, OperationRouter<string>>();

  constructor(profile: ApiProfile<Id, State, Ctx>) {
    this.#profile = profile;
    this.#router = this.#newRouter(profile.operations);
  }

  #newRouter(operations: OperationMap): OperationRouter<string> {
    return new OperationRouter<string>(operations, { caseInsensitive: this.#profile.caseInsensitive });
  }

  #routerOf(operations: OperationMap | undefined): OperationRouter<string> {
    if (!operations) return this.#router;
    let router = this.#routers.get(operations);
    if (!router) this.#routers.set(operations, (router = this.#newRouter(operations)));
    return router;
  }

  /** Every operation of the spec, in spec order. */
  get operationIds(): Id[] {
    return this.#router.operationIds.filter((id) => this.isOperationId(id));
  }

  isOperationId(id: string): id is Id {
    return Object.hasOwn(this.#profile.operations, id);
  }

  /** The operation id a request would run, or undefined when it matches none. */
  operationOf(request: MockRequest, operations?: OperationMap): string | undefined {
    try {
      return this.#profile.route(request, this.#routerOf(operations)).operationId;
    } catch {
      return undefined;
    }
  }

  /** Answers one request against the state with these handlers (the API's own by default) and operations. */
  handle(
    state: State,
    request: MockRequest,
    handlers: HandlerTable<Id, Ctx> = this.#profile.handlers,
    operations?: OperationMap,
  ): MockResponse {
    const { errors } = this.#profile;
    try {
      return this.#run(state, request, handlers, operations);
    } catch (error) {
      const answer = errors.answer(error, request);
      if (answer) return answer;
      throw error;
    }
  }

  #run(
    state: State,
    request: MockRequest,
    handlers: HandlerTable<Id, Ctx>,
    operations: OperationMap | undefined,
  ): MockResponse {
    const profile = this.#profile;
    const match = profile.route(request, this.#routerOf(operations));
    const exchange: Exchange<State> = { state, request, match, headers: {} };
    const ctx = profile.context(exchange);
    let input: Record<string, unknown>;
    try {
      input = parametersOf(match, request.url.searchParams);
    } catch (error) {
      if (error instanceof ParameterError) return profile.errors.badParameter(error, exchange);
      throw error;
    }
    // An operation of a newer spec has no schema or rule here: it answers 501.
    const operationId = this.isOperationId(match.operationId) ? match.operationId : undefined;
    const handler = operationId && handlers[operationId];
    const decoded = profile.codec.decode(exchange, ctx);
    if (decoded !== undefined) {
      const schema = operationId && profile.schemaOf(operationId, ctx);
      const parsed = schema ? schema.safeParse(decoded) : { success: true as const, data: decoded };
      if (!parsed.success) return profile.errors.invalidBody(parsed.error, exchange, decoded);
      profile.codec.accept?.(exchange, parsed.data);
      input.body = parsed.data;
    }
    if (!handler) return profile.errors.notImplemented(match.operationId);
    // The input was built from this operation's descriptor: the shape its generated input type describes.
    const output = handler(input as never, ctx);
    return profile.codec.encode(exchange, output, ctx);
  }

  /** The operations of the spec these handlers (the API's own by default) have a rule for. */
  handledOperationIds(handlers: HandlerTable<Id, Ctx> = this.#profile.handlers): Id[] {
    return this.operationIds.filter((id) => handlers[id] !== undefined);
  }
}
