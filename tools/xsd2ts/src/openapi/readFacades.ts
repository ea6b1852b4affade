import type { FacadeArg, FacadeGroup, FacadeMethod, ModelOperation } from '../model.js';
type Obj = Record<string, unknown>;
type Fail = (path: (string | number)[], problem: string) => never;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const KEYS = new Set(['group', 'method', 'args', 'body', 'options', 'via']);

/**
 * Reads `x-facade-group` of each tag and `x-facade` of each operation (one entry, a list, or
 * `false` for an operation the client uses internally) into facade groups, in spec order. A
 * document whose tags name no group has no facade.
 */
export function readFacades(root: Obj, operations: readonly ModelOperation[], fail: Fail): FacadeGroup[] {
  const tagGroup = new Map<string, { group: string; doc?: string }>();
  ((root.tags ?? []) as Obj[]).forEach((t, i) => {
    const group = t['x-facade-group'];
    if (group === undefined) return;
    if (typeof group !== 'string' || !IDENT.test(group))
      fail(['tags', i, 'x-facade-group'], 'x-facade-group must be an identifier');
    tagGroup.set(String(t.name), {
      group: group as string,
      ...(typeof t.description === 'string' ? { doc: t.description } : {}),
    });
  });
  const groupDoc = new Map<string, string>();
  for (const { group, doc } of tagGroup.values()) if (doc && !groupDoc.has(group)) groupDoc.set(group, doc);
  const groups = new Map<string, { doc?: string; methods: FacadeMethod[] }>();
  const paths = (root.paths ?? {}) as Obj;
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  for (const [path, item] of Object.entries(paths))
    for (const [method, raw] of Object.entries(item as Obj)) {
      const op = raw as Obj;
      if (typeof op?.operationId !== 'string') continue;
      const at = ['paths', path, method, 'x-facade'];
      const spec = op['x-facade'];
      const definition = byId.get(op.operationId) as ModelOperation;
      if (spec === false || (spec === undefined && tagGroup.size === 0)) continue;
      if (spec === undefined) fail(at.slice(0, -1), 'every operation needs x-facade (false for none)');
      const entries = (Array.isArray(spec) ? spec : [spec]) as Obj[];
      entries.forEach((e, n) => {
        const here = Array.isArray(spec) ? [...at, n] : at;
        if (typeof e !== 'object' || e === null) fail(here, 'x-facade entries are objects');
        for (const k of Object.keys(e)) if (!KEYS.has(k)) fail([...here, k], `unknown x-facade key '${k}'`);
        const name = e.method;
        if (typeof name !== 'string' || !IDENT.test(name))
          fail([...here, 'method'], 'method must be an identifier');
        const tag = tagGroup.get(definition.tag);
        const group = typeof e.group === 'string' ? e.group : tag?.group;
        if (!group || !IDENT.test(group))
          fail(here, `no group: give x-facade-group to tag '${definition.tag}' or group here`);
        const inputs = new Set(
          [...definition.pathParams, ...definition.matrixParams, ...definition.queryParams].map(
            (p) => p.prop,
          ),
        );
        const args = ((e.args ?? []) as unknown[]).map((a, i): FacadeArg => {
          if (typeof a !== 'string' || !IDENT.test(a.replace(/\?$/, '')))
            fail([...here, 'args', i], 'args are identifiers, `?` marks an optional one');
          const arg = a as string;
          return { name: arg.replace(/\?$/, ''), optional: arg.endsWith('?') };
        });
        const via = e.via;
        if (via !== undefined && (typeof via !== 'string' || !IDENT.test(via)))
          fail([...here, 'via'], 'via names a function of the client');
        const options = ((e.options ?? []) as unknown[]).map(String);
        const body = typeof e.body === 'string' ? e.body : undefined;
        if (via === undefined) {
          if (body && !definition.request) fail([...here, 'body'], 'the operation has no request body');
          if (definition.request && !body) fail(here, 'name the request body argument with body');
          for (const a of args)
            if (a.name !== body && !inputs.has(a.name))
              fail([...here, 'args'], `'${a.name}' is not a parameter of ${definition.operationId}`);
          for (const o of options)
            if (!inputs.has(o))
              fail([...here, 'options'], `'${o}' is not a parameter of ${definition.operationId}`);
        }
        const doc = groupDoc.get(group as string);
        const entry = groups.get(group as string) ?? { ...(doc ? { doc } : {}), methods: [] };
        if (entry.methods.some((m) => m.method === name))
          fail([...here, 'method'], `${group as string}.${name as string} is declared twice`);
        entry.methods.push({
          operationId: definition.operationId,
          method: name as string,
          args,
          ...(body ? { body } : {}),
          options,
          ...(via ? { via: via as string } : {}),
        });
        groups.set(group as string, entry);
      });
    }
  return [...groups.entries()].map(([name, g]) => ({ name, ...g }));
}
