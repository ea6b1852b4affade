import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const helpdeskDir = fileURLToPath(new URL('../helpdesk/', import.meta.url));
const spec = parse(readFileSync(join(helpdeskDir, 'trackit-webapi.openapi.yaml'), 'utf8')) as {
  paths: Record<
    string,
    Record<string, { operationId: string; 'x-operation-number': string; security?: unknown[] }>
  >;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, { type: string; scheme?: string }>;
  };
  security?: unknown[];
};

const CATALOGUE: Record<string, [string, string, string]> = {
  H0: ['post', '/token', 'requestToken'],
  H1: ['get', '/tickets/{id}', 'getTicket'],
  H2: ['post', '/tickets/{id}', 'updateTicket'],
  H3: ['get', '/tickets/{id}/Attachments/{pageSize}/{pageNumber}', 'listTicketAttachments'],
  H4: ['get', '/tickets/{id}/Notes/{pageSize}/{pageNumber}', 'listTicketNotes'],
  H5: ['get', '/tickets/Note/{noteId}', 'getNote'],
  H6: ['get', '/tickets/{id}/Assignments/{pageSize}/{pageNumber}', 'listTicketAssignments'],
  H7: ['post', '/tickets/{id}/ChangeStatus', 'changeTicketStatus'],
  H8: ['post', '/tickets/{id}/AddNote', 'addTicketNote'],
  H9: ['post', '/tickets', 'createTicket'],
  H10: ['post', '/tickets/{id}/Close', 'closeTicket'],
  H11: ['post', '/tickets/{id}/Delete', 'deleteTicket'],
  H12: ['get', '/tickets/Templates', 'listTicketTemplates'],
};

/** Every component schema compiled with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses). */
function validators() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'spec', components: spec.components }, 'spec');
  return (schema: string) => ajv.getSchema(`spec#/components/schemas/${schema}`);
}
const schemaFor = validators();
const examples = readdirSync(join(helpdeskDir, 'examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    file: f,
    schema: f.split('.')[0] as string,
    value: JSON.parse(readFileSync(join(helpdeskDir, 'examples', f), 'utf8')) as unknown,
  }));

describe('Track-It! OpenAPI', () => {
  it('has every operation H0-H12 with its path, method and operationId', () => {
    const found = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) => [op['x-operation-number'], [method, path, op.operationId]] as const,
      ),
    );
    expect(Object.fromEntries(found)).toEqual(CATALOGUE);
  });

  it('uses bearer auth everywhere but the token call, which is form-encoded', () => {
    expect(Object.values(spec.components.securitySchemes)).toContainEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    const token = spec.paths['/token']?.post as unknown as {
      security: unknown[];
      requestBody: { content: Record<string, unknown> };
    };
    expect(token.security).toEqual([]);
    expect(Object.keys(token.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
  });

  it('lints clean with Redocly and the committed ruleset', () => {
    const res = spawnSync(
      'npx',
      ['--no-install', 'redocly', 'lint', '--config', 'redocly.yaml', 'helpdesk/trackit-webapi.openapi.yaml'],
      {
        cwd: join(helpdeskDir, '..'),
        encoding: 'utf8',
      },
    );
    expect(res.stdout + res.stderr).toMatch(/Your API description is valid/);
    expect(res.stdout + res.stderr).not.toMatch(/You have \d+ warning|error \(/i);
    expect(res.status).toBe(0);
  });
});

describe('Track-It! examples', () => {
  it('every envelope, body and error schema has an example', () => {
    const covered = new Set(examples.map((e) => e.schema));
    const needed = Object.keys(spec.components.schemas).filter(
      (s) => !['FieldValue', 'FieldMap', 'OptionalParams', 'ChangeStatusNote'].includes(s),
    );
    expect(needed.filter((s) => !covered.has(s))).toEqual([]);
  });

  it.each(examples.map((e) => [e.file, e] as const))('%s validates against its schema', (_file, e) => {
    const validate = schemaFor(e.schema);
    expect(validate, `no schema ${e.schema}`).toBeDefined();
    const ok = validate!(e.value);
    expect(validate!.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the checks bite: broken examples fail', () => {
    const broken: [string, unknown][] = [
      ['TokenResponse', { access_token: 'x', token_type: 'bearer', expires_in: '1799' }],
      ['NoteList', { TicketNotes: [] }],
      ['TicketNoteBody', { Note: 'no type or activity code' }],
      ['TicketEnvelope', { Ticket: { '22': { Value: 'no display name' } } }],
      ['DeleteResult', { success: 'yes' }],
    ];
    for (const [schema, value] of broken) expect(schemaFor(schema)!(value), schema).toBe(false);
  });
});

describe('field catalogues', () => {
  const catalogue = (name: string) =>
    parse(readFileSync(join(helpdeskDir, 'fields', `${name}.yaml`), 'utf8')) as {
      record: string;
      fields: { sequence: number; displayName: string; prop: string; type: string; writable: boolean }[];
    };

  it.each([
    ['ticket', 'Ticket', 186],
    ['note', 'TicketNote', 32],
  ] as const)('%s: sequences within 1-%i, unique sequences and names, types known', (name, record, max) => {
    const c = catalogue(name);
    expect(c.record).toBe(record);
    const seqs = c.fields.map((f) => f.sequence);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(Math.min(...seqs)).toBe(1);
    expect(Math.max(...seqs)).toBe(max);
    expect(new Set(c.fields.map((f) => f.prop)).size).toBe(c.fields.length);
    for (const f of c.fields)
      expect(['string', 'integer', 'number', 'boolean', 'datetime']).toContain(f.type);
  });

  it('the ticket catalogue has the documented writable fields and read-only system fields', () => {
    const byName = Object.fromEntries(catalogue('ticket').fields.map((f) => [f.displayName, f]));
    expect(byName['Ticket Summary']).toMatchObject({ sequence: 22, writable: true });
    expect(byName['Status']).toMatchObject({ sequence: 96 });
    expect(byName['Last User']).toMatchObject({ sequence: 3, writable: false });
  });

  it.each(['attachment', 'assignment', 'template'])('%s catalogue is well formed', (name) => {
    const c = catalogue(name);
    expect(c.fields.length).toBeGreaterThan(3);
    expect(c.fields[0]).toMatchObject({ sequence: 1, prop: 'id' });
  });
});
