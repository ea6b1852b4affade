import type { MiddlewareStack } from '@regkit/core';
import {
  ArinTransport,
  type ArinCallOptions,
  type ArinClientOptions,
  type ArinRpslOperationId,
  type RpslInput,
} from './client.js';
import { ArinFacade } from './generated/facade.gen.js';
import type { ArinOperationId, ArinOperationTypes } from './generated/operations.gen.js';

/**
 * A typed client of ARIN's Registration RESTful Web Service (Reg-RWS). Its groups (`poc`, `org`,
 * `net`, …) and their methods are generated from the spec.
 *
 * ```ts
 * const arin = new ArinClient({ apiKey: process.env.ARIN_API_KEY! }); // OT&E by default
 * const poc = await arin.poc.get('JD1-ARIN');
 * ```
 */
export class ArinClient extends ArinFacade {
  readonly #t: ArinTransport;
  /** The base URL in use. */
  readonly baseUrl: string;
  /**
   * The client's middleware: `retry`, then the `middleware` option's (step `build`), then `auth`
   * (the API key). Changes apply to the calls that start after them.
   *
   * ```ts
   * arin.middlewareStack.addRelativeTo(logAttempt, { name: 'log', relation: 'before', toMiddleware: 'auth' });
   * ```
   */
  readonly middlewareStack: MiddlewareStack;

  constructor(options: ArinClientOptions) {
    super();
    this.#t = new ArinTransport(options);
    this.baseUrl = this.#t.baseUrl;
    this.middlewareStack = this.#t.middlewareStack;
    // `call` works detached from the client (`const { call } = arin`), as it always has
    this.call = this.call.bind(this);
    this.callRpsl = this.callRpsl.bind(this);
  }

  /** Any operation by its operationId, with typed input and output; bound to the client. */
  call<K extends ArinOperationId>(
    operationId: K,
    input: ArinOperationTypes[K]['input'],
    options?: ArinCallOptions,
  ): Promise<ArinOperationTypes[K]['output']> {
    return this.#t.call(operationId, input, options);
  }

  /**
   * An IRR operation (route, aut-num, as-set, route-set) in its RPSL representation, for advanced
   * objects: the body is RPSL text and so is the answer. Simple objects use the XML methods of `irr`.
   *
   * ```ts
   * const text = await arin.callRpsl('getIrrRoute', { address: '192.0.2.0', prefixLength: 24, originAs: 'AS64496' });
   * ```
   */
  callRpsl<K extends ArinRpslOperationId>(
    operationId: K,
    input: RpslInput<ArinOperationTypes[K]['input']>,
    options?: ArinCallOptions,
  ): Promise<string> {
    return this.#t.callRpsl(operationId, input, options);
  }
}
