import { describe, expect, it } from 'vitest';
import { normalizeAddress, ValidationError } from '../src/index.js';

describe('normalizeAddress', () => {
  it.each([
    ['010.000.002.000', '10.0.2.0'],
    ['192.000.002.255', '192.0.2.255'],
    ['000.000.000.000', '0.0.0.0'],
    ['10.0.2.0', '10.0.2.0'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0000', '2001:db8::'],
    ['2001:0db8:0001:0000:0000:0000:0000:0001', '2001:db8:1::1'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
  ])('%s → %s', (raw, normal) => {
    expect(normalizeAddress(raw)).toBe(normal);
  });

  it.each(['not-an-ip', '256.0.0.1', '10.0.0', '10.0.0.0/8', '0x0a.0.0.1', '1.2.3.4.5', '2001:db8:::1', ''])(
    '%j is a ValidationError',
    (raw) => {
      expect(() => normalizeAddress(raw)).toThrow(ValidationError);
    },
  );

  it('ARIN zero-padding is read as decimal, never octal', () => {
    expect(normalizeAddress('010.010.010.010')).toBe('10.10.10.10');
  });
});
