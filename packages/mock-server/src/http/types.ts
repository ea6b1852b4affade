import type { IncomingMessage, Server } from 'node:http';

export interface MockRequest {
  readonly id: number;
  readonly method: string;
  readonly url: URL;
  /** The raw path, still percent-encoded and with matrix parameters. */
  readonly rawPath: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface MockResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export interface JournalEntry {
  readonly id: number;
  readonly time: string;
  readonly method: string;
  /** Path and query, with secrets redacted. */
  readonly url: string;
  readonly status: number;
  readonly durationMs: number;
  readonly fault?: string;
}

export interface Faults {
  /** Added to every API response (or those `latencyOn` selects), in ms. */
  latencyMs?: number;
  /** Which requests `latencyMs` delays, in the forms of `applyThenDropOn`. Every request when absent. */
  latencyOn?: string[];
  /** Share (0–1) of API requests answered with `faultStatus` and Retry-After. */
  faultRate?: number;
  /** 429 or 503 (default 503). */
  faultStatus?: 429 | 503;
  /** Retry-After of fault responses, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Share (0–1) of API requests whose connection is dropped without an answer. */
  dropRate?: number;
  /**
   * Share (0–1) of the selected requests that are applied (the state changes) and then answered by
   * dropping the connection: the caller cannot know whether its write happened.
   */
  applyThenDropRate?: number;
  /**
   * Which requests `applyThenDropRate` applies to: operation ids (`reassignNet`, `closeTicket`) or
   * routes (`PUT /rest/net/:handle/reassign`, `*` or `:name` for one segment). Every request when absent.
   */
  applyThenDropOn?: string[];
  /**
   * The next N selected requests are applied and then dropped, whatever the rates say: a run's very
   * first write can lose its answer. Counts down as it is used (`GET /__admin/faults` shows what is left).
   */
  applyThenDropNext?: number;
  /** Seeds the draws of every rate, so a run with the same seed fails the same requests. */
  seed?: number;
}

/**
 * What went wrong in the plumbing both mocks share, for the API to word in its own error format:
 * a request that is not acceptable HTTP (`bad-request`), a method the server never answers
 * (`method-not-allowed`), an injected fault (`too-many-requests`, `unavailable`), or a handler that
 * failed unexpectedly (`handler-failed`).
 */
export type PlumbingFailure =
  'bad-request' | 'method-not-allowed' | 'too-many-requests' | 'unavailable' | 'handler-failed';

/** The API's own error body for a plumbing failure. */
export type PlumbingErrorResponse = (
  status: number,
  failure: PlumbingFailure,
  message: string,
  headers?: Record<string, string>,
) => MockResponse;

export type AdminHandler = (
  request: MockRequest,
  params: Record<string, string>,
) => MockResponse | Promise<MockResponse>;

export interface MockHttpServerOptions {
  readonly name: string;
  readonly host?: string;
  readonly port?: number;
  /** Answers every request that is not under `/__admin/`. */
  readonly handle: (request: MockRequest) => MockResponse | Promise<MockResponse>;
  /** The API's own error body for plumbing failures (oversized body, unexpected error, injected fault). */
  readonly errorResponse: PlumbingErrorResponse;
  /** API-specific admin routes, `METHOD /path/:param` relative to `/__admin`. */
  readonly admin?: Readonly<Record<string, AdminHandler>>;
  readonly world: () => unknown;
  readonly reset: () => void;
  readonly maxBodyBytes?: number;
  readonly faults?: Faults;
  readonly random?: () => number;
  /** The operation id a request would run, for `applyThenDropOn`. */
  readonly operationOf?: (request: MockRequest) => string | undefined;
  /** The methods the API answers anywhere (`Allow` of `OPTIONS *`); `HEAD` is added beside `GET`. */
  readonly methods?: readonly string[];
  /**
   * Told when the server binds an address other machines can reach (default: a process warning,
   * code `REGKIT_MOCK_EXPOSED`).
   */
  readonly onWarning?: (message: string) => void;
}

export interface MockHttpServer {
  readonly url: string;
  readonly server: Server;
  readonly journal: JournalEntry[];
  readonly faults: Faults;
  /** Replaces the fault settings (as `POST /__admin/faults` does); throws on an invalid one. */
  setFaults(faults: Faults): void;
  /**
   * Resolves once every request the server has read is answered or dropped, its change applied or
   * not: a client that went away mid-request cannot have a write still waiting (under latency, say)
   * to land after whatever the caller does next.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}
