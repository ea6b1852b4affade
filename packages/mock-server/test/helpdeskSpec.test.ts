import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startHelpdeskMock, type HelpdeskMock } from '../src/index.js';

// The helpdesk mock must answer what the OpenAPI document says: every response body of a session
// that touches every operation, successes and errors, is validated against the schema the
// document gives for that operation and status.

type Responses = Record<string, { $ref?: string; content?: Record<string, { schema: unknown }> }>;
const specPath = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../schemas/helpdesk/trackit-webapi.openapi.yaml',
);
const spec = parse(readFileSync(specPath, 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; responses: Responses }>>;
  components: {
    schemas: Record<string, unknown>;
    responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  };
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'spec', components: spec.components }, 'spec');

/** Operations by method and path pattern; literal segments win over parameters (`/tickets/Templates`). */
const routes = Object.entries(spec.paths)
  .flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      op,
      pattern: new RegExp(`^${path.replace(/\{[^{}]+\}/g, '[^/]+')}$`),
      params: (path.match(/\{/g) ?? []).length,
    })),
  )
  .sort((a, b) => a.params - b.params);

function schemaFor(method: string, path: string, status: number) {
  const route = routes.find((r) => r.method === method && r.pattern.test(path));
  if (!route) throw new Error(`no operation for ${method} ${path}`);
  let response = route.op.responses[String(status)];
  if (!response) throw new Error(`${route.op.operationId} documents no ${status} response`);
  if (response.$ref)
    response = spec.components.responses[response.$ref.split('/').at(-1) as string] as typeof response;
  const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined;
  if (!schema?.$ref) throw new Error(`${route.op.operationId} ${status} has no JSON schema`);
  return { operationId: route.op.operationId, validate: ajv.getSchema(`spec${schema.$ref}`)! };
}

let mock: HelpdeskMock;
let token = '';
const seen = new Set<string>();
const problems: string[] = [];

async function call(
  method: string,
  path: string,
  body?: unknown,
  options: { form?: boolean; auth?: string | null } = {},
) {
  const headers: Record<string, string> = {};
  if (options.auth !== null) headers.authorization = `Bearer ${options.auth ?? token}`;
  if (body !== undefined)
    headers['content-type'] = options.form ? 'application/x-www-form-urlencoded' : 'application/json';
  const res = await fetch(`${mock.baseUrl}${path}`, {
    method,
    headers,
    body:
      body === undefined
        ? undefined
        : options.form
          ? new URLSearchParams(body as Record<string, string>)
          : JSON.stringify(body),
  });
  const value = JSON.parse(await res.text()) as unknown;
  const { operationId, validate } = schemaFor(method, path.split('?')[0] as string, res.status);
  seen.add(`${operationId} ${res.status}`);
  if (!validate(value))
    problems.push(`${method} ${path} → ${res.status}: ${ajv.errorsText(validate.errors)}`);
  return { status: res.status, value: value as Record<string, unknown> };
}

beforeAll(async () => {
  mock = await startHelpdeskMock();
});
afterAll(() => mock.close());

describe('the helpdesk mock answers what the OpenAPI document says', () => {
  it('a session over every operation, successes and errors, validates against the response schemas', async () => {
    const form = { grant_type: 'password', username: 'HELP DESK\\JSMITH', password: 'trackit-demo-1' };
    expect(
      (await call('POST', '/token', { ...form, password: 'wrong' }, { form: true, auth: null })).status,
    ).toBe(400);
    token = (await call('POST', '/token', form, { form: true, auth: null })).value.access_token as string;
    const note = { 'Note Type': 'Technician Note', 'Activity Code': 'Research', Note: 'n' };

    const statuses = [
      (await call('GET', '/tickets/1001')).status,
      (await call('GET', '/tickets/9999')).status,
      (await call('GET', '/tickets/1003')).status,
      (await call('GET', '/tickets/1001', undefined, { auth: 'expired' })).status,
      (await call('POST', '/tickets', { Properties: { 'Ticket Summary': 'spec check' } })).status,
      (await call('POST', '/tickets', { Properties: { 'Last User': 'x' } })).status,
      (
        await call('POST', '/tickets/1001', {
          Properties: { Priority: '1 - Critical' },
          OptionalParams: { Note: note },
        })
      ).status,
      (await call('GET', '/tickets/1001/Notes/2/1?SystemNote=true&maxContentLength=-1')).status,
      (await call('GET', '/tickets/1001/Attachments/0/0')).status,
      (await call('GET', '/tickets/1001/Assignments/0/0')).status,
      (await call('POST', '/tickets/1001/AddNote', note)).status,
      (await call('POST', '/tickets/1001/AddNote', { Note: 'no type' })).status,
      (await call('POST', '/tickets/1001/ChangeStatus', { StatusName: 'In Progress', Note: note })).status,
      (await call('POST', '/tickets/1001/ChangeStatus', { StatusName: 'Nope' })).status,
      (await call('POST', '/tickets/1002/Close', { Note: note })).status,
      (await call('POST', '/tickets/1002/Delete')).status,
      (await call('GET', '/tickets/Templates')).status,
    ];
    const notes = await call('GET', '/tickets/1001/Notes/0/0?SystemNote=true');
    const noteId = ((notes.value.TicketNotes as Record<string, { Value: number }>[])[0]?.['1']?.Value ??
      0) as number;
    statuses.push((await call('GET', `/tickets/Note/${noteId}`)).status);

    expect(statuses).toEqual([
      200, 404, 404, 401, 200, 400, 200, 200, 200, 200, 200, 400, 200, 400, 200, 200, 200, 200,
    ]);
    expect(problems).toEqual([]);
    const operations = new Set([...seen].map((s) => s.split(' ')[0]));
    expect(operations.size).toBe(13);
  });
});
