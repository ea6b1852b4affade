import { ArinRuleError, Problems } from './errors.js';
import type { ArinSettings, ArinState } from './state.js';

const MiB = 1024 * 1024;

/**
 * ARIN publishes none of these numbers: each is the mock's own, and each can be changed (world
 * `settings`, `startArinMock({ settings })`, `--ticket-attachment-limit`, `--max-stored-bytes`).
 */
export const DEFAULT_ARIN_SETTINGS: ArinSettings = {
  ticketAttachmentLimitBytes: 10 * MiB,
  maxFieldLength: 1024,
  maxStoredBytes: 64 * MiB,
};

/**
 * Every text value of a decoded payload (single fields and each line of multi-line text) must fit
 * `maxFieldLength`; attachment data is bounded by the body and storage limits instead.
 */
export function checkFieldLengths(value: unknown, max: number, path = ''): void {
  const problems = new Problems();
  const walk = (v: unknown, at: string) => {
    if (typeof v === 'string') {
      if (v.length > max)
        problems.add(
          at || 'payload',
          `The value is ${v.length} characters long; at most ${max} are allowed.`,
        );
    } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${at}[${i}]`));
    else if (v && typeof v === 'object')
      for (const [k, item] of Object.entries(v)) if (k !== 'data') walk(item, at ? `${at}.${k}` : k);
  };
  walk(value, path);
  problems.throwIfAny();
}

/** Approximate stored size of a record: its JSON text. */
export const sizeOf = (value: unknown): number =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))?.length ?? 0;

/** Counts `bytes` against the storage cap; refuses (413, nothing stored) when the cap would be passed. */
export function charge(state: ArinState, bytes: number): void {
  const cap = state.settings.maxStoredBytes;
  if (state.usage.storedBytes + bytes > cap)
    throw new ArinRuleError(
      413,
      'E_BAD_REQUEST',
      `The mock's state would exceed its storage cap of ${cap} bytes (maxStoredBytes): it holds ${state.usage.storedBytes} bytes and this request adds ${bytes}. Reset it with POST /__admin/reset or raise the cap.`,
    );
  state.usage.storedBytes += bytes;
}

export function refund(state: ArinState, bytes: number): void {
  state.usage.storedBytes = Math.max(0, state.usage.storedBytes - bytes);
}
