import type { XmlSchema } from '@regkit/core';
import { ArinCore, type ArinCallOptions, type ArinClientOptions } from './arinCore.js';
import type { PayloadValidator } from './command.js';
import { arinXmlSchema } from './generated/codecs.gen.js';
import {
  arinOperations,
  arinRequestSchemas,
  arinResponseSchemas,
  type ArinOperationId,
  type ArinOperationTypes,
} from './generated/operations.gen.js';

export { ARIN_ENVIRONMENTS, type ArinCallOptions, type ArinClientOptions } from './arinCore.js';

const requestSchemas: Readonly<Record<string, PayloadValidator>> = arinRequestSchemas;
const responseSchemas: Readonly<Record<string, PayloadValidator>> = arinResponseSchemas;

/** Runs the generated operations of Reg-RWS by operationId: validation, auth, retry, XML, ARIN's errors. */
export class ArinTransport {
  readonly baseUrl: string;
  readonly #core: ArinCore;

  constructor(options: ArinClientOptions) {
    this.#core = new ArinCore(options);
    this.baseUrl = this.#core.baseUrl;
  }

  /** Calls one operation by its operationId with typed input and output. */
  call<K extends ArinOperationId>(
    operationId: K,
    input: ArinOperationTypes[K]['input'],
    options?: ArinCallOptions,
  ): Promise<ArinOperationTypes[K]['output']> {
    const xml: XmlSchema = arinXmlSchema;
    const request = requestSchemas[operationId];
    const response = responseSchemas[operationId];
    return this.#core.call<ArinOperationTypes[K]['input'], ArinOperationTypes[K]['output']>(
      {
        operation: arinOperations[operationId],
        xml,
        ...(request ? { request } : {}),
        ...(response ? { response } : {}),
      },
      input,
      options,
    );
  }
}
