// The middleware stack: named entries placed by step and priority or relative to one another,
// resolved into the chain in front of the transport's `fetch`.
import { ValidationError } from '../errors.js';
import type { Handler, Middleware } from '../request.js';
import { composeChain } from './chain.js';

/**
 * Where an entry runs, outermost first:
 * - `initialize`: once per call, before any retry;
 * - `retry`: the retry middleware, which sends the rest of the chain again;
 * - `build`: every attempt, before credentials are added (the default);
 * - `auth`: adds the credentials;
 * - `finalize`: every attempt, just before `fetch`, credentials included.
 */
export type MiddlewareStep = 'initialize' | 'retry' | 'build' | 'auth' | 'finalize';
/** Order within a step: `high` entries run before `normal` ones, `normal` before `low`. */
export type MiddlewarePriority = 'high' | 'normal' | 'low';

/** Where `add` places an entry. */
export interface MiddlewareAddOptions {
  /** Unique in the stack; an entry without a name can be removed only by its function. */
  readonly name?: string;
  /** Default `build`. */
  readonly step?: MiddlewareStep;
  /** Default `normal`. */
  readonly priority?: MiddlewarePriority;
}

/** Where `addRelativeTo` places an entry. */
export interface MiddlewareRelativeOptions {
  /** Unique in the stack; an entry without a name can be removed only by its function. */
  readonly name?: string;
  /** `before`: runs just outside the named entry (sees the request first); `after`: just inside it. */
  readonly relation: 'before' | 'after';
  /** The name of the entry to place this one next to. */
  readonly toMiddleware: string;
}

/** An entry placed by step and priority. */
export interface AbsoluteMiddlewareEntry {
  /** The middleware the entry runs. */
  readonly middleware: Middleware;
  /** Its name, if it was given one. */
  readonly name?: string;
  /** Its step. */
  readonly step: MiddlewareStep;
  /** Its priority within the step. */
  readonly priority: MiddlewarePriority;
}
/** An entry placed next to another. */
export interface RelativeMiddlewareEntry extends MiddlewareRelativeOptions {
  /** The middleware the entry runs. */
  readonly middleware: Middleware;
}
/** An entry of the stack as it was added. */
export type MiddlewareEntry = AbsoluteMiddlewareEntry | RelativeMiddlewareEntry;

/**
 * Middleware by name, in the order it runs. Changes apply to the calls that start after them.
 *
 * ```ts
 * client.middlewareStack.add(logAttempts, { name: 'log', step: 'build' });
 * client.middlewareStack.addRelativeTo(sign, { name: 'sign', relation: 'after', toMiddleware: 'auth' });
 * client.middlewareStack.remove('retry');
 * ```
 */
export interface MiddlewareStack {
  /** Adds `middleware` at its step and priority, after the entries already there; a name in use is a `ValidationError`. */
  add(middleware: Middleware, options?: MiddlewareAddOptions): void;
  /**
   * Adds `middleware` next to the entry named `toMiddleware` (entries on the same side keep the
   * order they were added in). The entry must be there by the time the stack is resolved.
   */
  addRelativeTo(middleware: Middleware, options: MiddlewareRelativeOptions): void;
  /** Removes the entry with this name, or every entry of this function; false when none was there. */
  remove(toRemove: string | Middleware): boolean;
  /** Is an entry of this name in the stack? */
  has(name: string): boolean;
  /** A stack of the same entries that changes independently of this one. */
  clone(): MiddlewareStack;
  /** The entries in the order they run, outermost first; a relative entry whose anchor is missing is a `ValidationError`. */
  entries(): MiddlewareEntry[];
  /** `handler` behind the entries, outermost first. */
  resolve(handler: Handler): Handler;
}

const STEPS: readonly MiddlewareStep[] = ['initialize', 'retry', 'build', 'auth', 'finalize'];
const PRIORITIES: readonly MiddlewarePriority[] = ['high', 'normal', 'low'];

function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }], { what: 'Invalid middleware stack entry' });
}

function isRelative(entry: MiddlewareEntry): entry is RelativeMiddlewareEntry {
  return 'relation' in entry;
}

/** Where an entry placed by step and priority sorts: by step, then by priority. */
function rank(entry: AbsoluteMiddlewareEntry): number {
  return STEPS.indexOf(entry.step) * PRIORITIES.length + PRIORITIES.indexOf(entry.priority);
}

/** The entries in the order they run. */
function ordered(entries: readonly MiddlewareEntry[]): MiddlewareEntry[] {
  // sort is stable: entries of one step and priority keep the order they were added in
  const absolute = entries
    .filter((entry): entry is AbsoluteMiddlewareEntry => !isRelative(entry))
    .sort((a, b) => rank(a) - rank(b));
  const relative = entries.filter(isRelative);
  const out: MiddlewareEntry[] = [];
  const placed = new Set<MiddlewareEntry>();
  /** `entry` with the entries placed before and after it, recursively. */
  const place = (entry: MiddlewareEntry) => {
    placed.add(entry);
    const around = (relation: 'before' | 'after') => {
      if (entry.name === undefined) return;
      for (const other of relative)
        if (other.toMiddleware === entry.name && other.relation === relation) place(other);
    };
    around('before');
    out.push(entry);
    around('after');
  };
  for (const entry of absolute) place(entry);
  for (const entry of relative)
    if (!placed.has(entry)) {
      const anchored = entries.some((other) => other.name === entry.toMiddleware);
      throw invalid(
        'toMiddleware',
        `'${entry.name ?? 'an unnamed entry'}' is placed ${entry.relation} '${entry.toMiddleware}', ${anchored ? 'which is placed relative to it in turn' : 'which is not in the stack'}`,
      );
    }
  return out;
}

/** An empty middleware stack, or one holding `entries` in the order given. */
export function createMiddlewareStack(entries: readonly MiddlewareEntry[] = []): MiddlewareStack {
  let list: MiddlewareEntry[] = [];
  // the chain last resolved, for the handler it was resolved for: reused until the stack changes
  let resolved: { readonly handler: Handler; readonly chain: Handler } | undefined;

  const insert = (entry: MiddlewareEntry) => {
    if (typeof entry.middleware !== 'function') throw invalid('middleware', 'must be a function');
    if (entry.name !== undefined && list.some((other) => other.name === entry.name))
      throw invalid('name', `'${entry.name}' is already in the stack`);
    list.push(entry);
    resolved = undefined;
  };

  const stack: MiddlewareStack = {
    add(middleware, options = {}) {
      const step = options.step ?? 'build';
      const priority = options.priority ?? 'normal';
      if (!STEPS.includes(step)) throw invalid('step', `must be one of ${STEPS.join(', ')}`);
      if (!PRIORITIES.includes(priority))
        throw invalid('priority', `must be one of ${PRIORITIES.join(', ')}`);
      insert({ middleware, step, priority, ...(options.name === undefined ? {} : { name: options.name }) });
    },
    addRelativeTo(middleware, options) {
      if (options.relation !== 'before' && options.relation !== 'after')
        throw invalid('relation', "must be 'before' or 'after'");
      if (typeof options.toMiddleware !== 'string') throw invalid('toMiddleware', 'must be a name');
      insert({
        middleware,
        relation: options.relation,
        toMiddleware: options.toMiddleware,
        ...(options.name === undefined ? {} : { name: options.name }),
      });
    },
    remove(toRemove) {
      const before = list.length;
      list = list.filter((entry) =>
        typeof toRemove === 'string' ? entry.name !== toRemove : entry.middleware !== toRemove,
      );
      if (list.length === before) return false;
      resolved = undefined;
      return true;
    },
    has(name) {
      return list.some((entry) => entry.name === name);
    },
    clone() {
      return createMiddlewareStack(list);
    },
    entries() {
      return ordered(list);
    },
    resolve(handler) {
      if (resolved?.handler !== handler)
        resolved = {
          handler,
          chain: composeChain(
            ordered(list).map((entry) => entry.middleware),
            handler,
          ),
        };
      return resolved.chain;
    },
  };
  for (const entry of entries)
    if (isRelative(entry)) stack.addRelativeTo(entry.middleware, entry);
    else stack.add(entry.middleware, entry);
  return stack;
}
