import type { Country } from '@regkit/arin-client/payloads';
import { checkPostalAddress } from '@regkit/arin-client/address';
import type { Problems } from '../errors.js';

/* Checks of the entities ARIN validates the same way wherever they occur: addresses and enumerated values. */

/**
 * ARIN's postal address rules (country, street, city, and for the US and Canada a real state or
 * province and a postal code) shared by POCs, orgs and customers: the country as ARIN returns it.
 */
export function checkAddress(
  entity: {
    country?: Country;
    streetAddress?: string[];
    city?: string;
    stateProvince?: string;
    postalCode?: string;
  },
  problems: Problems,
): Country | undefined {
  const checked = checkPostalAddress(entity);
  for (const p of checked.problems) problems.add(p.field, p.message);
  if (!checked.country) return undefined;
  const e164 = entity.country?.e164;
  return { ...checked.country, ...(e164 !== undefined && /^\d{1,3}$/.test(e164) ? { e164 } : {}) };
}

/** Whether a value of the wire is one of the values the spec gives an enumeration. */
export const isOneOf = <T extends string>(values: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (values as readonly string[]).includes(value);

/** The values of an enumeration as a message lists them: `O, F or M`. */
export const listOf = (values: readonly string[]): string =>
  `${values.slice(0, -1).join(', ')} or ${values.at(-1) ?? ''}`;
