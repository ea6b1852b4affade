import { describe, expect, it } from 'vitest';
import {
  checkPostalAddress,
  countryByCode2,
  countryByCode3,
  isSubdivision,
  requiresStateAndPostalCode,
} from '../src/address/index.js';

const street = ['3635 Concorde Parkway'];
const rulesOf = (address: Parameters<typeof checkPostalAddress>[0]) =>
  checkPostalAddress(address).problems.map((p) => p.rule);

describe('postal address rules', () => {
  it('knows the assigned ISO 3166-1 countries by alpha-2 and alpha-3, in any case', () => {
    expect(countryByCode2('us')).toEqual({ code2: 'US', code3: 'USA', name: 'United States of America' });
    expect(countryByCode3('CAN')).toMatchObject({ code2: 'CA' });
    expect(countryByCode2('XX')).toBeUndefined();
    expect(countryByCode2('USA')).toBeUndefined();
  });

  it('knows the ISO 3166-2 states and provinces of the US and Canada', () => {
    expect(isSubdivision('US', 'va')).toBe(true);
    expect(isSubdivision('US', 'DC')).toBe(true);
    expect(isSubdivision('CA', 'ON')).toBe(true);
    expect(isSubdivision('US', 'ON')).toBe(false);
    expect(isSubdivision('CA', 'ZZ')).toBe(false);
    expect(requiresStateAndPostalCode('US')).toBe(true);
    expect(requiresStateAndPostalCode('ca')).toBe(true);
    expect(requiresStateAndPostalCode('DE')).toBe(false);
  });

  it('a complete address breaks no rule and gives the country', () => {
    expect(
      checkPostalAddress({
        country: { code2: 'us', code3: 'USA' },
        streetAddress: street,
        city: 'Chantilly',
        stateProvince: 'VA',
        postalCode: '20151',
      }),
    ).toEqual({ country: { code2: 'US', code3: 'USA', name: 'United States of America' }, problems: [] });
    expect(rulesOf({ country: { code3: 'DEU' }, streetAddress: street, city: 'Berlin' })).toEqual([]);
  });

  it('reports each broken rule with the field and message ARIN gives, country first', () => {
    expect(checkPostalAddress({ streetAddress: ['  '] }).problems).toEqual([
      { rule: 'country-required', field: 'iso3166-1', message: 'Country is required (code2 or code3).' },
      { rule: 'street-required', field: 'streetAddress', message: 'Street address is required.' },
      { rule: 'city-required', field: 'city', message: 'City is required.' },
    ]);
    expect(
      checkPostalAddress({ country: { code2: 'XX' }, streetAddress: street, city: 'X' }).problems,
    ).toEqual([{ rule: 'country-unknown', field: 'iso3166-1', message: 'Unknown country code XX.' }]);
    expect(rulesOf({ country: { code2: 'US', code3: 'CAN' }, streetAddress: street, city: 'X' })).toEqual([
      'country-mismatch',
    ]);
    expect(
      checkPostalAddress({ country: { code2: 'CA' }, streetAddress: street, city: 'Ottawa' }).problems,
    ).toEqual([
      {
        rule: 'state-required',
        field: 'iso3166-2',
        message: 'State or province is required for the US and Canada.',
      },
      {
        rule: 'postal-code-required',
        field: 'postalCode',
        message: 'Postal code is required for the US and Canada.',
      },
    ]);
    expect(
      checkPostalAddress({
        country: { code3: 'USA' },
        streetAddress: street,
        city: 'Toronto',
        stateProvince: 'ON',
        postalCode: 'M5V 2T6',
      }).problems,
    ).toEqual([
      { rule: 'state-unknown', field: 'iso3166-2', message: 'ON is not a state or province of US.' },
    ]);
  });
});
