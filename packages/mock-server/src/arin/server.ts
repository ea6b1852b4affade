import { arinOperations } from '@regkit/arin-client';
import { readWorldFile } from '../http/worldFile.js';
import { createMockHttpServer } from '../http/server.js';
import type { Faults, MockHttpServer } from '../http/types.js';
import { arinPlumbingError, ArinRuleError } from './errors.js';
import type { ArinHandlers } from './handlers.js';
import { arinPipeline, type ArinOperationMap } from './http.js';
import { ROA_TEST_PUBLIC_KEY } from './roaTestKey.js';
import { closeTicket, resolveTicket } from './rules/admin.js';
import {
  otherRegistrantsActivity,
  otherRegistrantsProblem,
  type OtherRegistrants,
} from './rules/otherRegistrants.js';
import type { ArinSettings, ArinState } from './state.js';
import { createArinState } from './seed.js';
import { arinWorldSchema, defaultArinWorld, type ArinWorld } from './world.js';

export interface ArinMockOptions {
  readonly host?: string;
  readonly port?: number;
  readonly world?: ArinWorld;
  readonly faults?: Faults;
  readonly maxBodyBytes?: number;
  /** Told when the mock binds an address other machines can reach (default: a process warning). */
  readonly onWarning?: (message: string) => void;
  /** The clock (ARIN date strings); tests pin it. */
  readonly now?: () => string;
  /** Limits, over the world's `settings` (see the README's table of limits). */
  readonly settings?: Partial<ArinSettings>;
  /** The rules by operationId (default: every rule of the mock); an operation without one answers 501. */
  readonly handlers?: ArinHandlers;
  /**
   * The operations served (default: the spec's, as generated into the client), for a client built
   * from a newer spec: an operation the mock has no handler for answers 501.
   */
  readonly operations?: ArinOperationMap;
  /** Other registrants creating objects (and taking handle numbers) between this client's requests. */
  readonly otherRegistrants?: OtherRegistrants;
}

export interface ArinMock extends MockHttpServer {
  /** Base URL of the API, for `new ArinClient({ environment })`: `http://127.0.0.1:PORT/rest`. */
  readonly baseUrl: string;
  /** The live state (read it in tests; change it through the API). */
  readonly state: () => ArinState;
  readonly world: ArinWorld;
  /**
   * Sets how many objects other registrants create per API request (as `POST
   * /__admin/other-registrants` does); `{ rate: 0 }` stops them. Throws on an invalid setting.
   */
  setOtherRegistrants(settings: OtherRegistrants): void;
}

/** Reads a world from a JSON file; throws, naming the file, when it is not JSON or not consistent. */
export function loadArinWorld(file: string): ArinWorld {
  return readWorldFile(file, arinWorldSchema, (world) => createArinState(world));
}

const json = (status: number, value: unknown) => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value, null, 2),
});

function adminTicket(fn: () => unknown) {
  try {
    return json(200, fn());
  } catch (error) {
    if (error instanceof ArinRuleError) return json(error.status, { error: error.message });
    throw error;
  }
}

/** Starts the ARIN Reg-RWS mock on its own port. */
export async function startArinMock(options: ArinMockOptions = {}): Promise<ArinMock> {
  const world = options.world ?? defaultArinWorld;
  let state = createArinState(world, options.now, options.settings);
  let others = otherRegistrantsActivity(options.otherRegistrants ?? { rate: 0 });
  const setOthers = (settings: unknown): string | undefined => {
    const problem = otherRegistrantsProblem(settings);
    if (!problem) others = otherRegistrantsActivity(settings as OtherRegistrants);
    return problem;
  };
  if (options.otherRegistrants) {
    const problem = setOthers(options.otherRegistrants);
    if (problem) throw new Error(`otherRegistrants: ${problem}`);
  }
  const server = await createMockHttpServer({
    name: 'arin',
    host: options.host,
    port: options.port,
    faults: options.faults,
    maxBodyBytes: options.maxBodyBytes,
    onWarning: options.onWarning,
    methods: Object.values(options.operations ?? arinOperations).map((o) => o.method),
    handle: (request) => {
      if (others.settings.rate > 0) others.act(state);
      return arinPipeline.handle(state, request, options.handlers, options.operations);
    },
    operationOf: (request) => arinPipeline.operationOf(request, options.operations),
    errorResponse: arinPlumbingError,
    world: () => world,
    reset: () => {
      state = createArinState(world, options.now, options.settings);
    },
    admin: {
      'POST /tickets/:ticketNo/resolve': (req, p) => {
        let resolution: string | undefined;
        try {
          resolution = req.body
            ? ((JSON.parse(req.body) as { resolution?: string }).resolution ?? undefined)
            : undefined;
        } catch {
          return json(400, { error: 'the body must be JSON: {"resolution": "PROCESSED"}' });
        }
        return adminTicket(() => resolveTicket(state, p.ticketNo ?? '', resolution));
      },
      'POST /tickets/:ticketNo/close': (_req, p) => adminTicket(() => closeTicket(state, p.ticketNo ?? '')),
      'GET /roa-key': () => ({
        status: 200,
        headers: { 'content-type': 'application/x-pem-file' },
        body: ROA_TEST_PUBLIC_KEY,
      }),
      'GET /other-registrants': () => json(200, { ...others.settings, created: others.created() }),
      'POST /other-registrants': (req) => {
        let body: unknown;
        try {
          body = JSON.parse(req.body || '{}');
        } catch {
          return json(400, { error: 'the body must be JSON: {"rate": 0.5, "seed": 7}' });
        }
        const problem = setOthers(body);
        return problem
          ? json(400, { error: `invalid other-registrants setting: ${problem}` })
          : json(200, { ...others.settings, created: 0 });
      },
      'GET /summary': () =>
        json(200, {
          pocs: state.pocs.size,
          orgs: state.orgs.size,
          customers: state.customers.size,
          nets: state.nets.size,
          delegations: state.delegations.size,
          tickets: state.tickets.size,
        }),
    },
  });
  return {
    ...server,
    baseUrl: `${server.url}/rest`,
    state: () => state,
    world,
    setOtherRegistrants(settings) {
      const problem = setOthers(settings);
      if (problem) throw new Error(`otherRegistrants: ${problem}`);
    },
  };
}
