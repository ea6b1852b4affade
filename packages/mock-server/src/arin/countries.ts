import type { Country } from '@regkit/arin-client/payloads';
import { iso31661, iso31662 } from 'iso-3166';
import type { Problems } from './errors.js';

// ISO 3166-1 and 3166-2 from the maintained `iso-3166` data set: ARIN accepts any assigned country.
const BY_CODE2 = new Map(iso31661.map((c) => [c.alpha2, c]));
const BY_CODE3 = new Map(iso31661.map((c) => [c.alpha3, c]));
const SUBDIVISIONS = new Set(iso31662.map((s) => s.code));

/** A country as ARIN returns it, or a problem when the codes are missing, unknown or disagree. */
export function checkCountry(country: Country | undefined, problems: Problems): Country | undefined {
  if (!country || (!country.code2 && !country.code3)) {
    problems.add('iso3166-1', 'Country is required (code2 or code3).');
    return undefined;
  }
  const byCode2 = country.code2 ? BY_CODE2.get(country.code2.toUpperCase()) : undefined;
  const byCode3 = country.code3 ? BY_CODE3.get(country.code3.toUpperCase()) : undefined;
  if ((country.code2 && !byCode2) || (country.code3 && !byCode3)) {
    problems.add('iso3166-1', `Unknown country code ${country.code2 ?? country.code3}.`);
    return undefined;
  }
  if (byCode2 && byCode3 && byCode2 !== byCode3) {
    problems.add('iso3166-1', 'code2 and code3 do not name the same country.');
    return undefined;
  }
  const found = (byCode2 ?? byCode3) as (typeof iso31661)[number];
  const e164 = country.e164 !== undefined && /^\d{1,3}$/.test(country.e164) ? country.e164 : undefined;
  return { code2: found.alpha2, code3: found.alpha3, name: found.name, ...(e164 ? { e164 } : {}) };
}

/** Whether `code` (`VA`, `ON`) is an ISO 3166-2 subdivision of the country. */
export const isSubdivision = (code2: string, code: string): boolean =>
  SUBDIVISIONS.has(`${code2}-${code.trim().toUpperCase()}`);
