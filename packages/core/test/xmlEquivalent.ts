import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  ignoreDeclaration: true,
});

type Node = Record<string, unknown>;
interface Canon {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Canon[];
}

function canon(nodes: Node[], scope: Map<string, string>): Canon[] {
  const out: Canon[] = [];
  for (const node of nodes) {
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (!tag || tag === '#text') continue;
    const raw = (node[':@'] ?? {}) as Record<string, string>;
    const inner = new Map(scope);
    for (const [k, v] of Object.entries(raw))
      if (k === 'xmlns' || k.startsWith('xmlns:')) inner.set(k === 'xmlns' ? '' : k.slice(6), v);
    const [prefix, local] = tag.includes(':') ? tag.split(':') : ['', tag];
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      // a prefixed attribute is named by its namespace URI; an unprefixed one has no namespace
      const [aPrefix, aLocal] = k.includes(':') ? k.split(':') : [undefined, k];
      attrs[aPrefix ? `{${inner.get(aPrefix) ?? aPrefix}}${aLocal}` : k] = v;
    }
    const children = node[tag] as Node[];
    const text = children
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('');
    out.push({
      name: `{${inner.get(prefix as string) ?? ''}}${local}`,
      attrs,
      text,
      children: canon(children, inner),
    });
  }
  return out;
}

/** Both documents, with prefixes replaced by namespace URIs: compare these with toEqual. */
export function canonicalXml(xml: string): Canon[] {
  return canon(parser.parse(xml) as Node[], new Map());
}
