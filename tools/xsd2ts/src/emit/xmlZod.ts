import { ts } from 'ts-morph';
import type { XmlScalar } from '@regkit/core';
import type { Facets, ModelField, ModelType, XmlModel } from '../model.js';
import { call, literal, member, propName, str } from './code.js';
import type { EmitFile } from './emitFile.js';
import { anchored } from './payloadSchemas.js';
import { optionalIn, variantName, variantsOf, type Variant } from './xmlTypes.js';

const f = ts.factory;

/** `z.name(args)`, from `zod/mini`: functions rather than methods, so a bundle keeps only the checks it uses. */
const zCall = (file: EmitFile, name: string, ...args: ts.Expression[]) =>
  call(member(file.value('z'), name), ...args);

function scalarZod(file: EmitFile, scalar: XmlScalar, values?: readonly string[]): ts.Expression {
  if (values) {
    if (scalar === 'integer') {
      const literals = values.map((v) => zCall(file, 'literal', literal(Number(v))));
      return literals.length === 1
        ? (literals[0] as ts.Expression)
        : zCall(file, 'union', f.createArrayLiteralExpression(literals));
    }
    return zCall(file, 'enum', f.createArrayLiteralExpression(values.map(str)));
  }
  if (scalar === 'integer') return zCall(file, 'int');
  if (scalar === 'boolean') return zCall(file, 'boolean');
  if (scalar === 'base64')
    return call(
      member(zCall(file, 'string'), 'check'),
      zCall(file, 'regex', f.createIdentifier('BASE64'), str('must be base64')),
    );
  return zCall(file, 'string');
}

/** `schema.check(z.regex(…), z.gte(…), z.lte(…), z.minLength(…), …)` for the facets of the field's simple type. */
function withFacets(file: EmitFile, schema: ts.Expression, facets: Facets | undefined): ts.Expression {
  if (!facets) return schema;
  const checks: ts.Expression[] = [];
  if (facets.pattern !== undefined)
    checks.push(
      zCall(
        file,
        'regex',
        f.createRegularExpressionLiteral(`/${anchored(facets.pattern).replaceAll('/', '\\/')}/`),
      ),
    );
  if (facets.minInclusive !== undefined) checks.push(zCall(file, 'gte', literal(facets.minInclusive)));
  if (facets.maxInclusive !== undefined) checks.push(zCall(file, 'lte', literal(facets.maxInclusive)));
  if (facets.minLength !== undefined) checks.push(zCall(file, 'minLength', literal(facets.minLength)));
  if (facets.maxLength !== undefined) checks.push(zCall(file, 'maxLength', literal(facets.maxLength)));
  return checks.length ? call(member(schema, 'check'), ...checks) : schema;
}

function fieldZod(file: EmitFile, xml: XmlModel, field: ModelField, variant: Variant): ts.Expression {
  const v = field.value;
  const single =
    v.kind === 'scalar'
      ? withFacets(file, scalarZod(file, v.scalar, v.enum), field.facets)
      : v.kind === 'multiline'
        ? zCall(file, 'array', zCall(file, 'string'))
        : file.value(`${variantName(xml, v.type, variant)}Schema`);
  return field.list ? zCall(file, 'array', single) : single;
}

const entry = (name: string, value: ts.Expression, optional?: boolean) =>
  f.createPropertyAssignment(
    propName(name),
    optional ? call(member(f.createIdentifier('z'), 'optional'), value) : value,
  );

function objectZod(file: EmitFile, xml: XmlModel, type: ModelType, variant: Variant): ts.Expression {
  const props: ts.PropertyAssignment[] = [];
  if (type.text)
    props.push(entry(type.text.prop, withFacets(file, scalarZod(file, type.text.scalar), type.textFacets)));
  for (const a of type.attributes ?? []) {
    if (variant === 'create' && a.readOnly) continue;
    props.push(entry(a.prop, withFacets(file, scalarZod(file, a.scalar, a.enum), a.facets), a.optional));
  }
  for (const field of type.fields) {
    if (variant === 'create' && field.readOnly) continue;
    props.push(entry(field.prop, fieldZod(file, xml, field, variant), optionalIn(field, variant)));
  }
  return zCall(file, 'strictObject', f.createObjectLiteralExpression(props, props.length > 0));
}

/** zod validators of every payload (and of its create variant), in dependency order. */
export function emitXmlZod(file: EmitFile, xml: XmlModel): void {
  file.const('BASE64', f.createRegularExpressionLiteral('/^[A-Za-z0-9+/]*={0,2}$/'), { exported: false });
  for (const type of xml.types) {
    for (const variant of variantsOf(type)) {
      const name = variantName(xml, type.name, variant);
      let value: ts.Expression;
      if (type.choice) {
        const disc = type.choice.discriminant;
        const options = type.fields.map((field) =>
          zCall(
            file,
            'strictObject',
            f.createObjectLiteralExpression([
              entry(disc, zCall(file, 'literal', str(field.prop))),
              entry(field.prop, fieldZod(file, xml, { ...field, list: undefined }, variant)),
            ]),
          ),
        );
        value = zCall(file, 'discriminatedUnion', str(disc), f.createArrayLiteralExpression(options, true));
      } else {
        value = objectZod(file, xml, type, variant);
      }
      file.const(`${name}Schema`, value, {
        type: f.createTypeReferenceNode(f.createQualifiedName(file.value('z'), 'ZodMiniType'), [
          file.type(name),
        ]),
        doc: `Validates a {@link ${name}}.`,
      });
    }
  }
}
