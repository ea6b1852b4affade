import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { emitXmlCodecs } from '../src/emit/xmlCodecs.js';
import { emitXmlTypes } from '../src/emit/xmlTypes.js';
import { emitXmlZod } from '../src/emit/xmlZod.js';
import { payloadSchemas } from '../src/emit/payloadSchemas.js';
import { readFieldCatalogues } from '../src/fields/readFields.js';
import { link } from '../src/link.js';
import { readOpenApi } from '../src/openapi/readOpenApi.js';
import { SpecError } from '../src/specError.js';
import { readXsd } from '../src/xsd/readXsd.js';
import { emit, withoutPure } from './emitHelper.js';
import { ITEM_FIELDS } from './fixtures/shop.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const SHOP = 'urn:example:shop';
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A copy of the fixtures with one file replaced, for the error tests. */
function withFile(path: string, text: string): string {
  const root = mkdtempSync(join(tmpdir(), 'xsd2ts-'));
  temps.push(root);
  cpSync(fixtures, root, { recursive: true });
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  return root;
}

describe('XSD reader', () => {
  const model = readXsd(join(fixtures, 'xsd/shop.xsd'), fixtures);
  const type = (name: string) => model.types.find((t) => t.name === name);
  const field = (t: string, prop: string) => type(t)?.fields.find((f) => f.prop === prop);

  it('reads imports across namespaces and binds prefixes by URI', () => {
    expect(model.prefixes).toEqual({ '': SHOP, ns2: 'urn:example:extra' });
    expect(model.closedNamespaces).toEqual([SHOP, 'urn:example:extra']);
    expect(field('Item', 'note')).toEqual({
      prop: 'note',
      ns: 'urn:example:extra',
      local: 'note',
      value: { kind: 'scalar', scalar: 'string' },
      optional: true,
      doc: 'A note from another namespace.',
    });
  });

  it('reads root elements', () => {
    expect(model.elements).toEqual({
      item: { ns: SHOP, local: 'item', type: 'Item' },
      order: { ns: SHOP, local: 'order', type: 'Order' },
      outcome: { ns: SHOP, local: 'outcome', type: 'Outcome' },
    });
  });

  it('xs:all with minOccurs, annotations and the read-only flag', () => {
    expect(field('Item', 'sku')).toMatchObject({ optional: true, readOnly: true, doc: 'Set by the shop.' });
    expect(field('Item', 'title')).toMatchObject({ optional: false });
    expect(type('Item')?.doc).toBe('One article.');
    expect(type('Item')?.fields.map((f) => f.local)).toEqual(ITEM_FIELDS);
  });

  it('simple types with enumerations, built-in scalars and base64', () => {
    expect(field('Item', 'size')?.value).toEqual({ kind: 'scalar', scalar: 'string', enum: ['S', 'M', 'L'] });
    expect(field('Item', 'inStock')?.value).toEqual({ kind: 'scalar', scalar: 'boolean' });
    expect(field('Item', 'photo')?.value).toEqual({ kind: 'scalar', scalar: 'base64' });
  });

  it('enumerations: named simple types with value docs and descriptions, then documented values', () => {
    expect(model.enums).toEqual([
      {
        name: 'Size',
        values: ['S', 'M', 'L'],
        doc: 'Garment size.',
        valueDocs: { S: 'Small.' },
        descriptions: { S: 'SMALL' },
        source: expect.stringMatching(/^xsd\/shop\.xsd:\d+$/),
      },
      {
        name: 'OrderStatus',
        values: ['OPEN', 'PAID'],
        open: true,
        doc: 'The documented values of `Order.status`.',
        source: expect.stringContaining('Order.status'),
      },
    ]);
  });

  it('named documented values with a description each (ts:value), and anonymous enumerations by ts:name', () => {
    const xsd = readFileSync(join(fixtures, 'xsd/shop.xsd'), 'utf8')
      .replace(
        '<ts:values>OPEN PAID</ts:values>',
        '<ts:values name="State"><ts:value name="OPEN">Not paid yet.</ts:value><ts:value name="PAID"/></ts:values>',
      )
      .replace(
        '<xs:element name="inStock" type="xs:boolean" minOccurs="0"/>',
        '<xs:element name="fit" minOccurs="0"><xs:simpleType ts:name="Fit"><xs:restriction base="xs:string">' +
          '<xs:enumeration value="SLIM"/><xs:enumeration value="WIDE"/></xs:restriction></xs:simpleType></xs:element>',
      );
    const root = withFile('xsd/shop.xsd', xsd);
    const read = readXsd(join(root, 'xsd/shop.xsd'), root);
    expect(read.types.find((t) => t.name === 'Order')?.fields.find((f) => f.prop === 'status')).toMatchObject(
      {
        values: ['OPEN', 'PAID'],
        valuesName: 'State',
        valueDescriptions: { OPEN: 'Not paid yet.' },
      },
    );
    expect(read.enums?.map((e) => [e.name, e.values, e.descriptions])).toEqual([
      ['Size', ['S', 'M', 'L'], { S: 'SMALL' }],
      ['Fit', ['SLIM', 'WIDE'], undefined],
      ['State', ['OPEN', 'PAID'], { OPEN: 'Not paid yet.' }],
    ]);
    const unnamed = withFile('xsd/shop.xsd', xsd.replace(' ts:name="Fit"', ''));
    expect(() => readXsd(join(unnamed, 'xsd/shop.xsd'), unnamed)).toThrow(
      /^xsd\/shop\.xsd:\d+: <xs:simpleType>: an anonymous enumeration needs ts:name/,
    );
  });

  it('simple content with attributes', () => {
    expect(type('Price')).toMatchObject({
      fields: [],
      attributes: [{ prop: 'currency', ns: '', local: 'currency', scalar: 'string', optional: false }],
      text: { prop: 'value', scalar: 'integer' },
    });
    expect(type('Item')?.attributes).toEqual([
      { prop: 'id', ns: '', local: 'id', scalar: 'integer', optional: true },
    ]);
  });

  it('anonymous wrapper types become lists with an item name; numbered lines become multiline', () => {
    expect(field('Item', 'tags')).toMatchObject({
      list: { item: { ns: SHOP, local: 'tag' } },
      value: { kind: 'scalar', scalar: 'string' },
    });
    expect(field('Item', 'description')?.value).toEqual({
      kind: 'multiline',
      line: { ns: SHOP, local: 'line' },
    });
  });

  it('xs:sequence with maxOccurs unbounded, type references and documented values', () => {
    expect(field('Order', 'item')).toMatchObject({
      value: { kind: 'ref', type: 'Item' },
      optional: false,
      list: {},
    });
    expect(field('Order', 'status')).toMatchObject({ values: ['OPEN', 'PAID'], doc: 'Order status.' });
  });

  it('xs:choice becomes a union with a discriminant', () => {
    expect(type('Outcome')).toMatchObject({ choice: { discriminant: 'kind' } });
    expect(type('Outcome')?.fields.map((f) => [f.prop, f.optional])).toEqual([
      ['order', true],
      ['item', true],
    ]);
  });

  it('an unsupported construct names the file, the line and the element', () => {
    const root = withFile(
      'xsd/extra.xsd',
      `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:extra" elementFormDefault="qualified">
  <xs:element name="note">
    <xs:simpleType>
      <xs:restriction base="xs:decimal"/>
    </xs:simpleType>
  </xs:element>
</xs:schema>
`,
    );
    const error = (() => {
      try {
        readXsd(join(root, 'xsd/shop.xsd'), root);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).message).toBe(
      'xsd/extra.xsd:5: <xs:restriction base="xs:decimal">: unsupported built-in type xs:decimal',
    );
  });

  it('facets (pattern, inclusive bounds, lengths) are read from named and anonymous simple types', () => {
    const root = withFile(
      'xsd/extra.xsd',
      `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:example:extra" targetNamespace="urn:example:extra" elementFormDefault="qualified">
  <xs:element name="note" type="xs:string"/>
  <xs:simpleType name="Code">
    <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}"/><xs:maxLength value="2"/></xs:restriction>
  </xs:simpleType>
  <xs:complexType name="Limits">
    <xs:all>
      <xs:element name="code" type="Code"/>
      <xs:element name="count">
        <xs:simpleType>
          <xs:restriction base="xs:integer"><xs:minInclusive value="0"/><xs:maxInclusive value="128"/></xs:restriction>
        </xs:simpleType>
      </xs:element>
      <xs:element name="plain" type="xs:string"/>
    </xs:all>
  </xs:complexType>
  <xs:element name="limits" type="Limits"/>
</xs:schema>
`,
    );
    const limits = readXsd(join(root, 'xsd/shop.xsd'), root).types.find((t) => t.name === 'Limits');
    expect(limits?.fields.map((f) => [f.prop, f.facets])).toEqual([
      ['code', { pattern: '[A-Z]{2}', maxLength: 2 }],
      ['count', { minInclusive: 0, maxInclusive: 128 }],
      ['plain', undefined],
    ]);
  });

  it('integer bounds of simple content and of attributes reach the validators and the JSON Schema', () => {
    const root = withFile(
      'xsd/extra.xsd',
      `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:example:extra" targetNamespace="urn:example:extra" elementFormDefault="qualified">
  <xs:element name="note" type="xs:string"/>
  <xs:simpleType name="Octet">
    <xs:restriction base="xs:integer"><xs:minInclusive value="0"/><xs:maxInclusive value="255"/></xs:restriction>
  </xs:simpleType>
  <xs:complexType name="Code">
    <xs:simpleContent>
      <xs:extension base="Octet"><xs:attribute name="ttl" type="Octet"/></xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:element name="code" type="Code"/>
</xs:schema>
`,
    );
    const xml = readXsd(join(root, 'xsd/shop.xsd'), root);
    const code = xml.types.find((t) => t.name === 'Code');
    const octet = { minInclusive: 0, maxInclusive: 255 };
    expect(code?.text).toEqual({ prop: 'value', scalar: 'integer' });
    expect(code?.textFacets).toEqual(octet);
    expect(code?.attributes?.map((a) => [a.prop, a.scalar, a.facets])).toEqual([['ttl', 'integer', octet]]);

    const zod = withoutPure(emit((f) => emitXmlZod(f, xml)));
    expect(zod).toContain(
      'CodeSchema: z.ZodMiniType<Code> = z.strictObject({\n    value: z.int().check(z.gte(0), z.lte(255)),\n    ttl: z.optional(z.int().check(z.gte(0), z.lte(255)))\n});',
    );
    const properties = (payloadSchemas(xml).Code as { properties: Record<string, object> }).properties;
    expect(properties.value).toMatchObject({ type: 'integer', minimum: 0, maximum: 255 });
    expect(properties.ttl).toMatchObject({ type: 'integer', minimum: 0, maximum: 255 });
    // the runtime descriptor carries no facets: the codec checks the scalar, the validators the range
    const codecs = emit((f) => emitXmlCodecs(f, xml, 'schema'));
    expect(codecs).not.toContain('minInclusive');
  });

  it('a facet the generator cannot carry is refused at its line', () => {
    const root = withFile(
      'xsd/extra.xsd',
      `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:extra" elementFormDefault="qualified">
  <xs:element name="note">
    <xs:simpleType>
      <xs:restriction base="xs:integer">
        <xs:totalDigits value="3"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:element>
</xs:schema>
`,
    );
    expect(() => readXsd(join(root, 'xsd/shop.xsd'), root)).toThrow(
      'xsd/extra.xsd:6: <xs:totalDigits>: unsupported facet xs:totalDigits',
    );
  });

  it('xs:union, unknown types and undeclared prefixes are reported with their line', () => {
    const cases: [string, RegExp][] = [
      [
        '<xs:simpleType name="U"><xs:union memberTypes="xs:string xs:int"/></xs:simpleType>',
        /^xsd\/extra\.xsd:3: <xs:simpleType name="U">: only xs:restriction simple types are supported/,
      ],
      [
        '<xs:element name="n" type="Missing"/>',
        /^xsd\/extra\.xsd:3: <xs:element name="n">: unknown type 'Missing'/,
      ],
      [
        '<xs:element name="n" type="zz:Thing"/>',
        /^xsd\/extra\.xsd:3: <xs:element name="n">: undeclared namespace prefix 'zz'/,
      ],
      [
        '<xs:group name="g"/>',
        /^xsd\/extra\.xsd:3: <xs:group name="g">: unsupported schema construct xs:group/,
      ],
    ];
    for (const [decl, expected] of cases) {
      const root = withFile(
        'xsd/extra.xsd',
        `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:example:extra" elementFormDefault="qualified">\n  ${decl}\n  <xs:element name="note" type="xs:string"/>\n</xs:schema>\n`,
      );
      expect(() => readXsd(join(root, 'xsd/shop.xsd'), root)).toThrow(expected);
    }
  });

  it('a document that is not XML is reported', () => {
    const root = withFile('xsd/extra.xsd', '<xs:schema');
    expect(() => readXsd(join(root, 'xsd/shop.xsd'), root)).toThrow(
      /^xsd\/extra\.xsd: xs:schema: not well-formed XML/,
    );
  });
});

describe('OpenAPI reader', () => {
  const { operations, jsonTypes } = readOpenApi(join(fixtures, 'openapi/shop.openapi.yaml'), fixtures);
  const op = (id: string) => operations.find((o) => o.operationId === id);

  it('path, matrix (x-matrix-parameters) and query parameters', () => {
    expect(op('getItem')).toMatchObject({
      id: 'S1',
      tag: 'ITEM',
      method: 'GET',
      path: '/items/{sku}',
      pathParams: [{ name: 'sku', prop: 'sku', type: 'string', required: true, doc: 'Stock keeping unit.' }],
      matrixParams: [
        {
          name: 'view',
          prop: 'view',
          type: 'string',
          required: false,
          doc: 'Which view of the item.',
          segment: 1,
        },
      ],
      queryParams: [{ name: 'verbose', prop: 'verbose', type: 'boolean', required: false }],
    });
  });

  it('responses per status with XML elements; 4xx marked as errors; security inherited', () => {
    expect(op('getItem')?.responses).toEqual([
      {
        status: 200,
        description: 'The item.',
        body: { mediaType: 'application/xml', element: 'item' },
        error: false,
      },
      {
        status: 404,
        description: 'Not found.',
        body: { mediaType: 'application/xml', element: 'item' },
        error: true,
      },
    ]);
    expect(op('getItem')?.security).toEqual(['key']);
  });

  it('JSON request bodies by schema name, deprecated and x- extensions', () => {
    expect(op('createReceipt')).toMatchObject({
      request: { mediaType: 'application/json', schema: 'Receipt' },
      responses: [{ status: 201, body: { mediaType: 'application/json', schema: 'Receipt' }, error: false }],
      deprecated: true,
      extensions: { 'x-audit': 'strict' },
    });
  });

  it('component schemas become JSON types', () => {
    expect(jsonTypes).toEqual([
      {
        name: 'Receipt',
        doc: 'What the shop answers.',
        shape: {
          kind: 'object',
          properties: [
            {
              name: 'total',
              shape: { kind: 'primitive', type: 'integer' },
              required: true,
              doc: 'Total in cents.',
            },
            {
              name: 'lines',
              shape: { kind: 'array', items: { kind: 'primitive', type: 'string' } },
              required: false,
            },
            {
              name: 'state',
              shape: { kind: 'primitive', type: 'string', enum: ['OPEN', 'PAID'] },
              required: false,
            },
            {
              name: 'extra',
              shape: { kind: 'object', properties: [], additional: { kind: 'primitive', type: 'string' } },
              required: false,
            },
          ],
        },
      },
    ]);
  });

  it('every enum is named by x-enum-name, with its descriptions (x-enum-descriptions)', () => {
    const { enums } = readOpenApi(join(fixtures, 'openapi/shop.openapi.yaml'), fixtures);
    expect(enums).toEqual([
      {
        name: 'OrderStatus',
        values: ['OPEN', 'PAID'],
        descriptions: { OPEN: 'Not paid yet', PAID: 'Paid in full' },
        source: expect.stringMatching(/^openapi\/shop\.openapi\.yaml:\d+$/),
      },
    ]);
    const yaml = readFileSync(join(fixtures, 'openapi/shop.openapi.yaml'), 'utf8');
    const unnamed = withFile(
      'openapi/shop.openapi.yaml',
      yaml.replace('          x-enum-name: OrderStatus\n', ''),
    );
    expect(() => readOpenApi(join(unnamed, 'openapi/shop.openapi.yaml'), unnamed)).toThrow(
      /^openapi\/shop\.openapi\.yaml:\d+: components\.schemas\.Receipt\.properties\.state: an enum needs x-enum-name/,
    );
    const stray = withFile('openapi/shop.openapi.yaml', yaml.replace('PAID: Paid in full', 'LOST: Lost'));
    expect(() => readOpenApi(join(stray, 'openapi/shop.openapi.yaml'), stray)).toThrow(
      /x-enum-descriptions\.LOST: 'LOST' is not a value of the enum/,
    );
  });

  it('the link step merges enumerations of one name and refuses ones whose values differ', () => {
    const linked = link(
      {
        name: 'shop',
        sources: [],
        xml: readXsd(join(fixtures, 'xsd/shop.xsd'), fixtures),
        ...readOpenApi(join(fixtures, 'openapi/shop.openapi.yaml'), fixtures),
        fieldMaps: [],
      },
      {},
    );
    const status = linked.enums.find((e) => e.name === 'OrderStatus');
    // the XSD's free text meets the OpenAPI's closed list: closed, with the OpenAPI's descriptions
    expect(status).toMatchObject({ values: ['OPEN', 'PAID'], descriptions: { PAID: 'Paid in full' } });
    expect(status?.open).toBeUndefined();
    const yaml = readFileSync(join(fixtures, 'openapi/shop.openapi.yaml'), 'utf8');
    const root = withFile(
      'openapi/shop.openapi.yaml',
      yaml
        .replace('enum: [OPEN, PAID]', 'enum: [OPEN, PAID, LOST]')
        .replace('          x-enum-descriptions: { OPEN: Not paid yet, PAID: Paid in full }\n', ''),
    );
    expect(() =>
      link(
        {
          name: 'shop',
          sources: [],
          xml: readXsd(join(fixtures, 'xsd/shop.xsd'), fixtures),
          ...readOpenApi(join(root, 'openapi/shop.openapi.yaml'), root),
          fieldMaps: [],
        },
        {},
      ),
    ).toThrow(
      /OrderStatus: its values \(OPEN PAID LOST\) differ from those of OrderStatus at xsd\/shop\.xsd/,
    );
  });

  it('x-cli is kept in the extensions once its command words and flags are checked', () => {
    const yaml = readFileSync(join(fixtures, 'openapi/shop.openapi.yaml'), 'utf8');
    const cli = (ext: string) => {
      const root = withFile(
        'openapi/shop.openapi.yaml',
        yaml.replace('operationId: getItem\n', `operationId: getItem\n      x-cli: ${ext}\n`),
      );
      return () => readOpenApi(join(root, 'openapi/shop.openapi.yaml'), root);
    };
    const read = cli('{ command: [item, show], flags: { sku: code } }')();
    expect(read.operations.find((o) => o.operationId === 'getItem')?.extensions).toMatchObject({
      'x-cli': { command: ['item', 'show'], flags: { sku: 'code' } },
    });
    expect(cli('{ command: [Item] }')).toThrow(
      /\.get\.x-cli\.command: x-cli command must be a list of kebab-case words/,
    );
    expect(cli('{ flags: { nope: x } }')).toThrow(
      /x-cli\.flags\.nope: 'nope' is not a parameter of the operation/,
    );
    expect(cli('{ name: x }')).toThrow(/unknown x-cli key 'name'/);
  });

  it('invalid YAML names the file and the line', () => {
    const root = withFile('openapi/shop.openapi.yaml', 'openapi: 3.1.0\npaths:\n  /x:\n    get: [unclosed\n');
    expect(() => readOpenApi(join(root, 'openapi/shop.openapi.yaml'), root)).toThrow(
      /^openapi\/shop\.openapi\.yaml:5: document: invalid YAML/,
    );
  });

  it('an operation without x-retry, or unsafe without x-outcome-check, is refused at its line', () => {
    const spec = (extra: string[]) =>
      [
        'openapi: 3.1.0',
        'info: { title: t, version: "1" }',
        'paths:',
        '  /items:',
        '    post:',
        '      operationId: addItem',
        ...extra,
        '      responses:',
        '        "201": { description: Created }',
        '',
      ].join('\n');
    const read = (extra: string[]) => {
      const root = withFile('openapi/shop.openapi.yaml', spec(extra));
      return () => readOpenApi(join(root, 'openapi/shop.openapi.yaml'), root);
    };
    expect(read([])).toThrow(
      new SpecError(
        'openapi/shop.openapi.yaml',
        6,
        'paths./items.post',
        'x-retry must be safe or unsafe: may the request be sent twice?',
      ),
    );
    expect(read(['      x-retry: unsafe'])).toThrow(
      /:6: paths\.\/items\.post: an unsafe operation needs x-outcome-check/,
    );
    const [op] = read(['      x-retry: unsafe', '      x-outcome-check: listItems shows it.'])().operations;
    expect(op).toMatchObject({ retry: 'unsafe', outcomeCheck: 'listItems shows it.' });
    expect(op?.extensions).toBeUndefined();
  });

  it('application/rpsl beside an XML body marks the body rpsl; RPSL alone is refused at its line', () => {
    const spec = (content: string[]) =>
      [
        'openapi: 3.1.0',
        'info: { title: t, version: "1" }',
        'paths:',
        '  /items/{sku}:',
        '    get:',
        '      operationId: getItem',
        '      x-retry: safe',
        '      parameters:',
        '        - { name: sku, in: path, required: true, schema: { type: string } }',
        '      responses:',
        '        "200":',
        '          description: OK',
        '          content:',
        ...content,
        '',
      ].join('\n');
    const read = (content: string[]) => {
      const root = withFile('openapi/shop.openapi.yaml', spec(content));
      return () => readOpenApi(join(root, 'openapi/shop.openapi.yaml'), root);
    };
    const [op] = read([
      '            application/xml: { x-xsd-element: item }',
      '            application/rpsl: { schema: { type: string } }',
    ])().operations;
    expect(op?.responses[0]?.body).toEqual({ mediaType: 'application/xml', element: 'item', rpsl: true });
    expect(read(['            application/rpsl: { schema: { type: string } }'])).toThrow(
      /:14: paths\.\/items\/\{sku\}\.get\.responses\.200\.content: exactly one media type per body is supported \(plus application\/rpsl\)/,
    );
  });

  it('an unsupported construct names the line of the node at fault', () => {
    const root = withFile(
      'openapi/shop.openapi.yaml',
      [
        'openapi: 3.1.0',
        'info: { title: t, version: "1" }',
        'paths:',
        '  /items/{sku}:',
        '    get:',
        '      operationId: getItem',
        '      parameters:',
        '        - name: sku',
        '          in: path',
        '          required: true',
        '          schema:',
        '            type: object',
        '      responses:',
        '        "200": { description: OK }',
        '',
      ].join('\n'),
    );
    expect(() => readOpenApi(join(root, 'openapi/shop.openapi.yaml'), root)).toThrow(
      new SpecError(
        'openapi/shop.openapi.yaml',
        12,
        'paths./items/{sku}.get.parameters.0.schema',
        "parameter type 'object' is not supported (string, integer or boolean)",
      ),
    );
  });

  it('reads YAML 1.2 core scalars: dates stay text, duplicate keys are errors', () => {
    const root = withFile(
      'openapi/shop.openapi.yaml',
      'openapi: 3.1.0\ninfo: { title: t, version: 2024-01-01 }\npaths: {}\ncomponents:\n  schemas:\n    Day:\n      type: string\n      description: 2024-01-01\n',
    );
    expect(readOpenApi(join(root, 'openapi/shop.openapi.yaml'), root).jsonTypes).toEqual([
      { name: 'Day', shape: { kind: 'primitive', type: 'string' }, doc: '2024-01-01' },
    ]);
    const dup = withFile('openapi/shop.openapi.yaml', 'openapi: 3.1.0\npaths: {}\npaths: {}\n');
    expect(() => readOpenApi(join(dup, 'openapi/shop.openapi.yaml'), dup)).toThrow(
      /^openapi\/shop\.openapi\.yaml:3: document: invalid YAML: Map keys must be unique$/,
    );
  });
});

describe('field catalogue reader', () => {
  it('reads sequence, display name, prop, type and writability', () => {
    const [gadget] = readFieldCatalogues(join(fixtures, 'fields'), fixtures);
    expect(gadget?.name).toBe('Gadget');
    expect(gadget?.fields.map((f) => [f.sequence, f.displayName, f.prop, f.type, f.writable])).toEqual([
      [1, 'Sequence', 'id', 'integer', false],
      [7, 'Gadget Name', 'name', 'string', true],
      [9, 'Last Seen', 'lastSeen', 'datetime', false],
    ]);
  });

  it('a duplicate prop is reported with the file and the line', () => {
    const root = withFile(
      'fields/gadget.yaml',
      'record: Gadget\nfields:\n  - sequence: 1\n    displayName: A\n    prop: a\n    type: string\n    writable: true\n  - sequence: 2\n    displayName: B\n    prop: a\n    type: string\n    writable: true\n',
    );
    expect(() => readFieldCatalogues(join(root, 'fields'), root)).toThrow(
      /^fields\/gadget\.yaml:10: .*prop.*'a' is already used by sequence 1/,
    );
  });
});

describe('facade extensions (x-facade-group, x-facade)', () => {
  const spec = (facade: string[]) =>
    [
      'openapi: 3.1.0',
      'info: { title: t, version: "1" }',
      'tags:',
      '  - name: ITEM',
      '    description: Items.',
      '    x-facade-group: item',
      'paths:',
      '  /items/{sku}:',
      '    get:',
      '      operationId: getItem',
      '      tags: [ITEM]',
      '      x-retry: safe',
      ...facade,
      '      parameters:',
      '        - { name: sku, in: path, required: true, schema: { type: string } }',
      '        - { name: verbose, in: query, schema: { type: boolean } }',
      '      responses:',
      '        "200": { description: OK }',
      '',
    ].join('\n');
  const read = (facade: string[]) => {
    const root = withFile('openapi/shop.openapi.yaml', spec(facade));
    return () => readOpenApi(join(root, 'openapi/shop.openapi.yaml'), root);
  };

  it('groups come from the tags, methods and arguments from x-facade, in spec order', () => {
    const model = read([
      '      x-facade:',
      '        - { method: get, args: [sku], options: [verbose] }',
      '        - { group: stock, method: peek, args: [sku, "when?"], via: peekItem }',
    ])();
    expect(model.facades).toEqual([
      {
        name: 'item',
        doc: 'Items.',
        methods: [
          {
            operationId: 'getItem',
            method: 'get',
            args: [{ name: 'sku', optional: false }],
            options: ['verbose'],
          },
        ],
      },
      {
        name: 'stock',
        methods: [
          {
            operationId: 'getItem',
            method: 'peek',
            args: [
              { name: 'sku', optional: false },
              { name: 'when', optional: true },
            ],
            options: [],
            via: 'peekItem',
          },
        ],
      },
    ]);
    expect(model.operations[0]?.extensions).toBeUndefined();
  });

  it('a missing x-facade, an unknown argument or key and a duplicate method are refused at their line', () => {
    expect(read([])).toThrow(
      /:10: paths\.\/items\/\{sku\}\.get: every operation needs x-facade \(false for none\)/,
    );
    expect(read(['      x-facade: false'])().facades).toEqual([]);
    expect(read(['      x-facade: { method: get, args: [id] }'])).toThrow(
      /:13: paths\.\/items\/\{sku\}\.get\.x-facade\.args: 'id' is not a parameter of getItem/,
    );
    expect(read(['      x-facade: { method: get, name: x }'])).toThrow(/unknown x-facade key 'name'/);
    expect(read(['      x-facade: [{ method: get, args: [sku] }, { method: get }]'])).toThrow(
      /item\.get is declared twice/,
    );
  });
});

describe('ts:alwaysReturned: response and request forms', () => {
  const shop = readFileSync(join(fixtures, 'xsd/shop.xsd'), 'utf8');
  const returned = shop.replace(
    '<xs:element name="sku" type="xs:string" minOccurs="0" ts:readOnly="true">',
    '<xs:element name="sku" type="xs:string" minOccurs="0" ts:readOnly="true" ts:alwaysReturned="true">',
  );
  const linked = (xsd: string) => {
    const root = withFile('xsd/shop.xsd', xsd);
    return link(
      {
        name: 'shop',
        sources: ['xsd/shop.xsd', 'openapi/shop.openapi.yaml'],
        xml: readXsd(join(root, 'xsd/shop.xsd'), root),
        ...readOpenApi(join(root, 'openapi/shop.openapi.yaml'), root),
        fieldMaps: [],
      },
      {},
    );
  };

  it('the type keeps its name with the field required; …Input leaves it optional; …Create leaves it out', () => {
    const api = linked(returned);
    const xml = api.xml ?? (undefined as never);
    expect(api.typeByName.get('Item')).toMatchObject({ inputVariant: true, createVariant: true });
    // Order holds items, so it has both forms too; Price holds nothing returned
    expect(api.typeByName.get('Order')?.inputVariant).toBe(true);
    expect(api.typeByName.get('Price')?.inputVariant).toBeUndefined();
    expect(api.io.get('getItem')?.output).toEqual({ type: 'Item', validator: 'ItemSchema', list: false });
    const types = emit((f) => emitXmlTypes(f, xml));
    const block = (name: string) =>
      types.slice(
        types.indexOf(`export interface ${name} {`),
        types.indexOf('}\n', types.indexOf(`export interface ${name} {`)),
      );
    expect(block('Item')).toContain(
      '     * Always present in responses.\n     *\n     * @readonly Set by the server.\n     */\n    readonly sku: string;',
    );
    expect(block('ItemInput')).toContain('    readonly sku?: string;');
    expect(block('ItemCreate')).not.toContain('sku');
    expect(block('Order')).toContain('item: Item[];');
    expect(block('OrderInput')).toContain('item: ItemInput[];');
    expect(block('OrderCreate')).toContain('item: ItemCreate[];');
    const zod = withoutPure(emit((f) => emitXmlZod(f, xml)));
    const schema = (name: string) =>
      zod.slice(
        zod.indexOf(`export const ${name}Schema`),
        zod.indexOf('});', zod.indexOf(`export const ${name}Schema`)),
      );
    expect(schema('Item')).toContain('    sku: z.string(),');
    expect(schema('ItemInput')).toContain('    sku: z.optional(z.string()),');
    expect(schema('ItemInput')).toContain(': z.ZodMiniType<ItemInput>');
    const json = payloadSchemas(xml);
    expect(json.Item?.required).toContain('sku');
    expect(json.ItemInput?.required).not.toContain('sku');
    expect(json.ItemCreate?.properties).not.toHaveProperty('sku');
  });

  it('without the annotation there is no input form and the field stays optional', () => {
    const api = linked(shop);
    expect(api.typeByName.get('Item')?.inputVariant).toBeUndefined();
    expect(emit((f) => emitXmlTypes(f, api.xml ?? (undefined as never)))).not.toContain('ItemInput');
  });

  it('a type already named like the input form is refused', () => {
    const clash = returned
      .replace('<xs:complexType name="Price"', '<xs:complexType name="ItemInput"')
      .replaceAll('type="Price"', 'type="ItemInput"');
    expect(() => linked(clash)).toThrow(/ItemInput: the name is taken by the request form of Item/);
  });
});
