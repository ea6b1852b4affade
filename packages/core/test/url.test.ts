import { describe, expect, it } from 'vitest';
import { buildUrl, paramProp, ValidationError, type OperationDefinition } from '../src/index.js';

const op = (path: string, extra: Partial<OperationDefinition> = {}): OperationDefinition => ({
  id: 'T1',
  operationId: 'test',
  retry: 'safe',
  tag: 'T',
  method: 'GET',
  path,
  pathParams: [],
  matrixParams: [],
  queryParams: [],
  responses: [],
  security: [],
  ...extra,
});

describe('buildUrl', () => {
  it('percent-encodes path values: emails, phone numbers, nameservers, spaces and slashes', () => {
    const email = op('/poc/{pocHandle}/email/{email}', {
      pathParams: [
        { name: 'pocHandle', prop: 'pocHandle', type: 'string', required: true },
        { name: 'email', prop: 'email', type: 'string', required: true },
      ],
    });
    expect(
      buildUrl('https://reg.ote.arin.net/rest', email, {
        pocHandle: 'JD1-ARIN',
        email: 'j.doe+noc@example.net',
      }).href,
    ).toBe('https://reg.ote.arin.net/rest/poc/JD1-ARIN/email/j.doe%2Bnoc%40example.net');
    const phone = op('/poc/{h}/phone/{number}', {
      pathParams: [
        { name: 'h', prop: 'h', type: 'string', required: true },
        { name: 'number', prop: 'number', type: 'string', required: true },
      ],
    });
    expect(buildUrl('http://x/', phone, { h: 'a b/c', number: '+1.703.555.0100' }).pathname).toBe(
      '/poc/a%20b%2Fc/phone/%2B1.703.555.0100',
    );
  });

  it('writes matrix parameters after their segment and leaves out undefined ones', () => {
    const list = op('/ticket/summary', {
      matrixParams: [
        { name: 'ticketType', prop: 'type', type: 'string', required: false, segment: 1 },
        { name: 'ticketStatus', prop: 'status', type: 'string', required: false, segment: 1 },
      ],
    });
    expect(buildUrl('https://h/rest/', list, { type: 'NET_REASSIGN', status: 'PENDING_REVIEW' }).href).toBe(
      'https://h/rest/ticket/summary;ticketType=NET_REASSIGN;ticketStatus=PENDING_REVIEW',
    );
    expect(buildUrl('https://h/rest', list, { status: 'CLOSED' }).href).toBe(
      'https://h/rest/ticket/summary;ticketStatus=CLOSED',
    );
    expect(buildUrl('https://h/rest', list, {}).href).toBe('https://h/rest/ticket/summary');
    const create = op('/poc', {
      matrixParams: [{ name: 'makeLink', prop: 'makeLink', type: 'boolean', required: false, segment: 0 }],
    });
    expect(buildUrl('https://h/rest', create, { makeLink: true }).href).toBe(
      'https://h/rest/poc;makeLink=true',
    );
  });

  it('appends query parameters and validates types, enums and required values', () => {
    const get = op('/ticket/{ticketNo}', {
      pathParams: [{ name: 'ticketNo', prop: 'ticketNo', type: 'string', required: true }],
      queryParams: [{ name: 'msgRefs', prop: 'msgRefs', type: 'boolean', required: false }],
      matrixParams: [
        { name: 'type', prop: 'type', type: 'string', enum: ['O', 'F', 'M'], required: false, segment: 1 },
      ],
    });
    expect(buildUrl('https://h', get, { ticketNo: '20261122-X1', msgRefs: false }).href).toBe(
      'https://h/ticket/20261122-X1?msgRefs=false',
    );
    expect(() => buildUrl('https://h', get, {})).toThrow(ValidationError);
    expect(() => buildUrl('https://h', get, {})).toThrow('ticketNo: is required');
    expect(() => buildUrl('https://h', get, { ticketNo: 'x', msgRefs: 'yes' })).toThrow(
      'msgRefs: must be a boolean',
    );
    expect(() => buildUrl('https://h', get, { ticketNo: 'x', type: 'Z' })).toThrow(
      'type: must be one of O, F, M',
    );
    expect(() => buildUrl('not a url', get, { ticketNo: 'x' })).toThrow('baseUrl: is not an absolute URL');
    expect(() => buildUrl('ftp://h', get, { ticketNo: 'x' })).toThrow('baseUrl: must use http or https');
  });
});

describe('buildUrl with x-empty-path-parameters', () => {
  const phone = op('/poc/{h}/phone/{number}', {
    pathParams: [
      { name: 'h', prop: 'h', type: 'string', required: true },
      { name: 'number', prop: 'number', type: 'string', required: true },
    ],
    matrixParams: [{ name: 'type', prop: 'type', type: 'string', required: false, segment: 3 }],
    extensions: { 'x-empty-path-parameters': ['number'] },
  });

  it('leaves a listed parameter empty, matrix parameters still after its segment', () => {
    expect(buildUrl('http://x/rest', phone, { h: 'JD1-ARIN', number: '', type: 'F' }).pathname).toBe(
      '/rest/poc/JD1-ARIN/phone/;type=F',
    );
  });

  it('still refuses an empty value for a parameter the spec does not list', () => {
    expect(() => buildUrl('http://x/rest', phone, { h: '', number: '1', type: 'F' })).toThrow(
      ValidationError,
    );
  });
});

describe('buildUrl with what a descriptor leaves out', () => {
  it('reads a parameter by its name when it has no prop; a path parameter is required all the same', () => {
    const compact: OperationDefinition = {
      operationId: 'getPoc',
      method: 'GET',
      path: '/poc/{pocHandle}',
      pathParams: [{ name: 'pocHandle', type: 'string' }],
      queryParams: [{ name: 'max', type: 'integer' }],
      responses: [],
      security: [],
      retry: 'safe',
    };
    expect(buildUrl('http://x', compact, { pocHandle: 'JD1-ARIN' }).href).toBe('http://x/poc/JD1-ARIN');
    expect(buildUrl('http://x', compact, { pocHandle: 'JD1-ARIN', max: 2 }).href).toBe(
      'http://x/poc/JD1-ARIN?max=2',
    );
    expect(() => buildUrl('http://x', compact, {})).toThrow('pocHandle: is required');
    expect(() => buildUrl('http://x', { ...compact, pathParams: undefined }, {})).toThrow(
      'pocHandle: is not a declared path parameter',
    );
    expect(paramProp({ name: 'function', prop: 'pocFunction', type: 'string' })).toBe('pocFunction');
  });
});
