import { describe, expect, it } from 'vitest';
import { fieldValueText, toFieldValue } from '../src/index.js';

const of = (type: 'string' | 'integer' | 'number' | 'boolean' | 'datetime') => ({ type });

describe('toFieldValue: one conversion of field values, text to typed', () => {
  it('integers and numbers from numbers or numeric text; anything else names what the field takes', () => {
    expect(toFieldValue(of('integer'), '4')).toEqual({ ok: true, value: 4 });
    expect(toFieldValue(of('integer'), 4)).toEqual({ ok: true, value: 4 });
    expect(toFieldValue(of('number'), ' 2.5 ')).toEqual({ ok: true, value: 2.5 });
    expect(toFieldValue(of('integer'), '2.5')).toEqual({ ok: false, expected: 'a whole number' });
    expect(toFieldValue(of('integer'), 'four')).toEqual({ ok: false, expected: 'a whole number' });
    expect(toFieldValue(of('number'), '')).toEqual({ ok: false, expected: 'a number' });
    expect(toFieldValue(of('number'), 'Infinity')).toEqual({ ok: false, expected: 'a number' });
    expect(toFieldValue(of('number'), true)).toEqual({ ok: false, expected: 'a number' });
  });

  it('booleans from true/false in any case or 1/0', () => {
    for (const t of [true, 'true', 'True', 'TRUE', 1, '1'])
      expect(toFieldValue(of('boolean'), t)).toEqual({ ok: true, value: true });
    for (const f of [false, 'false', 'False', 0, '0'])
      expect(toFieldValue(of('boolean'), f)).toEqual({ ok: true, value: false });
    expect(toFieldValue(of('boolean'), 'yes')).toEqual({ ok: false, expected: 'true or false' });
  });

  it('text from strings or numbers; objects and booleans are not text', () => {
    expect(toFieldValue(of('string'), 'Printer jam')).toEqual({ ok: true, value: 'Printer jam' });
    expect(toFieldValue(of('datetime'), '2026-11-23T10:00:00Z')).toEqual({
      ok: true,
      value: '2026-11-23T10:00:00Z',
    });
    expect(toFieldValue(of('string'), 42)).toEqual({ ok: true, value: '42' });
    expect(toFieldValue(of('string'), { a: 1 })).toEqual({ ok: false, expected: 'text' });
    expect(toFieldValue(of('string'), false)).toEqual({ ok: false, expected: 'text' });
  });

  it('the text of a typed value reads back to the same value', () => {
    for (const [type, value] of [
      ['integer', 7],
      ['number', -0.25],
      ['boolean', false],
      ['string', 'x y'],
    ] as const)
      expect(toFieldValue(of(type), fieldValueText(value))).toEqual({ ok: true, value });
  });
});
