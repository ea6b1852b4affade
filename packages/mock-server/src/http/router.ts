import { paramProp, type OperationDefinition, type ParamDefinition } from '@regkit/core';

/** A path segment as sent: its percent-decoded name and its `;name=value` matrix parameters. */
export interface Segment {
  readonly name: string;
  readonly matrix: Readonly<Record<string, string>>;
}

/** Why a request matched no operation. */
export type NoRoute =
  | { readonly reason: 'not-found' }
  | {
      readonly reason: 'method-not-allowed';
      /** The methods the resource answers (`HEAD` wherever `GET`), for the `Allow` header of a 405. */
      readonly allow: readonly string[];
    };

/** The `Allow` list of a resource answering `methods`: `HEAD` beside every `GET`, in a fixed order. */
export function allowOf(methods: Iterable<string>): string[] {
  const set = new Set(methods);
  if (set.has('GET')) set.add('HEAD');
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  return [...set].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** What the router reads of an operation: method, path template (`/a/{param}`) and extensions. */
export interface RouteDefinition {
  readonly method: string;
  readonly path: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface RouteMatch<Id extends string, Op extends RouteDefinition = OperationDefinition> {
  readonly operationId: Id;
  readonly operation: Op;
  /** Path parameter values by parameter name. */
  readonly path: Readonly<Record<string, string>>;
  /** Matrix parameters of the last segment. */
  readonly matrix: Readonly<Record<string, string>>;
}

interface Route<Id extends string, Op extends RouteDefinition> {
  readonly operationId: Id;
  readonly operation: Op;
  /** Literal text, or the parameter name in braces. */
  readonly segments: readonly { literal?: string; param?: string }[];
  readonly params: number;
  readonly emptyAllowed: ReadonlySet<string>;
}

/**
 * The inverse of core's `buildUrl`: finds the operation of a request from the generated
 * descriptors (path template, path parameters that may be empty, matrix parameters of the last
 * segment). The route with the fewest parameters wins (`/ticket/summary` over `/ticket/{ticketNo}`).
 */
export class OperationRouter<Id extends string, Op extends RouteDefinition = OperationDefinition> {
  readonly #routes: readonly Route<Id, Op>[];
  readonly #caseInsensitive: boolean;

  constructor(operations: Readonly<Record<Id, Op>>, options: { caseInsensitive?: boolean } = {}) {
    this.#caseInsensitive = options.caseInsensitive ?? false;
    const entries = Object.entries(operations) as [Id, Op][];
    this.#routes = entries.map(([operationId, operation]) => {
      const segments = operation.path
        .split('/')
        .filter(Boolean)
        .map((s) => (s.startsWith('{') && s.endsWith('}') ? { param: s.slice(1, -1) } : { literal: s }));
      const empty = operation.extensions?.['x-empty-path-parameters'];
      return {
        operationId,
        operation,
        segments,
        params: segments.filter((s) => s.param).length,
        emptyAllowed: new Set(Array.isArray(empty) ? empty.map(String) : []),
      };
    });
  }

  /** Every operationId the router knows, in spec order. */
  get operationIds(): Id[] {
    return this.#routes.map((r) => r.operationId);
  }

  #fits(route: Route<Id, Op>, names: readonly string[]): boolean {
    const same = (a: string, b: string) =>
      this.#caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
    return (
      route.segments.length === names.length &&
      route.segments.every((s, i) => {
        const name = names[i] ?? '';
        return s.param !== undefined
          ? name !== '' || route.emptyAllowed.has(s.param)
          : same(s.literal ?? '', name);
      })
    );
  }

  /** The operation of `method` on these segments (after the base path). */
  match(method: string, segments: readonly Segment[]): RouteMatch<Id, Op> | NoRoute {
    let parts = segments;
    // A trailing slash is forgiven, unless it stands for an empty parameter a route allows.
    if (
      parts.length > 1 &&
      parts.at(-1)?.name === '' &&
      !this.#routes.some((r) =>
        this.#fits(
          r,
          parts.map((p) => p.name),
        ),
      )
    )
      parts = parts.slice(0, -1);
    const names = parts.map((p) => p.name);
    const fitting = this.#routes.filter((r) => this.#fits(r, names));
    if (fitting.length === 0) return { reason: 'not-found' };
    const route = fitting.filter((r) => r.operation.method === method).sort((a, b) => a.params - b.params)[0];
    if (!route)
      return { reason: 'method-not-allowed', allow: allowOf(fitting.map((r) => r.operation.method)) };
    const path: Record<string, string> = {};
    route.segments.forEach((s, i) => {
      if (s.param !== undefined) path[s.param] = names[i] ?? '';
    });
    return {
      operationId: route.operationId,
      operation: route.operation,
      path,
      matrix: parts.at(-1)?.matrix ?? {},
    };
  }
}

/**
 * Routes written `METHOD /path/:param` (the mock's admin routes, `applyThenDropOn`), keyed by
 * that text, as the router's definitions (`/path/{param}`).
 */
export function patternRoutes(patterns: readonly string[]): Record<string, RouteDefinition> {
  const routes: Record<string, RouteDefinition> = {};
  for (const pattern of patterns) {
    const space = pattern.indexOf(' ');
    const path = pattern
      .slice(space + 1)
      .split('/')
      .map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s))
      .join('/');
    routes[pattern] = { method: pattern.slice(0, space), path };
  }
  return routes;
}

/**
 * Matches a plain path (no matrix parameters; empty segments ignored): the route and its
 * percent-decoded parameters, or undefined when no route fits.
 */
export function matchPath<Id extends string>(
  router: OperationRouter<Id, RouteDefinition>,
  method: string,
  path: string,
): { readonly id: Id; readonly params: Record<string, string> } | undefined {
  const names = path.split('/').filter(Boolean);
  const match = router.match(
    method,
    names.map((name) => ({ name, matrix: {} })),
  );
  if ('reason' in match) return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(match.path)) params[name] = decodeURIComponent(value);
  return { id: match.operationId, params };
}

/** A parameter value that does not fit its declared type. */
export class ParameterError extends Error {
  constructor(
    readonly param: ParamDefinition,
    readonly value: string,
  ) {
    super(`The value '${value}' is not valid for ${param.name}.`);
    this.name = 'ParameterError';
  }
}

function typed(param: ParamDefinition, value: string): string | number | boolean {
  if (param.type === 'integer') {
    if (!/^-?\d{1,15}$/.test(value)) throw new ParameterError(param, value);
    return Number(value);
  }
  if (param.type === 'boolean') {
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw new ParameterError(param, value);
    return lower === 'true';
  }
  if (param.enum && !param.enum.includes(value)) throw new ParameterError(param, value);
  return value;
}

/**
 * The parameters of a matched request as the operation's generated input (by each parameter's
 * `prop`, typed per its descriptor): the inverse of what core's `buildUrl` writes. Absent optional
 * parameters stay out; a value that does not fit its type is a `ParameterError`.
 */
export function parametersOf(match: RouteMatch<string>, query: URLSearchParams): Record<string, unknown> {
  const { operation } = match;
  const input: Record<string, unknown> = {};
  for (const p of operation.pathParams ?? []) {
    const value = match.path[p.name] ?? '';
    input[paramProp(p)] = value === '' ? '' : typed(p, value);
  }
  for (const p of operation.matrixParams ?? []) {
    const value = match.matrix[p.name];
    if (value !== undefined) input[paramProp(p)] = typed(p, value);
  }
  for (const p of operation.queryParams ?? []) {
    const value = query.get(p.name);
    if (value !== null) input[paramProp(p)] = typed(p, value);
  }
  return input;
}
