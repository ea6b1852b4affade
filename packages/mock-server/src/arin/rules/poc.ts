import {
  ContactTypeValues,
  PhoneTypeCodeDescriptions,
  PhoneTypeCodeValues,
  type Phone,
  type Poc,
  type PocInput,
} from '@regkit/arin-client/payloads';
import { ArinRuleError, notFound, Problems } from '../errors.js';
import { charge, refund, sizeOf } from '../limits.js';
import { checkAddress, isOneOf, listOf } from './validation.js';
import { getPocOr404, type Caller } from './access.js';
import { nextHandle } from '../state.js';

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const NAME = /^[\p{L}][\p{L} .'-]*$/u;

function normalizePhone(phone: Phone, problems: Problems, path: string): Phone {
  const code = phone.type?.code;
  if (!isOneOf(PhoneTypeCodeValues, code))
    problems.add(`${path}type`, `Phone type must be ${listOf(PhoneTypeCodeValues)}.`);
  if (!phone.number?.trim()) problems.add(`${path}number`, 'Phone number is required.');
  else if (!/^\+?[0-9][0-9 ().-]{3,}$/.test(phone.number.trim()))
    problems.add(
      `${path}number`,
      'Phone number may contain only digits, spaces, dots, hyphens, parentheses and a leading +.',
    );
  return {
    type: { code: code ?? 'O', description: PhoneTypeCodeDescriptions[code ?? 'O'] },
    number: phone.number?.trim() ?? '',
    ...(phone.extension ? { extension: phone.extension } : {}),
  };
}

/** POC validation: ARIN's required fields and PERSON/ROLE rules. */
export function validatePoc(poc: PocInput): PocInput {
  const problems = new Problems();
  const country = checkAddress(poc, problems);
  if (!isOneOf(ContactTypeValues, poc.contactType))
    problems.add('contactType', `Contact type must be ${listOf(ContactTypeValues)}.`);
  if (!poc.lastName?.trim()) problems.add('lastName', 'Last name is required.');
  if (poc.contactType === 'PERSON') {
    if (!poc.firstName?.trim()) problems.add('firstName', 'First name is required for a PERSON.');
    for (const [field, value] of [
      ['firstName', poc.firstName],
      ['lastName', poc.lastName],
    ] as const) {
      if (value && !NAME.test(value))
        problems.add(field, 'Names may contain only letters, spaces, periods, apostrophes and hyphens.');
    }
  }
  if (poc.contactType === 'ROLE') {
    if (poc.firstName !== undefined || poc.middleName !== undefined)
      problems.add('firstName', 'A ROLE POC has no first or middle name.');
    if (!poc.companyName?.trim()) problems.add('companyName', 'Company name is required for a ROLE.');
  }
  const emails = poc.emails ?? [];
  if (!emails.length) problems.add('emails', 'At least one email address is required.');
  emails.forEach((e) => !EMAIL.test(e) && problems.add('email', `${e} is not a valid email address.`));
  const phones = (poc.phones ?? []).map((p, i) => normalizePhone(p, problems, `phones[${i}].`));
  if (!phones.some((p) => p.type?.code === 'O'))
    problems.add('phones', 'At least one office (O) phone is required.');
  problems.throwIfAny();
  return { ...poc, ...(country ? { country } : {}), emails: [...new Set(emails)], phones };
}

const IMMUTABLE = ['contactType', 'firstName', 'middleName', 'lastName'] as const;

export const pocRules = {
  get: (caller: Caller, handle: string): Poc => getPocOr404(caller, handle),

  create(caller: Caller, payload: PocInput, makeLink: boolean): Poc {
    const problems = new Problems();
    if (payload.handle !== undefined)
      problems.add('handle', 'The handle is assigned by ARIN and cannot be sent.');
    problems.throwIfAny();
    const valid = validatePoc(payload);
    const initials = ((valid.firstName?.[0] ?? '') + (valid.lastName?.[0] ?? 'X'))
      .toUpperCase()
      .replace(/[^A-Z]/g, 'X');
    const handle = `${nextHandle(caller.state, initials)}-ARIN`;
    const poc = { ...valid, handle, registrationDate: caller.state.now(), createdBy: caller.webUser.id };
    charge(caller.state, sizeOf(poc));
    caller.state.pocs.set(handle, poc);
    if (makeLink) caller.webUser.pocHandles.add(handle);
    const { createdBy: _c, ...wire } = poc;
    return wire;
  },

  update(caller: Caller, handle: string, payload: PocInput): Poc {
    const current = getPocOr404(caller, handle);
    const problems = new Problems();
    if (payload.handle !== handle)
      problems.add('handle', `The handle must be ${handle} and cannot be modified.`);
    if (payload.registrationDate !== undefined && payload.registrationDate !== current.registrationDate)
      problems.add('registrationDate', 'The registration date cannot be modified.');
    for (const field of IMMUTABLE)
      if ((payload[field] ?? undefined) !== (current[field] ?? undefined))
        problems.add(field, `${field} cannot be modified.`);
    problems.throwIfAny();
    const valid = validatePoc({ ...payload, registrationDate: current.registrationDate });
    const updated = {
      ...valid,
      handle,
      registrationDate: current.registrationDate,
      ...(current.createdBy ? { createdBy: current.createdBy } : {}),
    };
    caller.state.pocs.set(handle, updated);
    const { createdBy: _c, ...wire } = updated;
    return wire;
  },

  delete(caller: Caller, handle: string): Poc {
    const poc = getPocOr404(caller, handle);
    const linked =
      [...caller.state.orgs.values()].some((o) => (o.pocLinks ?? []).some((l) => l.handle === handle)) ||
      [...caller.state.nets.values()].some((n) => n.pocLinks.some((l) => l.handle === handle));
    if (linked)
      throw new ArinRuleError(
        409,
        'E_NOT_REMOVEABLE',
        `The POC ${handle} cannot be removed while it is linked to an org or a net.`,
      );
    caller.state.pocs.delete(handle);
    refund(caller.state, sizeOf(poc));
    for (const user of caller.state.webUsers.values()) user.pocHandles.delete(handle);
    const { createdBy: _c, ...wire } = poc;
    return wire;
  },

  addPhone(caller: Caller, handle: string, payload: Phone): Phone {
    const poc = getPocOr404(caller, handle);
    const problems = new Problems();
    const phone = normalizePhone(payload, problems, '');
    problems.throwIfAny();
    const phones = poc.phones ?? [];
    if (!phones.some((p) => p.number === phone.number && p.type?.code === phone.type?.code))
      poc.phones = [...phones, phone];
    return phone;
  },

  deletePhone(caller: Caller, handle: string, number: string, type: string | undefined): Phone[] {
    const poc = getPocOr404(caller, handle);
    if (type !== undefined && !isOneOf(PhoneTypeCodeValues, type))
      throw new ArinRuleError(
        400,
        'E_BAD_REQUEST',
        `The phone type ${type} is not ${listOf(PhoneTypeCodeValues)}.`,
      );
    const phones = poc.phones ?? [];
    // "you can make the call with or without a phone number and with or without a type"
    const matches = (p: Phone) =>
      (number === '' || p.number === number) && (type === undefined || p.type?.code === type);
    const removed = phones.filter(matches);
    const remaining = phones.filter((p) => !matches(p));
    if (removed.length && !remaining.some((p) => p.type?.code === 'O')) {
      new Problems()
        .add('phones', 'At least one office (O) phone is required; the phone was not removed.')
        .throwIfAny();
    }
    poc.phones = remaining;
    return removed;
  },

  addEmail(caller: Caller, handle: string, email: string): Poc {
    const poc = getPocOr404(caller, handle);
    if (!EMAIL.test(email))
      new Problems().add('email', `${email} is not a valid email address.`).throwIfAny();
    if (!(poc.emails ?? []).includes(email)) poc.emails = [...(poc.emails ?? []), email];
    const { createdBy: _c, ...wire } = poc;
    return wire;
  },

  deleteEmail(caller: Caller, handle: string, email: string): Poc {
    const poc = getPocOr404(caller, handle);
    const emails = poc.emails ?? [];
    if (!emails.includes(email)) throw notFound('email address', email);
    if (emails.length === 1)
      new Problems()
        .add('emails', 'At least one email address is required; the email was not removed.')
        .throwIfAny();
    poc.emails = emails.filter((e) => e !== email);
    const { createdBy: _c, ...wire } = poc;
    return wire;
  },
};
