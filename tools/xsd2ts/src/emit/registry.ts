import type { LinkedApi } from '../model.js';
import { renderArinContract } from './arinContract.js';
import type { EmitFile } from './emitFile.js';
import { emitCommands } from './commands.js';
import { emitDocs } from './docs.js';
import { emitEnums } from './enums.js';
import { emitCaller, emitFacades } from './facades.js';
import { emitFieldMaps } from './fieldMaps.js';
import { emitJsonTypes } from './jsonTypes.js';
import { emitJsonZod } from './jsonZod.js';
import { renderOpenApiTypes } from './openapiTypes.js';
import { emitOperations } from './operations.js';
import { emitXmlCodecs } from './xmlCodecs.js';
import { emitXmlTypes } from './xmlTypes.js';
import { emitXmlZod } from './xmlZod.js';

/** An emitter of TypeScript: builds one file from the linked model; its imports are collected for it. */
export interface TsEmitter {
  readonly kind: 'ts';
  /** File name in the API's output folder. */
  readonly file: string;
  /** Re-exported by `index.gen.ts`. */
  readonly public: boolean;
  applies(api: LinkedApi): boolean;
  emit(api: LinkedApi, file: EmitFile): void;
}

/** An emitter of any other text (a document, or TS written by another tool). */
export interface TextEmitter {
  readonly kind: 'text';
  readonly file: string;
  applies(api: LinkedApi): boolean;
  render(api: LinkedApi): string | Promise<string>;
}

export type Emitter = TsEmitter | TextEmitter;

const hasXml = (api: LinkedApi) => api.xml !== undefined;

/** Every emitter, in the order its output is listed. Add an emitter here to generate a new file. */
export const EMITTERS: readonly Emitter[] = [
  {
    kind: 'ts',
    file: 'types.gen.ts',
    public: true,
    applies: () => true,
    emit(api, file) {
      if (api.xml) emitXmlTypes(file, api.xml);
      else emitJsonTypes(file, api.jsonTypes);
      emitEnums(file, api.enums);
    },
  },
  {
    kind: 'ts',
    file: 'schemas.gen.ts',
    public: true,
    applies: () => true,
    emit(api, file) {
      if (api.xml) emitXmlZod(file, api.xml);
      else emitJsonZod(file, api.jsonTypes);
    },
  },
  {
    kind: 'ts',
    file: 'codecs.gen.ts',
    public: true,
    applies: hasXml,
    emit: (api, file) => api.xml && emitXmlCodecs(file, api.xml, `${api.name}XmlSchema`),
  },
  {
    kind: 'ts',
    file: 'fields.gen.ts',
    public: true,
    applies: (api) => api.fieldMaps.length > 0,
    emit: (api, file) => emitFieldMaps(file, api.fieldMaps, api.typePrefix),
  },
  {
    kind: 'ts',
    file: 'operations.gen.ts',
    public: true,
    applies: () => true,
    emit: (api, file) => emitOperations(file, api),
  },
  {
    kind: 'ts',
    file: 'commands.gen.ts',
    public: false,
    applies: hasXml,
    emit: (api, file) => emitCommands(file, api),
  },
  {
    kind: 'ts',
    file: 'docs.gen.ts',
    public: false,
    applies: () => true,
    emit: (api, file) => emitDocs(file, api),
  },
  {
    kind: 'ts',
    file: 'caller.gen.ts',
    public: false,
    applies: (api) => api.facades.length > 0,
    emit: (api, file) => emitCaller(file, api),
  },
  {
    kind: 'ts',
    file: 'facade.gen.ts',
    public: false,
    applies: (api) => api.facades.length > 0,
    emit: (api, file) => emitFacades(file, api),
  },
  {
    kind: 'text',
    file: 'reg-rws.openapi.gen.yaml',
    applies: hasXml,
    render: renderArinContract,
  },

  { kind: 'text', file: 'openapi.gen.ts', applies: () => true, render: renderOpenApiTypes },
];
