import type { FieldDefinition } from './descriptors.js';

/** A helpdesk field value as its catalogue types it. */
export type TypedFieldValue = string | number | boolean;

export type FieldValueResult =
  | { readonly ok: true; readonly value: TypedFieldValue }
  | {
      readonly ok: false;
      /** What the field takes, for a message: `a whole number`, `a number`, `true or false`, `text`. */
      readonly expected: string;
    };

/**
 * The one conversion of a helpdesk field value to its catalogue type: from text (what a user types
 * after `--field name=`, what a server may send: `"4"`, `"True"`) or from an already typed value.
 * Numbers are finite decimals (integers whole); booleans `true`/`false` in any case, or 1/0; text
 * is a string, or a number written as text.
 */
export function toFieldValue(field: Pick<FieldDefinition, 'type'>, value: unknown): FieldValueResult {
  switch (field.type) {
    case 'integer':
    case 'number': {
      const expected = field.type === 'integer' ? 'a whole number' : 'a number';
      const n =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : NaN;
      if (!Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n)))
        return { ok: false, expected };
      return { ok: true, value: n };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      const text = typeof value === 'string' ? value.toLowerCase() : value;
      if (text === 'true' || text === 1 || text === '1') return { ok: true, value: true };
      if (text === 'false' || text === 0 || text === '0') return { ok: true, value: false };
      return { ok: false, expected: 'true or false' };
    }
    default:
      if (typeof value === 'string') return { ok: true, value };
      if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value: String(value) };
      return { ok: false, expected: 'text' };
  }
}

/** The text of a typed field value, as `toFieldValue` reads it back. */
export function fieldValueText(value: TypedFieldValue): string {
  return String(value);
}
