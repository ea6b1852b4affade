import type { Delegation, DelegationKey } from '@regkit/arin-client/payloads';
import { ArinRuleError, invalidKey, notFound, Problems } from '../errors.js';
import type { DelegationRecord } from '../state.js';
import { canUseNet, type Caller } from './access.js';

const ALGORITHMS: ReadonlyMap<number, string> = new Map([
  [5, 'RSA/SHA-1'],
  [7, 'RSASHA1-NSEC3-SHA1'],
  [8, 'RSA/SHA-256'],
  [10, 'RSA/SHA-512'],
  [13, 'ECDSA Curve P-256 with SHA-256'],
  [14, 'ECDSA Curve P-384 with SHA-384'],
  [15, 'Ed25519'],
  [16, 'Ed448'],
]);
const DIGESTS: ReadonlyMap<number, readonly [string, number]> = new Map([
  [1, ['SHA-1', 40]],
  [2, ['SHA-256', 64]],
  [3, ['MD5', 32]],
  [4, ['SHA-384', 96]],
]);
const HOST = /^(?=.{1,253}\.?$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$/;

export function delegationPayload(d: DelegationRecord): Delegation {
  return {
    name: d.name,
    delegationKeys: d.delegationKeys,
    nameservers: d.nameservers.map((n) => ({ name: n.name, ...(n.ttl ? { ttl: n.ttl } : {}) })),
  };
}

function getDelegationOr404(caller: Caller, name: string): DelegationRecord {
  const d =
    caller.state.delegations.get(name) ??
    caller.state.delegations.get(name.endsWith('.') ? name : `${name}.`);
  if (!d) throw notFound('delegation', name);
  const net = caller.state.nets.get(d.netHandle);
  if (!net || !canUseNet(caller, net)) throw invalidKey();
  return d;
}

function checkKeys(keys: readonly DelegationKey[], problems: Problems): DelegationKey[] {
  return keys.map((k, i) => {
    const algorithm = k.algorithm?.value;
    const digestType = k.digestType?.value;
    const algorithmName = algorithm === undefined ? undefined : ALGORITHMS.get(algorithm);
    if (!algorithmName)
      problems.add(`delegationKeys[${i}].algorithm`, `Algorithm ${algorithm ?? '(none)'} is not supported.`);
    const digest = digestType === undefined ? undefined : DIGESTS.get(digestType);
    if (!digest)
      problems.add(
        `delegationKeys[${i}].digestType`,
        `Digest type ${digestType ?? '(none)'} is not supported.`,
      );
    else if (!new RegExp(`^[0-9A-Fa-f]{${digest[1]}}$`).test(k.digest ?? ''))
      problems.add(`delegationKeys[${i}].digest`, `A ${digest[0]} digest is ${digest[1]} hex characters.`);
    if (k.keyTag === undefined || !Number.isInteger(k.keyTag) || k.keyTag < 0 || k.keyTag > 65535)
      problems.add(`delegationKeys[${i}].keyTag`, 'Key tag must be a number from 0 to 65535.');
    // unchecked values stand in only until throwIfAny refuses the payload
    return {
      algorithm: { value: algorithm ?? 0, name: algorithmName },
      digest: (k.digest ?? '').toUpperCase(),
      ...(k.ttl === undefined ? {} : { ttl: k.ttl }),
      digestType: { value: digestType ?? 0, name: digest?.[0] },
      keyTag: k.keyTag ?? 0,
    };
  });
}

export const delegationRules = {
  get: (caller: Caller, name: string): Delegation => delegationPayload(getDelegationOr404(caller, name)),

  update(caller: Caller, name: string, payload: Delegation): Delegation {
    const d = getDelegationOr404(caller, name);
    const problems = new Problems();
    if (payload.name !== undefined && payload.name !== d.name)
      problems.add('name', 'The delegation name cannot be modified.');
    const nameservers = payload.nameservers ?? [];
    nameservers.forEach(
      (n, i) =>
        !HOST.test(n.name) && problems.add(`nameservers[${i}]`, `${n.name} is not a valid host name.`),
    );
    if (new Set(nameservers.map((n) => n.name.toLowerCase())).size !== nameservers.length)
      problems.add('nameservers', 'A nameserver is listed twice.');
    const keys = checkKeys(payload.delegationKeys ?? [], problems);
    problems.throwIfAny();
    if (keys.length && !nameservers.length)
      throw new ArinRuleError(
        409,
        'E_ENTITY_VALIDATION',
        'A delegation with DS records needs at least one nameserver.',
        [{ name: 'nameservers', message: 'Nameservers cannot all be removed while DS records exist.' }],
      );
    d.nameservers = nameservers.map((n) => ({
      name: n.name.toLowerCase(),
      ...(n.ttl ? { ttl: n.ttl } : {}),
    }));
    d.delegationKeys = keys;
    return delegationPayload(d);
  },

  addNameserver(caller: Caller, name: string, nameserver: string, ttl: number | undefined): Delegation {
    const d = getDelegationOr404(caller, name);
    if (!HOST.test(nameserver))
      new Problems().add('nameserver', `${nameserver} is not a valid host name.`).throwIfAny();
    if (d.nameservers.some((n) => n.name === nameserver.toLowerCase())) {
      throw new ArinRuleError(
        409,
        'E_ENTITY_VALIDATION',
        `The nameserver ${nameserver} is already on ${d.name}.`,
        [{ name: 'nameserver', message: 'Already present.' }],
      );
    }
    d.nameservers.push({
      name: nameserver.toLowerCase(),
      ...(ttl === undefined ? {} : { ttl: String(ttl) }),
    });
    return delegationPayload(d);
  },

  removeNameserver(caller: Caller, name: string, nameserver: string): Delegation {
    const d = getDelegationOr404(caller, name);
    const remaining = d.nameservers.filter((n) => n.name !== nameserver.toLowerCase());
    if (remaining.length === d.nameservers.length) throw notFound('nameserver', `${nameserver} on ${d.name}`);
    if (!remaining.length && d.delegationKeys.length)
      throw new ArinRuleError(
        409,
        'E_NOT_REMOVEABLE',
        `The last nameserver of ${d.name} cannot be removed while DS records exist.`,
      );
    d.nameservers = remaining;
    return delegationPayload(d);
  },

  removeNameservers(caller: Caller, name: string): Delegation {
    const d = getDelegationOr404(caller, name);
    if (d.delegationKeys.length)
      throw new ArinRuleError(
        409,
        'E_NOT_REMOVEABLE',
        `The nameservers of ${d.name} cannot be removed while DS records exist.`,
      );
    d.nameservers = [];
    return delegationPayload(d);
  },
};
