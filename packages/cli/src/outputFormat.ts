import { plainAddress } from './blocks.js';
import { UsageError } from './usageError.js';

/** What `-o` selects: people's tables (the default), JSON, YAML, or tab-separated text. */
export const OUTPUT_FORMATS = ['table', 'json', 'yaml', 'text'] as const;
/** One of `OUTPUT_FORMATS`. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The output a command line asked for, with what it needs loaded (JMESPath, YAML) only when asked. */
export interface OutputSettings {
  /** The format `-o` chose (`table` by default). */
  readonly format: OutputFormat;
  /** The result after `--query` (the result itself without one). */
  select(value: unknown): unknown;
  /** YAML text of a value (with `-o yaml`). */
  readonly yaml?: (value: unknown) => string;
}

/**
 * The settings for `-o FORMAT` and `--query EXPR`: an unknown format or a query that does not
 * compile is a `UsageError` before anything is sent.
 */
export async function prepareOutput(
  format: string | undefined,
  query: string | undefined,
): Promise<OutputSettings> {
  const chosen = (format ?? 'table') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(chosen))
    throw new UsageError(`-o/--output must be one of ${OUTPUT_FORMATS.join(', ')}; got "${format}"`);
  let select = (value: unknown) => value;
  if (query !== undefined) {
    const { compile, search } = await import('@jmespath-community/jmespath');
    try {
      compile(query);
    } catch (error) {
      throw new UsageError(`--query is not a JMESPath expression: ${(error as Error).message}`);
    }
    select = (value) => search(value as Parameters<typeof search>[0], query) as unknown;
  }
  if (chosen !== 'yaml') return { format: chosen, select };
  const { stringify } = await import('yaml');
  return { format: chosen, select, yaml: (value) => stringify(value, { lineWidth: 0 }) };
}

/**
 * Fields that identify a record, printed first in this order (then the other scalar fields as
 * they came, then nested lists and records), so `poc get` starts with the handle and `ticket get`
 * with the ticket number.
 */
const IDENTIFIERS = [
  'handle',
  'ticketNo',
  'ticketId',
  'id',
  'sequence',
  'orgHandle',
  'customerHandle',
  'pocHandle',
  'netHandle',
  'parentNetHandle',
  'parentOrgHandle',
  'name',
  'netName',
  'orgName',
  'customerName',
  'firstName',
  'middleName',
  'lastName',
  'companyName',
  'contactType',
  'webTicketType',
  'webTicketStatus',
  'webTicketResolution',
  'registrationDate',
  'createdDate',
];
const rank = new Map(IDENTIFIERS.map((k, i) => [k, i]));

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const ADDRESS_KEY = /(?:^|[a-z])(?:startAddress|endAddress|address)$/i;
// ARIN's zero-padded IPv4 (three digits a part): `010.000.001.000`; a literal, so linear
const PADDED_IPV4 = /\b\d{3}\.\d{3}\.\d{3}\.\d{3}\b/g;

/** Text with ARIN's zero-padded IPv4 addresses written canonically (`010.000.001.000` → `10.0.1.0`). */
export function canonicalAddresses(text: string): string {
  return text.includes('.') ? text.replace(PADDED_IPV4, (a) => plainAddress(a)) : text;
}

/**
 * A result as plain data for people and tools: dates and other objects as their JSON form,
 * identifiers first, addresses canonical (zero-padded IPv4 and expanded IPv6 in address fields).
 */
export function shapeForOutput(value: unknown): unknown {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value) ?? 'null');
  return reorder(plain, '');
}

function reorder(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, key));
  if (typeof value === 'string')
    return ADDRESS_KEY.test(key) ? plainAddress(value) : canonicalAddresses(value);
  if (!isRecord(value)) return value;
  const entries = Object.entries(value);
  const weight = ([k, v]: [string, unknown]) =>
    rank.has(k) ? rank.get(k)! : typeof v === 'object' && v !== null ? 2000 : 1000;
  const sorted = entries
    .map((e, i) => [e, i] as const)
    .sort(([a, i], [b, j]) => weight(a) - weight(b) || i - j)
    .map(([e]) => e);
  return Object.fromEntries(sorted.map(([k, v]) => [k, reorder(v, k)]));
}

/** Tab-separated text: a line per record or scalar, like `aws --output text`. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.every((v) => !isRecord(v) && !Array.isArray(v))) return value.map(scalarText).join('\t') + '\n';
    return value.map(toText).join('');
  }
  if (isRecord(value)) {
    const scalars = Object.values(value).filter((v) => !isRecord(v) && !Array.isArray(v));
    const nested = Object.values(value).filter((v) => isRecord(v) || Array.isArray(v));
    return (scalars.length ? scalars.map(scalarText).join('\t') + '\n' : '') + nested.map(toText).join('');
  }
  return `${scalarText(value)}\n`;
}

const scalarText = (v: unknown): string =>
  v === null || v === undefined ? '' : String(v as string).replace(/[\t\r\n]+/g, ' ');
