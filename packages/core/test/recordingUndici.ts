import type { Dispatcher } from 'undici';
import { undiciHttp, type UndiciHttp } from '../src/undici.js';

/**
 * An undici exchange whose dispatcher records `METHOD path` of every request it dispatches, over
 * `dispatcher` or an agent of its own; `close` closes that agent.
 */
export function recordingUndici(dispatcher?: Dispatcher): {
  http: UndiciHttp;
  sent: string[];
  close: () => Promise<void>;
} {
  const own = dispatcher ?? undiciHttp().dispatcher;
  const sent: string[] = [];
  const http = undiciHttp({
    dispatcher: own.compose((dispatch) => (options, handler) => {
      sent.push(`${options.method} ${options.path}`);
      return dispatch(options, handler);
    }),
  });
  return { http, sent, close: () => own.close() };
}
