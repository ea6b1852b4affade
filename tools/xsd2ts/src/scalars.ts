import type { FieldDefinition, ParamScalar, XmlScalar } from '@regkit/core';

/** Every scalar a spec can name: XSD wire scalars, parameter types and field-catalogue types. */
export type Scalar = XmlScalar | ParamScalar | FieldDefinition['type'] | 'number';

/** The TypeScript keyword a scalar decodes to: the one mapping every emitter uses. */
export function tsKeyword(scalar: Scalar): 'string' | 'number' | 'boolean' {
  if (scalar === 'integer' || scalar === 'number') return 'number';
  if (scalar === 'boolean') return 'boolean';
  return 'string';
}

/** Enumerated values are numbers for numeric scalars, text otherwise. */
export const isNumeric = (scalar: Scalar) => tsKeyword(scalar) === 'number';

/** JSON Schema of a scalar (OpenAPI 3.1). */
export function jsonSchemaOf(scalar: Scalar, values?: readonly string[]): Record<string, unknown> {
  const schema: Record<string, unknown> =
    scalar === 'integer'
      ? { type: 'integer' }
      : scalar === 'number'
        ? { type: 'number' }
        : scalar === 'boolean'
          ? { type: 'boolean' }
          : scalar === 'base64'
            ? { type: 'string', contentEncoding: 'base64' }
            : scalar === 'datetime'
              ? { type: 'string', format: 'date-time' }
              : { type: 'string' };
  if (values) schema.enum = isNumeric(scalar) ? values.map(Number) : [...values];
  return schema;
}
