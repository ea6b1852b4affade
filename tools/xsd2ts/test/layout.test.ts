import { describe, expect, it } from 'vitest';
import {
  array,
  call,
  jsDocComment,
  literal,
  object,
  print,
  PRINT_WIDTH,
  propertyName,
  quote,
  seq,
  typeLiteral,
  union,
} from '../src/emit/layout.js';
import { newSourceFile } from '../src/emit/sourceFile.js';

const long = (n: number) => 'x'.repeat(n);

describe('layout: one line when it fits, one item per line when it does not', () => {
  it('prints a short object literal on one line', () => {
    expect(print(literal({ a: 1, b: 'two', c: [true, null] }))).toBe("{ a: 1, b: 'two', c: [true, null] }");
  });

  it('breaks an object that is wider than the print width, with trailing commas and two-space indentation', () => {
    const text = print(literal({ first: long(60), second: long(60) }));
    expect(text).toBe(`{\n  first: '${long(60)}',\n  second: '${long(60)}',\n}`);
  });

  it('breaks only the groups that do not fit, indenting nested ones', () => {
    const text = print(literal({ items: [{ a: 1 }, { b: long(97) }], short: { c: 2 } }));
    expect(text).toBe(
      `{\n  items: [\n    { a: 1 },\n    {\n      b: '${long(97)}',\n    },\n  ],\n  short: { c: 2 },\n}`,
    );
  });

  it('counts the column it starts at and the characters that follow on its line', () => {
    // `{ a: '…' }` is 9 characters more than its text
    const exact = literal({ a: long(PRINT_WIDTH - 9) });
    expect(print(exact, 0, 0, 0)).not.toContain('\n');
    expect(print(exact, 0, 5, 0)).toContain('\n');
    expect(print(exact, 0, 0, 1)).toContain('\n');
    expect(print(literal({ a: long(PRINT_WIDTH - 10) }), 0, 0, 1)).not.toContain('\n');
  });

  it('moves a long string onto the next line after its property name', () => {
    const text = print(object([seq('description: ', quote(long(120)))]));
    expect(text).toBe(`{\n  description:\n    '${long(120)}',\n}`);
  });

  it('hugs the last group of a call: `z.strictObject({` … `})`', () => {
    const doc = call(
      'z.strictObject',
      object([seq('name: ', 'z.string()'), seq('title: ', `z.literal('${long(90)}')`)]),
    );
    expect(print(doc)).toBe(`z.strictObject({\n  name: z.string(),\n  title: z.literal('${long(90)}'),\n})`);
    expect(print(call('z.strictObject', object([])))).toBe('z.strictObject({})');
    expect(print(call('z.enum', array(["'A'", "'B'"])))).toBe("z.enum(['A', 'B'])");
  });

  it('breaks a long union onto lines starting with `|`, and leaves no space before the break', () => {
    const members = Array.from({ length: 30 }, (_, i) => quote(`VALUE${i}`));
    const text = print(seq('type Kind = ', union(members)), 0, 0, 1);
    expect(text.startsWith("type Kind =\n  | 'VALUE0'\n  | 'VALUE1'\n")).toBe(true);
    expect(text.endsWith("  | 'VALUE29'")).toBe(true);
    expect(print(union(["'A'", "'B'"]))).toBe("'A' | 'B'");
    expect(union(['Single'])).toBe('Single');
  });

  it('type literals use `;` and always break when a member is documented', () => {
    expect(print(typeLiteral(['a: string', 'b?: number']))).toBe('{ a: string; b?: number }');
    expect(print(typeLiteral([{ code: 'a: string', doc: 'The A.' }]))).toBe(
      '{\n  /** The A. */\n  a: string;\n}',
    );
    expect(print(typeLiteral(['a: string'], true))).toBe('{\n  a: string;\n}');
  });
});

describe('layout: literals and names', () => {
  it('quotes strings with single quotes unless the text holds more single quotes than double', () => {
    expect(quote('plain')).toBe("'plain'");
    expect(quote("it's")).toBe('"it\'s"');
    expect(quote('say "it\'s"')).toBe("'say \"it\\'s\"'");
    expect(quote('back\\slash\nnew line')).toBe("'back\\\\slash\\nnew line'");
    expect(quote('\u2028')).toBe("'\u2028'");
  });

  it('keeps identifiers bare and quotes other property names', () => {
    expect(propertyName('handle')).toBe('handle');
    expect(propertyName('iso3166-1')).toBe("'iso3166-1'");
    expect(propertyName('')).toBe("''");
    expect(propertyName('.issued')).toBe("'.issued'");
  });

  it('leaves undefined properties out, like JSON', () => {
    expect(print(literal({ a: undefined, b: 0, c: false, d: '' }))).toBe("{ b: 0, c: false, d: '' }");
  });

  it('writes one-line and multi-line JSDoc, and never closes a comment early', () => {
    expect(jsDocComment('One line.', '  ')).toBe('  /** One line. */\n');
    expect(jsDocComment('First.\n\nSecond.', '')).toBe('/**\n * First.\n *\n * Second.\n */\n');
    expect(jsDocComment('a */ b', '')).toBe('/** a *\u200b/ b */\n');
  });
});

describe('a generated file', () => {
  it('puts the header, the imports, the re-exports and the declarations in that order, a blank line apart', () => {
    const file = newSourceFile('// header');
    file.addImportDeclaration({
      moduleSpecifier: './types.gen.js',
      namedImports: ['A', 'B'],
      isTypeOnly: true,
    });
    file.addImportDeclaration({ moduleSpecifier: 'zod', namedImports: ['z'] });
    file.addExportDeclaration({ moduleSpecifier: './types.gen.js' });
    file.addInterface({
      name: 'Thing',
      isExported: true,
      docs: 'A thing.',
      properties: [
        { name: 'id', type: 'number', isReadonly: true, docs: 'Set by the server.' },
        { name: 'iso3166-1', type: 'string', hasQuestionToken: true },
      ],
    });
    file.addConst({ name: 'things', isExported: true, value: object(['A', 'B']), asConst: true });
    file.addTypeAlias({ name: 'Kind', type: union(["'a'", "'b'"]) });
    expect(file.toString()).toBe(
      [
        '// header',
        '',
        "import type { A, B } from './types.gen.js';",
        "import { z } from 'zod';",
        '',
        "export * from './types.gen.js';",
        '',
        '/** A thing. */',
        'export interface Thing {',
        '  /** Set by the server. */',
        '  readonly id: number;',
        "  'iso3166-1'?: string;",
        '}',
        '',
        'export const things = { A, B } as const;',
        '',
        "type Kind = 'a' | 'b';",
        '',
      ].join('\n'),
    );
  });

  it('breaks a long import list one name per line', () => {
    const file = newSourceFile('');
    const names = Array.from({ length: 20 }, (_, i) => `TypeNumber${i}`);
    file.addImportDeclaration({ moduleSpecifier: './types.gen.js', namedImports: names, isTypeOnly: true });
    expect(file.toString()).toBe(
      `import type {\n${names.map((n) => `  ${n},\n`).join('')}} from './types.gen.js';\n`,
    );
  });
});
