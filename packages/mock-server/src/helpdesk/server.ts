import { helpdeskOperations } from '@regkit/helpdesk-client/payloads';
import { readWorldFile } from '../http/worldFile.js';
import { createMockHttpServer } from '../http/server.js';
import type { Faults, MockHttpServer } from '../http/types.js';
import type { HelpdeskHandlers } from './handlers.js';
import { helpdeskPlumbingError } from './errors.js';
import { helpdeskPipeline, type HelpdeskOperationMap } from './http.js';
import { createHelpdeskState, type HelpdeskSettings, type HelpdeskState } from './state.js';
import { defaultHelpdeskWorld, helpdeskWorldSchema, type HelpdeskWorld } from './world.js';

export interface HelpdeskMockOptions {
  readonly host?: string;
  readonly port?: number;
  readonly world?: HelpdeskWorld;
  /** Lifetime of issued tokens (default 1799 s, as Track-It 2021). */
  readonly tokenLifetimeSeconds?: number;
  readonly faults?: Faults;
  readonly maxBodyBytes?: number;
  /** Told when the mock binds an address other machines can reach (default: a process warning). */
  readonly onWarning?: (message: string) => void;
  /** The clock (epoch ms); tests move it to expire tokens. */
  readonly now?: () => number;
  /** The rules by operationId (default: every rule of the mock); an operation without one answers 501. */
  readonly handlers?: HelpdeskHandlers;
  /** Limits (see the README's table of limits). */
  readonly settings?: Partial<HelpdeskSettings>;
  /**
   * The operations served (default: the spec's, as generated into the client), for a client built
   * from a newer spec: its new operations are routed and answer 501 until the mock has a rule.
   */
  readonly operations?: HelpdeskOperationMap;
}

export interface HelpdeskMock extends MockHttpServer {
  /** Base URL of the Web API, for `new HelpdeskClient({ baseUrl })`: `http://127.0.0.1:PORT/TrackIt/WebApi`. */
  readonly baseUrl: string;
  readonly state: () => HelpdeskState;
  readonly world: HelpdeskWorld;
}

/** Reads a world from a JSON file; throws, naming the file, when it is not JSON or not consistent. */
export function loadHelpdeskWorld(file: string): HelpdeskWorld {
  return readWorldFile(file, helpdeskWorldSchema, (world) => createHelpdeskState(world));
}

/** Starts the Track-It! Web API mock on its own port. */
export async function startHelpdeskMock(options: HelpdeskMockOptions = {}): Promise<HelpdeskMock> {
  const world = options.world ?? defaultHelpdeskWorld;
  const make = () =>
    createHelpdeskState(world, {
      tokenLifetimeSeconds: options.tokenLifetimeSeconds,
      now: options.now,
      settings: options.settings,
    });
  let state = make();
  const server = await createMockHttpServer({
    name: 'helpdesk',
    host: options.host,
    port: options.port,
    faults: options.faults,
    maxBodyBytes: options.maxBodyBytes,
    onWarning: options.onWarning,
    methods: Object.values(options.operations ?? helpdeskOperations).map((o) => o.method),
    handle: (request) => helpdeskPipeline.handle(state, request, options.handlers, options.operations),
    operationOf: (request) => helpdeskPipeline.operationOf(request, options.operations),
    errorResponse: helpdeskPlumbingError,
    world: () => world,
    reset: () => {
      state = make();
    },
  });
  return { ...server, baseUrl: `${server.url}/TrackIt/WebApi`, state: () => state, world };
}
