import {
  astToString,
  resolveRef,
  scanDiscriminators,
  transformSchema,
  type GlobalContext,
  type OpenAPI3,
} from 'openapi-typescript';
import type { LinkedApi } from '../model.js';
import { SpecError } from '../specError.js';
import { bundleArinContract } from './arinContract.js';

/**
 * openapi-typescript's options as `openapiTS(document, { alphabetize: false })` sets them: every
 * other option at its default.
 */
function context(document: OpenAPI3, discriminators: GlobalContext['discriminators']): GlobalContext {
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators,
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // the Redocly configuration of the lint and bundle passes, which this transform does not run
    redoc: undefined as unknown as GlobalContext['redoc'],
    silent: false,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve($ref) {
      return resolveRef(document, $ref, { silent: false });
    },
  };
}

/** Keys whose values are data rather than OpenAPI objects: a `$ref` there is not a reference. */
const DATA = (key: string) => key === 'example' || key === 'examples' || key.startsWith('x-');

/**
 * One walk over the document: every `$ref` points into it (what the skipped bundle pass would have
 * reported), and whether any object has a `discriminator` (which openapi-typescript's scan of the
 * document would act on).
 */
function inspect(document: OpenAPI3, file: string): { discriminator: boolean } {
  const path: (string | number)[] = [];
  let discriminator = false;
  const resolves = (ref: string) => {
    if (!ref.startsWith('#/')) return false;
    let node: unknown = document;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return false;
      node = (node as Record<string, unknown>)[key];
    }
    return node !== undefined;
  };
  const visit = (node: unknown, refs: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i], refs);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      if (key === 'discriminator') discriminator = true;
      if (key === '$ref' && refs && typeof value === 'string' && !resolves(value))
        throw new SpecError(file, undefined, `#/${path.join('/')}`, `$ref '${value}' points at nothing`);
      path.push(key);
      visit(value, refs && !DATA(key));
      path.pop();
    }
  };
  visit(document, true);
  return { discriminator };
}

/**
 * The `paths`, `components` and `operations` types of the API's OpenAPI document, written by
 * openapi-typescript (for ARIN from the bundled contract, so payloads have their full types):
 * what openapi-fetch and other fetch wrappers take.
 *
 * The document goes straight to openapi-typescript's transform and printer, as `openapiTS()` does
 * after its Redocly lint and bundle passes. Those passes walk the whole document twice and are
 * redundant here: the document is one file already read and checked by the readers (and, for ARIN,
 * built by the generator), its references are local and checked by `inspect`, and the Redocly lint
 * of `schemas/` and the contract test run openapi-typescript's full pipeline on the same documents.
 */
export async function renderOpenApiTypes(api: LinkedApi): Promise<string> {
  const source = api.sources.find((s) => s.endsWith('.yaml')) ?? '';
  const read = (api.xml ? bundleArinContract(api) : api.document) as OpenAPI3;
  const { discriminator } = inspect(read, api.xml ? 'the bundled contract' : source);
  // The transform reads the document and leaves it as it is, except where discriminators make the
  // scan patch their enums: then it works on a copy, as it does on the bundle of `openapiTS()`.
  // `components` is the one thing the bundle pass adds to a document of local references.
  const document = discriminator ? structuredClone(read) : { ...read };
  document.components ??= {};
  const discriminators = discriminator
    ? scanDiscriminators(document, { alphabetize: false })
    : { objects: {}, refsHandled: [] };
  const text = astToString(transformSchema(document, context(document, discriminators)));
  const from = api.xml ? `the bundled contract of ${api.sources.join(' and ')}` : source;
  return `// Generated by xsd2ts with openapi-typescript from ${from}. Do not edit.\n\n${text}`;
}
