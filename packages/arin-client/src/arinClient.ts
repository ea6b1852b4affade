import { ArinTransport, type ArinCallOptions, type ArinClientOptions } from './client.js';
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

  constructor(options: ArinClientOptions) {
    super();
    this.#t = new ArinTransport(options);
    this.baseUrl = this.#t.baseUrl;
    // `call` works detached from the client (`const { call } = arin`), as it always has
    this.call = this.call.bind(this);
  }

  /** Any operation by its operationId, with typed input and output; bound to the client. */
  call<K extends ArinOperationId>(
    operationId: K,
    input: ArinOperationTypes[K]['input'],
    options?: ArinCallOptions,
  ): Promise<ArinOperationTypes[K]['output']> {
    return this.#t.call(operationId, input, options);
  }
}
