import { describe, expect, it } from 'vitest';
import { parseCidrBlock } from '@regkit/arin-client/address';
import { netNameFor } from '../src/swip/text.js';
import { MAX_FIELD_LENGTH, MAX_ROW_BYTES } from '../src/swip/limits.js';
import { csvBytes, decodeCsv, parseSwipCsv, SwipCsv } from '../src/swip/csv.js';
import { UsageError } from '../src/usageError.js';

const HEADER = 'customer_name,street,city,state,postal_code,country,block';

describe('strict blocks', () => {
  it('reads zero-padded octets as decimal and refuses what is not dotted-decimal', () => {
    expect(parseCidrBlock('010.000.050.000/24')).toMatchObject({
      block: '10.0.50.0/24',
      endAddress: '10.0.50.255',
    });
    expect(parseCidrBlock('167772160/28')).toMatch(/not a dotted-decimal IPv4 address/);
    expect(parseCidrBlock('0x0a.0.0.0/8')).toMatch(/not a dotted-decimal/);
    expect(parseCidrBlock('10.0.0/24')).toMatch(/not a dotted-decimal/);
    expect(parseCidrBlock('10.0.0.256/32')).toMatch(/octet over 255/);
    expect(parseCidrBlock('10.0.0.0')).toMatch(/lacks a prefix length/);
  });

  it('checks the prefix length for the family and the alignment', () => {
    expect(parseCidrBlock('2001:db8::/65')).toMatchObject({ block: '2001:db8::/65', version: 6 });
    expect(parseCidrBlock('10.0.0.0/33')).toMatch(/prefix length "33" is not 0–32 for IPv4/);
    expect(parseCidrBlock('2001:db8::/129')).toMatch(/not 0–128 for IPv6/);
    expect(parseCidrBlock('10.0.0.0/+8')).toMatch(/prefix length/);
    expect(parseCidrBlock('10.0.53.7/24')).toMatch(/did you mean 10\.0\.53\.0\/24\?/);
    expect(parseCidrBlock('2001:db8::1/64')).toMatch(/did you mean 2001:db8::\/64\?/);
  });

  it('accepts IPv6 in any RFC 5952 / 4291 form and gives the canonical one', () => {
    for (const form of ['2001:0db8:0000:0000:0000:0000:0000:0000/48', '2001:DB8::/48', '2001:db8:0:0::/48'])
      expect(parseCidrBlock(form)).toMatchObject({ block: '2001:db8::/48' });
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
    expect(() => decodeCsv(bytes, 'f.csv')).toThrow(
      'f.csv line 3 is not UTF-8; save the file as UTF-8, or name its encoding (e.g. --encoding latin1 or --encoding windows-1252)',
    );
    expect(parseSwipCsv(decodeCsv(bytes, 'f.csv', 'latin1'))[1]!.customerName).toBe('Café');
    expect(decodeCsv(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), 'f.csv')).toBe('A');
  });

  it('names the missing columns and the header line', () => {
    expect(() => parseSwipCsv('\n\nname,city\n')).toThrow(
      /header \(line 3\) lacks required column\(s\): street, country, block/,
    );
  });
});

/** A one-row CSV whose row is `cells` (already quoted where needed). */
const oneRow = (cells: string) => parseSwipCsv(`${HEADER},net_name\n${cells}`)[0]!;
const OK = 'Acme,1 Main St,Herndon,VA,20170,US,10.0.50.0/24,';

describe('spreadsheet formulas', () => {
  it('are found after leading whitespace and format characters', () => {
    const cases: [string, string][] = [
      ['\u00a0=1+2', 'customer_name starts with "=" after U+00A0 (a spreadsheet formula?)'],
      ['\u3000+1', 'customer_name starts with "+" after U+3000 (a spreadsheet formula?)'],
      ['\ufeff@SUM(A1)', 'customer_name starts with "@" after U+FEFF (a spreadsheet formula?)'],
      ['\t=1', 'customer_name starts with "=" after U+0009 (a spreadsheet formula?)'],
      ['\u200b-1', 'customer_name starts with "-" after U+200B (a spreadsheet formula?)'],
      [
        ' \u200b\u00a0=1',
        'customer_name starts with "=" after U+0020, U+200B, U+00A0 (a spreadsheet formula?)',
      ],
      ['\uff1d1+1', 'customer_name starts with "＝" (a spreadsheet formula?)'],
    ];
    for (const [name, problem] of cases)
      expect(oneRow(`"${name}",1 Main St,Herndon,VA,20170,US,10.0.50.0/24,`).problems).toEqual([problem]);
  });

  it('are found on every line of a multi-line cell', () => {
    const row = oneRow('Acme,"1 Main St\n=HYPERLINK(""http://x"")",Herndon,VA,20170,US,10.0.50.0/24,');
    expect(row.problems).toEqual(['street line 2 starts with "=" (a spreadsheet formula?)']);
    expect(oneRow('Acme,1 Main St,"Herndon\n\u00a0@x",VA,20170,US,10.0.50.0/24,').problems).toEqual([
      'city line 2 starts with "@" after U+00A0 (a spreadsheet formula?)',
    ]);
  });

  it('leave text with those characters elsewhere alone', () => {
    const row = oneRow('"A=B Co","1 Main St\nSuite +2",Herndon,VA,20170,US,10.0.50.0/24,');
    expect(row.problems).toEqual([]);
    expect(row.street).toEqual(['1 Main St', 'Suite +2']);
  });
});

describe('field limits', () => {
  it(`block a field over ${MAX_FIELD_LENGTH} characters, naming it and its length only`, () => {
    const long = 'A'.repeat(2000);
    expect(oneRow(`${long},1 Main St,Herndon,VA,20170,US,10.0.50.0/24,`).problems).toEqual([
      'customer_name is 2000 characters long (at most 1024)',
    ]);
    expect(oneRow(`${'A'.repeat(1024)},1 Main St,Herndon,VA,20170,US,10.0.50.0/24,`).problems).toEqual([]);
    const street = oneRow(
      `Acme,"1 Main St\n${'B'.repeat(1025)}",Herndon,VA,${'9'.repeat(1030)},US,10.0.50.0/24,`,
    );
    expect(street.problems).toEqual([
      'street line 2 is 1025 characters long (at most 1024)',
      'postal_code is 1030 characters long (at most 1024)',
    ]);
    // Counted as the mock counts: a character outside the BMP is two.
    expect(oneRow(`${'😀'.repeat(513)},1 Main St,Herndon,VA,20170,US,10.0.50.0/24,`).problems).toEqual([
      'customer_name is 1026 characters long (at most 1024)',
    ]);
  });

  it('block a net_name over 50 characters and never echo a huge cell', () => {
    expect(oneRow(`${OK}${'N'.repeat(51)}`).problems).toEqual([
      'net_name is 51 characters long (at most 50)',
    ]);
    expect(oneRow(`${OK}${'N'.repeat(50)}`)).toMatchObject({ problems: [], netName: 'N'.repeat(50) });
    const block = `10.0.0.0/${'2'.repeat(5000)}`;
    const row = oneRow(`Acme,1 Main St,Herndon,VA,20170,${'X'.repeat(3000)},${block},`);
    expect(row.problems).toEqual([
      'country "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…" is not an ISO 3166-1 alpha-2 code',
      'block is 5009 characters long: not a block in CIDR notation',
    ]);
    expect(row.blockText).toBe(`${block.slice(0, 64)}…`);
  });

  it('holds the address to ARIN postal rules: an assigned country, and for US and CA a known state and a postal code', () => {
    expect(oneRow('Acme,1 Main St,Herndon,XX,20170,US,10.0.50.0/24,').problems).toEqual([
      'state "XX" is not a state or province of US',
    ]);
    expect(oneRow('Acme,1 Main St,Herndon,VA,20170,CA,10.0.50.0/24,').problems).toEqual([
      'state "VA" is not a state or province of CA',
    ]);
    expect(oneRow('Acme,1 Main St,Toronto,on,M5V 2T6,ca,10.0.50.0/24,').problems).toEqual([]);
    expect(oneRow('Acme,1 Main St,Herndon,,,US,10.0.50.0/24,').problems).toEqual([
      'state is required for US and CA addresses',
      'postal_code is required for US and CA addresses',
    ]);
    expect(oneRow('Acme,1 Main St,Berlin,,,DE,10.0.50.0/24,').problems).toEqual([]);
    expect(oneRow('Acme,1 Main St,Nowhere,,,ZZ,10.0.50.0/24,').problems).toEqual([
      'country "ZZ" is not an ISO 3166-1 alpha-2 code',
    ]);
    expect(oneRow('Acme,1 Main St,Herndon,VA,20170,USA,10.0.50.0/24,').problems).toEqual([
      'country "USA" is not an ISO 3166-1 alpha-2 code',
    ]);
  });

  it('warn, without blocking, about characters outside ASCII in what ARIN reads as ASCII', () => {
    const row = oneRow('Café Müller,"1 Main St\nBâtiment 2",Herndon,VA,20170,US,10.0.50.0/24,');
    expect(row.problems).toEqual([]);
    expect(row.warnings).toEqual([
      'customer_name holds characters outside ASCII ("é", "ü"); ARIN documents ASCII only here',
      'street line 2 holds characters outside ASCII ("â"); ARIN documents ASCII only here',
    ]);
    expect(row.netName).toBe('CAFE-MULLER');
  });
});

describe('the row size cap', () => {
  it(`refuses a 50 MB cell at the first ${MAX_ROW_BYTES} bytes, naming its line, without echoing it`, () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\nA,1 Main St,Herndon,VA,20170,US,10.0.0.0/28\n\n"`),
      Buffer.alloc(50 * 1024 * 1024, 'x'),
      Buffer.from('",1 Main St,Herndon,VA,20170,US,10.0.1.0/28\n'),
    ]);
    let error: unknown;
    try {
      SwipCsv.scan(csvBytes(bytes, 'big.csv'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      'The CSV could not be read: line 4: a row of more than 65536 bytes; a row holds at most 1024 characters per field (is a quote left open?)',
    );
  });

  it('refuses a row of more than 1024 fields, also when its fields are empty and its lines short', () => {
    // Empty fields between quoted line breaks: 48 MB that the parser would build as one record.
    const cycle = `"\n",${','.repeat(60_000)}`;
    const bytes = Buffer.from(`${HEADER}\n${cycle.repeat(800)}\n`);
    expect(() => SwipCsv.scan(bytes)).toThrow(
      new UsageError(
        'The CSV could not be read: line 2: a row of more than 1024 fields; a row holds at most 1024 characters per field (is a quote left open?)',
      ),
    );
    const wide = `${HEADER}${',x'.repeat(1000)}\nA,1 Main St,Herndon,VA,20170,US,10.0.0.0/28${',y'.repeat(1000)}\n`;
    expect(SwipCsv.scan(Buffer.from(wide)).row(0)).toMatchObject({ problems: [], customerName: 'A' });
  });

  it('accepts a row under the cap and blocks its long field instead', () => {
    const csv = SwipCsv.scan(
      Buffer.from(`${HEADER}\n${'A'.repeat(60_000)},1 Main St,Herndon,VA,20170,US,10.0.0.0/28\n`),
    );
    expect(csv.row(0).problems).toEqual(['customer_name is 60000 characters long (at most 1024)']);
  });
});

describe('encodings', () => {
  const latin1Line = (n: number) =>
    Buffer.concat([
      Buffer.from(`Caf`),
      Buffer.from([0xe9]),
      Buffer.from(` ${n},1,X,VA,1,US,10.0.${n}.0/28\n`),
    ]);
  const utf8Line = (n: number) => Buffer.from(`Café ${n},1,X,VA,1,US,10.0.${n}.0/28\n`);

  it('names the lines that are not UTF-8, the first ten and how many more', () => {
    const few = Buffer.concat([
      Buffer.from(`${HEADER}\r\n`),
      utf8Line(1),
      latin1Line(2),
      utf8Line(3),
      latin1Line(4),
    ]);
    expect(() => csvBytes(few, 'f.csv')).toThrow(
      /^f\.csv lines 3 and 5 are not UTF-8; save the file as UTF-8/,
    );
    const many = Buffer.concat([
      Buffer.from(`${HEADER}\r`),
      ...Array.from({ length: 14 }, (_, n) => latin1Line(n)),
    ]);
    expect(() => csvBytes(many, 'f.csv')).toThrow(
      /^f\.csv lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 4 more are not UTF-8;/,
    );
  });

  it('refuses a named encoding for a file that is already UTF-8, naming a line and the misreading', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\n"A Co","1 Main\nSt",X,VA,1,US,10.0.0.0/28\n`),
      utf8Line(1),
    ]);
    for (const encoding of ['latin1', 'windows-1252', 'ISO-8859-1'])
      expect(() => csvBytes(bytes, 'f.csv', encoding)).toThrow(
        `f.csv is already UTF-8: line 4 holds "é", which --encoding ${encoding} would read as "Ã©"; drop --encoding`,
      );
    expect(() => csvBytes(Buffer.from('x\n\u65e5'), 'f.csv', 'latin1')).toThrow(
      'f.csv is already UTF-8: line 2 holds "日", which --encoding latin1 would read as "æ\u0097¥"; drop --encoding',
    );
    const mixed = Buffer.concat([Buffer.from(`${HEADER}\n`), latin1Line(1), utf8Line(2)]);
    expect(() => csvBytes(mixed, 'f.csv', 'latin1')).toThrow(
      'f.csv mixes encodings: line 3 holds "é", which --encoding latin1 would read as "Ã©", but line 2 is not UTF-8; save the whole file in one encoding',
    );
    // ASCII reads the same in either, and bytes that are not UTF-8 are decoded.
    expect(decodeCsv(Buffer.from('a,b\n'), 'f.csv', 'latin1')).toBe('a,b\n');
    expect(decodeCsv(latin1Line(1), 'f.csv', 'windows-1252')).toMatch(/^Café 1,/);
  });
});

describe('duplicate rows', () => {
  it('names the first earlier row asking for the same thing', () => {
    const csv = SwipCsv.scan(
      Buffer.from(
        [
          HEADER,
          'Acme,1 Main St,Herndon,VA,20170,US,10.0.50.0/24',
          'Other,2 Main St,Herndon,VA,20170,US,10.0.51.0/24',
          '"ACME ","1  main st",herndon,va,20170,us,10.0.50.0/24',
          '',
          'Acme,1 Main St,Herndon,VA,20170,US,10.0.50.0/24',
          'Acme,1 Main St,Herndon,VA,20170,US,10.0.50.0/25',
          'Acme,"1 Main St\nSuite 2",Herndon,VA,20170,US,10.0.50.0/24',
        ].join('\n'),
      ),
    );
    expect(Array.from({ length: csv.count }, (_, i) => csv.duplicateOf(i))).toEqual([
      undefined,
      undefined,
      2,
      2,
      undefined,
      undefined,
    ]);
    expect(csv.lineOf(3)).toBe(6);
  });

  it('confirms a hash match by comparing the rows, so a collision is not a duplicate', () => {
    const csv = SwipCsv.scan(
      Buffer.from(`${HEADER}\n${OK.slice(0, -1)}\nB,1 Main St,Herndon,VA,20170,US,10.0.50.0/24\n`),
    );
    expect(csv.duplicateOf(1)).toBeUndefined();
    expect([csv.lineOf(0), csv.lineOf(1)]).toEqual([2, 3]);
    // As if both rows had hashed alike.
    (csv as unknown as { twins: Uint32Array | undefined }).twins = Uint32Array.of(0, 1);
    expect(csv.duplicateOf(1)).toBeUndefined();
  });
});
