import type { AsSet, Autnum, PocLinkRef, Route, RouteSet } from '@regkit/arin-client/payloads';
import { ArinRuleError } from './errors.js';

/** The IRR objects ARIN offers in RPSL, by the XML root element of the same object. */
export type IrrElement = 'route' | 'autnum' | 'asSet' | 'routeSet';
export type IrrPayload = Route | Autnum | AsSet | RouteSet;

type Attr = [name: string, value: string];

const schemaError = (message: string) =>
  new ArinRuleError(400, 'E_SCHEMA_VALIDATION', 'Payload failed schema validation.', [
    { name: 'rpsl', message },
  ]);

/** `attr: value` lines; a line starting with a space, tab or `+` continues the previous value. */
function attributes(text: string): Attr[] {
  const attrs: Attr[] = [];
  for (const raw of text.replace(/\r\n/g, '\n').trimEnd().split('\n')) {
    if (raw.trim() === '') {
      if (attrs.length) throw schemaError('exception.rpslParse: a blank line inside the object.');
      continue;
    }
    if (raw.startsWith('%') || raw.startsWith('#')) continue;
    const last = attrs.at(-1);
    if (last && (raw.startsWith(' ') || raw.startsWith('\t') || raw.startsWith('+'))) {
      last[1] = `${last[1]}\n${raw.slice(1).trim()}`;
      continue;
    }
    const colon = raw.indexOf(':');
    const name = colon > 0 ? raw.slice(0, colon).trim().toLowerCase() : '';
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw schemaError(`exception.rpslParse: cannot parse "${raw}".`);
    attrs.push([name, raw.slice(colon + 1).trim()]);
  }
  if (!attrs.length) throw schemaError('exception.rpslParse: the body holds no RPSL object.');
  return attrs;
}

const CLASS: Record<IrrElement, readonly string[]> = {
  route: ['route', 'route6'],
  autnum: ['aut-num'],
  asSet: ['as-set'],
  routeSet: ['route-set'],
};
const COMMON = ['descr', 'remarks', 'admin-c', 'tech-c', 'mnt-by', 'source'];
const ALLOWED: Record<IrrElement, readonly string[]> = {
  route: ['origin', 'member-of'],
  autnum: ['as-name', 'member-of', 'import', 'export', 'default', 'mp-import', 'mp-export', 'mp-default'],
  asSet: ['members', 'mbrs-by-ref'],
  routeSet: ['members', 'mp-members', 'mbrs-by-ref'],
};
const POLICY: readonly [keyof Autnum & string, string][] = [
  ['import', 'import'],
  ['export', 'export'],
  ['default', 'default'],
  ['mpImport', 'mp-import'],
  ['mpExport', 'mp-export'],
  ['mpDefault', 'mp-default'],
];

const listOf = (values: string[]) =>
  values
    .flatMap((v) => v.split(/[,\n]/))
    .map((v) => v.trim())
    .filter((v) => v !== '');
const named = (names: string[]) => names.map((name) => ({ name }));

/**
 * An RPSL object as the payload of the same XML object: `mnt-by: MNT-ORG` becomes `orgHandle`,
 * `admin-c`/`tech-c` the AD and T POC links. `notify` and several `mnt-by` are refused as ARIN does.
 */
export function parseRpsl(element: IrrElement, text: string): IrrPayload {
  const attrs = attributes(text);
  const [cls, key] = attrs[0] as Attr;
  if (!CLASS[element].includes(cls))
    throw schemaError(`exception.rpslParse: expected a ${CLASS[element].join(' or ')} object, not ${cls}.`);
  const all = (name: string) => attrs.filter(([n]) => n === name).map(([, v]) => v);
  const one = (name: string) => all(name)[0];
  if (all('notify').length) throw schemaError('The notify attribute is not supported.');
  for (const [name] of attrs.slice(1))
    if (!COMMON.includes(name) && !ALLOWED[element].includes(name))
      throw schemaError(`exception.rpslParse: the attribute ${name} is not allowed in ${cls}.`);
  const mntBy = all('mnt-by');
  if (mntBy.length > 1)
    throw new ArinRuleError(
      400,
      'E_ENTITY_VALIDATION',
      'Payload entity failed to validate; see component messages for details.',
      [{ name: 'mnt-by', message: 'exception.multipleMntBy: only one mnt-by is allowed.' }],
    );
  const mnt = mntBy[0] ?? '';
  const common = {
    orgHandle: mnt.startsWith('MNT-') ? mnt.slice(4) : mnt,
    description: all('descr'),
    ...(all('remarks').length ? { remarks: all('remarks') } : {}),
    ...(one('source') !== undefined ? { source: one('source') } : {}),
    pocLinks: [
      ...all('admin-c').map((handle): PocLinkRef => ({ handle, function: 'AD' })),
      ...all('tech-c').map((handle): PocLinkRef => ({ handle, function: 'T' })),
    ],
  };
  switch (element) {
    case 'route':
      return {
        ...common,
        prefix: key,
        originAS: one('origin') ?? '',
        ...(all('member-of').length ? { memberOf: named(listOf(all('member-of'))) } : {}),
      } satisfies Route;
    case 'autnum':
      return {
        asNumber: key,
        asName: one('as-name') ?? '',
        ...common,
        ...Object.fromEntries(POLICY.filter(([, a]) => all(a).length).map(([p, a]) => [p, all(a)])),
        ...(all('member-of').length ? { memberOf: named(listOf(all('member-of'))) } : {}),
      } satisfies Autnum;
    default:
      return {
        ...common,
        name: key,
        members: named(listOf(all('members'))),
        ...(element === 'routeSet' ? { mpMembers: named(listOf(all('mp-members'))) } : {}),
        membersByRef: named(listOf(all('mbrs-by-ref'))),
      } satisfies AsSet | RouteSet;
  }
}

/** The RPSL text of an object, attributes padded as whois prints them. */
export function formatRpsl(element: IrrElement, value: IrrPayload): string {
  const lines: Attr[] = [];
  const add = (name: string, values: readonly string[] | string | undefined) => {
    for (const v of typeof values === 'string' ? [values] : (values ?? [])) lines.push([name, v]);
  };
  const names = (refs: readonly { name?: string }[] | undefined) => (refs ?? []).map((r) => r.name ?? '');
  if (element === 'route') {
    const r = value as Route;
    add((r.prefix ?? '').includes(':') ? 'route6' : 'route', r.prefix);
    add('origin', r.originAS);
    add('member-of', names(r.memberOf));
  } else if (element === 'autnum') {
    const a = value as Autnum;
    add('aut-num', a.asNumber);
    add('as-name', a.asName);
    add('member-of', names(a.memberOf));
    for (const [p, attr] of POLICY) add(attr, a[p] as string[] | undefined);
  } else {
    const s = value as AsSet & RouteSet;
    add(element === 'asSet' ? 'as-set' : 'route-set', s.name);
    add('members', names(s.members));
    add('mp-members', names(s.mpMembers));
    add('mbrs-by-ref', names(s.membersByRef));
  }
  add('descr', value.description);
  add('remarks', value.remarks);
  for (const l of value.pocLinks ?? []) add(l.function === 'AD' ? 'admin-c' : 'tech-c', l.handle);
  add('mnt-by', `MNT-${value.orgHandle ?? ''}`);
  add('source', value.source ?? 'ARIN');
  return `${lines.map(([n, v]) => `${`${n}:`.padEnd(16)}${v}`).join('\n')}\n`;
}
