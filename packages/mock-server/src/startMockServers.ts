import type { Faults } from './http/types.js';
import { startArinMock, type ArinMock } from './arin/server.js';
import type { ArinWorld } from './arin/world.js';
import { startHelpdeskMock, type HelpdeskMock } from './helpdesk/server.js';
import type { HelpdeskWorld } from './helpdesk/world.js';

export interface MockServersOptions {
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly arinPort?: number;
  readonly helpdeskPort?: number;
  readonly arinWorld?: ArinWorld;
  readonly helpdeskWorld?: HelpdeskWorld;
  /** Latency added to every API response, in ms. */
  readonly latencyMs?: number;
  /** Share (0–1) of API requests answered with 503 and Retry-After. */
  readonly faultRate?: number;
  readonly tokenLifetimeSeconds?: number;
  /** ARIN: attachment bytes above which Get Ticket answers 413 (default 10 MiB; ARIN publishes no number). */
  readonly ticketAttachmentLimitBytes?: number;
  /** Storage cap of each mock's state, in bytes (default 64 MiB). */
  readonly maxStoredBytes?: number;
  /** Further fault settings (see `Faults`), merged over `latencyMs` and `faultRate`. */
  readonly faults?: Faults;
}

export interface MockServers {
  readonly arin: ArinMock;
  readonly helpdesk: HelpdeskMock;
  close(): Promise<void>;
}

/** Starts both mocks, each on its own port. */
export async function startMockServers(options: MockServersOptions = {}): Promise<MockServers> {
  const faults: Faults = {
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
    ...(options.faultRate ? { faultRate: options.faultRate } : {}),
    ...options.faults,
  };
  const stored = options.maxStoredBytes === undefined ? {} : { maxStoredBytes: options.maxStoredBytes };
  const arin = await startArinMock({
    host: options.host,
    port: options.arinPort,
    world: options.arinWorld,
    faults,
    settings: {
      ...stored,
      ...(options.ticketAttachmentLimitBytes === undefined
        ? {}
        : { ticketAttachmentLimitBytes: options.ticketAttachmentLimitBytes }),
    },
  });
  let helpdesk: HelpdeskMock;
  try {
    helpdesk = await startHelpdeskMock({
      host: options.host,
      port: options.helpdeskPort,
      world: options.helpdeskWorld,
      faults,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds,
      settings: stored,
    });
  } catch (error) {
    await arin.close();
    throw error;
  }
  return {
    arin,
    helpdesk,
    async close() {
      await Promise.all([arin.close(), helpdesk.close()]);
    },
  };
}
