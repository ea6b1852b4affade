import { relative } from 'node:path';
import type { BodyDefinition, HttpMethod, ParamScalar } from '@regkit/core';
import type {
  FacadeGroup,
  JsonType,
  ModelEnum,
  ModelMatrixParam,
  ModelOperation,
  ModelParam,
  ModelResponse,
} from '../model.js';
import { camelCase } from '../names.js';
import { SpecError } from '../specError.js';
import { readYamlFile } from '../yamlFile.js';
import { readOpenApiEnums } from './enums.js';
import { readJsonTypes } from './jsonSchemas.js';
import { readFacades } from './readFacades.js';

type Obj = Record<string, unknown>;
type Fail = (at: (string | number)[], problem: string) => never;
const RPSL = 'application/rpsl';
const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;
/** Extensions read into the operation's own fields rather than kept verbatim. */
const OWN_EXTENSIONS = new Set([
  'x-facade',
  'x-matrix-parameters',
  'x-operation-number',
  'x-retry',
  'x-outcome-check',
]);

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * `x-cli` (kept in the operation's extensions): the CLI command words when they differ from the rule
 * (`command: [ticket, list]`) and the flag of a parameter when it differs (`flags: { pocFunction: function }`).
 */
function checkCli(cli: unknown, params: readonly { name: string }[], at: (string | number)[], fail: Fail) {
  if (cli === undefined) return;
  if (typeof cli !== 'object' || cli === null || Array.isArray(cli)) fail(at, 'x-cli must be a map');
  for (const [key, value] of Object.entries(cli as Obj)) {
    if (key === 'command') {
      if (
        !Array.isArray(value) ||
        !value.length ||
        !value.every((w) => typeof w === 'string' && KEBAB.test(w))
      )
        fail([...at, key], 'x-cli command must be a list of kebab-case words');
    } else if (key === 'flags') {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        fail([...at, key], 'x-cli flags map parameter names to flags');
      for (const [name, flag] of Object.entries(value as Obj)) {
        if (!params.some((p) => p.name === name))
          fail([...at, key, name], `'${name}' is not a parameter of the operation`);
        if (typeof flag !== 'string' || !KEBAB.test(flag))
          fail([...at, key, name], 'a flag is a kebab-case word');
      }
    } else fail([...at, key], `unknown x-cli key '${key}' (command, flags)`);
  }
}

export interface OpenApiModel {
  readonly operations: ModelOperation[];
  readonly jsonTypes: JsonType[];
  /** The generated facade's groups and methods (`x-facade-group`, `x-facade`). */
  readonly facades: FacadeGroup[];
  /** The enumerations of its schemas and parameters (`x-enum-name`). */
  readonly enums: ModelEnum[];
  /** The document as read, for emitters that write it out again. */
  readonly document: unknown;
}

/**
 * Reads an OpenAPI 3.1 document: operations with path, matrix (`x-matrix-parameters`) and query
 * parameters, request bodies, responses per status, security and `x-` extensions; plus the JSON
 * schemas of `components.schemas` that are not XML payloads.
 */
export function readOpenApi(path: string, repoRoot: string): OpenApiModel {
  const file = relative(repoRoot, path);
  const yaml = readYamlFile(path, file);
  const root = (yaml.data ?? {}) as Obj;
  const fail = (pathParts: (string | number)[], problem: string): never => {
    throw new SpecError(file, yaml.lineOf(pathParts), pathParts.join('.'), problem);
  };
  if (typeof root.openapi !== 'string' || !root.openapi.startsWith('3.1'))
    fail(['openapi'], 'only OpenAPI 3.1 documents are supported');
  const components = (root.components ?? {}) as Obj;
  const deref = (value: unknown, at: (string | number)[]): Obj => {
    let current = value as Obj;
    for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
      const ref = current.$ref as string;
      if (!ref.startsWith('#/') || hops > 10) fail(at, `unsupported $ref '${ref}' (only local references)`);
      const parts = ref.slice(2).split('/');
      let target: unknown = root;
      for (const p of parts) target = (target as Obj | undefined)?.[p];
      if (target === undefined) fail(at, `$ref '${ref}' points at nothing`);
      current = target as Obj;
    }
    return current;
  };
  const refName = (schema: unknown): string | undefined => {
    const ref = (schema as Obj | undefined)?.$ref;
    return typeof ref === 'string' ? ref.split('/').pop() : undefined;
  };

  const scalarOf = (schema: Obj, at: (string | number)[]): ParamScalar => {
    const t = schema.type;
    if (t === 'string' || t === 'boolean' || t === 'integer') return t;
    if (t === 'number') return 'integer';
    return fail(at, `parameter type '${String(t)}' is not supported (string, integer or boolean)`);
  };

  const param = (p: Obj, at: (string | number)[]): ModelParam => {
    const schema = (p.schema ?? {}) as Obj;
    return {
      name: String(p.name),
      prop: camelCase(String(p.name)),
      type: scalarOf(schema, [...at, 'schema']),
      ...(Array.isArray(schema.enum) ? { enum: schema.enum.map(String) } : {}),
      required: p.required === true,
      ...(typeof p.description === 'string' ? { doc: p.description } : {}),
    };
  };

  const body = (content: unknown, at: (string | number)[]): BodyDefinition | undefined => {
    if (!content || typeof content !== 'object') return undefined;
    const all = Object.entries(content as Obj);
    // RPSL text is offered beside XML for the same object: the XML entry carries the type.
    const rpsl = all.some(([type]) => type === RPSL);
    const entries = all.filter(([type]) => type !== RPSL);
    if (entries.length !== 1)
      fail(at, 'exactly one media type per body is supported (plus application/rpsl)');
    const [mediaType, media] = entries[0] as [string, Obj];
    if (mediaType === 'application/xml') {
      const element = media['x-xsd-element'];
      if (typeof element !== 'string')
        fail([...at, mediaType], 'XML bodies need x-xsd-element naming their root element');
      const of = media['x-xsd-collection-of'];
      if (typeof of === 'string') return { mediaType, element: element as string, collectionOf: of };
      return {
        mediaType,
        element: element as string,
        ...(media['x-xsd-variant'] === 'create' ? { variant: 'create' as const } : {}),
        ...(rpsl ? { rpsl: true as const } : {}),
      };
    }
    if (rpsl) fail([...at, RPSL], 'application/rpsl is offered only beside an XML body');
    if (mediaType === 'application/json' || mediaType === 'application/x-www-form-urlencoded') {
      const name = refName(media.schema);
      if (!name)
        fail(
          [...at, mediaType, 'schema'],
          'JSON and form bodies must $ref a named schema of components.schemas',
        );
      return { mediaType, schema: name as string };
    }
    if (mediaType === 'application/octet-stream') return { mediaType };
    return fail([...at, mediaType], `media type '${mediaType}' is not supported`);
  };

  const operations: ModelOperation[] = [];
  const ids = new Set<string>();
  const paths = (root.paths ?? {}) as Obj;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = (item as Obj)[method] as Obj | undefined;
      if (!op) continue;
      const at = ['paths', path, method];
      const operationId = op.operationId;
      if (typeof operationId !== 'string') fail(at, 'every operation needs an operationId');
      if (ids.has(operationId as string))
        fail([...at, 'operationId'], `duplicate operationId '${String(operationId)}'`);
      ids.add(operationId as string);
      const params = [
        ...(((item as Obj).parameters ?? []) as unknown[]),
        ...((op.parameters ?? []) as unknown[]),
      ].map((p, i) => deref(p, [...at, 'parameters', i]));
      const pathParams = params
        .filter((p) => p.in === 'path')
        .map((p, i) => param(p, [...at, 'parameters', i]));
      const queryParams = params
        .filter((p) => p.in === 'query')
        .map((p, i) => param(p, [...at, 'parameters', i]));
      for (const p of params)
        if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header')
          fail([...at, 'parameters'], `parameters in '${String(p.in)}' are not supported`);
      for (const name of path.matchAll(/\{([^{}]+)\}/g))
        if (!pathParams.some((p) => p.name === name[1]))
          fail(at, `path parameter '${name[1]}' is not declared`);
      const segments = path.split('/').length - 2;
      const matrixParams: ModelMatrixParam[] = ((op['x-matrix-parameters'] ?? []) as Obj[]).map((m, i) => ({
        ...param(m, [...at, 'x-matrix-parameters', i]),
        segment: segments,
      }));
      const requestBody = op.requestBody ? deref(op.requestBody, [...at, 'requestBody']) : undefined;
      const responses: ModelResponse[] = Object.entries((op.responses ?? {}) as Obj).map(([status, r]) => {
        const resolved = deref(r, [...at, 'responses', status]);
        const code = Number(status);
        if (!Number.isInteger(code))
          fail([...at, 'responses', status], `response '${status}' must be a numeric status`);
        const b = body(resolved.content, [...at, 'responses', status, 'content']);
        return {
          status: code,
          description: String(resolved.description ?? ''),
          ...(b ? { body: b } : {}),
          error: code >= 400,
        };
      });
      if (!responses.some((r) => !r.error))
        fail([...at, 'responses'], 'an operation needs a success response');
      const security = ((op.security ?? root.security ?? []) as Obj[]).flatMap((s) => Object.keys(s));
      checkCli(op['x-cli'], [...pathParams, ...matrixParams, ...queryParams], [...at, 'x-cli'], fail);
      const extensions = Object.fromEntries(
        Object.entries(op).filter(([k]) => k.startsWith('x-') && !OWN_EXTENSIONS.has(k)),
      );
      const retry = op['x-retry'];
      if (retry !== 'safe' && retry !== 'unsafe')
        fail(
          retry === undefined ? at : [...at, 'x-retry'],
          'x-retry must be safe or unsafe: may the request be sent twice?',
        );
      const outcomeCheck = op['x-outcome-check'];
      if (retry === 'unsafe' && (typeof outcomeCheck !== 'string' || outcomeCheck.trim() === ''))
        fail(at, 'an unsafe operation needs x-outcome-check: how to see whether it was applied');
      const tags = (op.tags ?? []) as string[];
      const request = requestBody ? body(requestBody.content, [...at, 'requestBody', 'content']) : undefined;
      operations.push({
        id: String(op['x-operation-number'] ?? operationId),
        operationId: operationId as string,
        tag: tags[0] ?? 'default',
        method: method.toUpperCase() as HttpMethod,
        path,
        pathParams,
        matrixParams,
        queryParams,
        ...(request ? { request } : {}),
        responses,
        security,
        retry: retry as 'safe' | 'unsafe',
        ...(retry === 'unsafe' ? { outcomeCheck: outcomeCheck as string } : {}),
        summary: String(op.summary ?? ''),
        ...(typeof op.description === 'string' ? { doc: op.description } : {}),
        ...(op.deprecated === true ? { deprecated: true } : {}),
        ...(Object.keys(extensions).length ? { extensions } : {}),
      });
    }
  }

  const jsonTypes = readJsonTypes(components.schemas, fail);
  const facades = readFacades(root, operations, fail);
  const enums = readOpenApiEnums(root, fail, (at) => yaml.lineOf(at), file);
  return { operations, jsonTypes, facades, enums, document: yaml.data };
}
