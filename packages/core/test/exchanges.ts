// The two HTTP exchanges a transport can run on: the transport tests run over each of them, so every
// behaviour (limits, timeouts, aborts, dropped connections, redirects, hooks, redaction) is proven
// for both.
import { createTransport as create, type TransportOptions } from '../src/index.js';
import { undiciHttp } from '../src/undici.js';

export interface ExchangeCase {
  readonly name: 'fetch' | 'undici';
  /** `createTransport` over this exchange. */
  readonly createTransport: typeof create;
}

export const exchanges: readonly ExchangeCase[] = [
  { name: 'fetch', createTransport: create },
  {
    name: 'undici',
    // a keep-alive agent of its own for each transport, as a user of undiciHttp() gets
    createTransport: (options: TransportOptions = {}) => create({ ...options, http: undiciHttp() }),
  },
];
