import type { Aspa, RpkiTransaction } from '@regkit/arin-client/payloads';
import { ArinRuleError, type Problems } from '../errors.js';
import type { ArinState } from '../state.js';
import { orgHoldsAsn } from './irr.js';

/** ASPAs by org, then by customer ASN: one ASPA per customer AS. */
const stores = new WeakMap<ArinState, Map<string, Map<number, number[]>>>();
function orgAspas(state: ArinState, orgHandle: string): Map<number, number[]> {
  let byOrg = stores.get(state);
  if (!byOrg) stores.set(state, (byOrg = new Map()));
  let aspas = byOrg.get(orgHandle);
  if (!aspas) byOrg.set(orgHandle, (aspas = new Map()));
  return aspas;
}

const isAsn = (n: unknown): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 4294967295;

/**
 * The ASPA part of an RPKI transaction, checked without changing anything: deletions name existing
 * ASPAs; an addition is for an ASN on the org's certificate, lists its providers once each, and
 * does not add a second ASPA for a customer AS (delete the old one in the same transaction).
 * Returns the change to apply once the whole transaction is valid.
 */
export function planAspaChanges(
  state: ArinState,
  orgHandle: string,
  tx: RpkiTransaction,
  problems: Problems,
): () => void {
  const aspas = orgAspas(state, orgHandle);
  const deletes = tx.aspaDelete ?? [];
  for (const asn of deletes)
    if (!aspas.has(asn))
      throw new ArinRuleError(
        404,
        'E_OBJECT_NOT_FOUND',
        `The ASPA for AS${asn} was not found for ${orgHandle}.`,
      );
  const remaining = new Set([...aspas.keys()].filter((asn) => !deletes.includes(asn)));
  const adds = tx.aspaAdd ?? [];
  for (const aspa of adds) {
    const customer = aspa.customerAsId;
    const providers = aspa.providerAsIds ?? [];
    if (!isAsn(customer)) {
      problems.add('customerAsId', 'The customer AS number is required.');
      continue;
    }
    if (!orgHoldsAsn(orgHandle, customer))
      problems.add('customerAsId', `AS${customer} is not on the resource certificate of ${orgHandle}.`);
    if (remaining.has(customer))
      problems.add('customerAsId', `An ASPA for AS${customer} already exists: one ASPA per customer AS.`);
    remaining.add(customer);
    if (!providers.length) problems.add('providerAsIds', `The ASPA for AS${customer} lists no provider.`);
    if (new Set(providers).size !== providers.length)
      problems.add('providerAsIds', `The ASPA for AS${customer} lists a provider twice.`);
    if (providers.includes(customer))
      problems.add('providerAsIds', `AS${customer} cannot be its own provider.`);
    if (!providers.every(isAsn)) problems.add('providerAsIds', 'A provider is not an AS number.');
  }
  return () => {
    for (const asn of deletes) aspas.delete(asn);
    for (const aspa of adds) aspas.set(aspa.customerAsId as number, [...(aspa.providerAsIds ?? [])]);
  };
}

export function listAspas(state: ArinState, orgHandle: string): Aspa[] {
  return [...orgAspas(state, orgHandle).entries()]
    .sort(([a], [b]) => a - b)
    .map(([customerAsId, providerAsIds]) => ({ customerAsId, providerAsIds }));
}
