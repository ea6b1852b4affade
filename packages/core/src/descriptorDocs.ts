/**
 * The documentation of an API's descriptors, kept apart from them: the generator emits it into its
 * own module (`docs.gen.ts`), which only what prints help or reference text imports.
 */

/** The texts of one operation, and what else only documentation, help and tooling read of it. */
export interface OperationDoc {
  /** Stable catalogue id (`A23`, `H4`). */
  readonly id: string;
  /** The spec's tag (`POC`, `Tickets`). */
  readonly tag: string;
  /** Every `x-` extension of the operation, verbatim (`x-cli`, `x-source`, …), when it has any. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** One line (`Get a POC`). */
  readonly summary: string;
  /** The longer description, when the spec has one. */
  readonly doc?: string;
  /** Descriptions of path, matrix and query parameters, by wire name. */
  readonly params: Readonly<Record<string, string>>;
  /** Descriptions of the responses, by status code. */
  readonly responses: Readonly<Record<number, string>>;
}

/** The texts of a payload type (an XML complex type or a helpdesk record). */
export interface TypeDoc {
  readonly doc?: string;
  /** Descriptions of its fields and attributes, by TS property name. */
  readonly fields: Readonly<Record<string, string>>;
}

/** Everything an API's specs say in words about its operations and payloads. */
export interface ApiDocs {
  /** By operationId. */
  readonly operations: Readonly<Record<string, OperationDoc>>;
  /** By type name (`Poc`, `Ticket`): documented types only. */
  readonly types: Readonly<Record<string, TypeDoc>>;
}
