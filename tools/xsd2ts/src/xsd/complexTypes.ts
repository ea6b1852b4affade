import type { ModelField, ModelType } from '../model.js';
import { pascalCase } from '../names.js';
import { readAttributes } from './attributes.js';
import { readField, type TypeBuilder } from './elements.js';
import { docOf, fail, occurs, one, tsAttr, XS, type El, type SchemaSet } from './schemaSet.js';
import { scalarOfQName } from './simpleTypes.js';

const SUPPORTED_CONTENT = new Set(['annotation', 'all', 'sequence', 'choice', 'attribute', 'simpleContent']);

/**
 * Reads complex types into model types, each once, in the order they are finished (dependencies
 * first). Named and anonymous types alike; recursion is cut by the name given on first visit.
 */
export class ComplexTypeReader implements TypeBuilder {
  readonly types: ModelType[] = [];
  readonly #names = new Map<El, string>();
  readonly #taken = new Set<string>();
  constructor(readonly set: SchemaSet) {}

  has(complex: El): boolean {
    return this.#names.has(complex);
  }

  complexType(complex: El, name: string): string {
    const existing = this.#names.get(complex);
    if (existing) return existing;
    const tsName = tsAttr(complex, 'name') ?? pascalCase(name);
    this.#names.set(complex, tsName);
    if (this.#taken.has(tsName)) return tsName;
    this.#taken.add(tsName);
    for (const c of complex.children) {
      if (c.ns !== XS || !SUPPORTED_CONTENT.has(c.local))
        fail(
          c,
          `unsupported construct xs:${c.local} in a complex type (supported: ${[...SUPPORTED_CONTENT].join(', ')})`,
        );
    }
    const simpleContent = one(complex, 'simpleContent');
    const body = simpleContent
      ? this.#simpleContent(complex, simpleContent)
      : this.#elementContent(complex, tsName);
    const doc = docOf(complex);
    this.types.push({ name: tsName, source: complex.doc.file, ...body, ...(doc ? { doc } : {}) });
    return tsName;
  }

  /** Text with attributes: `<nameserver ttl="…">ns1.example.net</nameserver>`. */
  #simpleContent(complex: El, content: El): Omit<ModelType, 'name' | 'source'> {
    const extension = one(content, 'extension');
    if (!extension) fail(content, 'only xs:extension is supported in simple content');
    const text = scalarOfQName(this.set, extension, extension.attrs.base ?? 'xs:string');
    return {
      fields: [],
      attributes: readAttributes(this.set, extension),
      text: { prop: tsAttr(complex, 'text') ?? 'value', scalar: text.scalar },
      ...(text.facets ? { textFacets: text.facets } : {}),
    };
  }

  /** `xs:all`, `xs:sequence` or `xs:choice` of elements, plus attributes. */
  #elementContent(complex: El, tsName: string): Omit<ModelType, 'name' | 'source'> {
    const attributes = readAttributes(this.set, complex);
    const group = one(complex, 'all') ?? one(complex, 'sequence') ?? one(complex, 'choice');
    const isChoice = group?.local === 'choice';
    const fields: ModelField[] = [];
    for (const c of group?.children ?? []) {
      if (c.local === 'annotation') continue;
      if (c.local !== 'element')
        fail(c, `unsupported construct xs:${c.local} in xs:${group?.local} (only xs:element is supported)`);
      fields.push(readField(this, c, tsName, isChoice ? occurs(group as El) : undefined));
    }
    const singleChoice = isChoice && occurs(group as El).max <= 1;
    return {
      fields,
      ...(attributes.length ? { attributes } : {}),
      ...(singleChoice ? { choice: { discriminant: tsAttr(complex, 'discriminant') ?? 'kind' } } : {}),
    };
  }
}
