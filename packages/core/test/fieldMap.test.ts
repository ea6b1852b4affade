import { describe, expect, it } from 'vitest';
import {
  decodeFieldMap,
  encodeFieldMap,
  DecodeError,
  ValidationError,
  type FieldMapDefinition,
} from '../src/index.js';

const ticket: FieldMapDefinition = {
  name: 'Ticket',
  fields: [
    { sequence: 1, displayName: 'Ticket Id', prop: 'id', type: 'integer', writable: false },
    { sequence: 22, displayName: 'Summary', prop: 'summary', type: 'string', writable: true },
    { sequence: 30, displayName: 'Hours', prop: 'hours', type: 'number', writable: true },
    { sequence: 40, displayName: 'Is Assigned', prop: 'isAssigned', type: 'boolean', writable: false },
    { sequence: 96, displayName: 'Status', prop: 'status', type: 'string', writable: true },
  ],
};

describe('field maps', () => {
  it('decodes by sequence number even when a server renames display names, keeping unknown fields', () => {
    const raw = {
      '1': { DisplayName: 'Ticket Id', Value: 42 },
      '22': { DisplayName: 'Subject line', Value: 'VPN down' },
      '30': { DisplayName: 'Hours', Value: '1.5' },
      '40': { DisplayName: 'Is Assigned', Value: 'True' },
      '96': { DisplayName: 'Status', Value: null },
      '501': { DisplayName: 'Circuit ID', Value: 'CKT-9' },
    };
    const decoded = decodeFieldMap(ticket, raw);
    expect(decoded.record).toEqual({ id: 42, summary: 'VPN down', hours: 1.5, isAssigned: true });
    expect(decoded.unknownFields).toEqual({
      '501': { sequence: 501, displayName: 'Circuit ID', value: 'CKT-9' },
    });
    expect(decoded.raw).toBe(raw);
  });

  it('rejects values of the wrong type and non-objects', () => {
    expect(() => decodeFieldMap(ticket, { '1': { DisplayName: 'Ticket Id', Value: 'abc' } })).toThrow(
      DecodeError,
    );
    expect(() => decodeFieldMap(ticket, [])).toThrow(/expected a Ticket field map/);
  });

  it('encodes writable fields by display name or sequence and names the fields it refuses', () => {
    expect(encodeFieldMap(ticket, { summary: 'x', hours: 2 })).toEqual({ Summary: 'x', Hours: 2 });
    expect(encodeFieldMap(ticket, { summary: 'x', status: 'Open' }, { keyBy: 'sequence' })).toEqual({
      '22': 'x',
      '96': 'Open',
    });
    const error = (() => {
      try {
        encodeFieldMap(ticket, { id: 3, colour: 'red', hours: 'many' });
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.issues).toEqual([
      { path: 'id', message: 'Ticket Id (1) is read-only' },
      { path: 'colour', message: 'is not a field of Ticket' },
      { path: 'hours', message: 'expected a number' },
    ]);
  });
});
