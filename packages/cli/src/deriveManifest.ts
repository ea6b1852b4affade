import {
  paramProp,
  xmlFieldsOf,
  type ApiDocs,
  type OperationDefinition,
  type OperationDoc,
  type ParamDefinition,
  type XmlSchema,
} from '@regkit/core';
import type { BodyFlag, BodySpec, CommandManifest, OperationCommand, ParamSpec } from './manifestTypes.js';
import { argName, cliNames, commandPath, flagOf, groupOf, kebab, type Api, type CliNames } from './naming.js';

/** Flags every command has, or that the program itself answers; a payload field never takes them. */
const RESERVED = new Set([
  'json',
  'help',
  'version',
  'timeout',
  'arin-env',
  'helpdesk-url',
  'file',
  'output',
  'query',
  'profile',
  'allow-insecure-http',
]);

function param(
  p: ParamDefinition,
  where: ParamSpec['in'],
  group: string,
  cli: CliNames,
  doc?: OperationDoc,
): ParamSpec {
  const text = doc?.params[p.name];
  return {
    in: where,
    prop: paramProp(p),
    name: where === 'path' ? argName(paramProp(p)) : flagOf(p.name, group, cli),
    type: p.type,
    ...(p.enum ? { enum: p.enum } : {}),
    required: where === 'path' || !!p.required,
    ...(text ? { doc: text } : {}),
  };
}

/** The payload fields a person can type as flags: text, numbers, booleans, lines, a country code. */
function bodyFlags(schema: XmlSchema, element: string, create: boolean, taken: Set<string>): BodyFlag[] {
  const typeName = schema.elements[element]?.type;
  const type = typeName ? schema.types[typeName] : undefined;
  if (!type || type.choice) return [];
  const flags: BodyFlag[] = [];
  for (const f of xmlFieldsOf(type)) {
    if (create && f.readOnly) continue;
    const flag = kebab(f.prop);
    if (RESERVED.has(flag) || taken.has(flag)) continue;
    if (f.value.kind === 'multiline' || (f.value.kind === 'scalar' && f.list))
      flags.push({ prop: f.prop, flag, kind: 'lines', type: 'string' });
    else if (f.value.kind === 'scalar')
      flags.push({
        prop: f.prop,
        flag,
        kind: 'scalar',
        type: f.value.scalar,
        ...(f.value.enum ? { enum: f.value.enum } : {}),
      });
    else if (f.value.kind === 'ref' && f.value.type === 'Country' && !f.list)
      flags.push({ prop: f.prop, flag, kind: 'country', type: 'string' });
  }
  return flags;
}

/** The command of an operation; its texts come from the API's docs module, when given. */
export function operationCommand(
  api: Api,
  op: OperationDefinition,
  xml?: XmlSchema,
  docs?: ApiDocs,
): OperationCommand {
  const doc = docs?.operations[op.operationId];
  // the catalogue id, the tag and the x-cli names are in the docs module; a descriptor may hold them too
  const id = op.id ?? doc?.id ?? op.operationId;
  const tag = op.tag ?? doc?.tag ?? '';
  const group = groupOf(tag);
  const cli = cliNames({ ...doc?.extensions, ...op.extensions });
  const args = (op.pathParams ?? []).map((p) => param(p, 'path', group, cli, doc));
  const options = [
    ...(op.matrixParams ?? []).map((p) => param(p, 'matrix', group, cli, doc)),
    ...(op.queryParams ?? []).map((p) => param(p, 'query', group, cli, doc)),
  ];
  let body: BodySpec | undefined;
  if (op.request) {
    const r = op.request;
    const element = 'element' in r ? r.element : undefined;
    const taken = new Set(options.map((o) => o.name));
    body = {
      mediaType: r.mediaType,
      ...(element ? { element } : {}),
      ...('schema' in r ? { schema: r.schema } : {}),
      ...('variant' in r && r.variant ? { variant: r.variant } : {}),
      flags: element && xml ? bodyFlags(xml, element, 'variant' in r && r.variant === 'create', taken) : [],
    };
  }
  const ok = op.responses.find((r) => !r.error && r.body);
  const responseElement =
    ok?.body && 'element' in ok.body
      ? 'collectionOf' in ok.body
        ? ok.body.collectionOf
        : ok.body.element
      : undefined;
  return {
    api,
    id,
    operationId: op.operationId,
    path: commandPath(api, op.operationId, tag, cli),
    summary: doc?.summary ?? op.operationId,
    ...(doc?.doc ? { doc: doc.doc } : {}),
    args,
    options,
    ...(body ? { body } : {}),
    ...(responseElement ? { responseElement } : {}),
    retry: op.retry,
    ...(op.outcomeCheck ? { outcomeCheck: op.outcomeCheck } : {}),
    ...(ok?.body && 'rpsl' in ok.body && ok.body.rpsl ? { rpsl: true as const } : {}),
  };
}

/** Every operation of both specs, from the clients' generated descriptors. */
export async function deriveManifest(): Promise<CommandManifest> {
  const [{ arinOperations }, { arinXmlSchema }, { arinDocs }, { helpdeskOperations }, { helpdeskDocs }] =
    await Promise.all([
      import('@regkit/arin-client'),
      import('@regkit/arin-client/payloads'),
      import('@regkit/arin-client/docs'),
      import('@regkit/helpdesk-client/payloads'),
      import('@regkit/helpdesk-client/docs'),
    ]);
  const ops: readonly OperationDefinition[] = Object.values(arinOperations);
  const hd: readonly OperationDefinition[] = Object.values(helpdeskOperations);
  return {
    operations: distinctPaths([
      ...ops.map((op) => operationCommand('arin', op, arinXmlSchema, arinDocs)),
      ...hd.map((op) => operationCommand('helpdesk', op, undefined, helpdeskDocs)),
    ]),
  };
}

/**
 * Two operations whose words would be the same (an operation added to a spec whose name the rule
 * maps onto a documented one): the later one is named by its whole operationId instead.
 */
export function distinctPaths(commands: readonly OperationCommand[]): OperationCommand[] {
  const seen = new Set<string>();
  return commands.map((c) => {
    let command = c;
    if (seen.has([c.api, ...c.path].join(' ')))
      command = { ...c, path: [...c.path.slice(0, -1), kebab(c.operationId)] };
    seen.add([command.api, ...command.path].join(' '));
    return command;
  });
}
