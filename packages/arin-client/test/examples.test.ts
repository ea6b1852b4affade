import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalXml } from '../../core/test/xmlEquivalent.js';
import { DecodeError } from '@regkit/core';
import { arinCodec } from '../src/payloads.js';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../schemas/arin/examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.xml'));
const codec = arinCodec();

type Canon = ReturnType<typeof canonicalXml>[number];

/**
 * Equivalence as ARIN defines it: child order is free (ARIN answers in its own order), empty
 * wrappers equal absent ones, and leading/trailing whitespace of text is insignificant.
 */
function normalise(nodes: Canon[]): unknown[] {
  return nodes
    .map((n) => ({ name: n.name, attrs: n.attrs, text: n.text.trim(), children: normalise(n.children) }))
    .filter((n) => n.text !== '' || n.children.length > 0 || Object.keys(n.attrs).length > 0)
    .map((n) => JSON.stringify(n))
    .sort()
    .map((s) => JSON.parse(s));
}

function itemElementOf(xml: string): string | undefined {
  const canon = canonicalXml(xml)[0];
  const first = canon?.children[0];
  return first ? first.name.replace(/^\{[^}]*\}/, '') : undefined;
}

describe('every example in schemas/arin/examples decodes and re-encodes to an equivalent document', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(50);
  });

  it.each(examples)('%s', (file) => {
    const xml = readFileSync(join(examplesDir, file), 'utf8');
    const { element, value } = codec.decodeDocument(xml);
    let encoded: string;
    if (element === 'collection') {
      const item = itemElementOf(xml);
      encoded = item
        ? codec.encodeCollection(item, codec.decodeCollection(xml, item))
        : codec.encode('collection', value);
    } else {
      encoded = codec.encode(element, value);
    }
    expect(normalise(canonicalXml(encoded))).toEqual(normalise(canonicalXml(xml)));
    // and the re-encoded document decodes to the same value
    if (element !== 'collection') expect(codec.decodeDocument(encoded).value).toEqual(value);
  });
});

describe('one rule for the unknown: attributes as elements', () => {
  const CORE_NS = 'http://www.arin.net/regrws/core/v1';
  const RPKI_NS = 'http://www.arin.net/regrws/rpki/v1';
  const decodeError = (xml: string) => {
    try {
      codec.decodeDocument(xml);
    } catch (error) {
      return error instanceof DecodeError ? { message: error.message, path: error.path } : error;
    }
    return undefined;
  };

  it('a misspelt attribute is a decode error naming it, as a misspelt element is', () => {
    expect(
      decodeError(`<pocLinkRef xmlns="${CORE_NS}" descriptoin="Admin" function="AD" handle="JD1-ARIN"/>`),
    ).toEqual({
      message: expect.stringContaining("unknown attribute 'descriptoin'"),
      path: '/pocLinkRef/@descriptoin',
    });
    expect(decodeError(`<poc xmlns="${CORE_NS}"><lastNmae>S</lastNmae></poc>`)).toMatchObject({
      path: '/poc/lastNmae',
    });
  });

  it('the ROA delete attribute is autoLink: it round-trips; autolink is refused', () => {
    const xml = (attribute: string) =>
      `<rpkiTransaction xmlns="${RPKI_NS}"><roaSpecDelete><roaHandle ${attribute}="true">0A1B</roaHandle></roaSpecDelete></rpkiTransaction>`;
    const value = codec.decode(xml('autoLink'), 'rpkiTransaction');
    expect(value).toEqual({ roaSpecDelete: [{ handle: '0A1B', autoLink: true }] });
    expect(codec.encode('rpkiTransaction', value)).toContain(
      '<ns5:roaHandle autoLink="true">0A1B</ns5:roaHandle>',
    );
    expect(decodeError(xml('autolink'))).toEqual({
      message: expect.stringContaining("unknown attribute 'autolink' on RoaHandleRef"),
      path: '/rpkiTransaction/roaSpecDelete/roaHandle[0]/@autolink',
    });
  });
});
