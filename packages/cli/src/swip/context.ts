import type { ArinClient } from '@regkit/arin-client';
import type { SharedBackoff } from './backoff.js';
import type { Journal, RegistryIntent } from './journal.js';

/**
 * Whether ARIN holds what a registry write (irr, aspa) asked for: supplied by the commands that
 * journal such writes, so reconciling reads them back; without it they stay for those commands.
 */
export type ReadBack = (
  reader: { arin: ArinClient; signal: AbortSignal },
  intent: RegistryIntent,
) => Promise<boolean>;

export interface StepContext {
  arin: ArinClient;
  parent: string;
  journal: Journal;
  backoff: SharedBackoff;
  signal: AbortSignal;
  /** The highest customer number known before this run (from the nets under the parent). */
  seedCustomerNo: number;
  /** How a registry write of the journal is read back at ARIN. */
  readBack?: ReadBack;
}

/** A row not sent because an outcome is unknown; the text says why and how to settle it. */
export class HeldRow extends Error {}

/** Why a step failed for good; the row is reported failed with this text. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}
