/** The commands of every operation as plain data: what `--help`, parsing and the build's `commands.json` share. */
import type { Api } from './naming.js';

/** A path, matrix or query parameter of an operation, as a command takes it. */
export interface ParamSpec {
  readonly in: 'path' | 'matrix' | 'query';
  /** Property of the operation's input. */
  readonly prop: string;
  /** Positional argument name (`POC_HANDLE`) or flag (`msg-refs`). */
  readonly name: string;
  readonly type: 'string' | 'integer' | 'boolean';
  readonly enum?: readonly string[];
  readonly required: boolean;
  readonly doc?: string;
}

/** A field of the request payload that can be given as a flag. */
export interface BodyFlag {
  readonly prop: string;
  readonly flag: string;
  /** `lines`: multiline text and lists of strings (repeat the flag); `country`: an ISO 3166-1 code. */
  readonly kind: 'scalar' | 'lines' | 'country';
  readonly type: 'string' | 'integer' | 'boolean' | 'base64';
  readonly enum?: readonly string[];
  readonly doc?: string;
}

export interface BodySpec {
  readonly mediaType: string;
  /** ARIN: root element of the XML payload. */
  readonly element?: string;
  /** Helpdesk: name of the JSON schema. */
  readonly schema?: string;
  readonly variant?: 'create';
  readonly flags: readonly BodyFlag[];
}

/** One operation of a spec as a command: everything `--help` and parsing need, as plain data. */
export interface OperationCommand {
  readonly api: Api;
  readonly id: string;
  readonly operationId: string;
  /** Words after the API: `['poc', 'get']`. */
  readonly path: readonly string[];
  readonly summary: string;
  readonly doc?: string;
  readonly args: readonly ParamSpec[];
  readonly options: readonly ParamSpec[];
  readonly body?: BodySpec;
  /** Root element (ARIN) of the success response, when it has a body. */
  readonly responseElement?: string;
  readonly retry: 'safe' | 'unsafe';
  readonly outcomeCheck?: string;
  /** ARIN IRR: the object is also offered as RPSL text (`--rpsl`). */
  readonly rpsl?: true;
}

export interface CommandManifest {
  readonly operations: readonly OperationCommand[];
}
