// The middleware stack every regkit client starts from.
import { retryMiddleware, type RetryOptions } from '../retry.js';
import type { Middleware } from '../request.js';
import { createMiddlewareStack, type MiddlewareStack } from './stack.js';

/** The options of a client that shape its middleware. */
export interface ClientMiddlewareOptions {
  /** Retry settings, or `false` for none (default: `retryMiddleware`'s). */
  readonly retry?: RetryOptions | false;
  /** Extra middleware, outermost first, run on every attempt before authentication. */
  readonly middleware?: readonly Middleware[];
}

/**
 * A client's stack, outermost first: `retry` (step `retry`, unless `retry: false`), then the
 * caller's `middleware` in the order given (step `build`, unnamed), then `auth` (step `auth`).
 */
export function clientMiddlewareStack(options: ClientMiddlewareOptions, auth: Middleware): MiddlewareStack {
  const stack = createMiddlewareStack();
  if (options.retry !== false)
    stack.add(retryMiddleware(options.retry ?? {}), { name: 'retry', step: 'retry' });
  for (const middleware of options.middleware ?? []) stack.add(middleware, { step: 'build' });
  stack.add(auth, { name: 'auth', step: 'auth' });
  return stack;
}
