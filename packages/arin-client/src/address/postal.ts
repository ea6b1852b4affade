// the lists alone, not the package index (which also loads ISO 3166-3): less to load for a CLI
import { iso31661 } from 'iso-3166/1.js';
import { iso31662 } from 'iso-3166/2.js';

/** A country by its ISO 3166-1 codes and English short name. */
export interface CountryCodes {
  /** Alpha-2: `US`. */
  readonly code2: string;
  /** Alpha-3: `USA`. */
  readonly code3: string;
  readonly name: string;
}

// ISO 3166-1 and 3166-2 from the maintained `iso-3166` data set: ARIN accepts any assigned country.
// The lookups are built on first use, so importing the module costs only loading the lists.
let lookups:
  | { byCode2: Map<string, CountryCodes>; byCode3: Map<string, CountryCodes>; subdivisions: Set<string> }
  | undefined;
const data = () => {
  if (!lookups) {
    const byCode2 = new Map<string, CountryCodes>(
      iso31661.map((c) => [c.alpha2, { code2: c.alpha2, code3: c.alpha3, name: c.name }]),
    );
    lookups = {
      byCode2,
      byCode3: new Map([...byCode2.values()].map((c) => [c.code3, c])),
      subdivisions: new Set(iso31662.map((s) => s.code)),
    };
  }
  return lookups;
};

/** The assigned country with this ISO 3166-1 alpha-2 code (any case), or undefined. */
export const countryByCode2 = (code2: string): CountryCodes | undefined =>
  data().byCode2.get(code2.toUpperCase());

/** The assigned country with this ISO 3166-1 alpha-3 code (any case), or undefined. */
export const countryByCode3 = (code3: string): CountryCodes | undefined =>
  data().byCode3.get(code3.toUpperCase());

/** Whether ARIN requires a state or province and a postal code in the country's addresses (US, CA). */
export const requiresStateAndPostalCode = (code2: string): boolean => {
  const code = code2.trim().toUpperCase();
  return code === 'US' || code === 'CA';
};

/** Whether `code` (`VA`, `ON`, any case) is an ISO 3166-2 subdivision of the country (`US`, `CA`). */
export const isSubdivision = (code2: string, code: string): boolean =>
  data().subdivisions.has(`${code2.toUpperCase()}-${code.trim().toUpperCase()}`);

/** A postal address as ARIN takes it in a POC, org or customer. */
export interface PostalAddress {
  /** The country by alpha-2 or alpha-3 code (both: they must name the same country). */
  readonly country?: { readonly code2?: string; readonly code3?: string } | undefined;
  readonly streetAddress?: readonly string[] | undefined;
  readonly city?: string | undefined;
  /** ISO 3166-2 subdivision code without the country: `VA`, `ON`. */
  readonly stateProvince?: string | undefined;
  readonly postalCode?: string | undefined;
}

/** Which rule an address breaks. */
export type PostalRule =
  | 'country-required'
  | 'country-unknown'
  | 'country-mismatch'
  | 'street-required'
  | 'city-required'
  | 'state-required'
  | 'state-unknown'
  | 'postal-code-required';

/** A rule an address breaks, with the field and the message ARIN reports for it. */
export interface PostalProblem {
  readonly rule: PostalRule;
  /** ARIN's name of the field: `iso3166-1`, `streetAddress`, `city`, `iso3166-2` or `postalCode`. */
  readonly field: 'iso3166-1' | 'streetAddress' | 'city' | 'iso3166-2' | 'postalCode';
  /** ARIN's message: `State or province is required for the US and Canada.` */
  readonly message: string;
}

/**
 * Checks a postal address by ARIN's rules: an assigned ISO 3166-1 country (alpha-2 or alpha-3;
 * both must agree), a street line and a city, and for the US and Canada a state or province that
 * is an ISO 3166-2 subdivision of the country and a postal code.
 *
 * @returns The country (undefined when it breaks a rule) and the problems, country first.
 */
export function checkPostalAddress(address: PostalAddress): {
  country: CountryCodes | undefined;
  problems: PostalProblem[];
} {
  const problems: PostalProblem[] = [];
  const country = countryOf(address.country, problems);
  if (!address.streetAddress?.some((l) => l.trim()))
    problems.push({
      rule: 'street-required',
      field: 'streetAddress',
      message: 'Street address is required.',
    });
  if (!address.city?.trim())
    problems.push({ rule: 'city-required', field: 'city', message: 'City is required.' });
  if (country && requiresStateAndPostalCode(country.code2)) {
    const state = address.stateProvince?.trim();
    if (!state)
      problems.push({
        rule: 'state-required',
        field: 'iso3166-2',
        message: 'State or province is required for the US and Canada.',
      });
    else if (!isSubdivision(country.code2, state))
      problems.push({
        rule: 'state-unknown',
        field: 'iso3166-2',
        message: `${address.stateProvince} is not a state or province of ${country.code2}.`,
      });
    if (!address.postalCode?.trim())
      problems.push({
        rule: 'postal-code-required',
        field: 'postalCode',
        message: 'Postal code is required for the US and Canada.',
      });
  }
  return { country, problems };
}

function countryOf(country: PostalAddress['country'], problems: PostalProblem[]): CountryCodes | undefined {
  const field = 'iso3166-1';
  if (!country || (!country.code2 && !country.code3)) {
    problems.push({ rule: 'country-required', field, message: 'Country is required (code2 or code3).' });
    return undefined;
  }
  const byCode2 = country.code2 ? countryByCode2(country.code2) : undefined;
  const byCode3 = country.code3 ? countryByCode3(country.code3) : undefined;
  if ((country.code2 && !byCode2) || (country.code3 && !byCode3)) {
    const code = country.code2 ?? country.code3;
    problems.push({ rule: 'country-unknown', field, message: `Unknown country code ${code}.` });
    return undefined;
  }
  if (byCode2 && byCode3 && byCode2 !== byCode3) {
    problems.push({
      rule: 'country-mismatch',
      field,
      message: 'code2 and code3 do not name the same country.',
    });
    return undefined;
  }
  return byCode2 ?? byCode3;
}
