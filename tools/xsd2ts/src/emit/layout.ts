/**
 * Lays out generated code in one pass: a group is printed on one line when it fits the print width
 * and broken one item per line (trailing commas, two-space indentation) when it does not, the way
 * Prettier would print it. Printing straight to text avoids re-parsing and reformatting the output.
 */

export const PRINT_WIDTH = 110;

/** Code to lay out: plain text (never broken), a group, or a sequence whose last group may break. */
export type Doc = string | Group | Sequence;

export interface Item {
  readonly code: Doc;
  /** JSDoc text printed above the item; a group with documented items always breaks. */
  readonly doc?: string;
}

export interface Group {
  readonly kind: 'group';
  /** `braces`: `{ a, b }`; `brackets`: `[a, b]`; `union`: `A | B`. */
  readonly style: 'braces' | 'brackets' | 'union';
  readonly items: readonly Item[];
  /** `,` for objects and arrays, `;` for type members. */
  readonly separator: ',' | ';';
  /** Always one item per line. */
  readonly expand: boolean;
  flat?: string;
}

export interface Sequence {
  readonly kind: 'sequence';
  readonly parts: readonly Doc[];
  flat?: string;
}

const group = (
  style: Group['style'],
  items: readonly (Doc | Item)[],
  separator: Group['separator'],
  expand = false,
): Group => {
  const normal = items.map((i) => (typeof i === 'object' && 'code' in i ? i : { code: i }));
  return { kind: 'group', style, items: normal, separator, expand: expand || normal.some((i) => i.doc) };
};

/** `{ a, b }`: object literal entries. */
export const object = (entries: readonly (Doc | Item)[]) => group('braces', entries, ',');
/** `{ a: T; b: U }`: type literal or interface members (`expand` keeps one per line). */
export const typeLiteral = (entries: readonly (Doc | Item)[], expand = false) =>
  group('braces', entries, ';', expand);
/** `[a, b]`. */
export const array = (items: readonly Doc[]) => group('brackets', items, ',');
/** `A | B`; one member is printed as itself. */
export const union = (items: readonly Doc[]): Doc =>
  items.length === 1 ? (items[0] as Doc) : group('union', items, ',');
/** Text and groups in a row; when the row does not fit, its last group breaks. */
export const seq = (...parts: Doc[]): Sequence => ({ kind: 'sequence', parts });
/** `callee(a, b)`. */
export const call = (callee: string, ...args: Doc[]): Doc =>
  seq(`${callee}(`, ...args.flatMap((a, i) => (i === 0 ? [a] : [', ', a])), ')');

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string literal, single-quoted unless the text holds more single quotes than double. */
export function quote(text: string): string {
  const json = JSON.stringify(text);
  let singles = 0;
  let doubles = 0;
  for (const ch of text) {
    if (ch === "'") singles++;
    else if (ch === '"') doubles++;
  }
  if (singles > doubles) return json;
  return `'${json
    .slice(1, -1)
    .replace(/\\(.)|'/g, (match, escaped: string | undefined) =>
      escaped === '"' ? '"' : escaped === undefined ? "\\'" : match,
    )}'`;
}

/** A property name: bare when it is an identifier, quoted otherwise. */
export const propertyName = (name: string) => (IDENTIFIER.test(name) ? name : quote(name));

/** Plain data (what JSON can hold; undefined properties left out) as an object or array literal. */
export function literal(value: unknown): Doc {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return array(value.map((v) => literal(v)));
  const entries: Doc[] = [];
  for (const [key, v] of Object.entries(value as Record<string, unknown>))
    if (v !== undefined) entries.push(seq(`${propertyName(key)}: `, literal(v)));
  return object(entries);
}

function flat(doc: Doc): string {
  if (typeof doc === 'string') return doc;
  if (doc.flat !== undefined) return doc.flat;
  let text: string;
  if (doc.kind === 'sequence') text = doc.parts.map(flat).join('');
  else {
    const items = doc.items.map((i) => flat(i.code));
    if (doc.style === 'union') text = items.join(' | ');
    else if (items.length === 0) text = doc.style === 'braces' ? '{}' : '[]';
    else if (doc.style === 'braces') text = `{ ${items.join(`${doc.separator} `)} }`;
    else text = `[${items.join(', ')}]`;
  }
  doc.flat = text;
  return text;
}

const mustBreak = (doc: Doc): boolean =>
  typeof doc !== 'string' &&
  (doc.kind === 'sequence'
    ? doc.parts.some(mustBreak)
    : doc.expand || doc.items.some((i) => mustBreak(i.code)));

/** A JSDoc comment at `indent` spaces, one line when the text is one line. */
export function jsDocComment(text: string, indent: string): string {
  const safe = text.replace(/\*\//g, '*\u200b/');
  if (!safe.includes('\n')) return `${indent}/** ${safe} */\n`;
  const lines = safe.split('\n').map((l) => (l ? `${indent} * ${l}` : `${indent} *`));
  return `${indent}/**\n${lines.join('\n')}\n${indent} */\n`;
}

/**
 * `doc` as text starting at column `column`, with `indent` spaces of indentation for the lines it
 * breaks onto, and `trail` characters that follow it on its last line.
 */
export function print(doc: Doc, indent = 0, column = indent, trail = 0): string {
  if (typeof doc === 'string') return doc;
  const oneLine = flat(doc);
  if (column + oneLine.length + trail <= PRINT_WIDTH && !mustBreak(doc)) return oneLine;
  if (doc.kind === 'sequence') {
    let last = doc.parts.length - 1;
    while (last >= 0 && typeof doc.parts[last] === 'string') last--;
    if (last < 0) return breakBeforeString(doc, indent) ?? oneLine;
    const head = doc.parts.slice(0, last).map(flat).join('');
    const tail = doc.parts
      .slice(last + 1)
      .map(flat)
      .join('');
    const broken = print(doc.parts[last] as Doc, indent, lastLineLength(head, column), trail + tail.length);
    // a broken union starts on the next line: no space left at the end of this one
    return `${broken.startsWith('\n') ? head.trimEnd() : head}${broken}${tail}`;
  }
  const inner = ' '.repeat(indent + 2);
  const pad = ' '.repeat(indent);
  if (doc.style === 'union') {
    const lines = doc.items.map((i) => `${inner}| ${print(i.code, indent + 4, indent + 4)}`);
    return `\n${lines.join('\n')}`;
  }
  if (doc.items.length === 0) return doc.style === 'braces' ? '{}' : '[]';
  let out = doc.style === 'braces' ? '{\n' : '[\n';
  for (const item of doc.items) {
    if (item.doc) out += jsDocComment(item.doc, inner);
    out += `${inner}${print(item.code, indent + 2, indent + 2, 1)}${doc.separator}\n`;
  }
  return `${out}${pad}${doc.style === 'braces' ? '}' : ']'}`;
}

/** `name: 'long text'` that does not fit: the text goes on the next line, indented. */
function breakBeforeString(doc: Sequence, indent: number): string | undefined {
  const [head, value] = doc.parts as [string, string];
  if (doc.parts.length !== 2 || !/[:=] $/.test(head) || !/^['"]/.test(value)) return undefined;
  return `${head.trimEnd()}\n${' '.repeat(indent + 2)}${value}`;
}

function lastLineLength(text: string, column: number): number {
  const nl = text.lastIndexOf('\n');
  return nl === -1 ? column + text.length : text.length - nl - 1;
}
