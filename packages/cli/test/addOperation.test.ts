// Adding an operation to a spec and regenerating is all it takes for the client's facade, the CLI
// and the mock to know it: a GET added to a copy of the ARIN spec, generated into a temporary copy
// of the client, gets a facade method, a CLI command, and a 501 from the mock until a rule is written.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArinClient as SpecArinClient } from '@regkit/arin-client';
import type { ApiDocs, OperationDefinition } from '@regkit/core';
import { startArinMock } from '@regkit/mock-server';
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

describe('adding an operation to the spec', () => {
  it('regenerating gives a facade method, a CLI command and a 501 from the mock, with no other edit', async () => {
    rmSync(root, { recursive: true, force: true });
    cpSync(join(repoRoot, 'schemas/arin'), join(root, 'schemas/arin'), { recursive: true });
    const spec = join(root, 'schemas/arin/reg-rws.openapi.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace(/^paths:\n/m, NEW_OPERATION));
    cpSync(join(repoRoot, 'packages/arin-client/src'), join(root, 'packages/arin-client/src'), {
      recursive: true,
      filter: (from) => !from.includes('/generated'),
    });
    cpSync(
      join(repoRoot, 'packages/arin-client/package.json'),
      join(root, 'packages/arin-client/package.json'),
    );
    for (const [path, content] of await generate('arin', root)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const src = join(root, 'packages/arin-client/src');

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
    expect(commands).toHaveLength(51);

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
    // it runs the generator over the whole ARIN spec: seconds on a loaded machine
  }, 20_000);
});
