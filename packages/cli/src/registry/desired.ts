import ipaddr from 'ipaddr.js';
import { parseDocument } from 'yaml';
import { UsageError } from '../usageError.js';

/** A route object the file asks for. */
export interface DesiredRoute {
  prefix: string;
  origin: string;
  description: string[];
  routeSets: string[];
}

export interface DesiredSet {
  name: string;
  members: string[];
  description: string[];
}

/** `irr plan`'s file: an org's route objects, as-sets and route-sets. */
export interface DesiredIrr {
  org: string;
  routes: DesiredRoute[];
  asSets: DesiredSet[];
  routeSets: DesiredSet[];
}

/** `aspa plan`'s file: an org's customer ASes and the providers each authorises. */
export interface DesiredAspas {
  org: string;
  aspas: { customer: number; providers: number[] }[];
}

type Obj = Record<string, unknown>;

class Problems {
  readonly list: string[] = [];
  add(where: string, what: string): void {
    this.list.push(`${where}: ${what}`);
  }
}

function loadYaml(text: string, file: string, keys: string[]): Obj {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length)
    throw new UsageError(
      `${file} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}; nothing was sent`,
    );
  const value = doc.toJS() as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new UsageError(`${file} must be a YAML mapping with org: at the top; nothing was sent`);
  const unknown = Object.keys(value).filter((k) => !keys.includes(k));
  if (unknown.length)
    throw new UsageError(
      `${file}: unknown key ${unknown.map((k) => `"${k}"`).join(', ')} (expected ${keys.join(', ')}); nothing was sent`,
    );
  const org = (value as Obj).org;
  if (typeof org !== 'string' || !/^[\w-]{1,64}$/.test(org))
    throw new UsageError(`${file}: org: must be the org handle (e.g. org: EXAMPLE-1); nothing was sent`);
  return value as Obj;
}

function listOf(value: unknown, where: string, problems: Problems): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add(where, 'must be a list');
    return [];
  }
  return value;
}

function entries(value: unknown, where: string, keys: string[], problems: Problems): Obj | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.add(where, 'must be a mapping');
    return undefined;
  }
  for (const k of Object.keys(value)) if (!keys.includes(k)) problems.add(where, `unknown key "${k}"`);
  return value as Obj;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;

/** AS64496 (or 64496) as a number; undefined when it is not an AS number. */
export function asNumber(value: unknown): number | undefined {
  const m = /^(?:AS)?(\d{1,10})$/i.exec(text(value) ?? '');
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n <= 4294967295 ? n : undefined;
}

/** A prefix without host bits, in its canonical spelling; a string saying what is wrong otherwise. */
export function canonicalPrefix(value: string): { prefix: string } | { problem: string } {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(value);
  } catch {
    return { problem: `"${value}" is not a prefix in CIDR notation (10.0.0.0/16, 2001:db8::/32)` };
  }
  const [address, length] = parsed;
  const network =
    address.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(value)
      : ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toString() !== address.toString())
    return { problem: `"${value}" has host bits set (the prefix is ${network.toString()}/${length})` };
  return { prefix: `${address.toString()}/${length}` };
}

function lines(value: unknown, where: string, problems: Problems, fallback?: string): string[] {
  if (value === undefined && fallback !== undefined) return [fallback];
  const list = Array.isArray(value) ? value.map(text) : [text(value)];
  if (!list.length || list.some((l) => !l)) {
    problems.add(where, 'must be a text (or a list of lines)');
    return [];
  }
  return (list as string[]).flatMap((l) => l.split('\n'));
}

function names(value: unknown, where: string, problems: Problems): string[] {
  return listOf(value, where, problems).flatMap((v, i) => {
    const t = text(v);
    if (!t) {
      problems.add(`${where}[${i}]`, 'must be a name');
      return [];
    }
    return [t.toUpperCase()];
  });
}

function refuse(file: string, problems: Problems): void {
  if (problems.list.length)
    throw new UsageError(
      `${file} has ${problems.list.length} problem${problems.list.length === 1 ? '' : 's'}; nothing was sent:\n  ${problems.list.join('\n  ')}`,
    );
}

function sets(value: unknown, where: string, stem: string, problems: Problems): DesiredSet[] {
  const seen = new Set<string>();
  return listOf(value, where, problems).flatMap((v, i) => {
    const at = `${where}[${i}]`;
    const o = entries(v, at, ['name', 'members', 'description'], problems);
    if (!o) return [];
    const name = text(o.name)?.toUpperCase();
    if (!name || !new RegExp(`^(?:AS\\d{1,10}:)?${stem}[\\w-]{1,60}$`).test(name)) {
      problems.add(`${at}.name`, `must be ${stem}… or AS<n>:${stem}…`);
      return [];
    }
    if (seen.has(name)) problems.add(`${at}.name`, `${name} is listed twice`);
    seen.add(name);
    const members = names(o.members, `${at}.members`, problems).map((m) => {
      const p = m.includes('/') ? canonicalPrefix(m) : undefined;
      if (p && 'problem' in p) problems.add(`${at}.members`, p.problem);
      return p && 'prefix' in p ? p.prefix : m;
    });
    return [{ name, members, description: lines(o.description, `${at}.description`, problems, name) }];
  });
}

/** Reads and checks an `irr plan` file; every problem at once, as a UsageError. */
export function parseIrrFile(source: string, file: string): DesiredIrr {
  const root = loadYaml(source, file, ['org', 'routes', 'asSets', 'routeSets']);
  const problems = new Problems();
  const seen = new Set<string>();
  const routes = listOf(root.routes, 'routes', problems).flatMap((v, i): DesiredRoute[] => {
    const at = `routes[${i}]`;
    const o = entries(v, at, ['prefix', 'origin', 'description', 'routeSets'], problems);
    if (!o) return [];
    const p = canonicalPrefix(text(o.prefix) ?? '');
    if ('problem' in p) problems.add(`${at}.prefix`, p.problem);
    const asn = asNumber(o.origin);
    if (asn === undefined || asn === 0)
      problems.add(`${at}.origin`, asn === 0 ? 'AS0 cannot be an origin' : 'must be an AS number (AS64496)');
    const description = lines(o.description, `${at}.description`, problems);
    const routeSets = names(o.routeSets, `${at}.routeSets`, problems);
    if (new Set(routeSets).size !== routeSets.length)
      problems.add(`${at}.routeSets`, 'lists a route-set twice');
    if (!('prefix' in p) || asn === undefined || asn === 0) return [];
    const key = `${p.prefix} AS${asn}`;
    if (seen.has(key)) problems.add(at, `the route ${key} is listed twice`);
    seen.add(key);
    return [{ prefix: p.prefix, origin: `AS${asn}`, description, routeSets }];
  });
  const desired: DesiredIrr = {
    org: root.org as string,
    routes,
    asSets: sets(root.asSets, 'asSets', 'AS-', problems),
    routeSets: sets(root.routeSets, 'routeSets', 'RS-', problems),
  };
  refuse(file, problems);
  return desired;
}

/** Reads and checks an `aspa plan` file. */
export function parseAspaFile(source: string, file: string): DesiredAspas {
  const root = loadYaml(source, file, ['org', 'aspas']);
  const problems = new Problems();
  const seen = new Set<number>();
  const aspas = listOf(root.aspas, 'aspas', problems).flatMap((v, i) => {
    const at = `aspas[${i}]`;
    const o = entries(v, at, ['customer', 'providers'], problems);
    if (!o) return [];
    const customer = asNumber(o.customer);
    if (customer === undefined) problems.add(`${at}.customer`, 'must be an AS number (AS64496)');
    const providers = listOf(o.providers, `${at}.providers`, problems).map((p, k) => {
      const n = asNumber(p);
      if (n === undefined) problems.add(`${at}.providers[${k}]`, 'must be an AS number (AS64511)');
      return n ?? -1;
    });
    if (!providers.length) problems.add(`${at}.providers`, 'lists no provider');
    if (new Set(providers).size !== providers.length)
      problems.add(`${at}.providers`, 'lists a provider twice');
    if (customer !== undefined && providers.includes(customer))
      problems.add(`${at}.providers`, `AS${customer} cannot be its own provider`);
    if (customer === undefined) return [];
    if (seen.has(customer)) problems.add(`${at}.customer`, `AS${customer} is listed twice`);
    seen.add(customer);
    return [{ customer, providers }];
  });
  refuse(file, problems);
  return { org: root.org as string, aspas };
}
