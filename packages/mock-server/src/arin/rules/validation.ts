import type { Country } from '@regkit/arin-client/payloads';
import { checkPostalAddress } from '@regkit/arin-client/address';
import type { Problems } from '../errors.js';

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
