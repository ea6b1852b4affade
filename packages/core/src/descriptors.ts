/**
 * The runtime schema that the generator (tools/xsd2ts) emits and the runtime executes.
 * Everything here is plain data: generated files hold `as const` literals of these shapes,
 * and `core` walks them to encode, decode and build requests. Nothing here depends on a spec.
 */

/** Namespace URIs are the identity of an element; prefixes are cosmetic and vary per response. */
export type NamespaceUri = string;

/** Scalar wire types. `base64` values stay base64 strings in TS; `integer` decodes to `number`. */
export type XmlScalar = 'string' | 'integer' | 'boolean' | 'base64';

/** What a field holds once decoded. */
export type XmlValue =
  /** Text content of one element. `enum` lists the allowed values, when the spec restricts them. */
  | { readonly kind: 'scalar'; readonly scalar: XmlScalar; readonly enum?: readonly string[] }
  /** A complex type, by its key in `XmlSchema.types`. */
  | { readonly kind: 'ref'; readonly type: string }
  /**
   * Multiline text: `<line number="N">…</line>` children, decoded to `string[]` sorted by number,
   * encoded with numbers from 0 in array order.
   */
  | { readonly kind: 'multiline'; readonly line: { readonly ns: NamespaceUri; readonly local: string } };

/**
 * A child element of a complex type as the codec reads it: an `XmlFieldSpec` of a descriptor with its
 * defaults filled in (`xmlFieldsOf`).
 */
export interface XmlField {
  /** TS property name (friendly, camelCase: `iso3166_1` becomes `country`). */
  readonly prop: string;
  /** Wire name of the element (or of the wrapper, when `wrapper` is set). */
  readonly ns: NamespaceUri;
  readonly local: string;
  readonly value: XmlValue;
  /**
   * A list. With `item`, the element `local` is a wrapper and each entry is an `item` child
   * (`<emails><email/></emails>`): decoded to an array, an empty wrapper to `[]`.
   * Without `item`, entries are repeated siblings named `local`.
   */
  readonly list?: { readonly item?: { readonly ns: NamespaceUri; readonly local: string } };
  readonly optional: boolean;
  /** Set by the server; never encoded in a request payload. */
  readonly readOnly?: boolean;
  /** Sent back unchanged on modify, never changed by the client. */
  readonly immutable?: boolean;
}

/**
 * A child element of a complex type as a descriptor holds it: what equals its default may be left
 * out (generated descriptors leave it out, which keeps them small in a bundle). `xmlFieldsOf`
 * fills the defaults in.
 */
export interface XmlFieldSpec {
  /** TS property name, as `XmlField.prop`. */
  readonly prop: string;
  /** Namespace of the element (or wrapper). Default: the type's `ns` (`''` when it has none). */
  readonly ns?: NamespaceUri;
  /** Local name of the element (or wrapper). Default: `prop`. */
  readonly local?: string;
  /** Default: text, `{ kind: 'scalar', scalar: 'string' }`. */
  readonly value?: XmlValue;
  /** As `XmlField.list`; the item's namespace defaults to the field's. */
  readonly list?: { readonly item?: { readonly ns?: NamespaceUri; readonly local: string } };
  /** Default: true. */
  readonly optional?: boolean;
  /** As `XmlField.readOnly`. */
  readonly readOnly?: boolean;
  /** As `XmlField.immutable`. */
  readonly immutable?: boolean;
}

/** An attribute of a complex type. Unqualified attributes have `ns: ''`. */
export interface XmlAttribute {
  readonly prop: string;
  readonly ns: NamespaceUri;
  readonly local: string;
  readonly scalar: XmlScalar;
  readonly enum?: readonly string[];
  readonly optional: boolean;
  readonly readOnly?: boolean;
}

/** A complex type: the TS object type it decodes to is named after its key. */
export interface XmlComplexType {
  /** Namespace of the fields that name none (most of a type's children share one). */
  readonly ns?: NamespaceUri;
  /** Children in the documented (encode) order. Decoding accepts any order. See `xmlFieldsOf`. */
  readonly fields: readonly XmlFieldSpec[];
  readonly attributes?: readonly XmlAttribute[];
  /** Simple content with attributes (`<nameserver ttl="…">ns1.example.net</nameserver>`). */
  readonly text?: { readonly prop: string; readonly scalar: XmlScalar };
  /**
   * Exactly one of `fields` is present (XSD choice). Decodes to `{ [discriminant]: prop, [prop]: value }`,
   * e.g. `{ kind: 'net', net }`. Encoding writes only the member named by the discriminant.
   */
  readonly choice?: { readonly discriminant: string };
  /** Elements from namespaces other than `closedNamespaces` are ignored on decode (XSD `any`). */
  readonly openContent?: boolean;
}

/** A document root element. */
export interface XmlRootElement {
  readonly ns: NamespaceUri;
  readonly local: string;
  readonly type: string;
}

/** Everything the XML codec needs for one API. */
export interface XmlSchema {
  /** Prefix to URI, used when encoding. `''` is the default namespace. */
  readonly prefixes: Readonly<Record<string, NamespaceUri>>;
  /** Namespaces whose unknown elements are an error on decode (the API's own namespaces). */
  readonly closedNamespaces: readonly NamespaceUri[];
  readonly types: Readonly<Record<string, XmlComplexType>>;
  /** Root elements keyed by local name (`poc`, `collection`, …). */
  readonly elements: Readonly<Record<string, XmlRootElement>>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export type ParamScalar = 'string' | 'integer' | 'boolean';

export interface ParamDefinition {
  /** Name on the wire (`pocFunction`, `msgRefs`, `maxContentLength`). */
  readonly name: string;
  /** TS property name in the call's input. Default: `name` (generated descriptors leave it out then). */
  readonly prop?: string;
  readonly type: ParamScalar;
  readonly enum?: readonly string[];
  /** Default: false. A path parameter is always required, whatever this says. */
  readonly required?: boolean;
}

export interface MatrixParamDefinition extends ParamDefinition {
  /**
   * Index of the path segment (split on `/`, leading empty segment dropped) after which
   * `;name=value` is written. ARIN's matrix parameters all follow the last segment.
   */
  readonly segment: number;
}

/** A request or response body. */
export type BodyDefinition =
  /**
   * An XML payload whose root is `element` (a key of `XmlSchema.elements`). With `variant: 'create'`
   * read-only fields are left out when encoding (the spec's `x-xsd-variant`).
   */
  | {
      readonly mediaType: 'application/xml';
      readonly element: string;
      readonly variant?: 'create';
      /**
       * The same object is also offered as RPSL text (`application/rpsl`): the call's Content-Type
       * and Accept choose (ARIN's IRR: XML for simple objects, RPSL for advanced ones).
       */
      readonly rpsl?: true;
    }
  /** A `collection` root holding any number of `item` elements; decodes to an array. */
  | { readonly mediaType: 'application/xml'; readonly element: string; readonly collectionOf: string }
  /** JSON described by a named schema of the API (its TS type has the same name). */
  | { readonly mediaType: 'application/json'; readonly schema: string }
  /** Form-encoded body (OAuth token call). */
  | { readonly mediaType: 'application/x-www-form-urlencoded'; readonly schema: string }
  /** Raw bytes (a ticket attachment): a response body only, decoded to a `Uint8Array`. */
  | { readonly mediaType: 'application/octet-stream' };

export interface ResponseDefinition {
  readonly status: number;
  /** `undefined` for bodiless responses. */
  readonly body?: BodyDefinition;
  /** True for 4xx/5xx responses; their body is the API's error payload. */
  readonly error: boolean;
}

/**
 * One operation of an API, as the generator reads it from the OpenAPI document. What only
 * documentation, help or tooling reads (summary, description, parameter and response texts, the
 * catalogue id, the tag, the `x-` extensions the runtime does not read) is in the API's `ApiDocs`,
 * not here, so an application that never prints it does not ship it.
 */
export interface OperationDefinition {
  /**
   * Stable catalogue id (`A23`, `H4`). Generated descriptors leave it out: it is in the API's docs
   * (`OperationDoc.id`).
   */
  readonly id?: string;
  /** Reads as a method name (`reassignNet`). */
  readonly operationId: string;
  /** The spec's tag. Generated descriptors leave it out: it is in the API's docs (`OperationDoc.tag`). */
  readonly tag?: string;
  readonly method: HttpMethod;
  /** Path template relative to the base URL, without matrix parameters: `/net/{parentNetHandle}/reassign`. */
  readonly path: string;
  /** Default: none (generated descriptors leave an empty list out, as for the next two). */
  readonly pathParams?: readonly ParamDefinition[];
  readonly matrixParams?: readonly MatrixParamDefinition[];
  readonly queryParams?: readonly ParamDefinition[];
  readonly request?: BodyDefinition;
  readonly responses: readonly ResponseDefinition[];
  /** Security scheme names from the spec (`apikey`, `bearer`); empty for unauthenticated calls. */
  readonly security: readonly string[];
  /**
   * May the request be sent again after it may have reached the server (the spec's `x-retry`)?
   * Decided per operation, never from the HTTP method: ARIN's `PUT …/reassign` creates a net.
   */
  readonly retry: 'safe' | 'unsafe';
  /** For an unsafe operation: how to see whether it was applied (the spec's `x-outcome-check`). */
  readonly outcomeCheck?: string;
  readonly deprecated?: boolean;
  /**
   * `x-` extensions of the operation that the runtime reads (`x-empty-path-parameters`), verbatim;
   * the API's docs have all of them (`OperationDoc.extensions`).
   */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** Helpdesk field catalogue entry: a field of a field-map record, keyed by sequence number. */
export interface FieldDefinition {
  readonly sequence: number;
  /** Display name as the server ships it; servers may rename it, so decoding is by sequence. */
  readonly displayName: string;
  /** camelCase TS property name. */
  readonly prop: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
  readonly writable: boolean;
}

export interface FieldMapDefinition {
  /** Record name (`Ticket`, `TicketNote`). */
  readonly name: string;
  readonly fields: readonly FieldDefinition[];
}
