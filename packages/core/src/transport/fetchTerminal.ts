// The end of the chain: one `fetch` under the attempt's limits.
import { AbortedError, TimeoutError } from '../errors.js';
import { BufferedResponse } from '../bufferedResponse.js';
import { failure } from './failure.js';
import { eventOf, notify, observedHooks } from './hooks.js';
import type { AttemptLimits } from './limits.js';
import { readBody } from './readBody.js';
import type { Handler } from '../request.js';
import type { TransportHooks } from './types.js';

function abortOnTimeout(controller: AbortController): void {
  controller.abort();
}

/**
 * The end of the chain: one `fetch`, its whole body read under the attempt's time limit and the
 * size limit, and every failure turned into a typed error.
 */
export function fetchTerminal(
  fetchImpl: typeof globalThis.fetch,
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
    // one controller per attempt, aborted when the attempt's time is up
    const controller = timeoutMs === 0 ? undefined : new AbortController();
    const timer = controller && setTimeout(abortOnTimeout, timeoutMs, controller);
    const signal =
      callerSignal && controller
        ? AbortSignal.any([callerSignal, controller.signal])
        : (controller?.signal ?? callerSignal);
    const event = observed && eventOf(request);
    const started = event ? performance.now() : 0;
    if (event) notify(observed.onRequest, event);
    try {
      const response = await fetchImpl(request.url.href, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal,
        redirect: 'manual',
      });
      const body = await readBody(
        response,
        request.options.maxResponseBytes ?? limits.maxResponseBytes,
        request,
      );
      if (event && observed.onResponse)
        notify(observed.onResponse, {
          ...event,
          status: response.status,
          durationMs: performance.now() - started,
        });
      return new BufferedResponse(body, response);
    } catch (cause) {
      const error = failure(request, cause, {
        timeoutMs: scope === 'deadline' ? (request.deadlineMs ?? timeoutMs) : timeoutMs,
        scope,
        timedOut: controller?.signal.aborted === true,
      });
      if (event && observed.onError)
        notify(observed.onError, { ...event, error, durationMs: performance.now() - started });
      throw error;
    } finally {
      if (timer) clearTimeout(timer);
    }
  };
}
