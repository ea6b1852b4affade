// The end of the chain: one HTTP exchange under the attempt's limits.
import { AbortedError, TimeoutError } from '../errors.js';
import { abortOnTimeout, AttemptAbort } from './attempt.js';
import { failure } from './failure.js';
import { eventOf, notify, observedHooks } from './hooks.js';
import type { AttemptLimits } from './limits.js';
import type { Handler } from '../request.js';
import type { HttpExchange, TransportHooks } from './types.js';

/**
 * The end of the chain: one exchange through `http`, its whole body read under the attempt's time
 * limit and the size limit, and every failure turned into a typed error. The same for every
 * exchange: what differs between `fetch` and undici is only how the bytes travel.
 */
export function terminal(
  http: HttpExchange,
  limits: AttemptLimits,
  hooks: TransportHooks | undefined,
): Handler {
  const observed = observedHooks(hooks);
  return async (request) => {
    const callerSignal = request.signal;
    if (callerSignal?.aborted)
      throw new AbortedError({ method: request.method, url: request.url, cause: callerSignal.reason });
    let timeoutMs = request.options.timeoutMs === undefined ? limits.timeoutMs : request.options.timeoutMs;
    let scope: 'attempt' | 'deadline' = 'attempt';
    if (request.deadline !== undefined) {
      const left = Math.ceil(request.deadline - performance.now());
      if (left <= 0)
        throw new TimeoutError(request.deadlineMs ?? 0, {
          method: request.method,
          url: request.url,
          scope: 'deadline',
        });
      if (timeoutMs === 0 || left < timeoutMs) {
        timeoutMs = left;
        scope = 'deadline';
      }
    }
    // the attempt ends early when its time is up or the caller aborts; a listener on the caller's
    // signal costs less than AbortSignal.any, which showed in profiles
    const attempt = new AttemptAbort(
      request.options.maxResponseBytes ?? limits.maxResponseBytes,
      timeoutMs !== 0 || callerSignal !== undefined,
    );
    const timer = timeoutMs === 0 ? undefined : setTimeout(abortOnTimeout, timeoutMs, attempt);
    const onCallerAbort = callerSignal && (() => attempt.abort(callerSignal.reason));
    if (onCallerAbort) callerSignal.addEventListener('abort', onCallerAbort, { once: true });
    const event = observed && eventOf(request);
    const started = event ? performance.now() : 0;
    if (event) notify(observed.onRequest, event);
    try {
      const response = await http.send(request, attempt);
      if (event && observed.onResponse)
        notify(observed.onResponse, {
          ...event,
          status: response.status,
          durationMs: performance.now() - started,
        });
      return response;
    } catch (cause) {
      const error = failure(request, cause, {
        timeoutMs: scope === 'deadline' ? (request.deadlineMs ?? timeoutMs) : timeoutMs,
        scope,
        timedOut: attempt.timedOut,
      });
      if (event && observed.onError)
        notify(observed.onError, { ...event, error, durationMs: performance.now() - started });
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
      if (onCallerAbort) callerSignal.removeEventListener('abort', onCallerAbort);
    }
  };
}
