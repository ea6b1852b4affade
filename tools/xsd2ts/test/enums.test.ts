import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as arin from '../../../packages/arin-client/src/generated/types.gen.js';
import * as helpdesk from '../../../packages/helpdesk-client/src/generated/types.gen.js';

// The committed constants against the spec text itself, read here without the generator's readers.
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const arinXsds = readdirSync(join(repoRoot, 'schemas/arin'))
  .filter((f) => f.endsWith('.xsd'))
  .map((f) => read(`schemas/arin/${f}`));

type Constants = Record<string, unknown>;
const valuesOf = (module: Constants, name: string) =>
  module[`${name}Values`] as readonly unknown[] | undefined;

/** `x-enum-name` → values of every `enum` of an OpenAPI document. */
function openApiEnums(path: string): [string, string[]][] {
  const found: [string, string[]][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    if (Array.isArray(obj.enum)) found.push([String(obj['x-enum-name']), obj.enum.map(String)]);
    Object.values(obj).forEach(walk);
  };
  walk(parse(read(path)));
  return found;
}

describe('the constants of the enumerations match the specs', () => {
  it('every XSD simple type with xs:enumeration has <Name>Values with its values, in order', () => {
    const simpleTypes = arinXsds.flatMap((xsd) =>
      [...xsd.matchAll(/<xs:simpleType name="(\w+)">([\s\S]*?)<\/xs:simpleType>/g)].map((m) => ({
        name: m[1] as string,
        values: [...(m[2] as string).matchAll(/<xs:enumeration value="([^"]*)"/g)].map((v) => v[1]),
      })),
    );
    const enumerated = simpleTypes.filter((t) => t.values.length);
    expect(enumerated.map((t) => t.name)).toEqual(
      expect.arrayContaining(['ContactType', 'PocFunction', 'PhoneTypeCode', 'NetBlockType', 'NetVersion']),
    );
    for (const t of enumerated) expect(valuesOf(arin, t.name)?.map(String), t.name).toEqual(t.values);
  });

  it('every documented-values list (ts:values) has a constant', () => {
    for (const xsd of arinXsds)
      for (const m of xsd.matchAll(/<ts:values name="(\w+)">([^<]*)<\/ts:values>/g))
        expect(valuesOf(arin, m[1] as string), m[1]).toEqual((m[2] as string).split(/\s+/).filter(Boolean));
  });

  it('every OpenAPI enum has the constant its x-enum-name names, with the same values', () => {
    const checks = [
      ...openApiEnums('schemas/arin/reg-rws.openapi.yaml').map(([n, v]) => [arin, n, v] as const),
      ...openApiEnums('schemas/helpdesk/trackit-webapi.openapi.yaml').map(
        ([n, v]) => [helpdesk, n, v] as const,
      ),
    ];
    expect(checks.length).toBeGreaterThanOrEqual(10);
    for (const [module, name, values] of checks)
      expect([...(valuesOf(module, name) ?? [])].map(String).sort(), name).toEqual([...values].sort());
  });

  it('ArinErrorCode is exactly the error codes the spec lists, each described', () => {
    const core = read('schemas/arin/reg-rws-core.xsd');
    const list = /<ts:values name="ArinErrorCode">([\s\S]*?)<\/ts:values>/.exec(core)?.[1] ?? '';
    const listed = [...list.matchAll(/<ts:value name="(E_\w+)">/g)].map((m) => m[1]);
    expect(arin.ArinErrorCodeValues).toEqual(listed);
    expect(Object.keys(arin.ArinErrorCodeDescriptions)).toEqual(listed);
    // every code any ARIN spec file or example names is in the list
    const named = new Set<string>();
    for (const dir of ['schemas/arin', 'schemas/arin/examples'])
      for (const f of readdirSync(join(repoRoot, dir)).filter((n) => /\.(xsd|yaml|xml)$/.test(n)))
        for (const m of read(`${dir}/${f}`).matchAll(/\bE_[A-Z_]+\b/g)) named.add(m[0]);
    expect([...named].filter((c) => !listed.includes(c))).toEqual([]);
    expect(listed).toEqual(
      expect.arrayContaining([
        'E_BAD_REQUEST',
        'E_ENTITY_VALIDATION',
        'E_NOT_REMOVEABLE',
        'E_SCHEMA_VALIDATION',
        'E_OBJECT_NOT_FOUND',
        'E_AUTHENTICATION',
        'E_METHOD_NOT_ALLOWED',
        'E_UNSUPPORTED_OPERATION',
        'E_UNSUPPORTED_MEDIA_TYPE',
        'E_UNSPECIFIED',
        'E_TOO_MANY_REQUESTS',
        'E_OUTAGE',
        'E_NOT_IMPLEMENTED',
      ]),
    );
  });

  it("ARIN's descriptions of POC functions, phone types and net types", () => {
    expect(arin.PocFunctionDescriptions).toEqual({
      AD: 'Admin',
      AB: 'Abuse',
      N: 'NOC',
      T: 'Tech',
      R: 'Routing',
      D: 'DNS',
    });
    expect(arin.PhoneTypeCodeDescriptions).toEqual({ O: 'OFFICE', F: 'FAX', M: 'MOBILE' });
    expect(arin.NetBlockTypeDescriptions).toMatchObject({
      DA: 'Direct Allocation',
      DS: 'Direct Assignment',
      A: 'Reallocated',
      S: 'Reassigned',
    });
    expect(arin.NetVersionValues).toEqual([4, 6]);
  });
});
