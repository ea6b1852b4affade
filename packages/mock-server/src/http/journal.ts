import { redact, REDACTED } from '@regkit/core';
import type { JournalEntry } from './types.js';

/** The most entries the journal keeps; older ones are dropped. */
const JOURNAL_LIMIT = 5000;
/** Query parameters whose values the journal never keeps, by their decoded name (any case). */
const SECRET_PARAMS = new Set(['apikey', 'password', 'access_token', 'refresh_token', 'client_secret']);

/** Whether a query parameter, by its name as sent, is a secret. */
function isSecretName(rawName: string): boolean {
  let name = rawName;
  if (rawName.includes('%') || rawName.includes('+')) {
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      name = rawName;
    }
  }
  return SECRET_PARAMS.has(name.trim().toLowerCase());
}

/** A request target as the journal keeps it: each secret query parameter's value redacted. */
export function journalTarget(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return redact(target);
  let out = target.slice(0, q + 1);
  let changed = false;
  for (let start = q + 1; ;) {
    const amp = target.indexOf('&', start);
    const end = amp < 0 ? target.length : amp;
    const eq = target.indexOf('=', start);
    const rawName = target.slice(start, eq < 0 || eq > end ? end : eq);
    if (isSecretName(rawName)) {
      out += `${rawName}=${REDACTED}`;
      changed = true;
    } else out += target.slice(start, end);
    if (amp < 0) break;
    out += '&';
    start = amp + 1;
  }
  return redact(changed ? out : target);
}

let second = Number.NaN;
/** `toISOString()` of the current second, up to its milliseconds (`2026-01-02T03:04:05.`). */
let secondText = '';
/** The time of an entry, as `new Date().toISOString()` writes it: formatted once a second. */
function now(): string {
  const ms = Date.now();
  const s = Math.floor(ms / 1000);
  if (s !== second) {
    second = s;
    secondText = new Date(s * 1000).toISOString().slice(0, -4);
  }
  return `${secondText}${String(ms - s * 1000).padStart(3, '0')}Z`;
}

/**
 * Adds an entry for a request (its target as sent, redacted here, and how it ended), keeping at
 * most the latest entries.
 */
export function record(
  journal: JournalEntry[],
  id: number,
  method: string,
  target: string,
  status: number,
  durationMs: number,
  fault?: string,
): void {
  const url = journalTarget(target);
  journal.push(
    fault
      ? { id, time: now(), method, url, status, durationMs, fault }
      : { id, time: now(), method, url, status, durationMs },
  );
  // one at a time from the front: V8 trims the array in place instead of moving every entry
  while (journal.length > JOURNAL_LIMIT) journal.shift();
}
