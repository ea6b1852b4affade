// Payload parts the ARIN tests share: an address ARIN accepts, and the Admin, Tech and Abuse links
// of the default world's POCs.

export const testAddress = {
  streetAddress: ['1 Test Way'],
  city: 'Chantilly',
  stateProvince: 'VA',
  postalCode: '20151',
  country: { code2: 'US' },
};

export const roleLinks = [
  { function: 'AD', handle: 'JD1-ARIN' },
  { function: 'T', handle: 'EXTEC1-ARIN' },
  { function: 'AB', handle: 'EXABU1-ARIN' },
] as const;
