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
  /** By segment: the literal text (lower-cased when literals match in any case), or undefined for a parameter. */
  readonly literals: readonly (string | undefined)[];
  /** By segment: the parameter name, or undefined for a literal. */
  readonly params: readonly (string | undefined)[];
  /** How many segments are parameters. */
  readonly paramCount: number;
  readonly emptyAllowed: ReadonlySet<string>;
}

/** Whether a route of as many segments as `names` (compared as its literals are) fits them. */
function fits(route: Route<string, RouteDefinition>, names: readonly string[]): boolean {
  for (let i = 0; i < names.length; i++) {
    const param = route.params[i];
    if (param !== undefined) {
      if (names[i] === '' && !route.emptyAllowed.has(param)) return false;
    } else if (route.literals[i] !== names[i]) return false;
  }
  return true;
}

/**
 * The inverse of core's `buildUrl`: finds the operation of a request from the generated
 * descriptors (path template, path parameters that may be empty, matrix parameters of the last
 * segment). The route with the fewest parameters wins (`/ticket/summary` over `/ticket/{ticketNo}`).
 * The templates are compiled once, grouped by their number of segments.
 */
export class OperationRouter<Id extends string, Op extends RouteDefinition = OperationDefinition> {
  readonly #routes: readonly Route<Id, Op>[];
  /** The routes by number of segments, in spec order. */
  readonly #bySize = new Map<number, Route<Id, Op>[]>();
  readonly #caseInsensitive: boolean;

  constructor(operations: Readonly<Record<Id, Op>>, options: { caseInsensitive?: boolean } = {}) {
    this.#caseInsensitive = options.caseInsensitive ?? false;
    const entries = Object.entries(operations) as [Id, Op][];
    this.#routes = entries.map(([operationId, operation]) => {
      const segments = operation.path.split('/').filter(Boolean);
      const isParam = (s: string) => s.startsWith('{') && s.endsWith('}');
      const literal = (s: string) => (this.#caseInsensitive ? s.toLowerCase() : s);
      const empty = operation.extensions?.['x-empty-path-parameters'];
      const route: Route<Id, Op> = {
        operationId,
        operation,
        literals: segments.map((s) => (isParam(s) ? undefined : literal(s))),
        params: segments.map((s) => (isParam(s) ? s.slice(1, -1) : undefined)),
        paramCount: segments.filter(isParam).length,
        emptyAllowed: new Set(Array.isArray(empty) ? empty.map(String) : []),
      };
      const sized = this.#bySize.get(segments.length);
      if (sized) sized.push(route);
      else this.#bySize.set(segments.length, [route]);
      return route;
    });
  }

  /** Every operationId the router knows, in spec order. */
  get operationIds(): Id[] {
    return this.#routes.map((r) => r.operationId);
  }

  /** The routes that fit these names. */
  #fitting(names: readonly string[]): Route<Id, Op>[] {
    const compared = this.#caseInsensitive ? names.map((n) => n.toLowerCase()) : names;
    return (this.#bySize.get(names.length) ?? []).filter((r) => fits(r, compared));
  }

  /** The operation of `method` on these segments (after the base path). */
  match(method: string, segments: readonly Segment[]): RouteMatch<Id, Op> | NoRoute {
    let parts = segments;
    let names = parts.map((p) => p.name);
    let fitting = this.#fitting(names);
    // A trailing slash is forgiven, unless it stands for an empty parameter a route allows.
    if (parts.length > 1 && names[names.length - 1] === '' && fitting.length === 0) {
      parts = parts.slice(0, -1);
      names = names.slice(0, -1);
      fitting = this.#fitting(names);
    }
    if (fitting.length === 0) return { reason: 'not-found' };
    // the first route of the method with the fewest parameters
    let route: Route<Id, Op> | undefined;
    for (const r of fitting)
      if (r.operation.method === method && (!route || r.paramCount < route.paramCount)) route = r;
    if (!route)
      return { reason: 'method-not-allowed', allow: allowOf(fitting.map((r) => r.operation.method)) };
    const path: Record<string, string> = {};
    for (let i = 0; i < route.params.length; i++) {
      const param = route.params[i];
      if (param !== undefined) path[param] = names[i] ?? '';
    }
    return {
      operationId: route.operationId,
      operation: route.operation,
      path,
      matrix: parts[parts.length - 1]?.matrix ?? {},
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
