// The helpdesk spec says what the mock enforces: each input a fuzzer found that the spec allowed
// and the mock refused is now refused by both, and the boundary values are accepted by both.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { startHelpdeskMock, type HelpdeskMock } from '@regkit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Obj = Record<string, unknown>;
const spec = parse(
  readFileSync(new URL('../helpdesk/trackit-webapi.openapi.yaml', import.meta.url), 'utf8'),
) as { paths: Record<string, Record<string, Obj>>; components: Obj };
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'spec', components: spec.components }, 'spec');

/** Whether the spec accepts `value` as the named parameter of an operation. */
function paramOk(path: string, method: string, name: string, value: number): boolean {
  const params = (spec.paths[path]?.[method]?.parameters ?? []) as { name: string; schema: Obj }[];
  const param = params.find((p) => p.name === name);
  if (!param) throw new Error(`${method} ${path} has no parameter ${name}`);
  return ajv.validate(param.schema, value);
}
/** Whether the spec accepts `value` as the JSON request body of an operation. */
function bodyOk(path: string, method: string, value: unknown): boolean {
  const body = spec.paths[path]?.[method]?.requestBody as
    { content: { 'application/json': { schema: { $ref: string } } } } | undefined;
  const ref = body?.content['application/json'].schema.$ref ?? '';
  const validate = ajv.getSchema(`spec${ref}`);
  if (!validate) throw new Error(`${method} ${path} has no JSON body schema`);
  return validate(value);
}

let mock: HelpdeskMock;
let token: string;
beforeAll(async () => {
  mock = await startHelpdeskMock();
  const res = await fetch(`${mock.baseUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: 'HELP DESK\\JSMITH',
      password: 'trackit-demo-1',
    }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterAll(() => mock.close());

const call = async (method: string, path: string, body?: unknown) =>
  (
    await fetch(`${mock.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  ).status;

const NOTES = '/tickets/{id}/Notes/{pageSize}/{pageNumber}';
const note = { 'Note Type': 'Technician Note', 'Activity Code': 'Research', Note: 'Checked.' };

describe('the helpdesk spec refuses what the mock refuses', () => {
  it('a negative pageSize or pageNumber, a maxContentLength under -1', async () => {
    expect([paramOk(NOTES, 'get', 'pageSize', -1), await call('GET', '/tickets/1001/Notes/-1/1')]).toEqual([
      false,
      400,
    ]);
    expect([paramOk(NOTES, 'get', 'pageNumber', -1), await call('GET', '/tickets/1001/Notes/1/-1')]).toEqual([
      false,
      400,
    ]);
    expect([
      paramOk(NOTES, 'get', 'maxContentLength', -2),
      await call('GET', '/tickets/1001/Notes/1/1?maxContentLength=-2'),
    ]).toEqual([false, 400]);
    // the boundaries: 0 is every record, -1 the whole text
    expect([
      paramOk(NOTES, 'get', 'pageSize', 0),
      paramOk(NOTES, 'get', 'maxContentLength', -1),
      await call('GET', '/tickets/1001/Notes/0/0?maxContentLength=-1'),
    ]).toEqual([true, true, 200]);
  });

  it('an empty or blank Note Type or Activity Code', async () => {
    const notesBefore = mock.state().notes.size;
    for (const bad of [
      { ...note, 'Note Type': '' },
      { ...note, 'Activity Code': '' },
      { ...note, 'Activity Code': '   ' },
    ]) {
      expect([
        bodyOk('/tickets/{id}/AddNote', 'post', bad),
        await call('POST', '/tickets/1001/AddNote', bad),
      ]).toEqual([false, 400]);
    }
    expect(mock.state().notes.size).toBe(notesBefore);
    expect([
      bodyOk('/tickets/{id}/AddNote', 'post', note),
      await call('POST', '/tickets/1001/AddNote', note),
    ]).toEqual([true, 200]);
  });

  it('a create with no property', async () => {
    const ticketsBefore = mock.state().tickets.size;
    expect([
      bodyOk('/tickets', 'post', { Properties: {} }),
      await call('POST', '/tickets', { Properties: {} }),
    ]).toEqual([false, 400]);
    expect(mock.state().tickets.size).toBe(ticketsBefore);
    const created = { Properties: { 'Ticket Summary': 'Broken door lock' } };
    expect([bodyOk('/tickets', 'post', created), await call('POST', '/tickets', created)]).toEqual([
      true,
      200,
    ]);
  });
});
