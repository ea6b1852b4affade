import { describe, expect, it } from 'vitest';
import { createXmlCodec, DecodeError, EncodeError, xmlFieldsOf, type XmlSchema } from '../src/index.js';
import { CORE, MSG, schema } from './fixtures/schema.js';
import { canonicalXml } from './xmlEquivalent.js';

const codec = createXmlCodec(schema);

describe('XML codec: decode', () => {
  it('binds namespaces by URI whatever the prefixes', () => {
    const a = `<poc xmlns="${CORE}"><handle>P1-ARIN</handle></poc>`;
    const b = `<ns3:poc xmlns:ns3="${CORE}"><ns3:handle>P1-ARIN</ns3:handle></ns3:poc>`;
    const c = `<x:poc xmlns:x="${CORE}"><handle xmlns="${CORE}">P1-ARIN</handle></x:poc>`;
    for (const xml of [a, b, c]) expect(codec.decode(xml, 'poc')).toEqual({ handle: 'P1-ARIN' });
  });

  it('decodes children in any order, wrappers to arrays and multiline text sorted by number', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <poc xmlns="${CORE}"><phones><phone><number>+1.703.555.0100</number><type><code>O</code><description>Office</description></type></phone></phones>
      <streetAddress><line number="1">Suite 2</line><line number="0">1 Main St</line></streetAddress>
      <emails><email>a@example.net</email><email>b@example.net</email></emails><lastName>Smith</lastName><privateCustomer>false</privateCustomer></poc>`;
    expect(codec.decode(xml, 'poc')).toEqual({
      phones: [{ number: '+1.703.555.0100', type: { code: 'O', description: 'Office' } }],
      streetAddress: ['1 Main St', 'Suite 2'],
      emails: ['a@example.net', 'b@example.net'],
      lastName: 'Smith',
      privateCustomer: false,
    });
  });

  it('decodes empty wrappers to [] and a single item to a one-element array', () => {
    expect(codec.decode(`<poc xmlns="${CORE}"><emails/><phones></phones><streetAddress/></poc>`)).toEqual({
      emails: [],
      phones: [],
      streetAddress: [],
    });
    expect(codec.decode(`<poc xmlns="${CORE}"><emails><email>x@y.z</email></emails></poc>`)).toEqual({
      emails: ['x@y.z'],
    });
  });

  it('keeps empty strings and unicode, decodes entities and character references', () => {
    expect(codec.decode(`<poc xmlns="${CORE}"><lastName></lastName></poc>`)).toEqual({ lastName: '' });
    expect(
      codec.decode(
        `<poc xmlns="${CORE}"><lastName>Müller 東京 &amp; &lt;Co&gt; &#65;&#x42;</lastName></poc>`,
      ),
    ).toEqual({ lastName: 'Müller 東京 & <Co> AB' });
  });

  it('decodes entities in one pass: an escaped reference stays literal, HTML entities are not expanded', () => {
    expect(
      codec.decode(
        `<poc xmlns="${CORE}"><lastName>&amp;#233; &#233; &#x1F600; &quot;&apos; &nbsp; &#0;</lastName></poc>`,
      ),
    ).toEqual({ lastName: '&#233; é 😀 "\' &nbsp; &#0;' });
    expect(
      codec.decode(
        `<poc xmlns="${CORE}"><streetAddress><line number="0">a &amp;amp; b</line></streetAddress></poc>`,
      ),
    ).toEqual({ streetAddress: ['a &amp; b'] });
  });

  it('reads elements of other namespaces, integers and base64 in the same payload', () => {
    const xml = `<message xmlns="${CORE}" xmlns:ns2="${MSG}"><ns2:messageId>42</ns2:messageId><subject>s</subject><text><line number="0">hi</line></text><data>aGVs bG8=</data></message>`;
    expect(codec.decode(xml, 'message')).toEqual({
      messageId: 42,
      subject: 's',
      text: ['hi'],
      data: 'aGVsbG8=',
    });
  });

  it('decodes attributes and simple content with attributes', () => {
    const xml = `<delegation xmlns="${CORE}"><name>0.0.10.in-addr.arpa.</name><nameservers><nameserver ttl="3600">ns1.example.net</nameserver><nameserver>ns2.example.net</nameserver></nameservers></delegation>`;
    expect(codec.decode(xml, 'delegation')).toEqual({
      name: '0.0.10.in-addr.arpa.',
      nameservers: [{ ttl: 3600, name: 'ns1.example.net' }, { name: 'ns2.example.net' }],
    });
  });

  it('decodes a choice to a discriminated union', () => {
    expect(
      codec.decode(
        `<ticketedRequest xmlns="${CORE}"><ticket><ticketNo>2026</ticketNo></ticket></ticketedRequest>`,
      ),
    ).toEqual({ kind: 'ticket', ticket: { ticketNo: '2026' } });
    expect(() => codec.decode(`<ticketedRequest xmlns="${CORE}"><ticket/><net/></ticketedRequest>`)).toThrow(
      /only one of net, ticket/,
    );
  });

  it('ignores foreign-namespace elements and reports unknown elements of the API namespace with their path', () => {
    expect(
      codec.decode(
        `<poc xmlns="${CORE}" xmlns:f="urn:other"><f:extra>1</f:extra><lastName>S</lastName></poc>`,
      ),
    ).toEqual({ lastName: 'S' });
    const error = (() => {
      try {
        codec.decode(`<poc xmlns="${CORE}"><phones><phone><bogus/></phone></phones></poc>`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).path).toBe('/poc/phones/phone[0]/bogus');
  });

  it('treats unknown attributes as unknown elements: refused in the API namespace, foreign ones ignored', () => {
    const refused = (xml: string) => {
      try {
        codec.decode(xml);
      } catch (e) {
        return e instanceof DecodeError ? { message: e.message, path: e.path } : e;
      }
      return undefined;
    };
    expect(refused(`<poc xmlns="${CORE}" colour="red"><lastName>S</lastName></poc>`)).toEqual({
      message: expect.stringContaining("unknown attribute 'colour' on"),
      path: '/poc/@colour',
    });
    expect(refused(`<poc xmlns="${CORE}"><lastName hint="x">S</lastName></poc>`)).toMatchObject({
      message: expect.stringContaining("unknown attribute 'hint'"),
      path: '/poc/lastName/@hint',
    });
    expect(
      refused(`<poc xmlns="${CORE}" xmlns:c="${CORE}" c:odd="1"><lastName>S</lastName></poc>`),
    ).toMatchObject({
      path: '/poc/@odd',
    });
    expect(
      codec.decode(
        `<poc xmlns="${CORE}" xmlns:f="urn:other" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" f:note="1" xml:lang="en" xsi:type="x"><lastName f:n="2">S</lastName></poc>`,
      ),
    ).toEqual({ lastName: 'S' });
  });

  it('rejects bad scalars, the wrong root, unknown roots and malformed XML', () => {
    expect(() => codec.decode(`<poc xmlns="${CORE}"><privateCustomer>maybe</privateCustomer></poc>`)).toThrow(
      /not a boolean/,
    );
    expect(() => codec.decode(`<poc xmlns="${CORE}"/>`, 'delegation')).toThrow(
      /expected a 'delegation' document, found 'poc'/,
    );
    expect(() => codec.decode(`<poc xmlns="urn:nope"/>`)).toThrow(/unknown root element/);
    expect(() => codec.decode(`<poc xmlns="${CORE}"><lastName>x</poc>`)).toThrow(DecodeError);
    expect(() => codec.decode(`<p:poc/>`)).toThrow(/undeclared namespace prefix 'p'/);
  });

  it('decodes collections', () => {
    const xml = `<ns4:collection xmlns:ns4="${CORE}"><ns4:phone><ns4:number>1</ns4:number></ns4:phone><ns4:phone><ns4:number>2</ns4:number></ns4:phone></ns4:collection>`;
    expect(codec.decodeCollection(xml, 'phone')).toEqual([{ number: '1' }, { number: '2' }]);
    expect(codec.decodeCollection(`<collection xmlns="${CORE}"/>`, 'phone')).toEqual([]);
    expect(() => codec.decodeCollection(`<collection xmlns="${CORE}"><poc/></collection>`, 'phone')).toThrow(
      /unexpected element 'poc'/,
    );
  });
});

describe('XML codec: encode', () => {
  it('writes fields in the documented order with the schema prefixes', () => {
    const xml = codec.encode('poc', {
      privateCustomer: true,
      emails: ['a@b.c'],
      lastName: "O'Brien & <Sons>",
      handle: 'H-ARIN',
      contactType: 'PERSON',
      streetAddress: ['1 Main', 'Floor 2'],
    });
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><poc xmlns="${CORE}" xmlns:ns2="${MSG}"><handle>H-ARIN</handle><contactType>PERSON</contactType>` +
        `<lastName>O&apos;Brien &amp; &lt;Sons&gt;</lastName><streetAddress><line number="0">1 Main</line><line number="1">Floor 2</line></streetAddress>` +
        `<emails><email>a@b.c</email></emails><privateCustomer>true</privateCustomer></poc>`,
    );
  });

  it('leaves read-only fields out of the create variant, and writes empty lists as empty wrappers', () => {
    const xml = codec.encode(
      'poc',
      {
        handle: 'H',
        lastName: 'L',
        emails: [],
        phones: [{ type: { code: 'O', description: 'Office' }, number: '1' }],
      },
      { variant: 'create', declaration: false },
    );
    expect(canonicalXml(xml)).toEqual(
      canonicalXml(
        `<poc xmlns="${CORE}"><lastName>L</lastName><emails/><phones><phone><type><code>O</code></type><number>1</number></phone></phones></poc>`,
      ),
    );
  });

  it('encodes attributes, simple content, choices, other namespaces and collections', () => {
    expect(
      codec.encode(
        'delegation',
        { nameservers: [{ name: 'ns1.example.net', ttl: 60 }] },
        { declaration: false },
      ),
    ).toBe(
      `<delegation xmlns="${CORE}" xmlns:ns2="${MSG}"><nameservers><nameserver ttl="60">ns1.example.net</nameserver></nameservers></delegation>`,
    );
    expect(
      canonicalXml(
        codec.encode('ticketedRequest', {
          kind: 'net',
          net: { handle: 'NET-1' },
          ticket: { ticketNo: 'ignored' },
        }),
      ),
    ).toEqual(
      canonicalXml(`<ticketedRequest xmlns="${CORE}"><net><handle>NET-1</handle></net></ticketedRequest>`),
    );
    expect(canonicalXml(codec.encode('message', { messageId: 7, subject: 'x' }))).toEqual(
      canonicalXml(
        `<a:message xmlns:a="${CORE}" xmlns:b="${MSG}"><b:messageId>7</b:messageId><a:subject>x</a:subject></a:message>`,
      ),
    );
    expect(canonicalXml(codec.encodeCollection('phone', [{ number: '1' }, {}]))).toEqual(
      canonicalXml(`<collection xmlns="${CORE}"><phone><number>1</number></phone><phone/></collection>`),
    );
  });

  it('round-trips a document semantically', () => {
    const source = `<ns2:poc xmlns:ns2="${CORE}"><ns2:phones><ns2:phone><ns2:type><ns2:code>F</ns2:code></ns2:type><ns2:number>+1 555</ns2:number></ns2:phone></ns2:phones><ns2:lastName>Zoë</ns2:lastName><ns2:emails/></ns2:poc>`;
    const reencoded = codec.encode('poc', codec.decode(source, 'poc'));
    expect(canonicalXml(reencoded)).toEqual(
      canonicalXml(
        `<poc xmlns="${CORE}"><lastName>Zoë</lastName><emails/><phones><phone><type><code>F</code></type><number>+1 555</number></phone></phones></poc>`,
      ),
    );
  });

  it('reports wrong shapes with EncodeError naming the path', () => {
    expect(() => codec.encode('poc', { emails: 'a@b.c' })).toThrow(EncodeError);
    expect(() => codec.encode('poc', { emails: 'a@b.c' })).toThrow('/poc/emails: expected an array');
    expect(() => codec.encode('poc', { privateCustomer: 'yes' })).toThrow(
      '/poc/privateCustomer: expected a boolean',
    );
    expect(() => codec.encode('poc', { lastName: 'bell\u0007' })).toThrow(/cannot represent/);
    expect(() => codec.encode('ticketedRequest', { kind: 'org' })).toThrow(/kind must be one of net, ticket/);
    expect(() => codec.encode('nope', {})).toThrow(/unknown element 'nope'/);
  });
});

describe('XML codec: descriptors that leave defaults out', () => {
  // the fixture schema as the generator writes it: the type's namespace, the property as local
  // name, text, the field's namespace for a list item and `optional: true` left out
  const compact: XmlSchema = {
    ...schema,
    types: Object.fromEntries(
      Object.entries(schema.types).map(([name, type]) => {
        const ns = type.fields[0]?.ns;
        const fields = type.fields.map(({ ns: fieldNs, local, value, list, optional, ...rest }) => ({
          ...rest,
          ...(fieldNs !== ns ? { ns: fieldNs } : {}),
          ...(local !== rest.prop ? { local } : {}),
          ...(value?.kind === 'scalar' && value.scalar === 'string' && !value.enum ? {} : { value }),
          ...(list
            ? {
                list: list.item
                  ? { item: list.item.ns === fieldNs ? { local: list.item.local } : list.item }
                  : {},
              }
            : {}),
          ...(optional === false ? { optional } : {}),
        }));
        return [name, { ...type, ...(ns === undefined ? {} : { ns }), fields }];
      }),
    ),
  };

  it('fills them in: the same fields, so the same documents', () => {
    for (const [name, type] of Object.entries(compact.types))
      expect(xmlFieldsOf(type)).toEqual(schema.types[name]?.fields);
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(schema).length * 0.7);
    const xml = `<poc xmlns="${CORE}"><handle>P1-ARIN</handle><emails><email>a@example.net</email></emails>
      <streetAddress><line number="0">1 Main St</line></streetAddress><lastName>Smith</lastName></poc>`;
    const decoded = codec.decode(xml, 'poc');
    expect(createXmlCodec(compact).decode(xml, 'poc')).toEqual(decoded);
    expect(createXmlCodec(compact).encode('poc', decoded)).toBe(codec.encode('poc', decoded));
  });
});
