import { parse } from 'csv-parse/sync';
import { trimTrailing } from '@regkit/core';
import { parseBlock } from './blocks.js';
import { SWIP_CSV_HELP } from './swipCsvHelp.js';

export { SWIP_CSV_HELP };

/** One reassignment to make: a customer and the block it receives. */
export interface SwipRow {
  /** 1-based line number in the CSV file (the header is line 1). */
  line: number;
  customerName: string;
  street: string[];
  city: string;
  stateProvince?: string;
  postalCode?: string;
  country: string;
  /** Canonical CIDR: network address and prefix length (`192.0.2.0/27`). */
  block: string;
  startAddress: string;
  cidrLength: number;
  version: 4 | 6;
  netName: string;
}

export interface SwipRowError {
  line: number;
  raw: Record<string, string>;
  errors: string[];
}

const COLUMNS: Record<string, keyof typeof aliasesOf> = {};
const aliasesOf = {
  customerName: ['customer_name', 'customer', 'customername', 'name'],
  street: ['street', 'address', 'street_address', 'streetaddress', 'address1'],
  street2: ['street2', 'address2'],
  city: ['city'],
  stateProvince: ['state', 'state_province', 'province', 'iso3166_2', 'region'],
  postalCode: ['postal_code', 'postalcode', 'zip', 'postcode'],
  country: ['country', 'country_code', 'iso3166_1'],
  block: ['block', 'cidr', 'prefix', 'network'],
  netName: ['net_name', 'netname'],
} as const;
for (const [column, aliases] of Object.entries(aliasesOf)) {
  for (const alias of aliases) COLUMNS[alias] = column as keyof typeof aliasesOf;
}

function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** A net name ARIN accepts: letters, digits and hyphens, derived from the customer name. */
export function netNameFor(customerName: string): string {
  let name = customerName
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+/, '');
  name = trimTrailing(trimTrailing(name, '-').slice(0, 50), '-');
  return name || 'CUSTOMER';
}

/** Parses and checks a SWIP CSV. Rows that cannot be sent are returned with every reason. */
export function parseSwipCsv(text: string): { rows: SwipRow[]; invalid: SwipRowError[] } {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true });
  } catch (err) {
    throw new Error(`The CSV could not be read: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new Error('The CSV is empty: it needs a header row and one row per reassignment.');
  const columns = header.map((h) => COLUMNS[normaliseHeader(h)]);
  const missing = (['customerName', 'street', 'city', 'country', 'block'] as const).filter(
    (c) => !columns.includes(c),
  );
  if (missing.length > 0) {
    throw new Error(
      `The CSV header lacks required column(s): ${missing.map((m) => aliasesOf[m][0]).join(', ')}.\n${SWIP_CSV_HELP}`,
    );
  }

  const rows: SwipRow[] = [];
  const invalid: SwipRowError[] = [];
  const seenBlocks = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const raw: Record<string, string> = {};
    columns.forEach((c, j) => {
      if (c) raw[c] = cells[j] ?? '';
    });
    const errors: string[] = [];
    for (const c of ['customerName', 'street', 'city', 'country', 'block'] as const) {
      if (!raw[c]) errors.push(`${aliasesOf[c][0]} is empty`);
    }
    const country = (raw.country ?? '').toUpperCase();
    if (raw.country && !/^[A-Z]{2}$/.test(country))
      errors.push(`country "${raw.country}" is not an ISO 3166-1 alpha-2 code`);
    if ((country === 'US' || country === 'CA') && !raw.stateProvince)
      errors.push('state is required for US and CA addresses');
    if ((country === 'US' || country === 'CA') && !raw.postalCode)
      errors.push('postal_code is required for US and CA addresses');
    if (raw.netName && !/^[A-Za-z0-9 -]+$/.test(raw.netName)) {
      errors.push(`net_name "${raw.netName}" may hold only letters, digits, hyphens and spaces`);
    }
    const block = raw.block ? parseBlock(raw.block) : undefined;
    if (typeof block === 'string') errors.push(block);
    if (block && typeof block !== 'string') {
      const earlier = seenBlocks.get(block.block);
      if (earlier !== undefined) errors.push(`block ${block.block} is already on line ${earlier}`);
      else seenBlocks.set(block.block, line);
    }
    if (errors.length > 0 || !block || typeof block === 'string') {
      invalid.push({ line, raw, errors });
      return;
    }
    rows.push({
      line,
      customerName: raw.customerName!,
      street: [raw.street!, ...(raw.street2 ? [raw.street2] : [])],
      city: raw.city!,
      ...(raw.stateProvince ? { stateProvince: raw.stateProvince.toUpperCase() } : {}),
      ...(raw.postalCode ? { postalCode: raw.postalCode } : {}),
      country,
      ...block,
      netName: raw.netName || netNameFor(raw.customerName!),
    });
  });
  return { rows, invalid };
}
