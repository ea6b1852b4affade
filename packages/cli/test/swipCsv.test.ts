import { describe, expect, it } from 'vitest';
import { parseStrictBlock } from '../src/swip/address.js';
import { netNameFor } from '../src/swip/text.js';
import { decodeCsv, parseSwipCsv } from '../src/swipCsv.js';

const HEADER = 'customer_name,street,city,state,postal_code,country,block';

describe('strict blocks', () => {
  it('reads zero-padded octets as decimal and refuses what is not dotted-decimal', () => {
    expect(parseStrictBlock('010.000.050.000/24')).toMatchObject({
      block: '10.0.50.0/24',
      endAddress: '10.0.50.255',
    });
    expect(parseStrictBlock('167772160/28')).toMatch(/not a dotted-decimal IPv4 address/);
    expect(parseStrictBlock('0x0a.0.0.0/8')).toMatch(/not a dotted-decimal/);
    expect(parseStrictBlock('10.0.0/24')).toMatch(/not a dotted-decimal/);
    expect(parseStrictBlock('10.0.0.256/32')).toMatch(/octet over 255/);
    expect(parseStrictBlock('10.0.0.0')).toMatch(/lacks a prefix length/);
  });

  it('checks the prefix length for the family and the alignment', () => {
    expect(parseStrictBlock('2001:db8::/65')).toMatchObject({ block: '2001:db8::/65', version: 6 });
    expect(parseStrictBlock('10.0.0.0/33')).toMatch(/prefix length "33" is not 0–32 for IPv4/);
    expect(parseStrictBlock('2001:db8::/129')).toMatch(/not 0–128 for IPv6/);
    expect(parseStrictBlock('10.0.0.0/+8')).toMatch(/prefix length/);
    expect(parseStrictBlock('10.0.53.7/24')).toMatch(/did you mean 10\.0\.53\.0\/24\?/);
    expect(parseStrictBlock('2001:db8::1/64')).toMatch(/did you mean 2001:db8::\/64\?/);
  });

  it('accepts IPv6 in any RFC 5952 / 4291 form and gives the canonical one', () => {
    for (const form of ['2001:0db8:0000:0000:0000:0000:0000:0000/48', '2001:DB8::/48', '2001:db8:0:0::/48'])
      expect(parseStrictBlock(form)).toMatchObject({ block: '2001:db8::/48' });
  });
});

describe('the SWIP CSV', () => {
  it('reports physical line numbers after quoted multi-line cells and blank lines', () => {
    const rows = parseSwipCsv(
      [
        HEADER,
        '"A Co","1 Main St',
        'Suite 2",Herndon,VA,20170,US,10.0.50.0/24',
        '',
        'B Co,,Herndon,VA,20170,US,10.0.51.0/24',
      ].join('\r\n'),
    );
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(rows[0]!.street).toEqual(['1 Main St', 'Suite 2']);
    expect(rows[1]!.problems).toEqual(['street is empty']);
  });

  it('flags formula-like cells and strips control characters', () => {
    const [row] = parseSwipCsv(
      `${HEADER}\n=cmd|' /C calc'!A0,1 Main\u001b[31m St,Herndon,VA,20170,US,10.0.50.0/24`,
    );
    expect(row!.problems).toEqual(['customer_name starts with "=" (a spreadsheet formula?)']);
    expect(row!.street).toEqual(['1 Main[31m St']);
    expect(row!.warnings).toEqual(['street held control characters (removed)']);
  });

  it('keys customers by normalised name and address, not by block', () => {
    const rows = parseSwipCsv(
      [
        HEADER,
        'Acme  Dental,1 Main St,Herndon,va,20170,us,10.0.50.0/24',
        'ACME DENTAL,1 main st,HERNDON,VA,20170,US,10.0.51.0/24',
        'Acme Dental,2 Main St,Herndon,VA,20170,US,10.0.52.0/24',
      ].join('\n'),
    );
    expect(rows[0]!.customerKey).toBe(rows[1]!.customerKey);
    expect(rows[2]!.customerKey).not.toBe(rows[0]!.customerKey);
    expect(rows.map((r) => r.netName)).toEqual(['ACME-DENTAL', 'ACME-DENTAL-2', 'ACME-DENTAL-3']);
  });

  it('transliterates net names to ARIN’s characters', () => {
    expect(netNameFor('Café Müller')).toBe('CAFE-MULLER');
    expect(netNameFor('Straße & Søn Łódź')).toBe('STRASSE-AND-SON-LODZ');
    expect(netNameFor('日本')).toBe('CUSTOMER');
  });

  it('refuses a file that is not UTF-8 with its line, and decodes a named encoding', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\nok,1,2,VA,1,US,10.0.0.0/28\n`),
      Buffer.from([0x43, 0x61, 0x66, 0xe9]),
      Buffer.from(',1 Main,X,VA,1,US,10.0.1.0/28\n'),
    ]);
    expect(() => decodeCsv(bytes, 'f.csv')).toThrow(/f\.csv line 3 is not UTF-8; .*--encoding latin1/);
    expect(parseSwipCsv(decodeCsv(bytes, 'f.csv', 'latin1'))[1]!.customerName).toBe('Café');
    expect(decodeCsv(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'f.csv')).toBe('A');
  });

  it('names the missing columns and the header line', () => {
    expect(() => parseSwipCsv('\n\nname,city\n')).toThrow(
      /header \(line 3\) lacks required column\(s\): street, country, block/,
    );
  });
});
