import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { arinDir, arinExamples, validateAgainstArinXsd } from './xsd.js';

const CATALOGUE: Record<string, [string, string, string]> = {
  A1: ['get', '/poc/{pocHandle}', 'getPoc'],
  A2: ['post', '/poc', 'createPoc'],
  A3: ['put', '/poc/{pocHandle}', 'updatePoc'],
  A4: ['delete', '/poc/{pocHandle}', 'deletePoc'],
  A5: ['put', '/poc/{pocHandle}/phone', 'addPocPhone'],
  A6: ['delete', '/poc/{pocHandle}/phone/{number}', 'deletePocPhone'],
  A7: ['post', '/poc/{pocHandle}/email/{email}', 'addPocEmail'],
  A8: ['delete', '/poc/{pocHandle}/email/{email}', 'deletePocEmail'],
  A9: ['get', '/org/{orgHandle}', 'getOrg'],
  A10: ['post', '/org', 'createOrg'],
  A11: ['put', '/org/{orgHandle}', 'updateOrg'],
  A12: ['delete', '/org/{orgHandle}', 'deleteOrg'],
  A13: ['put', '/org/{orgHandle}/poc/{pocHandle}', 'addOrgPoc'],
  A14: ['delete', '/org/{orgHandle}/poc/{pocHandle}', 'removeOrgPoc'],
  A15: ['get', '/customer/{customerHandle}', 'getCustomer'],
  A16: ['put', '/customer/{customerHandle}', 'updateCustomer'],
  A17: ['delete', '/customer/{customerHandle}', 'deleteCustomer'],
  A18: ['get', '/net/{netHandle}', 'getNet'],
  A19: ['put', '/net/{netHandle}', 'updateNet'],
  A20: ['delete', '/net/{netHandle}', 'deleteNet'],
  A21: ['post', '/net/{parentNetHandle}/org', 'createRecipientOrg'],
  A22: ['post', '/net/{parentNetHandle}/customer', 'createRecipientCustomer'],
  A23: ['put', '/net/{parentNetHandle}/reassign', 'reassignNet'],
  A24: ['put', '/net/{parentNetHandle}/reallocate', 'reallocateNet'],
  A25: ['get', '/net/{netHandle}/delegations', 'listNetDelegations'],
  A26: ['get', '/delegation/{name}', 'getDelegation'],
  A27: ['put', '/delegation/{name}', 'updateDelegation'],
  A28: ['post', '/delegation/{name}/nameserver/{nameserver}', 'addDelegationNameserver'],
  A29: ['delete', '/delegation/{name}/nameserver/{nameserver}', 'removeDelegationNameserver'],
  A30: ['delete', '/delegation/{name}/nameservers', 'removeDelegationNameservers'],
  A31: ['get', '/ticket/{ticketNo}', 'getTicket'],
  A32: ['get', '/ticket/{ticketNo}/summary', 'getTicketSummary'],
  A33: ['get', '/ticket', 'listTickets'],
  A34: ['get', '/ticket/summary', 'listTicketSummaries'],
  A35: ['get', '/ticket/{ticketNo}/message/{messageId}', 'getTicketMessage'],
  A36: ['put', '/ticket/{ticketNo}/message', 'addTicketMessage'],
  A37: ['put', '/ticket/{ticketNo}', 'updateTicket'],
  // beyond the source documents
  A38: ['get', '/net/parentNet/{startAddress}/{endAddress}', 'getParentNet'],
  A39: ['get', '/net/mostSpecificNet/{startAddress}/{endAddress}', 'getMostSpecificNet'],
  A40: ['get', '/net/netsByIpRange/{startAddress}/{endAddress}', 'listNetsByIpRange'],
  A41: ['put', '/net/{netHandle}/remove', 'removeNet'],
  A42: ['get', '/ticket/{ticketNo}/message/{messageId}/attachment/{attachmentId}', 'getTicketAttachment'],
  A43: ['put', '/ticket/{ticketNo}/ticketStatus/{ticketStatus}', 'updateTicketStatus'],
  A44: ['post', '/roa/{orgHandle}', 'createSignedRoa'],
  A45: ['get', '/roa/{orgHandle}', 'listRoas'],
  A46: ['post', '/rpki/{orgHandle}', 'submitRpkiTransaction'],
  A47: ['get', '/report/whoWas/asn/{asNumber}', 'requestWhoWasAsnReport'],
  A48: ['get', '/report/whoWas/net/{ipAddress}', 'requestWhoWasNetReport'],
  A49: ['get', '/report/associations', 'requestAssociationsReport'],
  A50: ['get', '/report/reassignment/{netHandle}', 'requestReassignmentReport'],
  A51: ['post', '/irr/route/{address}/{prefixLength}/{originAs}', 'createIrrRoute'],
  A52: ['get', '/irr/route/{address}/{prefixLength}/{originAs}', 'getIrrRoute'],
  A53: ['put', '/irr/route/{address}/{prefixLength}/{originAs}', 'updateIrrRoute'],
  A54: ['delete', '/irr/route/{address}/{prefixLength}/{originAs}', 'deleteIrrRoute'],
  A55: ['post', '/irr/aut-num/{asNumber}', 'createIrrAutNum'],
  A56: ['get', '/irr/aut-num/{asNumber}', 'getIrrAutNum'],
  A57: ['put', '/irr/aut-num/{asNumber}', 'updateIrrAutNum'],
  A58: ['delete', '/irr/aut-num/{asNumber}', 'deleteIrrAutNum'],
  A59: ['post', '/irr/as-set', 'createIrrAsSet'],
  A60: ['get', '/irr/as-set/{asSetName}', 'getIrrAsSet'],
  A61: ['put', '/irr/as-set/{asSetName}', 'updateIrrAsSet'],
  A62: ['delete', '/irr/as-set/{asSetName}', 'deleteIrrAsSet'],
  A63: ['post', '/irr/route-set', 'createIrrRouteSet'],
  A64: ['get', '/irr/route-set/{routeSetName}', 'getIrrRouteSet'],
  A65: ['put', '/irr/route-set/{routeSetName}', 'updateIrrRouteSet'],
  A66: ['delete', '/irr/route-set/{routeSetName}', 'deleteIrrRouteSet'],
  A67: ['get', '/net/{netHandle}/routes', 'listNetRoutes'],
  A68: ['get', '/org/{orgHandle}/routes', 'listOrgRoutes'],
  A69: ['get', '/org/{orgHandle}/aut-nums', 'listOrgAutNums'],
  A70: ['get', '/org/{orgHandle}/as-sets', 'listOrgAsSets'],
  A71: ['get', '/org/{orgHandle}/route-sets', 'listOrgRouteSets'],
  A72: ['get', '/aspa/{orgHandle}', 'listAspas'],
};

type Operation = {
  operationId: string;
  'x-operation-number': string;
  'x-matrix-parameters'?: { name: string }[];
  responses: Record<string, unknown>;
};
const spec = parse(readFileSync(join(arinDir, 'reg-rws.openapi.yaml'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method, op })),
);

const ROOTS = [
  'poc',
  'phone',
  'pocLinkRef',
  'org',
  'customer',
  'net',
  'netBlock',
  'delegation',
  'delegationKey',
  'nameserver',
  'ticket',
  'message',
  'attachment',
  'attachmentReference',
  'messageReference',
  'ticketedRequest',
  'error',
  'component',
  'collection',
  'iso3166-1',
];
const ERROR_CODES = [
  'E_AUTHENTICATION',
  'E_BAD_REQUEST',
  'E_ENTITY_VALIDATION',
  'E_SCHEMA_VALIDATION',
  'E_METHOD_NOT_ALLOWED',
  'E_NOT_ACCEPTABLE',
  'E_NOT_REMOVEABLE',
  'E_OBJECT_NOT_FOUND',
  'E_OUTAGE',
  'E_TOO_MANY_REQUESTS',
  'E_UNSPECIFIED',
  'E_UNSUPPORTED_MEDIA_TYPE',
];

describe('ARIN XSD and examples', () => {
  const examples = arinExamples();

  it('has a request and a response example for every payload, and an error example per code', () => {
    const names = new Set(examples.map((e) => e.name));
    for (const root of ROOTS) {
      expect(names, root).toContain(`${root}.request.xml`);
      expect(
        [...names].some((n) => n.startsWith(`${root}.`) && n.endsWith('.response.xml')),
        root,
      ).toBe(true);
    }
    for (const code of ERROR_CODES) expect(names).toContain(`error.${code}.response.xml`);
  });

  it('every example validates against the XSD', async () => {
    const results = await validateAgainstArinXsd(examples);
    expect(results.filter((r) => !r.valid).map((r) => `${r.name}\n${r.errors}`)).toEqual([]);
    expect(results).toHaveLength(examples.length);
  });

  it('response examples are in ARIN style: other prefixes, zero-padded IPv4, expanded IPv6, empty wrappers, lines from 0', () => {
    const responses = examples
      .filter((e) => e.name.includes('response'))
      .map((e) => e.xml)
      .join('\n');
    expect(responses).toMatch(/xmlns:ns2=/);
    expect(responses).toMatch(/<ns3:shared>/);
    expect(responses).toContain('010.000.000.000');
    expect(responses).toContain('2001:0DB8:0000:0000:0000:0000:0000:0000');
    expect(responses).toContain('<originASes/>');
    expect(responses).toContain('<line number="0">');
    expect(responses).not.toContain('<line number="1">3635');
  });

  it('the checks bite: broken documents fail validation', async () => {
    const poc = examples.find((e) => e.name === 'poc.request.xml')?.xml ?? '';
    const broken = [
      { name: 'unknown-element', xml: poc.replace('<city>', '<town>x</town><city>') },
      {
        name: 'bad-enum',
        xml: poc.replace('<contactType>ROLE</contactType>', '<contactType>TEAM</contactType>'),
      },
      {
        name: 'two-members',
        xml:
          examples
            .find((e) => e.name === 'ticketedRequest.response.xml')
            ?.xml.replace('</net>', '</net><ticket/>') ?? '',
      },
      {
        name: 'missing-function',
        xml: '<pocLinkRef xmlns="http://www.arin.net/regrws/core/v1" handle="X"/>',
      },
      { name: 'bad-line-number', xml: poc.replace('<line number="0">3635', '<line number="first">3635') },
      { name: 'not-well-formed', xml: poc.replace('</city>', '') },
    ];
    const results = await validateAgainstArinXsd(broken);
    expect(results.map((r) => [r.name, r.valid])).toEqual(broken.map((b) => [b.name, false]));
  });
});

describe('ARIN OpenAPI', () => {
  it('has every operation A1-A37, and those beyond the source documents, with path, method and operationId', () => {
    const byNumber = Object.fromEntries(
      operations.map((o) => [o.op['x-operation-number'], [o.method, o.path, o.op.operationId]]),
    );
    expect(byNumber).toEqual(CATALOGUE);
  });

  it('marks exactly the operations after A37 with x-source: beyond-seeds', () => {
    const beyond = operations
      .filter((o) => (o.op as { 'x-source'?: string })['x-source'] === 'beyond-seeds')
      .map((o) => o.op['x-operation-number']);
    const after37 = operations.map((o) => o.op['x-operation-number']).filter((n) => Number(n.slice(1)) > 37);
    expect(beyond.sort()).toEqual(after37.sort());
    expect(beyond.length).toBeGreaterThan(0);
  });

  it('models matrix parameters with x-matrix-parameters', () => {
    const matrix = Object.fromEntries(
      operations
        .filter((o) => o.op['x-matrix-parameters'])
        .map((o) => [o.op.operationId, o.op['x-matrix-parameters']?.map((m) => m.name)]),
    );
    expect(matrix).toEqual({
      createPoc: ['makeLink'],
      deletePocPhone: ['type'],
      addOrgPoc: ['pocFunction'],
      removeOrgPoc: ['pocFunction'],
      listTickets: ['ticketType', 'ticketStatus'],
      listTicketSummaries: ['ticketType', 'ticketStatus'],
      createSignedRoa: ['resourceClass'],
    });
  });

  it('documents 400 with the ErrorPayload on every operation and 413 on getTicket', () => {
    for (const { op } of operations)
      expect(op.responses['400'], op.operationId).toEqual({ $ref: '#/components/responses/Error400' });
    expect(operations.find((o) => o.op.operationId === 'getTicket')?.op.responses['413']).toBeDefined();
  });

  it('lints clean with Redocly and the committed ruleset', () => {
    const res = spawnSync(
      'npx',
      [
        '--no-install',
        'redocly',
        'lint',
        '--config',
        'redocly.yaml',
        '--max-problems',
        '50',
        'arin/reg-rws.openapi.yaml',
      ],
      {
        cwd: join(arinDir, '..'),
        encoding: 'utf8',
      },
    );
    expect(res.stdout + res.stderr).toMatch(/Your API description is valid/);
    expect(res.stdout + res.stderr).not.toMatch(/You have \d+ warning|error \(/i);
    expect(res.status).toBe(0);
  });
});
