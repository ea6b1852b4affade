import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readApi } from '../src/generate.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const bundled = join(repoRoot, 'packages/arin-client/src/generated/reg-rws.openapi.gen.yaml');
type Obj = Record<string, unknown>;
const doc = parse(readFileSync(bundled, 'utf8')) as Obj;
const schemas = (doc.components as { schemas: Record<string, Obj> }).schemas;

describe('the bundled ARIN contract', () => {
  const api = readApi('arin', repoRoot);

  it('carries a full schema, with its xml object, for every root element an operation uses', () => {
    for (const op of api.operations) {
      const io = api.io.get(op.operationId);
      for (const body of [io?.request, io?.output]) {
        // binary bodies (an attachment's bytes) are `format: binary` strings, not payloads
        if (!body || body.type === 'Uint8Array') continue;
        const schema = schemas[body.type];
        expect(schema, `${op.operationId}: ${body.type}`).toBeDefined();
        expect(
          Object.keys((schema?.properties as Obj | undefined) ?? {}).length || (schema?.oneOf as []).length,
        ).toBeGreaterThan(0);
      }
    }
    expect(schemas.Poc?.xml).toEqual({ name: 'poc', namespace: 'http://www.arin.net/regrws/core/v1' });
    const emails = (schemas.Poc?.properties as Record<string, Obj>).emails;
    expect(emails?.xml).toMatchObject({ name: 'emails', wrapped: true });
    expect(emails?.items).toMatchObject({ type: 'string', xml: { name: 'email' } });
    expect((schemas.Nameserver?.properties as Record<string, Obj>).ttl?.xml).toMatchObject({
      name: 'ttl',
      attribute: true,
      prefix: 'ns4',
    });
  });

  it('writes matrix parameters as a standard exploded style: matrix path parameter', () => {
    const paths = doc.paths as Record<string, Record<string, Obj>>;
    const createPoc = paths['/poc{matrix}']?.post;
    const matrix = (createPoc?.parameters as Obj[]).find((p) => p.name === 'matrix');
    expect(matrix).toMatchObject({
      in: 'path',
      required: true,
      style: 'matrix',
      explode: true,
      schema: { type: 'object', properties: { makeLink: { type: 'boolean' } } },
    });
    const ops = Object.values(paths).flatMap((item) => Object.values(item));
    expect(ops.filter((op) => 'x-matrix-parameters' in op).map((op) => op.operationId)).toEqual([]);
    const link = paths['/org/{orgHandle}/poc/{pocHandle}{matrix}']?.put;
    expect((link?.parameters as Obj[]).find((p) => p.name === 'matrix')?.schema).toMatchObject({
      required: ['pocFunction'],
    });
  });

  it('gives openapi-typescript a non-empty type for every payload', async () => {
    const text = astToString(await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]));
    const components = text.slice(
      text.indexOf('export interface components'),
      text.indexOf('export type $defs'),
    );
    const empty = Object.keys(schemas).filter(
      (name) =>
        !components.includes(`        ${name}: {\n`) &&
        !components.includes(`        ${name}: {\n`.replace('{', '({')),
    );
    expect(empty).toEqual([]);
    expect(components.includes('Record<string, never>')).toBe(false);
    // the response form requires what ARIN always returns; the request form leaves it optional
    expect(text).toMatch(/ {8}Poc: \{[^}]*\n {12}handle: string;/);
    expect(text).toMatch(/ {8}PocInput: \{[^}]*\n {12}handle\?: string;/);
    expect(text).toMatch(
      /updatePoc: \{[\s\S]*?requestBody: \{[\s\S]*?"application\/xml": components\["schemas"\]\["PocInput"\][\s\S]*?"application\/xml": components\["schemas"\]\["Poc"\]/,
    );
    expect(text).toMatch(
      /reassignNet: \{[\s\S]*?requestBody: \{[\s\S]*?"application\/xml": components\["schemas"\]\["NetCreate"\]/,
    );
  });
});
