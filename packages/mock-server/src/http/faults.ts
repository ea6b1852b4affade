import { matchPath, OperationRouter, patternRoutes } from './router.js';
import { seededRandom } from './seededRandom.js';
import type { Faults, MockRequest, MockResponse, PlumbingErrorResponse } from './types.js';

/** Why a fault setting is invalid, or undefined when it is fine. */
function faultProblem(key: string, value: unknown): string | undefined {
  if (key === 'applyThenDropOn' || key === 'latencyOn')
    return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0)
      ? undefined
      : 'must be a list of operation ids or "METHOD /path" routes';
  if (key === 'seed') return Number.isSafeInteger(value) ? undefined : 'must be an integer';
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    return 'must be a number of 0 or more';
  switch (key) {
    case 'faultRate':
    case 'dropRate':
    case 'applyThenDropRate':
      return value > 1 ? 'must be a share from 0 to 1' : undefined;
    case 'faultStatus':
      return value === 429 || value === 503 ? undefined : 'must be 429 or 503';
    case 'latencyMs':
    case 'retryAfterSeconds':
      return undefined;
    case 'applyThenDropNext':
      return Number.isSafeInteger(value) ? undefined : 'must be a whole number';
    default:
      return 'unknown setting (latencyMs, latencyOn, faultRate, faultStatus, retryAfterSeconds, dropRate, applyThenDropRate, applyThenDropOn, applyThenDropNext, seed)';
  }
}

/** How an API request ends under the fault settings: an answer, or none (the connection dropped). */
export interface Outcome {
  readonly response?: MockResponse;
  readonly fault?: string;
}

/** The fault settings of a server and the draws that apply them to each API request. */
export class FaultInjector {
  /** The live settings (`GET /__admin/faults` shows them). */
  readonly faults: Faults = {};
  #random: () => number;

  constructor(
    initial: Faults | undefined,
    random: (() => number) | undefined,
    /** The operation id a request would run, for `applyThenDropOn`. */
    private readonly operationOf?: (request: MockRequest) => string | undefined,
  ) {
    this.#random = random ?? Math.random;
    const problem = this.apply({ ...initial }, true);
    if (problem) throw new Error(problem);
  }

  /** Validates and installs fault settings, merged into the current ones or replacing them; why not when invalid. */
  apply(next: Faults, replace: boolean): string | undefined {
    if (typeof next !== 'object' || next === null || Array.isArray(next))
      return 'faults must be a JSON object';
    for (const [k, v] of Object.entries(next)) {
      const problem = faultProblem(k, v);
      if (problem) return `invalid fault setting ${k}: ${problem}`;
    }
    if (replace) this.clear();
    Object.assign(this.faults, next);
    if (next.seed !== undefined) this.#random = seededRandom(next.seed);
    return undefined;
  }

  clear(): void {
    for (const k of Object.keys(this.faults)) delete this.faults[k as keyof Faults];
  }

  /** Whether a list (`applyThenDropOn`, `latencyOn`) selects a request: by its operation id or a route pattern; an empty one selects all. */
  #selected(request: MockRequest, on: readonly string[] | undefined = this.faults.applyThenDropOn): boolean {
    if (!on?.length) return true;
    const operationId = this.operationOf?.(request);
    const path = request.url.pathname.split(';')[0] ?? '';
    if (operationId !== undefined && on.includes(operationId)) return true;
    const patterns = on.filter((entry) => entry.includes(' '));
    if (!patterns.length) return false;
    // `*` is one segment of any name: a parameter of its own at each place.
    const routes = patternRoutes(
      patterns.map((entry) =>
        entry
          .split('/')
          .map((s, i) => (s === '*' ? `:any${i}` : s))
          .join('/'),
      ),
    );
    try {
      return matchPath(new OperationRouter(routes), request.method, path) !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * Answers an API request through `handle`, or fails it as the settings draw: latency, drops,
   * injected errors. Without any fault set, a handler that answers at once is answered at once.
   */
  run(
    request: MockRequest,
    handle: (request: MockRequest) => MockResponse | Promise<MockResponse>,
    errorResponse: PlumbingErrorResponse,
  ): Outcome | Promise<Outcome> {
    const f = this.faults;
    if (!f.latencyMs && !f.dropRate && !f.applyThenDropNext && !f.applyThenDropRate && !f.faultRate) {
      const response = handle(request);
      return typeof (response as Partial<PromiseLike<MockResponse>>).then === 'function'
        ? Promise.resolve(response).then((r) => ({ response: r }))
        : { response: response as MockResponse };
    }
    return this.#runFaulty(request, handle, errorResponse);
  }

  async #runFaulty(
    request: MockRequest,
    handle: (request: MockRequest) => MockResponse | Promise<MockResponse>,
    errorResponse: PlumbingErrorResponse,
  ): Promise<Outcome> {
    const faults = this.faults;
    if (faults.latencyMs && this.#selected(request, faults.latencyOn))
      await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.dropRate && this.#random() < faults.dropRate) return { fault: 'dropped' };
    if (faults.applyThenDropNext && this.#selected(request)) {
      faults.applyThenDropNext--;
      const applied = await handle(request);
      return { fault: `applied (${applied.status}) then dropped` };
    }
    if (faults.applyThenDropRate && this.#selected(request) && this.#random() < faults.applyThenDropRate) {
      const applied = await handle(request);
      return { fault: `applied (${applied.status}) then dropped` };
    }
    if (faults.faultRate && this.#random() < faults.faultRate) {
      const status = faults.faultStatus ?? 503;
      return {
        fault: `injected ${status}`,
        response: errorResponse(
          status,
          status === 429 ? 'too-many-requests' : 'unavailable',
          status === 429
            ? 'Too many requests in the measured time period.'
            : 'The service is temporarily unavailable.',
          { 'retry-after': String(faults.retryAfterSeconds ?? 1) },
        ),
      };
    }
    return { response: await handle(request) };
  }
}
