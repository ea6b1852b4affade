import { afterEach, describe, expect, it } from 'vitest';
import {
  clientMiddlewareStack,
  createMiddlewareStack,
  createTransport,
  ValidationError,
  type Handler,
  type Middleware,
  type MiddlewareStack,
  type RegkitRequest,
} from '../src/index.js';
import { startServer } from './loopback.js';

/** A middleware that adds `name` to the `x-trail` header on the way in and to `seen` on the way out. */
function tag(name: string, seen: string[] = []): Middleware {
  return (request, next) => {
    const headers = new Headers(request.headers);
    headers.set('x-trail', [headers.get('x-trail'), name].filter(Boolean).join(','));
    return next({ ...request, headers }).then((response) => {
      seen.push(name);
      return response;
    });
  };
}

/** The order the entries of `stack` run in, unnamed ones shown as `?`. */
const names = (stack: MiddlewareStack) => stack.entries().map((entry) => entry.name ?? '?');

/** Runs `stack` in front of a handler that answers with the trail the request carried. */
async function trail(stack: MiddlewareStack): Promise<string> {
  const echo: Handler = async (request) => new Response(request.headers.get('x-trail') ?? '');
  const request: RegkitRequest = {
    method: 'GET',
    url: new URL('http://127.0.0.1/'),
    headers: new Headers(),
    attempt: 1,
    options: {},
    retry: 'safe',
  };
  return (await stack.resolve(echo)(request)).text();
}

describe('middleware stack', () => {
  it('orders entries by step, then priority, then the order they were added in', async () => {
    const stack = createMiddlewareStack();
    stack.add(tag('fin'), { name: 'fin', step: 'finalize' });
    stack.add(tag('auth'), { name: 'auth', step: 'auth' });
    stack.add(tag('b1'), { name: 'b1' });
    stack.add(tag('b2'), { name: 'b2', step: 'build' });
    stack.add(tag('bLow'), { name: 'bLow', step: 'build', priority: 'low' });
    stack.add(tag('bHigh'), { name: 'bHigh', step: 'build', priority: 'high' });
    stack.add(tag('retry'), { name: 'retry', step: 'retry' });
    stack.add(tag('init'), { name: 'init', step: 'initialize' });
    const order = ['init', 'retry', 'bHigh', 'b1', 'b2', 'bLow', 'auth', 'fin'];
    expect(names(stack)).toEqual(order);
    expect(await trail(stack)).toBe(order.join(','));
  });

  it('places entries before and after a named one, also next to relative entries', async () => {
    const stack = createMiddlewareStack();
    // added before their anchor exists: the position is worked out when the stack is resolved
    stack.addRelativeTo(tag('signed'), { name: 'signed', relation: 'after', toMiddleware: 'auth' });
    stack.add(tag('retry'), { name: 'retry', step: 'retry' });
    stack.add(tag('auth'), { name: 'auth', step: 'auth' });
    stack.addRelativeTo(tag('pre1'), { name: 'pre1', relation: 'before', toMiddleware: 'auth' });
    stack.addRelativeTo(tag('pre2'), { name: 'pre2', relation: 'before', toMiddleware: 'auth' });
    stack.addRelativeTo(tag('afterSigned'), { relation: 'after', toMiddleware: 'signed' });
    stack.add(tag('fin'), { name: 'fin', step: 'finalize' });
    const order = ['retry', 'pre1', 'pre2', 'auth', 'signed', '?', 'fin'];
    expect(names(stack)).toEqual(order);
    expect(await trail(stack)).toBe('retry,pre1,pre2,auth,signed,afterSigned,fin');
  });

  it('refuses a name already in the stack, whichever way either entry was added', () => {
    const stack = createMiddlewareStack();
    stack.add(tag('a'), { name: 'auth', step: 'auth' });
    expect(() => stack.add(tag('b'), { name: 'auth' })).toThrow(ValidationError);
    expect(() =>
      stack.addRelativeTo(tag('c'), { name: 'auth', relation: 'before', toMiddleware: 'auth' }),
    ).toThrow(/'auth' is already in the stack/);
    // unnamed entries never clash, and a refused entry is not added
    stack.add(tag('d'));
    stack.add(tag('e'));
    expect(names(stack)).toEqual(['?', '?', 'auth']);
  });

  it('refuses an unknown step, priority or relation and a middleware that is not a function', () => {
    const stack = createMiddlewareStack();
    expect(() => stack.add(tag('a'), { step: 'send' as never })).toThrow(
      /initialize, retry, build, auth, finalize/,
    );
    expect(() => stack.add(tag('a'), { priority: 'urgent' as never })).toThrow(ValidationError);
    expect(() => stack.addRelativeTo(tag('a'), { relation: 'around' as never, toMiddleware: 'x' })).toThrow(
      ValidationError,
    );
    expect(() => stack.add('retry' as never)).toThrow(/must be a function/);
    expect(stack.entries()).toEqual([]);
  });

  it('fails to resolve when an anchor is missing or anchors form a circle', async () => {
    const stack = createMiddlewareStack();
    stack.addRelativeTo(tag('x'), { name: 'x', relation: 'after', toMiddleware: 'missing' });
    expect(() => stack.entries()).toThrow(/'x' is placed after 'missing', which is not in the stack/);
    stack.remove('x');
    stack.addRelativeTo(tag('p'), { name: 'p', relation: 'before', toMiddleware: 'q' });
    stack.addRelativeTo(tag('q'), { name: 'q', relation: 'after', toMiddleware: 'p' });
    expect(() => stack.resolve(async () => new Response(''))).toThrow(/placed relative to it in turn/);
  });

  it('removes by name or by function and says whether anything was removed', async () => {
    const unnamed = tag('unnamed');
    const stack = createMiddlewareStack();
    stack.add(tag('retry'), { name: 'retry', step: 'retry' });
    stack.add(unnamed);
    stack.add(tag('auth'), { name: 'auth', step: 'auth' });
    expect(stack.remove('retry')).toBe(true);
    expect(stack.remove('retry')).toBe(false);
    expect(stack.has('retry')).toBe(false);
    expect(stack.remove(unnamed)).toBe(true);
    expect(stack.remove(unnamed)).toBe(false);
    expect(await trail(stack)).toBe('auth');
    // the name is free again
    stack.add(tag('retry2'), { name: 'retry', step: 'retry' });
    expect(await trail(stack)).toBe('retry2,auth');
  });

  it('clones into a stack that changes independently', async () => {
    const stack = createMiddlewareStack();
    stack.add(tag('retry'), { name: 'retry', step: 'retry' });
    stack.addRelativeTo(tag('log'), { name: 'log', relation: 'before', toMiddleware: 'retry' });
    const copy = stack.clone();
    expect(names(copy)).toEqual(['log', 'retry']);
    copy.remove('log');
    copy.add(tag('auth'), { name: 'auth', step: 'auth' });
    stack.add(tag('fin'), { name: 'fin', step: 'finalize' });
    expect(await trail(stack)).toBe('log,retry,fin');
    expect(await trail(copy)).toBe('retry,auth');
  });

  it('reuses its chain until it changes', () => {
    const stack = createMiddlewareStack();
    stack.add(tag('a'), { name: 'a' });
    const handler: Handler = async () => new Response('');
    const chain = stack.resolve(handler);
    expect(stack.resolve(handler)).toBe(chain);
    stack.add(tag('b'), { name: 'b' });
    expect(stack.resolve(handler)).not.toBe(chain);
  });
});

describe('clientMiddlewareStack', () => {
  const auth: Middleware = (request, next) => next(request);

  it("holds 'retry', the caller's middleware in order, then 'auth'", () => {
    const first = tag('first');
    const second = tag('second');
    const stack = clientMiddlewareStack({ middleware: [first, second] }, auth);
    expect(names(stack)).toEqual(['retry', '?', '?', 'auth']);
    expect(
      stack
        .entries()
        .map((entry) => entry.middleware)
        .slice(1),
    ).toEqual([first, second, auth]);
  });

  it("leaves 'retry' out with retry: false", () => {
    expect(names(clientMiddlewareStack({ retry: false }, auth))).toEqual(['auth']);
  });
});

describe('transport over a middleware stack', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('runs the stack as it is when each call starts', async () => {
    const server = await startServer((req, res) => res.end(String(req.headers['x-trail'] ?? '')));
    close = server.close;
    const stack = createMiddlewareStack();
    stack.add(tag('auth'), { name: 'auth', step: 'auth' });
    const transport = createTransport({ middleware: stack });
    const send = async () => (await transport.send({ method: 'GET', url: server.url })).text();
    expect(await send()).toBe('auth');
    stack.addRelativeTo(tag('log'), { name: 'log', relation: 'before', toMiddleware: 'auth' });
    expect(await send()).toBe('log,auth');
    stack.remove('log');
    expect(await send()).toBe('auth');
    expect(server.requests.map((r) => r.headers['x-trail'])).toEqual(['auth', 'log,auth', 'auth']);
  });

  it('rejects the call, sending nothing, when the stack cannot be resolved', async () => {
    const server = await startServer((_, res) => res.end('ok'));
    close = server.close;
    const stack = createMiddlewareStack();
    stack.addRelativeTo(tag('x'), { name: 'x', relation: 'after', toMiddleware: 'auth' });
    const transport = createTransport({ middleware: stack });
    await expect(transport.send({ method: 'GET', url: server.url })).rejects.toThrow(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
