/**
 * IP addresses, CIDR blocks and postal addresses by ARIN's rules: strict parsing (ARIN's zero-padded
 * IPv4 is decimal), canonical and wire text, CIDR arithmetic, an interval index for overlap checks,
 * and the country, state and postal code rules of POCs, orgs and customers.
 *
 * @packageDocumentation
 */
export {
  addressBits,
  cidrBlocks,
  cidrRange,
  compareBlocks,
  contains,
  formatAddress,
  formatArinAddress,
  overlaps,
  parseAddress,
  parseCidrBlock,
  prefixLength,
  rangeOf,
  type CidrBlock,
  type IpRange,
  type IpVersion,
  type ParsedAddress,
} from './ip.js';
export { IntervalIndex, type Interval } from './intervalIndex.js';
export {
  checkPostalAddress,
  countryByCode2,
  countryByCode3,
  isSubdivision,
  requiresStateAndPostalCode,
  type CountryCodes,
  type PostalAddress,
  type PostalProblem,
  type PostalRule,
} from './postal.js';
