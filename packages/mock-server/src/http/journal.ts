import { redact, REDACTED } from '@regkit/core';
import type { JournalEntry } from './types.js';

/** The most entries the journal keeps; older ones are dropped. */
const JOURNAL_LIMIT = 5000;
/** Query parameters whose values the journal never keeps, by their decoded name (any case). */
const SECRET_PARAMS = new Set(['apikey', 'password', 'access_token', 'refresh_token', 'client_secret']);

/** A request target as the journal keeps it: each secret query parameter's value redacted. */
export function journalTarget(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return redact(target);
  const pairs = target
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        name = rawName;
      }
      return SECRET_PARAMS.has(name.trim().toLowerCase()) ? `${rawName}=${REDACTED}` : pair;
    });
  return redact(`${target.slice(0, q)}?${pairs.join('&')}`);
}

/** What the journal records of one request: its target as sent (redacted here) and how it ended. */
export interface JournalRecord {
  readonly id: number;
  readonly method: string;
  readonly target: string;
  readonly status: number;
  readonly durationMs: number;
  readonly fault?: string;
}

/** Adds an entry for a request (its target redacted), keeping at most the latest entries. */
export function record(journal: JournalEntry[], entry: JournalRecord): void {
  journal.push({
    id: entry.id,
    time: new Date().toISOString(),
    method: entry.method,
    url: journalTarget(entry.target),
    status: entry.status,
    durationMs: entry.durationMs,
    ...(entry.fault ? { fault: entry.fault } : {}),
  });
  if (journal.length > JOURNAL_LIMIT) journal.splice(0, journal.length - JOURNAL_LIMIT);
}
