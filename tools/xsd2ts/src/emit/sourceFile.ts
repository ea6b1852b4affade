import {
  jsDocComment,
  object,
  print,
  propertyName,
  quote,
  seq,
  typeLiteral,
  type Doc,
  type Item,
} from './layout.js';

export interface ImportSpec {
  readonly moduleSpecifier: string;
  readonly namedImports: readonly string[];
  readonly isTypeOnly?: boolean;
}

export interface PropertySpec {
  readonly name: string;
  readonly type: Doc;
  readonly hasQuestionToken?: boolean;
  readonly isReadonly?: boolean;
  readonly docs?: string;
}

export interface DeclarationSpec {
  readonly name: string;
  readonly isExported?: boolean;
  readonly docs?: string;
}

/**
 * A generated file being built. Emitters add imports and declarations; each declaration is laid
 * out as it is added, and `finish` joins them under the header and the imports.
 */
export class EmitFile {
  readonly #imports: ImportSpec[] = [];
  readonly #exports: string[] = [];
  readonly #statements: string[] = [];
  constructor(readonly header: string) {}

  addImportDeclaration(spec: ImportSpec): void {
    this.#imports.push(spec);
  }

  addExportDeclaration(spec: { moduleSpecifier: string }): void {
    this.#exports.push(`export * from ${quote(spec.moduleSpecifier)};`);
  }

  addInterface(spec: DeclarationSpec & { properties: readonly PropertySpec[] }): void {
    this.#declare(spec, seq(`interface ${spec.name} `, typeLiteral(spec.properties.map(property), true)), '');
  }

  addTypeAlias(spec: DeclarationSpec & { type: Doc }): void {
    this.#declare(spec, seq(`type ${spec.name} = `, spec.type), ';');
  }

  /** `const name: type = value;` (`as const` when `asConst`). */
  addConst(spec: DeclarationSpec & { type?: string; value: Doc; asConst?: boolean }): void {
    const head = `const ${spec.name}${spec.type ? `: ${spec.type}` : ''} = `;
    this.#declare(spec, seq(head, spec.value), spec.asConst ? ' as const;' : ';');
  }

  /** Statements written as they are. */
  addStatements(text: string | readonly string[]): void {
    this.#statements.push(...(typeof text === 'string' ? [text] : text));
  }

  #declare(spec: DeclarationSpec, code: Doc, end: string): void {
    const docs = spec.docs ? jsDocComment(spec.docs, '') : '';
    const exported = spec.isExported ? seq('export ', code) : code;
    this.#statements.push(`${docs}${print(exported, 0, 0, end.length)}${end}`);
  }

  /** The file's text: header, imports and re-exports as added, then the declarations a blank line apart. */
  toString(): string {
    const imports = this.#imports.map((i) => {
      const from = ` from ${quote(i.moduleSpecifier)};`;
      return print(seq(`import ${i.isTypeOnly ? 'type ' : ''}`, object(i.namedImports), from));
    });
    const parts = [this.header, imports.join('\n'), this.#exports.join('\n'), ...this.#statements].filter(
      Boolean,
    );
    return `${parts.join('\n\n')}\n`;
  }
}

function property(p: PropertySpec): Item {
  const head = `${p.isReadonly ? 'readonly ' : ''}${propertyName(p.name)}${p.hasQuestionToken ? '?' : ''}: `;
  return { code: seq(head, p.type), ...(p.docs ? { doc: p.docs } : {}) };
}

/** A fresh generated file; the header comes first. */
export function newSourceFile(header: string): EmitFile {
  return new EmitFile(header);
}

/** Final text of a generated file. */
export function finish(file: EmitFile): string {
  return file.toString();
}
