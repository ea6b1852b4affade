/**
 * Every rule a SWIP row is held to, and the text that says it is broken. The CSV reader applies the
 * cell rules to each row, the plan the rules that need the parent net, the other rows and what ARIN
 * holds, and apply the rules it checks again right before it sends. A new rule goes here.
 */
import {
  checkPostalAddress,
  contains,
  parseCidrBlock,
  type CidrBlock,
  type IpRange,
  type PostalProblem,
} from '@regkit/arin-client/address';
import { MAX_BLOCK_LENGTH, MAX_FIELD_LENGTH, MAX_NET_NAME_LENGTH } from './limits.js';
import { normalise, shortHash, shown, shownChar, type FormulaStart } from './text.js';

/** The columns of a SWIP CSV and the header names each is recognised by (the first is its name). */
export const aliasesOf = {
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
export type Column = keyof typeof aliasesOf;

/** The columns a header must name and a row must fill. */
export const REQUIRED_COLUMNS = ['customerName', 'street', 'city', 'country', 'block'] as const;

/** A row's cells by column, control characters removed and trimmed. */
export type Cells = Partial<Record<Column, string>>;

/** Up to four distinct characters, as a message shows them. */
const someChars = (chars: Iterable<string>) => {
  const distinct = [...new Set(chars)];
  return distinct.slice(0, 4).map(shownChar).join(', ') + (distinct.length > 4 ? ', …' : '');
};

/** A cell any line of which starts like a spreadsheet formula blocks its row. */
export const formulaProblem = (column: Column, f: FormulaStart) =>
  `${aliasesOf[column][0]}${f.line > 1 ? ` line ${f.line}` : ''} starts with ${shownChar(f.char)}${
    f.before ? ` after ${someChars(f.before)}` : ''
  } (a spreadsheet formula?)`;

export const controlsRemoved = (column: Column) =>
  `${aliasesOf[column][0]} held control characters (removed)`;

/**
 * The postal rules of ARIN a row breaks, in the CSV's words: an assigned ISO 3166-1 alpha-2
 * country, and for US and CA a state or province of the country and a postal code. Empty required
 * cells are told apart, as such.
 */
function postalProblems(cells: Cells, country: string): string[] {
  if (!cells.country) return [];
  const { problems } = checkPostalAddress({
    country: { code2: country },
    streetAddress: cells.street ? [cells.street] : [],
    city: cells.city,
    stateProvince: cells.stateProvince,
    postalCode: cells.postalCode,
  });
  const said = (p: PostalProblem): string | undefined => {
    switch (p.rule) {
      case 'country-unknown':
        return `country ${shown(cells.country ?? '')} is not an ISO 3166-1 alpha-2 code`;
      case 'state-required':
        return 'state is required for US and CA addresses';
      case 'state-unknown':
        return `state ${shown(cells.stateProvince ?? '')} is not a state or province of ${country}`;
      case 'postal-code-required':
        return 'postal_code is required for US and CA addresses';
      default:
        // an empty street or city is told as an empty required cell; the country is alpha-2 alone
        return undefined;
    }
  };
  return problems.flatMap((p) => said(p) ?? []);
}

/**
 * What blocks a row in its own cells (`country` upper-cased): required cells, the country code, the
 * state and postal code ARIN requires for US and CA, the net name, and the block (also returned, parsed).
 */
export function cellProblems(cells: Cells, country: string): { problems: string[]; block?: CidrBlock } {
  const problems: string[] = [];
  for (const c of REQUIRED_COLUMNS) if (!cells[c]) problems.push(`${aliasesOf[c][0]} is empty`);
  problems.push(...postalProblems(cells, country));
  const netName = cells.netName;
  if (netName && netName.length > MAX_NET_NAME_LENGTH)
    problems.push(`net_name is ${netName.length} characters long (at most ${MAX_NET_NAME_LENGTH})`);
  else if (netName && !/^[A-Za-z0-9-]+$/.test(netName))
    problems.push(`net_name ${shown(netName)} may hold only letters, digits and hyphens`);
  const block = blockOf(cells.block ?? '');
  if (typeof block === 'string') problems.push(block);
  else if (block?.version === 6 && block.cidrLength > 64)
    problems.push(`block ${block.block}: ARIN does not reassign IPv6 blocks smaller than a /64`);
  return { problems, ...(block && typeof block !== 'string' ? { block } : {}) };
}

/** The block cell parsed, why it is not a block, or undefined when it is empty. */
function blockOf(text: string): CidrBlock | string | undefined {
  if (text.length > MAX_BLOCK_LENGTH)
    return `block is ${text.length} characters long: not a block in CIDR notation`;
  return text ? parseCidrBlock(text) : undefined;
}

const NON_ASCII = /[^ -~]/gu;

/**
 * The fields sent to ARIN, named as messages name them: too long blocks the row; characters beyond
 * ASCII only warn (ARIN documents ASCII only).
 */
export function sentFieldRules(sent: [string, string | undefined][]): {
  problems: string[];
  warnings: string[];
} {
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const [what, value = ''] of sent)
    if (value.length > MAX_FIELD_LENGTH)
      problems.push(`${what} is ${value.length} characters long (at most ${MAX_FIELD_LENGTH})`);
  for (const [what, value = ''] of sent) {
    const outside = value.match(NON_ASCII);
    if (outside)
      warnings.push(
        `${what} holds characters outside ASCII (${someChars(outside)}); ARIN documents ASCII only here`,
      );
  }
  return { problems, warnings };
}

/** Why a block may not be reassigned from the parent: outside its blocks, or of another IP version. */
export function parentProblem(
  b: CidrBlock,
  parentRanges: readonly IpRange[],
  parent: string,
): string | undefined {
  if (parentRanges.some((p) => contains(p, b))) return undefined;
  return parentRanges.some((p) => p.version === b.version)
    ? `block ${b.block} is outside the parent ${parent}`
    : `block ${b.block} is IPv${b.version}; the parent ${parent} is not`;
}

/** A block overlapping a net registered under the parent (`label` names it). */
export const registeredOverlap = (b: CidrBlock, label: string) =>
  `block ${b.block} overlaps ${label}, already registered`;

/** Two rows whose blocks overlap: each row is told of the other. */
export const rowOverlap = (b: CidrBlock, other: CidrBlock, line: number) =>
  `block ${b.block} overlaps ${other.block} on line ${line}`;

/** An exact repeat of an earlier row is one mistake, said once, on the repeat. */
export const duplicateRow = (line: number) => `duplicate of line ${line}`;

/** `--sync`: a row whose customer matches several customers at ARIN is not sent. */
export const ambiguousCustomer = (handles: ReadonlySet<string>) =>
  `the customer matches ${handles.size} customers at ARIN (${[...handles].sort().join(', ')}); ambiguous, so nothing is sent`;

/** Checked again right before a customer is made: another run may have taken the block since the plan. */
export const registeredSincePlan = (block: string, net: string) =>
  `block ${block} was registered as ${net} since the plan; nothing was sent`;

/** A customer's name and address, as a row gives it and as ARIN holds it. */
export interface CustomerFields {
  customerName: string;
  street: string[];
  city: string;
  stateProvince?: string;
  postalCode?: string;
  country: string;
}

/**
 * Who a customer is: its normalised name and address, hashed. Rows with the same key share one
 * customer, and `--sync` matches a customer at ARIN to a row by it.
 */
export function customerKeyOf(c: CustomerFields): string {
  const identity = [
    c.customerName,
    ...c.street,
    '|',
    c.city,
    c.stateProvince ?? '',
    c.postalCode ?? '',
    c.country,
  ];
  return shortHash(JSON.stringify(identity.map(normalise)), 24);
}

/** `--sync`: a registered customer of the row's name (normalised) is updated; one of another name is replaced. */
export const sameName = (a: string, b: string) => normalise(a) === normalise(b);

/** The changes a customer of ARIN needs to match a row: its address fields, when they differ. */
export function addressChanges(
  registered: Omit<CustomerFields, 'customerName'>,
  row: Omit<CustomerFields, 'customerName'>,
): string[] {
  const changed: string[] = [];
  const same = (a: string | undefined, b: string | undefined) => normalise(a ?? '') === normalise(b ?? '');
  if (
    registered.street.length !== row.street.length ||
    registered.street.some((s, i) => !same(s, row.street[i]))
  )
    changed.push('street');
  if (!same(registered.city, row.city)) changed.push('city');
  if (!same(registered.stateProvince, row.stateProvince)) changed.push('state');
  if (!same(registered.postalCode, row.postalCode)) changed.push('postal code');
  if (!same(registered.country, row.country)) changed.push('country');
  return changed;
}
