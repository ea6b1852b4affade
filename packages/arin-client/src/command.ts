import type { OperationDefinition, XmlSchema } from '@regkit/core';

/** What the client needs of a payload validator (a zod/mini schema). */
export interface PayloadValidator {
  safeParse(value: unknown): { success: boolean; error?: unknown };
}

/**
 * One Reg-RWS operation, ready to run on an `ArinCore`: its descriptor, the validators of its
 * payloads and the XML schema of only the types it reads and writes. Generated per operation
 * (`getPocCommand`, from `@regkit/arin-client/operations`), so importing one bundles only it.
 */
export interface ArinCommand<Input, Output> {
  readonly operation: OperationDefinition;
  readonly xml: XmlSchema;
  readonly request?: PayloadValidator;
  readonly response?: PayloadValidator;
  /** Carries the input and output types; never set. */
  readonly types?: { readonly input: Input; readonly output: Output };
}
