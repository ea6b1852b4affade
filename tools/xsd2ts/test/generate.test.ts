import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Project, SyntaxKind } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { paramProp, xmlFieldsOf, type ParamDefinition } from '@regkit/core';
import { main } from '../src/cli.js';
import { runtimeOperation } from '../src/emit/operations.js';
import { codecField, runtimeType } from '../src/emit/xmlCodecs.js';
import { generate, TARGETS } from '../src/generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../..');
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A scratch repository root holding the specs and the generated files. */
function scratchRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'xsd2ts-root-'));
  temps.push(root);
  cpSync(join(repoRoot, 'schemas/arin'), join(root, 'schemas/arin'), { recursive: true });
  cpSync(join(repoRoot, 'schemas/helpdesk'), join(root, 'schemas/helpdesk'), { recursive: true });
  for (const t of Object.values(TARGETS))
    cpSync(join(repoRoot, t.outDir), join(root, t.outDir), { recursive: true });
  return root;
}

function capture() {
  const lines: string[] = [];
  const log = {
    log: (s: string) => lines.push(s),
    error: (s: string) => lines.push(s),
  } as unknown as Console;
  return { lines, log };
}

describe.each(['arin', 'helpdesk'] as const)('full output for %s', (api) => {
  // The golden files are the committed generated files themselves: a change to the generator or
  // a spec shows up as their diff (`vitest -u` rewrites them, as `xsd2ts generate` does).
  it('matches the golden files', async () => {
    const files = await generate(api, repoRoot);
    expect([...files.keys()].sort()).toMatchSnapshot();
    for (const [path, content] of files) await expect(content).toMatchFileSnapshot(join(repoRoot, path));
  });

  it('is deterministic: a second run is byte-identical', async () => {
    const first = await generate(api, repoRoot);
    const second = await generate(api, repoRoot);
    expect([...second.entries()]).toEqual([...first.entries()]);
    for (const content of first.values()) expect(content).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});

describe('the generated code, read back with ts-morph', () => {
  const project = new Project({ useInMemoryFileSystem: true });
  const parse = async (api: 'arin' | 'helpdesk') => {
    const files = new Map<string, ReturnType<typeof project.createSourceFile>>();
    for (const [path, content] of await generate(api, repoRoot)) {
      if (!path.endsWith('.ts')) continue;
      const file = project.createSourceFile(`/${path}`, content, { overwrite: true });
      expect(
        project
          .getProgram()
          .getSyntacticDiagnostics(file)
          .map((d) => d.getMessageText()),
      ).toEqual([]);
      files.set(path.split('/').at(-1) as string, file);
    }
    return files;
  };

  it('declares, for every operation of both APIs, its definition and its input type', async () => {
    for (const api of ['arin', 'helpdesk'] as const) {
      const { operations, typePrefix = '' } = TARGETS[api].read(repoRoot);
      const file = (await parse(api)).get('operations.gen.ts');
      for (const op of operations) {
        const definition = file?.getVariableDeclarationOrThrow(op.operationId);
        expect(
          definition?.getInitializerIfKindOrThrow(SyntaxKind.ObjectLiteralExpression).getText(),
        ).toContain(`operationId: '${op.operationId}'`);
        // reached through the operation map; exported only for ARIN's per-operation commands, since
        // two APIs' operation names may be the same
        expect(definition?.getVariableStatementOrThrow().isExported()).toBe(api === 'arin');
        const input = file?.getInterfaceOrThrow(
          `${typePrefix}${op.operationId[0]?.toUpperCase()}${op.operationId.slice(1)}Input`,
        );
        const params = [...op.pathParams, ...op.matrixParams, ...op.queryParams].map((p) => p.prop);
        expect(input?.getProperties().map((p) => p.getName())).toEqual([
          ...params,
          ...(op.request ? ['body'] : []),
        ]);
      }
    }
  });

  it.each([
    ['arin', 'ArinCaller', ['call', 'callRpsl']],
    ['helpdesk', 'HelpdeskCaller', ['call']],
  ] as const)(
    'declares the %s caller in a file of its own that imports no hand-written module',
    async (api, caller, methods) => {
      const files = await parse(api);
      const callerFile = files.get('caller.gen.ts');
      expect(
        callerFile
          ?.getInterfaceOrThrow(caller)
          .getMethods()
          .map((m) => m.getName()),
      ).toEqual(methods);
      expect(callerFile?.getImportDeclarations().map((d) => d.getModuleSpecifierValue())).toEqual([
        '@regkit/core',
        './operations.gen.js',
      ]);
      // the facade imports the caller as a type and implements it, so that the hand-written pieces
      // the facade calls can import the caller without importing the facade
      const facade = files.get('facade.gen.ts');
      expect(facade?.getInterface(caller)).toBeUndefined();
      const fromCaller = facade?.getImportDeclarationOrThrow('./caller.gen.js');
      expect(fromCaller?.isTypeOnly()).toBe(true);
      expect(fromCaller?.getNamedImports().map((n) => n.getName())).toEqual([caller]);
      expect(
        facade
          ?.getClassOrThrow(`${caller.replace(/Caller$/, '')}Facade`)
          .getImplements()
          .map((i) => i.getText()),
      ).toEqual([caller]);
    },
  );

  it('writes the XML descriptors of every payload type, field by field in encode order', async () => {
    const { xml } = TARGETS.arin.read(repoRoot);
    const file = (await parse('arin')).get('codecs.gen.ts');
    const schema = file
      ?.getVariableDeclarationOrThrow('arinXmlSchema')
      .getInitializerIfKindOrThrow(SyntaxKind.ObjectLiteralExpression);
    const types = schema
      ?.getPropertyOrThrow('types')
      .asKindOrThrow(SyntaxKind.PropertyAssignment)
      .getInitializerIfKindOrThrow(SyntaxKind.ObjectLiteralExpression);
    expect(
      types?.getProperties().map((p) => p.asKindOrThrow(SyntaxKind.PropertyAssignment).getName()),
    ).toEqual(xml?.types.map((t) => t.name));
    for (const t of xml?.types ?? []) {
      // each type is its own constant (`PocCodec`), which the schema names
      const ref = types
        ?.getPropertyOrThrow(t.name)
        .asKindOrThrow(SyntaxKind.PropertyAssignment)
        .getInitializerIfKindOrThrow(SyntaxKind.Identifier)
        .getText();
      expect(ref).toBe(`${t.name}Codec`);
      const fields = file
        ?.getVariableDeclarationOrThrow(ref as string)
        .getInitializerIfKindOrThrow(SyntaxKind.ObjectLiteralExpression)
        .getPropertyOrThrow('fields')
        .asKindOrThrow(SyntaxKind.PropertyAssignment)
        .getInitializerIfKindOrThrow(SyntaxKind.ArrayLiteralExpression)
        .getElements()
        .map((e) => /prop: '([^']+)'/.exec(e.getText())?.[1]);
      expect(fields).toEqual(t.fields.map((f) => f.prop));
    }
  });

  it('leaves out of the descriptors only what core fills in again, and what only tooling reads', () => {
    const { xml, operations } = TARGETS.arin.read(repoRoot);
    for (const t of xml?.types ?? []) expect(xmlFieldsOf(runtimeType(t))).toEqual(t.fields.map(codecField));
    for (const op of [...operations, ...TARGETS.helpdesk.read(repoRoot).operations]) {
      const runtime = runtimeOperation(op);
      const params = (p: { name: string; prop?: string; required?: boolean }) => [
        p.name,
        paramProp(p as ParamDefinition),
        !!p.required,
      ];
      expect((runtime.pathParams ?? []).map(params)).toEqual(
        op.pathParams.map((p) => [p.name, p.prop, false]),
      );
      expect([...(runtime.matrixParams ?? []), ...(runtime.queryParams ?? [])].map(params)).toEqual(
        [...op.matrixParams, ...op.queryParams].map(params),
      );
      // the extensions the runtime reads stay; the docs module has them all
      const { 'x-empty-path-parameters': empty } = op.extensions ?? {};
      expect(runtime.extensions).toEqual(
        empty === undefined ? undefined : { 'x-empty-path-parameters': empty },
      );
      expect(runtime).not.toHaveProperty('id');
      expect(runtime).not.toHaveProperty('tag');
    }
  });
});

describe('the generated code type-checks', () => {
  it('tsc --noEmit passes on the output of both APIs, with the hand-written code of the clients', async () => {
    const dir = join(here, '../.tmp/tsc');
    rmSync(dir, { recursive: true, force: true });
    for (const api of ['arin', 'helpdesk'] as const) {
      // the facade calls the client's hand-written pieces (`../facadeParts.js`)
      cpSync(join(repoRoot, TARGETS[api].outDir, '..'), join(dir, api), {
        recursive: true,
        filter: (from) => !from.includes('/generated'),
      });
      for (const [path, content] of await generate(api, repoRoot)) {
        const target = join(dir, api, 'generated', path.split('/').at(-1) as string);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../../tsconfig.base.json',
        compilerOptions: {
          noEmit: true,
          rootDir: '../../../..',
          paths: { '@regkit/core': ['../../../../packages/core/src/index.ts'] },
        },
        include: ['arin', 'helpdesk'],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
      {
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('xsd2ts generate CLI', () => {
  it('--check passes when the generated files match the specs', async () => {
    const { lines, log } = capture();
    expect(await main(['generate', '--check', '--root', scratchRoot()], log)).toBe(0);
    expect(lines.join('\n')).toContain('generated code matches the specs (arin, helpdesk)');
  });

  it('--check exits 1 with a readable summary after a spec change, and generate fixes it', async () => {
    const root = scratchRoot();
    const xsd = join(root, 'schemas/arin/reg-rws-core.xsd');
    writeFileSync(
      xsd,
      readFileSync(xsd, 'utf8').replace(
        'The only field a modify may change',
        'The single field a modify may change',
      ),
    );
    const { lines, log } = capture();
    expect(await main(['generate', 'arin', '--check', '--root', root], log)).toBe(1);
    const out = lines.join('\n');
    const onDisk = readFileSync(join(root, 'packages/arin-client/src/generated/types.gen.ts'), 'utf8').split(
      '\n',
    );
    const line = onDisk.findIndex((l) => l.includes('The only field a modify may change')) + 1;
    expect(out).toContain(`differs   packages/arin-client/src/generated/types.gen.ts (line ${line}, column`);
    expect(out).toContain('The single field a modify may change');
    expect(await main(['generate', 'arin', '--root', root], capture().log)).toBe(0);
    expect(readFileSync(join(root, 'packages/arin-client/src/generated/types.gen.ts'), 'utf8')).toContain(
      'The single field a modify may change',
    );
    expect(await main(['generate', '--check', '--root', root], capture().log)).toBe(0);
  });

  it('a broken schema stops generation with the file, the line and the element', async () => {
    const root = scratchRoot();
    const xsd = join(root, 'schemas/arin/reg-rws-core.xsd');
    const text = readFileSync(xsd, 'utf8').replace(
      '<xs:element name="handle" type="xs:string"',
      '<xs:element name="handle" type="xs:float"',
    );
    writeFileSync(xsd, text);
    const line = text.split('\n').findIndex((l) => l.includes('type="xs:float"')) + 1;
    const before = readFileSync(join(root, 'packages/arin-client/src/generated/types.gen.ts'), 'utf8');
    const { lines, log } = capture();
    expect(await main(['generate', 'arin', '--root', root], log)).toBe(1);
    expect(lines.join('\n')).toBe(
      `xsd2ts: cannot generate arin: schemas/arin/reg-rws-core.xsd:${line}: <xs:element name="handle">: unsupported built-in type xs:float`,
    );
    expect(readFileSync(join(root, 'packages/arin-client/src/generated/types.gen.ts'), 'utf8')).toBe(before);
  });

  it('a stale generated file is reported by --check', async () => {
    const root = scratchRoot();
    writeFileSync(join(root, 'packages/helpdesk-client/src/generated/old.gen.ts'), 'export {};\n');
    const { lines, log } = capture();
    expect(await main(['generate', 'helpdesk', '--check', '--root', root], log)).toBe(1);
    expect(lines.join('\n')).toContain(
      'stale     packages/helpdesk-client/src/generated/old.gen.ts (no longer generated)',
    );
  });

  it('usage errors exit 2', async () => {
    const { lines, log } = capture();
    expect(await main(['generate', 'soap'], log)).toBe(2);
    expect(lines.join('\n')).toContain('Usage: xsd2ts generate [arin|helpdesk] [--check] [--root DIR]');
  });
});
