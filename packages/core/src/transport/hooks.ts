// The log hooks: what they receive (never a secret) and how they are called (never failing a call).
import { redactHeaders, redactUrl } from '../redact.js';
import type { RegkitRequest } from '../request.js';
import type { RequestEvent, TransportHooks } from './types.js';

/** The hooks when at least one is set, so that events are built only when a hook will see them. */
export function observedHooks(hooks: TransportHooks | undefined): TransportHooks | undefined {
  return hooks?.onRequest || hooks?.onResponse || hooks?.onError ? hooks : undefined;
}

/** The redacted event of a request. */
export function eventOf(request: RegkitRequest): RequestEvent {
  return {
    method: request.method,
    url: redactUrl(request.url.href),
    headers: redactHeaders(request.headers),
    attempt: request.attempt,
  };
}

/** Calls a log hook; a failing hook must not fail the call. */
export function notify<E>(hook: ((event: E) => void) | undefined, event: E): void {
  try {
    hook?.(event);
  } catch {
    // ignored
  }
}
