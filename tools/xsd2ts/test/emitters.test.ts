import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emitCommands } from '../src/emit/commands.js';
import { emitDocs } from '../src/emit/docs.js';
import { emitEnums } from '../src/emit/enums.js';
import { emitFieldMaps } from '../src/emit/fieldMaps.js';
import { emitJsonTypes } from '../src/emit/jsonTypes.js';
import { emitJsonZod } from '../src/emit/jsonZod.js';
import { emitOperations } from '../src/emit/operations.js';
import { emitXmlCodecs } from '../src/emit/xmlCodecs.js';
import { emitXmlTypes } from '../src/emit/xmlTypes.js';
import { emitXmlZod } from '../src/emit/xmlZod.js';
import { readFieldCatalogues } from '../src/fields/readFields.js';
import { link } from '../src/link.js';
import { readJsonTypes } from '../src/openapi/jsonSchemas.js';
import { readOpenApi } from '../src/openapi/readOpenApi.js';
import { readXsd } from '../src/xsd/readXsd.js';
import { emit, withoutPure } from './emitHelper.js';
import { ITEM_FIELDS } from './fixtures/shop.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const api = link(
  {
    name: 'shop',
    sources: ['openapi/shop.openapi.yaml'],
    xml: readXsd(join(fixtures, 'xsd/shop.xsd'), fixtures),
    ...readOpenApi(join(fixtures, 'openapi/shop.openapi.yaml'), fixtures),
    fieldMaps: [],
  },
  {},
);
const xml = api.xml ?? (undefined as never);
const maps = readFieldCatalogues(join(fixtures, 'fields'), fixtures);

describe('TypeScript types from the XSD', () => {
  const text = emit((f) => emitXmlTypes(f, xml));

  it('starts with the header and documents each type from its annotation', () => {
    expect(text.startsWith('// Generated for a test. Do not edit.\n')).toBe(true);
    expect(text).toContain('/** One article. */\nexport interface Item {');
  });

  it('marks read-only fields and leaves them out of the create variant', () => {
    expect(text).toContain('     * @readonly Set by the server.\n     */\n    readonly sku?: string;');
    const create = text.slice(
      text.indexOf('export interface ItemCreate'),
      text.indexOf('export interface Order {'),
    );
    expect(create).not.toContain('sku');
    expect(create).toContain('title: string;');
  });

  it('enumerations, documented values, lists, multiline text, attributes and simple content', () => {
    expect(text).toContain("size?: 'S' | 'M' | 'L';");
    expect(text).toContain("status?: 'OPEN' | 'PAID' | (string & {});");
    expect(text).toContain('tags?: string[];');
    expect(text).toContain('description?: string[];');
    expect(text).toContain('id?: number;');
    expect(text).toContain(
      'export interface Price {\n    /** Text content of the element. */\n    value: number;',
    );
  });

  it('a choice becomes a discriminated union, with create variants of its members', () => {
    expect(text).toContain(
      "export type Outcome = { readonly kind: 'order'; order: Order; } | { readonly kind: 'item'; item: Item; };",
    );
    expect(text).toContain(
      "export type OutcomeCreate = { readonly kind: 'order'; order: OrderCreate; } | { readonly kind: 'item'; item: ItemCreate; };",
    );
  });
});

describe('constants of the enumerations', () => {
  const text = emit((f) => emitEnums(f, api.enums));

  it('every value as const, the type of one, and the descriptions the spec gives', () => {
    expect(text).toContain(
      "/** Every value of {@link Size}, in the spec's order. */\nexport const SizeValues = ['S', 'M', 'L'] as const;",
    );
    expect(text).toContain(
      '/**\n * Garment size.\n *\n * - `S`: Small.\n * - `M`\n * - `L`\n */\nexport type Size = (typeof SizeValues)[number];',
    );
    // only S is described: the record says so in its type
    expect(text).toContain(
      "export const SizeDescriptions: Readonly<Partial<Record<Size, string>>> = { S: 'SMALL' };",
    );
    expect(text).toContain("export const OrderStatusValues = ['OPEN', 'PAID'] as const;");
    expect(text).toContain(
      "export const OrderStatusDescriptions: Readonly<Record<OrderStatus, string>> = { OPEN: 'Not paid yet', PAID: 'Paid in full' };",
    );
  });

  it('numeric enumerations hold numbers; documented values of free text say so', () => {
    const numeric = emit((f) =>
      emitEnums(f, [
        { name: 'Version', values: ['4', '6'], numeric: true, source: 'x' },
        { name: 'Code', values: ['E_A'], open: true, doc: 'Codes.', source: 'x' },
      ]),
    );
    expect(numeric).toContain('export const VersionValues = [4, 6] as const;');
    expect(numeric).toContain("/** Every documented value of {@link Code}, in the spec's order. */");
    expect(numeric).toContain('Codes.\n *\n * Free text in the payload: other values may occur.');
  });
});

describe('zod schemas from the XSD', () => {
  const annotated = emit((f) => emitXmlZod(f, xml));
  const text = withoutPure(annotated);
  it('marks every call pure, so a bundle drops the schemas nobody reads', () => {
    expect(annotated).toContain(
      'export const ItemSchema: z.ZodMiniType<Item> = /* @__PURE__ */ z.strictObject({',
    );
    expect(annotated).toContain("size: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.enum(['S', 'M', 'L'])),");
    expect(annotated).toContain(
      "photo: /* @__PURE__ */ z.optional(/* @__PURE__ */ /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(BASE64, 'must be base64'))),",
    );
    // every call is marked once
    expect(annotated.match(/@__PURE__/g)?.length).toBe(withoutPure(annotated).match(/\w\(/g)?.length);
  });
  it('strict objects with request and response variants, enums, base64 and unions, in zod/mini form', () => {
    expect(text).toContain("import * as z from 'zod/mini';\nimport type { Item, ItemCreate,");
    expect(text).toContain('export const ItemSchema: z.ZodMiniType<Item> = z.strictObject({');
    expect(text).toContain('export const ItemCreateSchema: z.ZodMiniType<ItemCreate> = z.strictObject({');
    expect(text).toContain("size: z.optional(z.enum(['S', 'M', 'L'])),");
    expect(text).toContain("photo: z.optional(z.string().check(z.regex(BASE64, 'must be base64'))),");
    expect(text).toContain(
      "export const OutcomeSchema: z.ZodMiniType<Outcome> = z.discriminatedUnion('kind', [",
    );
    expect(text).not.toMatch(/\)\.(optional|int|regex)\(/);
    const create = text.slice(text.indexOf('ItemCreateSchema'), text.indexOf('OrderSchema'));
    expect(create).not.toContain('sku');
  });
});

describe('XML codec descriptors from the XSD', () => {
  const text = emit((f) => emitXmlCodecs(f, xml, 'shopXmlSchema'));
  it('wire names, namespaces, wrappers, multiline, attributes and encode order', () => {
    expect(text).toContain("import type { Item, Order, Outcome } from './other.gen.js';");
    expect(text).toContain(
      "export const shopXmlSchemaPrefixes = { '': 'urn:example:shop', ns2: 'urn:example:extra' } as const;",
    );
    expect(text).toContain('types: {\n        Price: PriceCodec,');
    expect(text).toContain('export const ItemCodec: XmlComplexType = {');
    // what equals its default is left out: the type's namespace, the property as local name, text,
    // the field's namespace for a list item, optional
    expect(text).toContain(
      "export const ItemCodec: XmlComplexType = {\n    ns: 'urn:example:shop',\n    fields: [\n        { prop: 'sku', readOnly: true },\n        { prop: 'title', optional: false },",
    );
    expect(text).toContain("{ prop: 'note', ns: 'urn:example:extra' }");
    expect(text).toContain("item: { local: 'tag' }");
    expect(text).toMatch(/kind: 'multiline',\s+line: \{ ns: 'urn:example:shop', local: 'line' \}/);
    expect(text).toMatch(
      /attributes: \[\s+\{\s+prop: 'currency',\s+ns: '',\s+local: 'currency',\s+scalar: 'string',\s+optional: false\s+\}\s+\]/,
    );
    expect(text).toContain("choice: { discriminant: 'kind' }");
    const item = text.slice(
      text.indexOf('export const ItemCodec'),
      text.indexOf('attributes', text.indexOf('export const ItemCodec')),
    );
    expect([...item.matchAll(/prop: '(\w+)'/g)].map((m) => m[1])).toEqual(ITEM_FIELDS);
    expect(text).toContain(
      'export interface XmlElementTypes {\n    item: Item;\n    order: Order;\n    outcome: Outcome;\n}',
    );
  });
});

describe('operations from the OpenAPI document', () => {
  const text = emit((f) => emitOperations(f, api));
  it('imports what it uses: types as types, validators as values', () => {
    expect(text).toContain("import type { OperationDefinition } from '@regkit/core';");
    expect(text).toContain("import { type Item, ItemSchema, type Receipt } from './other.gen.js';");
  });
  it('typed inputs with path, matrix and query parameters and the request body', () => {
    expect(text).toContain('export interface GetItemInput {');
    expect(text).toContain('     * Path parameter `sku`.\n     */\n    sku: string;');
    expect(text).toContain('     * Matrix parameter `view`.\n     */\n    view?: string;');
    expect(text).toContain('    /** Query parameter `verbose`. */\n    verbose?: boolean;');
    expect(text).toContain(
      'export interface CreateReceiptInput {\n    /** Request payload. */\n    body: Receipt;\n}',
    );
  });
  it('definitions with responses per status, security, deprecation and extensions', () => {
    // exported for the per-operation commands of an API with XML payloads
    expect(text).toContain(
      ' *\n * `GET /items/{sku};view=…`\n */\nexport const getItem: OperationDefinition = {',
    );
    expect(text).toContain("security: ['key'],");
    // an extension the runtime does not read is in the docs module only
    expect(text).not.toContain('x-audit');
    expect(text).toContain('deprecated: true,');
    expect(text).toContain('export const shopOperations = {\n    getItem,\n    createReceipt\n} as const;');
    expect(text).toContain(
      '    getItem: { input: GetItemInput; output: Item; };\n    createReceipt: { input: CreateReceiptInput; output: Receipt; };',
    );
    expect(text).toContain('export const shopResponseSchemas = {\n    getItem: ItemSchema\n} as const;');
  });
  it('descriptors carry no texts: those are in the docs module, the JSDoc keeps them for editors', () => {
    expect(text).toContain('/**\n * S1: Get an item.\n *');
    // nor the catalogue id and the tag (in the docs module too), nor what equals its default: a
    // property named as the parameter, a path parameter's `required`, an empty parameter list
    expect(text).toContain("pathParams: [\n        { name: 'sku', type: 'string' }\n    ],");
    expect(text).toContain("matrixParams: [\n        { name: 'view', type: 'string', segment: 1 }\n    ],");
    expect(text).not.toMatch(/summary:|description:|doc:|\bid:|tag:|prop:|required:|Params: \[\]/);
    expect(text).toContain(
      "{\n            status: 404,\n            body: { mediaType: 'application/xml', element: 'item' },\n            error: true\n        }",
    );
  });
  it('an error response several operations declare alike is one local constant', () => {
    const [getItem] = api.operations;
    const again = { ...getItem!, operationId: 'getItemAgain', id: 'S3' };
    const io = new Map(api.io).set('getItemAgain', { ...api.io.get('getItem')!, input: 'GetItemAgainInput' });
    const shared = emit((f) => emitOperations(f, { ...api, operations: [...api.operations, again], io }));
    expect(shared).toContain(
      "const error404: ResponseDefinition = {\n    status: 404,\n    body: { mediaType: 'application/xml', element: 'item' },\n    error: true\n};",
    );
    expect(shared).not.toContain('export const error404');
    expect(shared.match(/^ {8}error404$/gm)).toHaveLength(2);
  });
});

describe('commands, one per operation', () => {
  it("hold the descriptor, the validators and an XML schema of only the operation's types", () => {
    const text = emit((f) => emitCommands(f, api));
    expect(text).toContain("import type { ShopCommand } from '../command.js';");
    const getItem = text.slice(
      text.indexOf('export const getItemCommand'),
      text.indexOf('export const createReceiptCommand'),
    );
    expect(getItem).toContain(
      'export const getItemCommand: ShopCommand<GetItemInput, Item> = {\n    operation: getItem,',
    );
    expect(getItem).toContain(
      "elements: {\n            item: { ns: 'urn:example:shop', local: 'item', type: 'Item' }\n        }",
    );
    expect(getItem).toContain('    response: ItemSchema\n};');
    // Item refers to Price; Order is another operation's
    expect(getItem).toContain(
      'types: {\n            Price: PriceCodec,\n            Item: ItemCodec\n        },',
    );
    expect(getItem).not.toContain('OrderCodec');
  });
});

describe('the docs module', () => {
  it('holds every text the descriptors left out, by operationId and by type', () => {
    const text = emit((f) => emitDocs(f, { ...api, fieldMaps: maps }));
    expect(text).toContain("import type { ApiDocs } from '@regkit/core';");
    expect(text).toContain(
      "getItem: {\n            id: 'S1',\n            tag: 'ITEM',\n            summary: 'Get an item',\n            params: { sku: 'Stock keeping unit.', view: 'Which view of the item.' },\n            responses: { '200': 'The item.', '404': 'Not found.' }\n        },",
    );
    expect(text).toContain(
      "createReceipt: {\n            id: 'S2',\n            tag: 'RECEIPT',\n            extensions: { 'x-audit': 'strict' },",
    );
    expect(text).toContain("Item: {\n            doc: 'One article.',");
    expect(text).toContain(
      "Gadget: {\n            fields: { name: 'What the gadget is called.' }\n        }",
    );
  });
});

describe('JSON types and field maps', () => {
  it('JSON schemas become types with docs, enums, arrays and index signatures', () => {
    const text = emit((f) => emitJsonTypes(f, api.jsonTypes));
    expect(text).toContain(
      "/** What the shop answers. */\nexport type Receipt = {\n    /** Total in cents. */\n    total: number;\n    lines?: string[];\n    state?: 'OPEN' | 'PAID';\n    extra?: {\n        [key: string]: string;\n    };\n};",
    );
  });
  it('JSON schemas become zod/mini validators, each declared after the schemas it refers to', () => {
    const types = readJsonTypes(
      {
        Body: {
          type: 'object',
          required: ['Fields', 'Kind'],
          properties: {
            Fields: { $ref: '#/components/schemas/Record' },
            Kind: { type: 'string', enum: ['a', 'b'] },
            Level: { type: 'integer', enum: [1, 2] },
            Value: { type: ['string', 'null'] },
            Tags: {
              type: 'object',
              properties: { x: { type: 'number' } },
              additionalProperties: { type: 'string' },
            },
          },
        },
        Record: {
          type: 'object',
          patternProperties: { '^[1-9][0-9]*$': { type: 'boolean' } },
          additionalProperties: false,
        },
        Closed: { type: 'object', properties: { a: {} }, additionalProperties: false },
      },
      () => {
        throw new Error('unexpected');
      },
    );
    const text = withoutPure(emit((f) => emitJsonZod(f, types)));
    expect(text).toContain("import * as z from 'zod/mini';");
    expect(text.indexOf('export const RecordSchema')).toBeLessThan(text.indexOf('export const BodySchema'));
    expect(text).toContain(
      'export const RecordSchema: z.ZodMiniType<Record> = z.record(z.string().check(z.regex(/^[1-9][0-9]*$/)), z.boolean());',
    );
    expect(text).toContain(
      [
        'export const BodySchema: z.ZodMiniType<Body> = z.looseObject({',
        '    Fields: RecordSchema,',
        "    Kind: z.enum(['a', 'b']),",
        '    Level: z.optional(z.literal([1, 2])),',
        '    Value: z.optional(z.union([z.string(), z.null()])),',
        '    Tags: z.optional(z.catchall(z.object({',
        '        x: z.optional(z.number())',
        '    }), z.string()))',
        '});',
      ].join('\n'),
    );
    expect(text).toContain(
      'export const ClosedSchema: z.ZodMiniType<Closed> = z.strictObject({\n    a: z.optional(z.unknown())\n});',
    );
  });
  it('field catalogues become record types, writable key sets and descriptors', () => {
    const text = emit((f) => emitFieldMaps(f, maps));
    expect(text).toContain('    /** Field 1 "Sequence" (integer, read-only). */\n    readonly id?: number;');
    expect(text).toContain(
      '     * What the gadget is called.\n     *\n     * Field 7 "Gadget Name" (string, writable).\n     */\n    name?: string;',
    );
    expect(text).toContain("export type GadgetWritable = { -readonly [K in 'name']?: Gadget[K]; };");
    // the descriptor leaves the field's description to the docs module
    expect(text).toMatch(
      /sequence: 7,\s+displayName: 'Gadget Name',\s+prop: 'name',\s+type: 'string',\s+writable: true\s+\}/,
    );
    expect(text).not.toContain("What the gadget is called.'");
  });

  it("an API's type prefix names every record export; the runtime definition keeps the record's own name", () => {
    const text = emit((f) => emitFieldMaps(f, maps, 'Shop'));
    expect(text).toContain('export interface ShopGadget {');
    expect(text).toContain("export type ShopGadgetWritable = { -readonly [K in 'name']?: ShopGadget[K]; };");
    expect(text).toContain('export const ShopGadgetField = {');
    expect(text).toMatch(/export const shopGadgetFields: FieldMapDefinition = {\s+name: 'Gadget',/);
    expect(text).not.toMatch(/export (interface|type|const) Gadget/);
  });
});
