import { seededRandom } from '../../http/seededRandom.js';
import type { ArinState } from '../state.js';

/**
 * Other registrants at the same registry: ARIN's handle counter is shared by everyone, so between
 * two requests of one client other organisations create customers, nets, orgs and POCs and take
 * the numbers in between. A client that guesses its next handle, or looks for a lost object by
 * reading handles upward, meets them here as it would at ARIN.
 */
export interface OtherRegistrants {
  /** Objects other registrants create per API request (0 = none; 2.5 = two or three). */
  readonly rate: number;
  /** Seeds the draws, so a run with the same seed sees the same creations. */
  readonly seed?: number;
}

/** Why a setting is invalid, or undefined when it is fine. */
export function otherRegistrantsProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return 'must be a JSON object: {"rate": 0.5, "seed": 7}';
  for (const [key, v] of Object.entries(value)) {
    if (key === 'rate') {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 100)
        return 'rate must be a number from 0 to 100 (objects per API request)';
    } else if (key === 'seed') {
      if (!Number.isSafeInteger(v)) return 'seed must be an integer';
    } else return `unknown setting ${key} (rate, seed)`;
  }
  return typeof (value as { rate?: unknown }).rate === 'number' ? undefined : 'rate is required';
}

/** The org other registrants' customers belong to: not one any API key of the world may read. */
export const OTHER_REGISTRANT_ORG = 'OTHER-REGISTRANTS';

/** Makes the creations of other registrants happen, request by request. */
export function otherRegistrantsActivity(settings: OtherRegistrants): {
  readonly settings: OtherRegistrants;
  /** How many objects other registrants have created so far. */
  created(): number;
  /** Called before each API request: creates this request's share of objects. */
  act(state: ArinState): void;
} {
  const random = seededRandom(settings.seed ?? 1);
  let created = 0;
  return {
    settings,
    created: () => created,
    act(state) {
      const whole = Math.floor(settings.rate);
      const count = whole + (random() < settings.rate - whole ? 1 : 0);
      for (let k = 0; k < count; k++) {
        const n = state.counters.handle++;
        created++;
        // every other object is a customer; the rest (nets, orgs, POCs elsewhere) only take a number
        if (random() >= 0.5) continue;
        const handle = `C${String(n).padStart(8, '0')}`;
        state.customers.set(handle, {
          handle,
          customerName: `Other Registrant Customer ${n}`,
          streetAddress: ['1 Elsewhere Rd'],
          city: 'Chantilly',
          stateProvince: 'VA',
          postalCode: '20151',
          country: { code2: 'US' },
          parentOrgHandle: OTHER_REGISTRANT_ORG,
          privateCustomer: false,
          registrationDate: state.now(),
          createdUnder: `NET-OTHER-${n}`,
        });
      }
    },
  };
}
