// Adding an operation to a spec and regenerating is all it takes for the client's facade, the CLI
// and the mock to know it: a GET added to a copy of the ARIN or the helpdesk spec, generated into a
// temporary copy of the client, gets a facade method, a CLI command, and a 501 from the mock until
// a rule is written.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArinClient as SpecArinClient } from '@regkit/arin-client';
import type { ApiDocs, OperationDefinition } from '@regkit/core';
import type { HelpdeskClient as SpecHelpdeskClient } from '@regkit/helpdesk-client';
import { startArinMock, startHelpdeskMock } from '@regkit/mock-server';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../../tools/xsd2ts/src/generate.js';
import { distinctPaths, operationCommand } from '../src/deriveManifest.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../..');
// inside the repository, so that the generated code resolves @regkit/core and zod
const root = join(here, '../.tmp/add-operation');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const NEW_OPERATION = `paths:
  /delegation/{name}/summary:
    get:
      operationId: getDelegationSummary
      summary: Get a delegation summary
      description: Returns the delegation without its DS records.
      tags:
        - DELEGATION
      x-operation-number: A99
      x-facade: { method: summary, args: [name] }
      x-retry: safe
      parameters:
        - name: name
          in: path
          required: true
          description: The delegation name.
          schema:
            type: string
      responses:
        '200':
          description: The delegation.
          content:
            application/xml:
              schema:
                $ref: '#/components/schemas/Delegation'
              x-xsd-element: delegation
        '404':
          $ref: '#/components/responses/Error404'
`;

const NEW_HELPDESK_OPERATION = `paths:
  /tickets/{id}/Summary:
    get:
      operationId: getTicketSummary
      summary: Get a ticket summary
      description: Returns the summary fields of the ticket.
      tags:
        - Tickets
      x-operation-number: H99
      x-facade: { method: summary, args: [id] }
      x-retry: safe
      parameters:
        - name: id
          in: path
          required: true
          description: Ticket ID.
          schema:
            type: integer
      responses:
        '200':
          description: The ticket.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/TicketEnvelope'
        '404':
          $ref: '#/components/responses/NotFound'
`;

/** A copy of the API's spec with `operation` added and of its client, regenerated under `root`; its src folder. */
async function regenerate(api: 'arin' | 'helpdesk', specFile: string, client: string, operation: string) {
  const dir = join(root, api);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(repoRoot, `schemas/${api}`), join(dir, `schemas/${api}`), { recursive: true });
  const spec = join(dir, `schemas/${api}/${specFile}`);
  writeFileSync(spec, readFileSync(spec, 'utf8').replace(/^paths:\n/m, operation));
  cpSync(join(repoRoot, `packages/${client}/src`), join(dir, `packages/${client}/src`), {
    recursive: true,
    filter: (from) => !from.includes('/generated'),
  });
  cpSync(join(repoRoot, `packages/${client}/package.json`), join(dir, `packages/${client}/package.json`));
  for (const [path, content] of await generate(api, dir)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return join(dir, `packages/${client}/src`);
}

// Generating, then importing the generated TypeScript, takes seconds on a busy machine.
describe('adding an operation to the spec', { timeout: 60_000 }, () => {
  it('ARIN: regenerating gives a facade method, a CLI command and a 501 from the mock, with no other edit', async () => {
    const src = await regenerate('arin', 'reg-rws.openapi.yaml', 'arin-client', NEW_OPERATION);

    // the facade: a documented method on the group of the operation's tag
    const facade = readFileSync(join(src, 'generated/facade.gen.ts'), 'utf8');
    expect(facade).toContain('A99: Get a delegation summary.');
    expect(facade).toContain(
      "summary(name: string, options?: CallOptions): Promise<Delegation> {\n        return this.#client.call('getDelegationSummary', { name }, options);",
    );

    // the CLI: a command derived from the new descriptor
    const { arinOperations } = (await import(join(src, 'generated/operations.gen.ts'))) as {
      arinOperations: Record<string, OperationDefinition>;
    };
    const { arinDocs } = (await import(join(src, 'generated/docs.gen.ts'))) as { arinDocs: ApiDocs };
    const commands = distinctPaths(
      Object.values(arinOperations).map((op) => operationCommand('arin', op, undefined, arinDocs)),
    );
    expect(commands.find((c) => c.operationId === 'getDelegationSummary')).toMatchObject({
      path: ['delegation', 'get-summary'],
      summary: 'Get a delegation summary',
      doc: 'Returns the delegation without its DS records.',
      args: [
        expect.objectContaining({ name: 'NAME', prop: 'name', in: 'path', doc: 'The delegation name.' }),
      ],
      responseElement: 'delegation',
    });
    expect(commands).toHaveLength(73);

    // the mock: routes it, and answers 501 until a rule is written; the client calls it through the facade
    const mock = await startArinMock({ operations: arinOperations });
    try {
      const { ArinClient } = (await import(join(src, 'index.ts'))) as { ArinClient: typeof SpecArinClient };
      const client = new ArinClient({
        apiKey: 'API-1111-2222-3333-4444',
        environment: mock.baseUrl,
        retry: false,
      });
      const summary = (client.delegation as unknown as Record<string, (name: string) => Promise<unknown>>)
        .summary;
      await expect(summary?.call(client.delegation, '0.0.10.in-addr.arpa.')).rejects.toMatchObject({
        status: 501,
        code: 'E_NOT_IMPLEMENTED',
      });
    } finally {
      await mock.close();
    }
  });

  it('helpdesk: regenerating gives a facade method, a CLI command and a 501 from the mock, with no other edit', async () => {
    const src = await regenerate(
      'helpdesk',
      'trackit-webapi.openapi.yaml',
      'helpdesk-client',
      NEW_HELPDESK_OPERATION,
    );

    // the facade: a documented method on the group of the operation's tag
    const facade = readFileSync(join(src, 'generated/facade.gen.ts'), 'utf8');
    expect(facade).toContain('H99: Get a ticket summary.');
    expect(facade).toContain(
      "summary(id: number, options?: CallOptions): Promise<TicketEnvelope> {\n        return this.#client.call('getTicketSummary', { id }, options);",
    );

    // the CLI: a command derived from the new descriptor
    const { helpdeskOperations } = (await import(join(src, 'generated/operations.gen.ts'))) as {
      helpdeskOperations: Record<string, OperationDefinition>;
    };
    const { helpdeskDocs } = (await import(join(src, 'generated/docs.gen.ts'))) as { helpdeskDocs: ApiDocs };
    const commands = distinctPaths(
      Object.values(helpdeskOperations).map((op) =>
        operationCommand('helpdesk', op, undefined, helpdeskDocs),
      ),
    );
    expect(commands.find((c) => c.operationId === 'getTicketSummary')).toMatchObject({
      path: ['ticket', 'get-summary'],
      args: [expect.objectContaining({ name: 'ID', prop: 'id', in: 'path' })],
    });
    expect(commands).toHaveLength(Object.keys(helpdeskOperations).length);

    // the mock: routes it (after the token), and answers 501 until a rule is written
    const mock = await startHelpdeskMock({ operations: helpdeskOperations });
    try {
      const { HelpdeskClient } = (await import(join(src, 'index.ts'))) as {
        HelpdeskClient: typeof SpecHelpdeskClient;
      };
      const client = new HelpdeskClient({
        baseUrl: mock.baseUrl,
        username: 'HELP DESK\\JSMITH',
        password: 'trackit-demo-1',
        retry: false,
      });
      const summary = (client.tickets as unknown as Record<string, (id: number) => Promise<unknown>>).summary;
      await expect(summary?.call(client.tickets, 1001)).rejects.toMatchObject({
        status: 501,
        body: { Message: 'The mock server has no rule for getTicketSummary.' },
      });
      expect(mock.journal.map((e) => `${e.method} ${e.url} ${e.status}`)).toEqual([
        'POST /TrackIt/WebApi/token 200',
        'GET /TrackIt/WebApi/tickets/1001/Summary 501',
      ]);
    } finally {
      await mock.close();
    }
  });
});
