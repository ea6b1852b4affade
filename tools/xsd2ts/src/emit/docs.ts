import type { ApiDocs, OperationDoc, TypeDoc } from '@regkit/core';
import type { LinkedApi } from '../model.js';
import { literal } from './code.js';
import type { EmitFile } from './emitFile.js';

const entries = (pairs: readonly (readonly [string, string | undefined])[]) =>
  Object.fromEntries(pairs.filter((p): p is [string, string] => p[1] !== undefined && p[1] !== ''));

/**
 * The texts of the descriptors (`ApiDocs`): summaries, descriptions, parameter and response texts,
 * payload field descriptions. Only what prints help or reference text imports this file.
 */
export function emitDocs(file: EmitFile, api: LinkedApi): void {
  const operations: Record<string, OperationDoc> = {};
  for (const op of api.operations)
    operations[op.operationId] = {
      id: op.id,
      tag: op.tag,
      ...(op.extensions ? { extensions: op.extensions } : {}),
      summary: op.summary,
      ...(op.doc ? { doc: op.doc } : {}),
      params: entries([...op.pathParams, ...op.matrixParams, ...op.queryParams].map((p) => [p.name, p.doc])),
      responses: Object.fromEntries(op.responses.map((r) => [r.status, r.description])),
    };
  const types: Record<string, TypeDoc> = {};
  for (const t of api.xml?.types ?? []) {
    const fields = entries([...t.fields, ...(t.attributes ?? [])].map((f) => [f.prop, f.doc]));
    if (t.doc || Object.keys(fields).length) types[t.name] = { ...(t.doc ? { doc: t.doc } : {}), fields };
  }
  for (const map of api.fieldMaps) {
    const fields = entries(map.fields.map((f) => [f.prop, f.doc]));
    if (Object.keys(fields).length) types[map.name] = { fields };
  }
  const docs: ApiDocs = { operations, types };
  file.const(`${api.name}Docs`, literal(docs), {
    type: file.type('ApiDocs'),
    doc: 'What the specs say in words about each operation (by operationId) and payload type (by name).',
  });
}
