import { stringify } from 'yaml';
import type { LinkedApi } from '../model.js';
import { SpecError } from '../specError.js';
import { readYamlFile } from '../yamlFile.js';
import { payloadSchemas } from './payloadSchemas.js';

type Obj = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

/** Name of the object parameter that carries optional matrix parameters (`{;matrix*}`). */
export const MATRIX_OBJECT = 'matrix';

/**
 * Matrix parameters as a standard path parameter: one exploded `style: matrix` object whose
 * properties are the matrix parameters (`/poc{matrix}` → `/poc;makeLink=true`, nothing when empty).
 * One object rather than a parameter each, since a path parameter is always required and ARIN's
 * matrix parameters are mostly optional.
 */
function standardMatrix(path: string, op: Obj): string {
  const matrix = (op['x-matrix-parameters'] ?? []) as Obj[];
  delete op['x-matrix-parameters'];
  if (!matrix.length) return path;
  const params = (op.parameters ?? []) as Obj[];
  const required = matrix.filter((m) => m.required === true).map((m) => String(m.name));
  op.parameters = [
    ...params,
    {
      name: MATRIX_OBJECT,
      in: 'path',
      required: true,
      style: 'matrix',
      explode: true,
      description: `Matrix parameters after the last path segment: ${matrix.map((m) => `\`;${String(m.name)}=…\``).join(', ')}.`,
      schema: {
        type: 'object',
        properties: Object.fromEntries(
          matrix.map((m) => [
            String(m.name),
            { ...(m.schema as Obj), ...(m.description ? { description: m.description } : {}) },
          ]),
        ),
        ...(required.length ? { required } : {}),
        additionalProperties: false,
      },
    },
  ];
  return `${path}{${MATRIX_OBJECT}}`;
}

/**
 * The query parameters of an operation's `apiKey`-in-query security schemes, as optional parameters:
 * OpenAPI keeps a security scheme out of the parameters, so tools that type requests
 * (openapi-typescript, openapi-fetch) would have no place for the key without them.
 */
function securityQueryParameters(op: Obj, doc: Obj): Obj[] {
  const schemes = ((doc.components as Obj | undefined)?.securitySchemes ?? {}) as Obj;
  const names = ((op.security ?? doc.security ?? []) as Obj[]).flatMap((s) => Object.keys(s));
  const params = (op.parameters ?? []) as Obj[];
  return [...new Set(names)].flatMap((name) => {
    const scheme = schemes[name] as Obj | undefined;
    if (scheme?.type !== 'apiKey' || scheme.in !== 'query') return [];
    if (params.some((p) => p.in === 'query' && p.name === scheme.name)) return [];
    return [
      {
        name: scheme.name,
        in: 'query',
        required: false,
        description: `The \`${name}\` security scheme: ${String(scheme.description ?? '')} Leave it out when the key goes in a header.`,
        schema: { type: 'string' },
      },
    ];
  });
}

/** One bundle per linked model: the contract and the openapi-typescript emitters share it. */
const bundled = new WeakMap<LinkedApi, Obj>();

/**
 * The ARIN OpenAPI document made complete for tools that read it alone (Prism, openapi-typescript,
 * Redocly, Postman): every payload schema derived from the XSD with its `xml` object, requests
 * pointing at their create or input forms, and matrix parameters as standard path parameters.
 * The hand-written document stays the source.
 */
export function bundleArinContract(api: LinkedApi): Obj {
  const done = bundled.get(api);
  if (done) return done;
  const source = api.sources.find((s) => s.endsWith('.yaml')) ?? '';
  const lineOf = (path: string[]) => readYamlFile(api.specPaths.openapi ?? '', source).lineOf(path);
  const doc = structuredClone(api.document) as Obj;
  if (!api.xml) throw new SpecError(source, undefined, 'document', 'the contract needs the XSD');
  const derived = payloadSchemas(api.xml);
  const components = (doc.components ?? {}) as Obj;
  const handWritten = (components.schemas ?? {}) as Obj;
  for (const name of Object.keys(handWritten))
    if ((handWritten[name] as Obj).xml && !derived[name])
      throw new SpecError(
        source,
        lineOf(['components', 'schemas', name]),
        `components.schemas.${name}`,
        'no XSD type has this name',
      );
  components.schemas = { ...handWritten, ...derived };
  const paths: Obj = {};
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Obj)) {
    for (const method of METHODS) {
      const op = (item as Obj)[method] as Obj | undefined;
      if (!op) continue;
      const shared = ((item as Obj).parameters ?? []) as Obj[];
      if (shared.length) op.parameters = [...shared, ...((op.parameters ?? []) as Obj[])];
      const keyParams = securityQueryParameters(op, doc);
      if (keyParams.length) op.parameters = [...((op.parameters ?? []) as Obj[]), ...keyParams];
      const media = ((op.requestBody as Obj | undefined)?.content as Obj | undefined)?.['application/xml'] as
        Obj | undefined;
      const ref = (media?.schema as Obj | undefined)?.$ref;
      // a request names the payload's create form, else its input form, where the type has one
      if (media && typeof ref === 'string') {
        const form = [...(media['x-xsd-variant'] === 'create' ? ['Create'] : []), 'Input'].find(
          (suffix) => derived[`${ref.split('/').pop()}${suffix}`],
        );
        if (form) media.schema = { $ref: `${ref}${form}` };
      }
      const target = standardMatrix(path, op);
      paths[target] = { ...((paths[target] as Obj | undefined) ?? {}), [method]: op };
    }
  }
  doc.paths = paths;
  components.schemas = reachable(doc, components.schemas as Obj);
  doc.info = {
    ...(doc.info as Obj),
    description: `${String((doc.info as Obj).description ?? '').split(' Matrix parameters (')[0] ?? ''}\n\nThis bundled document is generated by xsd2ts from ${api.sources.join(' and ')}: payload schemas are derived from the XSD, matrix parameters are standard path parameters.`,
  };
  bundled.set(api, doc);
  return doc;
}

/** The schemas some operation or response refers to, directly or through another schema. */
function reachable(doc: Obj, schemas: Obj): Obj {
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Obj)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
          const name = v.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else visit(v);
      }
    }
  };
  visit(doc.paths);
  visit({ ...(doc.components as Obj), schemas: undefined });
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
}

/**
 * The bundled ARIN contract as YAML. A document made from plain data has no directives to write, so
 * `directives: false` only spares the walk over every node that looks for tags needing one.
 */
export function renderArinContract(api: LinkedApi): string {
  const header = `# Generated by xsd2ts from ${api.sources.join(' and ')}. Do not edit.\n`;
  const options = { lineWidth: 0, aliasDuplicateObjects: false, directives: false } as const;
  return header + stringify(bundleArinContract(api), options);
}
