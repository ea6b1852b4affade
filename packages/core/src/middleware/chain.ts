// How middleware and the handler at its end become one handler.
import type { Handler, Middleware } from '../request.js';

/** `handler` behind `middleware`, outermost first: the first middleware sees the request first. */
export function composeChain(middleware: readonly Middleware[], handler: Handler): Handler {
  let chain = handler;
  for (let i = middleware.length - 1; i >= 0; i--) {
    const step = middleware[i] as Middleware;
    const next = chain;
    chain = (request) => step(request, next);
  }
  return chain;
}
