import { decodeFieldMap, DecodeError, type FieldMapDefinition, type UnknownField } from '@regkit/core';
import type { FieldMap } from './generated/types.gen.js';

/** A typed record plus what the catalogue does not describe. */
export type HelpdeskRecord<T> = T & {
  /** The field map exactly as the server sent it. */
  readonly raw: FieldMap;
  /** Fields the catalogue does not know (custom fields), keyed by sequence number. */
  readonly unknownFields: Readonly<Record<string, UnknownField>>;
};

export function toRecord<T>(definition: FieldMapDefinition, raw: unknown): HelpdeskRecord<T> {
  const decoded = decodeFieldMap<T>(definition, raw);
  return { ...decoded.record, raw: decoded.raw as FieldMap, unknownFields: decoded.unknownFields };
}

/** The first of several envelope keys that is present (servers vary: `Ticket` or `Tickets`, `Note` or `TicketNote`). */
export function pick(envelope: unknown, keys: readonly string[], what: string): unknown {
  if (typeof envelope === 'object' && envelope !== null) {
    for (const key of keys) {
      const value = (envelope as Record<string, unknown>)[key];
      if (value !== undefined && value !== null) return value;
    }
  }
  throw new DecodeError(`the response has no ${what} (expected one of ${keys.join(', ')})`);
}

export function single(value: unknown, what: string): unknown {
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new DecodeError(`expected one ${what}, found ${value.length}`);
    return value[0];
  }
  return value;
}
