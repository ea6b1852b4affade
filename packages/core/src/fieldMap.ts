import type { FieldDefinition, FieldMapDefinition } from './descriptors.js';
import { DecodeError, ValidationError } from './errors.js';
import { toFieldValue } from './fieldValue.js';

/** One entry of a raw field map: `{ "22": { "DisplayName": "Summary", "Value": "…" } }`. */
export interface RawField {
  readonly DisplayName?: string;
  readonly Value?: unknown;
}
export type RawFieldMap = Readonly<Record<string, RawField>>;

export interface UnknownField {
  readonly sequence: number | undefined;
  readonly displayName: string | undefined;
  readonly value: unknown;
}

export interface DecodedFieldMap<T> {
  /** Catalogue fields by their TS names. */
  readonly record: T;
  /** Fields the catalogue does not know (custom fields), keyed as the server sent them. */
  readonly unknownFields: Readonly<Record<string, UnknownField>>;
  /** The map exactly as received. */
  readonly raw: RawFieldMap;
}

const compiled = new WeakMap<
  FieldMapDefinition,
  {
    bySequence: Map<number, FieldDefinition>;
    byName: Map<string, FieldDefinition>;
    byProp: Map<string, FieldDefinition>;
  }
>();

function index(definition: FieldMapDefinition) {
  let entry = compiled.get(definition);
  if (!entry) {
    entry = {
      bySequence: new Map(definition.fields.map((f) => [f.sequence, f])),
      byName: new Map(definition.fields.map((f) => [f.displayName.toLowerCase(), f])),
      byProp: new Map(definition.fields.map((f) => [f.prop, f])),
    };
    compiled.set(definition, entry);
  }
  return entry;
}

function convert(field: FieldDefinition, value: unknown, path: string): unknown {
  const result = toFieldValue(field, value);
  if (!result.ok) throw new DecodeError(`'${String(value)}' is not ${result.expected}`, path);
  return result.value;
}

/**
 * Decode a helpdesk field map by sequence number (display names can be renamed on a server).
 * Null values are left out; fields the catalogue does not know are kept in `unknownFields`.
 */
export function decodeFieldMap<T = Record<string, unknown>>(
  definition: FieldMapDefinition,
  raw: unknown,
): DecodedFieldMap<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new DecodeError(`expected a ${definition.name} field map object`);
  const { bySequence, byName } = index(definition);
  const record: Record<string, unknown> = {};
  const unknownFields: Record<string, UnknownField> = Object.create(null) as Record<string, UnknownField>;
  for (const [k, entry] of Object.entries(raw as Record<string, unknown>)) {
    const isEntry = typeof entry === 'object' && entry !== null && !Array.isArray(entry) && 'Value' in entry;
    const value = isEntry ? (entry as RawField).Value : entry;
    const displayName = isEntry ? (entry as RawField).DisplayName : undefined;
    const sequence = /^\d+$/.test(k) ? Number(k) : undefined;
    const field = sequence !== undefined ? bySequence.get(sequence) : byName.get(k.toLowerCase());
    if (value === null || value === undefined) continue;
    if (!field) {
      unknownFields[k] = {
        sequence,
        displayName: displayName ?? (sequence === undefined ? k : undefined),
        value,
      };
      continue;
    }
    record[field.prop] = convert(field, value, `${definition.name}.${field.prop}`);
  }
  return { record: record as T, unknownFields, raw: raw as RawFieldMap };
}

export interface EncodeFieldMapOptions {
  /** Key the properties by display name (default) or by sequence number. */
  readonly keyBy?: 'displayName' | 'sequence';
}

/** Encode a partial record of writable fields; any other field is a ValidationError naming it. */
export function encodeFieldMap(
  definition: FieldMapDefinition,
  partial: Readonly<Record<string, unknown>>,
  options: EncodeFieldMapOptions = {},
): Record<string, unknown> {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
    throw new ValidationError([{ path: definition.name, message: 'expected an object of fields' }]);
  }
  const { byProp } = index(definition);
  const issues: { path: string; message: string }[] = [];
  const out: Record<string, unknown> = {};
  for (const [prop, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const field = byProp.get(prop);
    if (!field) {
      issues.push({ path: prop, message: `is not a field of ${definition.name}` });
      continue;
    }
    if (!field.writable) {
      issues.push({ path: prop, message: `${field.displayName} (${field.sequence}) is read-only` });
      continue;
    }
    const expected =
      field.type === 'integer' || field.type === 'number'
        ? 'number'
        : field.type === 'boolean'
          ? 'boolean'
          : 'string';
    if (value !== null && typeof value !== expected) {
      issues.push({ path: prop, message: `expected a ${field.type}` });
      continue;
    }
    out[options.keyBy === 'sequence' ? String(field.sequence) : field.displayName] = value;
  }
  if (issues.length) throw new ValidationError(issues, { what: `Invalid ${definition.name} fields` });
  return out;
}
