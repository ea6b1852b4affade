import type { MiddlewareStack, XmlSchema } from '@regkit/core';
import { ArinCore, type ArinCallOptions, type ArinClientOptions, type RpslInput } from './arinCore.js';
import type { PayloadValidator } from './command.js';
import { arinXmlSchema } from './generated/codecs.gen.js';
import {
  arinOperations,
  arinRequestSchemas,
  arinResponseSchemas,
  type ArinOperationId,
  type ArinOperationTypes,
} from './generated/operations.gen.js';
import type { AsSet, Autnum, Route, RouteSet } from './generated/types.gen.js';

export {
  ARIN_ENVIRONMENTS,
  type ArinCallOptions,
  type ArinClientOptions,
  type RpslInput,
} from './arinCore.js';

/** The IRR operations ARIN offers in RPSL as well as XML (route, aut-num, as-set, route-set). */
export type ArinRpslOperationId = {
  [K in ArinOperationId]: ArinOperationTypes[K]['output'] extends Route | Autnum | AsSet | RouteSet
    ? K
    : never;
}[ArinOperationId];

const requestSchemas: Readonly<Record<string, PayloadValidator>> = arinRequestSchemas;
const responseSchemas: Readonly<Record<string, PayloadValidator>> = arinResponseSchemas;

/** Runs the generated operations of Reg-RWS by operationId: validation, auth, retry, XML, ARIN's errors. */
export class ArinTransport {
  readonly baseUrl: string;
  /** The client's middleware (see `ArinCore.middlewareStack`). */
  readonly middlewareStack: MiddlewareStack;
  readonly #core: ArinCore;

  constructor(options: ArinClientOptions) {
    this.#core = new ArinCore(options);
    this.baseUrl = this.#core.baseUrl;
    this.middlewareStack = this.#core.middlewareStack;
  }

  /** Calls one operation by its operationId with typed input and output. */
  call<K extends ArinOperationId>(
    operationId: K,
    input: ArinOperationTypes[K]['input'],
    options?: ArinCallOptions,
  ): Promise<ArinOperationTypes[K]['output']> {
    const request = requestSchemas[operationId];
    const response = responseSchemas[operationId];
    return this.#core.call<ArinOperationTypes[K]['input'], ArinOperationTypes[K]['output']>(
      {
        operation: arinOperations[operationId],
        xml: arinXmlSchema as XmlSchema,
        ...(request ? { request } : {}),
        ...(response ? { response } : {}),
      },
      input,
      options,
    );
  }

  /** Calls an IRR operation in its RPSL representation; resolves to the RPSL text ARIN answers. */
  callRpsl<K extends ArinRpslOperationId>(
    operationId: K,
    input: RpslInput<ArinOperationTypes[K]['input']>,
    options?: ArinCallOptions,
  ): Promise<string> {
    return this.#core.callRpsl(
      { operation: arinOperations[operationId], xml: arinXmlSchema as XmlSchema },
      input,
      options,
    );
  }
}
