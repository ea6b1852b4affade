import type {
  FieldDefinition,
  MatrixParamDefinition,
  OperationDefinition,
  ParamDefinition,
  ResponseDefinition,
  XmlAttribute,
  XmlComplexType,
  XmlField,
  XmlRootElement,
} from '@regkit/core';

/** Checks of a simple type other than its enumeration: what the validators and the JSON Schema carry. */
export interface Facets {
  /** An XSD pattern: anchored at both ends, as XSD reads it. */
  readonly pattern?: string;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
}

/** A field of the model: the runtime descriptor plus what only the TypeScript emitters need. */
export interface ModelField extends XmlField {
  readonly doc?: string;
  /** Documented values of a free-text field (`ts:values`): typed as known literals or any string. */
  readonly values?: readonly string[];
  /** The name of its documented values (`<ts:values name="…">`); else the type's name and the field's. */
  readonly valuesName?: string;
  /** What each documented value means (`<ts:value name="…">text</ts:value>`), by value. */
  readonly valueDescriptions?: Readonly<Record<string, string>>;
  /** Pattern and range of its simple type, for the validators and the JSON Schema (not the codec). */
  readonly facets?: Facets;
  /** `ts:alwaysReturned`: ARIN returns it in every response holding the type (required in the response type). */
  readonly alwaysReturned?: boolean;
}

/** An attribute of the model: the runtime descriptor plus its documentation and the facets of its simple type. */
export interface ModelAttribute extends XmlAttribute {
  readonly doc?: string;
  readonly facets?: Facets;
}

export interface ModelType extends Omit<XmlComplexType, 'fields' | 'attributes'> {
  readonly name: string;
  readonly doc?: string;
  readonly fields: readonly ModelField[];
  readonly attributes?: readonly ModelAttribute[];
  /** Range and pattern of the text content's simple type (`<algorithm>8</algorithm>`), for the validators. */
  readonly textFacets?: Facets;
  /** Where the type is declared, for messages. */
  readonly source: string;
  /** Holds read-only fields, directly or through a reference: has a `…Create` variant (set by the link step). */
  readonly createVariant?: boolean;
  /**
   * Holds fields ARIN always returns, directly or through a reference: the type's own name is the
   * response form (those fields required) and `…Input` the request form (set by the link step).
   */
  readonly inputVariant?: boolean;
}

/**
 * An enumeration of a spec, emitted as constants: an XSD simple type with `xs:enumeration`s, the
 * documented values of a free-text field (`ts:values`), or an OpenAPI `enum` (named by `x-enum-name`).
 */
export interface ModelEnum {
  readonly name: string;
  /** In declaration order; numbers as text when `numeric`. */
  readonly values: readonly string[];
  readonly numeric?: boolean;
  /** Documented values of free text: the field takes other values too. */
  readonly open?: boolean;
  readonly doc?: string;
  /** Documentation of each value (`xs:documentation` of an `xs:enumeration`), by value. */
  readonly valueDocs?: Readonly<Record<string, string>>;
  /**
   * The description the spec gives each value (`ts:description`, `ts:value`, `x-enum-descriptions`),
   * by value: emitted as the `…Descriptions` record.
   */
  readonly descriptions?: Readonly<Record<string, string>>;
  /** Where it is declared, for messages. */
  readonly source: string;
}

/** Everything read from an XSD: one shape for the emitters. */
export interface XmlModel {
  readonly prefixes: Readonly<Record<string, string>>;
  readonly closedNamespaces: readonly string[];
  /** In declaration order. */
  readonly types: readonly ModelType[];
  readonly elements: Readonly<Record<string, XmlRootElement & { readonly doc?: string }>>;
  /** Named enumerations and documented values, in declaration order. */
  readonly enums?: readonly ModelEnum[];
}

/** A parameter of the model: the runtime descriptor and its description (emitted to `docs.gen.ts`). */
export interface ModelParam extends ParamDefinition {
  readonly prop: string;
  readonly required: boolean;
  readonly doc?: string;
}

export interface ModelMatrixParam extends MatrixParamDefinition {
  readonly prop: string;
  readonly required: boolean;
  readonly doc?: string;
}

export interface ModelResponse extends ResponseDefinition {
  readonly description: string;
}

/** An operation of the model: the runtime descriptor plus its texts, which the emitters keep apart. */
export interface ModelOperation extends Omit<
  OperationDefinition,
  'pathParams' | 'matrixParams' | 'queryParams' | 'responses'
> {
  readonly id: string;
  readonly tag: string;
  readonly pathParams: readonly ModelParam[];
  readonly matrixParams: readonly ModelMatrixParam[];
  readonly queryParams: readonly ModelParam[];
  readonly responses: readonly ModelResponse[];
  readonly summary: string;
  readonly doc?: string;
}

export interface ModelFieldDefinition extends FieldDefinition {
  readonly doc?: string;
}

export interface ModelFieldMap {
  readonly name: string;
  readonly fields: readonly ModelFieldDefinition[];
}

/** A JSON schema of an OpenAPI document, reduced to what the TS emitter writes. */
export type JsonShape =
  | {
      readonly kind: 'primitive';
      readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'unknown';
      readonly enum?: readonly (string | number)[];
    }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'array'; readonly items: JsonShape }
  | {
      readonly kind: 'object';
      readonly properties: readonly {
        readonly name: string;
        readonly shape: JsonShape;
        readonly required: boolean;
        readonly doc?: string;
      }[];
      readonly additional?: JsonShape;
      /** The pattern every other key must match (`patternProperties` with one pattern). */
      readonly keyPattern?: string;
      /** `additionalProperties: false`: keys beyond the properties (and the pattern) are refused. */
      readonly closed?: boolean;
    }
  | { readonly kind: 'union'; readonly members: readonly JsonShape[] };

export interface JsonType {
  readonly name: string;
  readonly shape: JsonShape;
  readonly doc?: string;
}

export interface ApiModel {
  /** Names the operation map and its types (`arinOperations`, `ArinOperationTypes`). */
  readonly name: string;
  /**
   * Prefix of the API's record and operation-input type names (`HelpdeskTicket`,
   * `HelpdeskGetTicketInput`), so that two APIs' packages export no name twice.
   */
  readonly typePrefix?: string;
  /** Spec files the model was read from, relative to the repository root (for headers). */
  readonly sources: readonly string[];
  readonly xml?: XmlModel;
  readonly operations: readonly ModelOperation[];
  readonly jsonTypes: readonly JsonType[];
  readonly fieldMaps: readonly ModelFieldMap[];
  /** Groups and methods of the generated facade. */
  readonly facades: readonly FacadeGroup[];
  /** The OpenAPI document's enumerations (`x-enum-name`), in document order. */
  readonly enums?: readonly ModelEnum[];
  /** The OpenAPI document as read (plain data). */
  readonly document?: unknown;
}

/** A body of an operation as the emitters name it: a TS type and its validator, one value or a list. */
export interface BodyRef {
  readonly type: string;
  readonly validator?: string;
  readonly list: boolean;
}

/** The TS names of an operation's input and payloads, decided once by the link step. */
export interface OperationIo {
  readonly input: string;
  readonly request?: BodyRef;
  /** The success body (200, else the first success), when there is one. */
  readonly output?: BodyRef;
}

/** A model whose cross-references are resolved and checked: what every emitter reads. */
export interface LinkedApi extends ApiModel {
  /** Every enumeration of the specs once (XSD first, then OpenAPI), same-named ones merged and checked. */
  readonly enums: readonly ModelEnum[];
  readonly io: ReadonlyMap<string, OperationIo>;
  /** Model type by name. */
  readonly typeByName: ReadonlyMap<string, ModelType>;
  /** The spec files (absolute paths) an emitter may re-read, keyed as in `sources`. */
  readonly specPaths: Readonly<Record<string, string>>;
}

/** A positional parameter of a facade method. */
export interface FacadeArg {
  readonly name: string;
  readonly optional: boolean;
}

/** One method of a generated facade group, read from `x-facade`. */
export interface FacadeMethod {
  readonly operationId: string;
  readonly method: string;
  readonly args: readonly FacadeArg[];
  /** The argument that is the request payload. */
  readonly body?: string;
  /** Input parameters read from the trailing options argument. */
  readonly options: readonly string[];
  /** A hand-written piece of the client (`src/facadeParts.ts`) that makes the call. */
  readonly via?: string;
}

/** A facade group: one generated class, one property of the client. */
export interface FacadeGroup {
  readonly name: string;
  readonly doc?: string;
  readonly methods: readonly FacadeMethod[];
}
