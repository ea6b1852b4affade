import {
  arinCodec,
  CustomerSchema,
  DelegationSchema,
  MessageSchema,
  NetSchema,
  OrgSchema,
  PhoneSchema,
  PocSchema,
  RoaSchema,
  RpkiTransactionSchema,
  TicketSchema,
  type ErrorPayload,
} from '@regkit/arin-client/payloads';
import { DecodeError } from '@regkit/core';
import type { MockRequest, MockResponse } from '../http/server.js';
import { ArinRuleError, INVALID_KEY, Problems } from './errors.js';
import { checkFieldLengths } from './limits.js';
import { callerOf, type Caller } from './rules/context.js';
import { delegationRules } from './rules/delegation.js';
import { netRules } from './rules/net.js';
import { netLookupRules } from './rules/netLookup.js';
import { removeNet } from './rules/netRemove.js';
import { reportRules } from './rules/reports.js';
import { roaRules } from './rules/roa.js';
import { customerRules, orgRules } from './rules/org.js';
import { pocRules } from './rules/poc.js';
import { ticketRules } from './rules/ticket.js';
import { ticketExtraRules } from './rules/ticketExtras.js';
import type { ArinState } from './state.js';

type Schema = {
  safeParse(value: unknown): {
    success: boolean;
    data?: unknown;
    error?: { issues: { path: PropertyKey[]; message: string; code?: string }[] };
  };
};

/** zod issue codes of facet checks (pattern, length) rather than of the payload's shape. */
const FACET_CODES = new Set(['invalid_format', 'too_small', 'too_big']);

interface Ctx {
  readonly caller: Caller;
  readonly params: Record<string, string>;
  readonly matrix: Record<string, string>;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

type Result =
  | { element: string; value: unknown }
  | { collectionOf: string; values: unknown[] }
  | { bytes: Uint8Array; filename: string }
  | { empty: true };

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly operationId: string;
  readonly body?: { element: string; schema: Schema };
  readonly run: (ctx: Ctx) => Result;
  /** Path parameters the document lets the caller leave empty (`/phone/;type=F`). */
  readonly emptyParams?: readonly string[];
}

const el =
  (element: string) =>
  (value: unknown): Result => ({ element, value });
const list =
  (collectionOf: string) =>
  (values: unknown[]): Result => ({ collectionOf, values });
const route = (
  method: string,
  path: string,
  operationId: string,
  run: (ctx: Ctx) => Result,
  body?: Route['body'],
  emptyParams?: readonly string[],
): Route => ({
  method,
  segments: path.split('/').filter(Boolean),
  operationId,
  run,
  ...(body ? { body } : {}),
  ...(emptyParams ? { emptyParams } : {}),
});

function booleanParam(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ArinRuleError(400, 'E_BAD_REQUEST', `The parameter ${name} must be true or false.`);
}

const ROUTES: readonly Route[] = [
  route('GET', 'poc/:pocHandle', 'getPoc', (c) =>
    el('poc')(pocRules.get(c.caller, c.params.pocHandle as string)),
  ),
  route(
    'POST',
    'poc',
    'createPoc',
    (c) =>
      el('poc')(
        pocRules.create(c.caller, c.body as never, booleanParam(c.matrix.makeLink, 'makeLink') ?? false),
      ),
    { element: 'poc', schema: PocSchema },
  ),
  route(
    'PUT',
    'poc/:pocHandle',
    'updatePoc',
    (c) => el('poc')(pocRules.update(c.caller, c.params.pocHandle as string, c.body as never)),
    { element: 'poc', schema: PocSchema },
  ),
  route('DELETE', 'poc/:pocHandle', 'deletePoc', (c) =>
    el('poc')(pocRules.delete(c.caller, c.params.pocHandle as string)),
  ),
  route(
    'PUT',
    'poc/:pocHandle/phone',
    'addPocPhone',
    (c) => el('phone')(pocRules.addPhone(c.caller, c.params.pocHandle as string, c.body as never)),
    { element: 'phone', schema: PhoneSchema },
  ),
  route(
    'DELETE',
    'poc/:pocHandle/phone/:number',
    'deletePocPhone',
    (c) =>
      list('phone')(
        pocRules.deletePhone(
          c.caller,
          c.params.pocHandle as string,
          c.params.number as string,
          c.matrix.type,
        ),
      ),
    undefined,
    ['number'],
  ),
  route('POST', 'poc/:pocHandle/email/:email', 'addPocEmail', (c) =>
    el('poc')(pocRules.addEmail(c.caller, c.params.pocHandle as string, c.params.email as string)),
  ),
  route('DELETE', 'poc/:pocHandle/email/:email', 'deletePocEmail', (c) =>
    el('poc')(pocRules.deleteEmail(c.caller, c.params.pocHandle as string, c.params.email as string)),
  ),
  route('GET', 'org/:orgHandle', 'getOrg', (c) =>
    el('org')(orgRules.get(c.caller, c.params.orgHandle as string)),
  ),
  route('POST', 'org', 'createOrg', (c) => el('ticket')(orgRules.create(c.caller, c.body as never)), {
    element: 'org',
    schema: OrgSchema,
  }),
  route(
    'PUT',
    'org/:orgHandle',
    'updateOrg',
    (c) => el('org')(orgRules.update(c.caller, c.params.orgHandle as string, c.body as never)),
    { element: 'org', schema: OrgSchema },
  ),
  route('DELETE', 'org/:orgHandle', 'deleteOrg', (c) =>
    el('org')(orgRules.delete(c.caller, c.params.orgHandle as string)),
  ),
  route('PUT', 'org/:orgHandle/poc/:pocHandle', 'addOrgPoc', (c) =>
    el('org')(
      orgRules.addPoc(
        c.caller,
        c.params.orgHandle as string,
        c.params.pocHandle as string,
        c.matrix.pocFunction,
      ),
    ),
  ),
  route(
    'DELETE',
    'org/:orgHandle/poc/:pocHandle',
    'removeOrgPoc',
    (c) =>
      list('pocLinkRef')(
        orgRules.removePoc(
          c.caller,
          c.params.orgHandle as string,
          c.params.pocHandle as string,
          c.matrix.pocFunction,
        ),
      ),
    undefined,
    ['pocHandle'],
  ),
  route('GET', 'customer/:customerHandle', 'getCustomer', (c) =>
    el('customer')(customerRules.get(c.caller, c.params.customerHandle as string)),
  ),
  route(
    'PUT',
    'customer/:customerHandle',
    'updateCustomer',
    (c) => el('customer')(customerRules.update(c.caller, c.params.customerHandle as string, c.body as never)),
    { element: 'customer', schema: CustomerSchema },
  ),
  route('DELETE', 'customer/:customerHandle', 'deleteCustomer', (c) =>
    el('customer')(customerRules.delete(c.caller, c.params.customerHandle as string)),
  ),
  route('GET', 'net/:netHandle', 'getNet', (c) =>
    el('net')(netRules.get(c.caller, c.params.netHandle as string)),
  ),
  route(
    'PUT',
    'net/:netHandle',
    'updateNet',
    (c) => el('net')(netRules.update(c.caller, c.params.netHandle as string, c.body as never)),
    { element: 'net', schema: NetSchema },
  ),
  route('DELETE', 'net/:netHandle', 'deleteNet', (c) =>
    el('ticketedRequest')(netRules.delete(c.caller, c.params.netHandle as string)),
  ),
  route(
    'POST',
    'net/:parentNetHandle/org',
    'createRecipientOrg',
    (c) =>
      el('org')(netRules.createRecipientOrg(c.caller, c.params.parentNetHandle as string, c.body as never)),
    { element: 'org', schema: OrgSchema },
  ),
  route(
    'POST',
    'net/:parentNetHandle/customer',
    'createRecipientCustomer',
    (c) =>
      el('customer')(customerRules.create(c.caller, c.params.parentNetHandle as string, c.body as never)),
    { element: 'customer', schema: CustomerSchema },
  ),
  route(
    'PUT',
    'net/:parentNetHandle/reassign',
    'reassignNet',
    (c) =>
      el('ticketedRequest')(netRules.reassign(c.caller, c.params.parentNetHandle as string, c.body as never)),
    { element: 'net', schema: NetSchema },
  ),
  route(
    'PUT',
    'net/:parentNetHandle/reallocate',
    'reallocateNet',
    (c) =>
      el('ticketedRequest')(
        netRules.reallocate(c.caller, c.params.parentNetHandle as string, c.body as never),
      ),
    { element: 'net', schema: NetSchema },
  ),
  route('GET', 'net/:netHandle/delegations', 'listNetDelegations', (c) =>
    list('delegation')(netRules.delegations(c.caller, c.params.netHandle as string)),
  ),
  route('GET', 'net/parentNet/:startAddress/:endAddress', 'getParentNet', (c) =>
    el('net')(
      netLookupRules.parentNet(c.caller, c.params.startAddress as string, c.params.endAddress as string),
    ),
  ),
  route('GET', 'net/mostSpecificNet/:startAddress/:endAddress', 'getMostSpecificNet', (c) =>
    el('net')(
      netLookupRules.mostSpecificNet(
        c.caller,
        c.params.startAddress as string,
        c.params.endAddress as string,
      ),
    ),
  ),
  route('GET', 'net/netsByIpRange/:startAddress/:endAddress', 'listNetsByIpRange', (c) =>
    list('net')(
      netLookupRules.netsByIpRange(c.caller, c.params.startAddress as string, c.params.endAddress as string),
    ),
  ),
  route(
    'PUT',
    'net/:netHandle/remove',
    'removeNet',
    (c) => el('ticketedRequest')(removeNet(c.caller, c.params.netHandle as string, c.body as never)),
    { element: 'net', schema: NetSchema },
  ),
  route(
    'POST',
    'roa/:orgHandle',
    'createSignedRoa',
    (c) =>
      el('ticketedRequest')(
        roaRules.createSigned(
          c.caller,
          c.params.orgHandle as string,
          c.matrix.resourceClass,
          c.body as never,
        ),
      ),
    { element: 'roa', schema: RoaSchema },
  ),
  route('GET', 'roa/:orgHandle', 'listRoas', (c) =>
    list('roaSpec')(roaRules.list(c.caller, c.params.orgHandle as string)),
  ),
  route(
    'POST',
    'rpki/:orgHandle',
    'submitRpkiTransaction',
    (c) => {
      roaRules.transact(c.caller, c.params.orgHandle as string, c.body as never);
      return { empty: true };
    },
    { element: 'rpkiTransaction', schema: RpkiTransactionSchema },
  ),
  route('GET', 'report/whoWas/asn/:asNumber', 'requestWhoWasAsnReport', (c) =>
    el('ticket')(reportRules.whoWasAsn(c.caller, c.params.asNumber as string)),
  ),
  route('GET', 'report/whoWas/net/:ipAddress', 'requestWhoWasNetReport', (c) =>
    el('ticket')(reportRules.whoWasNet(c.caller, c.params.ipAddress as string)),
  ),
  route('GET', 'report/associations', 'requestAssociationsReport', (c) =>
    el('ticket')(reportRules.associations(c.caller)),
  ),
  route('GET', 'report/reassignment/:netHandle', 'requestReassignmentReport', (c) =>
    el('ticket')(reportRules.reassignment(c.caller, c.params.netHandle as string)),
  ),
  route('GET', 'delegation/:name', 'getDelegation', (c) =>
    el('delegation')(delegationRules.get(c.caller, c.params.name as string)),
  ),
  route(
    'PUT',
    'delegation/:name',
    'updateDelegation',
    (c) => el('delegation')(delegationRules.update(c.caller, c.params.name as string, c.body as never)),
    { element: 'delegation', schema: DelegationSchema },
  ),
  route('POST', 'delegation/:name/nameserver/:nameserver', 'addDelegationNameserver', (c) => {
    const ttl = c.query.get('ttl');
    if (ttl !== null && !/^\d+$/.test(ttl))
      throw new ArinRuleError(400, 'E_BAD_REQUEST', 'The parameter ttl must be a number of seconds.');
    return el('delegation')(
      delegationRules.addNameserver(
        c.caller,
        c.params.name as string,
        c.params.nameserver as string,
        ttl === null ? undefined : Number(ttl),
      ),
    );
  }),
  route('DELETE', 'delegation/:name/nameserver/:nameserver', 'removeDelegationNameserver', (c) =>
    el('delegation')(
      delegationRules.removeNameserver(c.caller, c.params.name as string, c.params.nameserver as string),
    ),
  ),
  route('DELETE', 'delegation/:name/nameservers', 'removeDelegationNameservers', (c) =>
    el('delegation')(delegationRules.removeNameservers(c.caller, c.params.name as string)),
  ),
  route('GET', 'ticket/summary', 'listTicketSummaries', (c) =>
    list('ticket')(ticketRules.list(c.caller, c.matrix.ticketType, c.matrix.ticketStatus, false)),
  ),
  route('GET', 'ticket/:ticketNo', 'getTicket', (c) =>
    el('ticket')(
      ticketRules.get(
        c.caller,
        c.params.ticketNo as string,
        booleanParam(c.query.get('msgRefs') ?? undefined, 'msgRefs') ?? false,
      ),
    ),
  ),
  route('GET', 'ticket/:ticketNo/summary', 'getTicketSummary', (c) =>
    el('ticket')(ticketRules.summary(c.caller, c.params.ticketNo as string)),
  ),
  route('GET', 'ticket', 'listTickets', (c) =>
    list('ticket')(ticketRules.list(c.caller, c.matrix.ticketType, c.matrix.ticketStatus, true)),
  ),
  route('GET', 'ticket/:ticketNo/message/:messageId', 'getTicketMessage', (c) =>
    el('message')(ticketRules.message(c.caller, c.params.ticketNo as string, c.params.messageId as string)),
  ),
  route('GET', 'ticket/:ticketNo/message/:messageId/attachment/:attachmentId', 'getTicketAttachment', (c) =>
    ticketExtraRules.attachment(
      c.caller,
      c.params.ticketNo as string,
      c.params.messageId as string,
      c.params.attachmentId as string,
    ),
  ),
  route('PUT', 'ticket/:ticketNo/ticketStatus/:ticketStatus', 'updateTicketStatus', (c) =>
    el('ticket')(
      ticketExtraRules.setStatus(
        c.caller,
        c.params.ticketNo as string,
        c.params.ticketStatus as string,
        booleanParam(c.query.get('msgRefs') ?? undefined, 'msgRefs') ?? false,
      ),
    ),
  ),
  route(
    'PUT',
    'ticket/:ticketNo/message',
    'addTicketMessage',
    (c) => el('message')(ticketRules.addMessage(c.caller, c.params.ticketNo as string, c.body as never)),
    { element: 'message', schema: MessageSchema },
  ),
  route(
    'PUT',
    'ticket/:ticketNo',
    'updateTicket',
    (c) => el('ticket')(ticketRules.update(c.caller, c.params.ticketNo as string, c.body as never)),
    { element: 'ticket', schema: TicketSchema },
  ),
];

const XML = { 'content-type': 'application/xml' };

export function arinError(
  status: number,
  code: string,
  message: string,
  components: readonly NonNullable<ErrorPayload['components']>[number][] = [],
  headers: Record<string, string> = {},
): MockResponse {
  const payload: ErrorPayload = { message, code, components: [...components], additionalInfo: [] };
  return { status, headers: { ...XML, ...headers }, body: arinCodec().encode('error', payload) };
}

/** Percent-decodes a path part; control characters (NUL included) are no part of any handle. */
function decodePart(text: string): string {
  const value = decodeURIComponent(text);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f)
      throw new ArinRuleError(400, 'E_BAD_REQUEST', 'The URL path contains a control character.');
  }
  return value;
}

/** ARIN's attachment download: the bytes, with the file name in Content-Disposition. */
function binaryResponse(bytes: Uint8Array, filename: string): MockResponse {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    },
    body: bytes,
  };
}

function splitSegment(segment: string): { name: string; matrix: Record<string, string> } {
  const [name = '', ...params] = segment.split(';');
  const matrix: Record<string, string> = {};
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) throw new ArinRuleError(400, 'E_BAD_REQUEST', `The matrix parameter ${p} has no value.`);
    matrix[decodePart(p.slice(0, eq))] = decodePart(p.slice(eq + 1));
  }
  return { name: decodePart(name), matrix };
}

const matchesRoute = (r: Route, names: readonly string[]) =>
  r.segments.length === names.length &&
  r.segments.every((s, i) =>
    s.startsWith(':') ? names[i] !== '' || !!r.emptyParams?.includes(s.slice(1)) : s === names[i],
  );

function apiKeyOf(request: MockRequest): string | undefined {
  for (const name of new Set(request.url.searchParams.keys())) {
    if (name !== 'apikey' && name.toLowerCase() === 'apikey')
      throw new ArinRuleError(
        400,
        'E_AUTHENTICATION',
        `${INVALID_KEY} The parameter is named apikey, not ${name}.`,
      );
  }
  const query = request.url.searchParams.get('apikey');
  if (query !== null) return query;
  const header = request.headers.authorization;
  const m = typeof header === 'string' ? /^ApiKey\s+(\S+)$/.exec(header) : null;
  return m?.[1];
}

function decodeBody(
  state: ArinState,
  route: Route & { body: NonNullable<Route['body']> },
  request: MockRequest,
): unknown {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/xml' && type !== 'text/xml') {
    throw new ArinRuleError(
      415,
      'E_UNSUPPORTED_MEDIA_TYPE',
      `The content type ${type || '(none)'} is not supported; send application/xml.`,
    );
  }
  // The codec trims text, but ARIN parses cidrLength as an integer and refuses " 24 ".
  for (const m of request.body.matchAll(/<(?:[A-Za-z0-9_-]+:)?cidrLength>([^<]*)</g))
    if (m[1] !== m[1]?.trim())
      new Problems().add('cidrLength', `"${m[1]}" is not a decimal prefix length.`).throwIfAny();
  let value: unknown;
  try {
    value = arinCodec().decode(request.body, route.body.element);
  } catch (error) {
    if (error instanceof DecodeError)
      throw new ArinRuleError(
        400,
        'E_SCHEMA_VALIDATION',
        `Payload failed schema validation: ${error.message}`,
      );
    throw error;
  }
  const parsed = route.body.schema.safeParse(value);
  if (!parsed.success) {
    // ARIN's own schema types addresses and prefix lengths as plain text and refuses bad ones in its
    // entity rules; the facets our XSD adds for clients (patterns, lengths) answer the same way here.
    const issues = parsed.error?.issues ?? [];
    if (issues.length > 0 && issues.every((i) => FACET_CODES.has(i.code ?? '')))
      throw new ArinRuleError(
        400,
        'E_ENTITY_VALIDATION',
        'Payload has invalid values.',
        issues.map((i) => ({ name: String(i.path.at(-1) ?? route.body.element), message: i.message })),
      );
    const components = (parsed.error?.issues ?? []).map((i) => ({
      name: i.path.map(String).join('.') || route.body.element,
      message: i.message,
    }));
    throw new ArinRuleError(400, 'E_SCHEMA_VALIDATION', 'Payload failed schema validation.', components);
  }
  checkFieldLengths(parsed.data, state.settings.maxFieldLength);
  return parsed.data;
}

/** The route of a request, with its path values and matrix parameters; throws ArinRuleError when none. */
function routeOf(request: MockRequest) {
  const raw = request.rawPath.split('/').slice(1);
  if (raw[0] !== 'rest')
    throw new ArinRuleError(
      405,
      'E_METHOD_NOT_ALLOWED',
      `${request.method} ${request.url.pathname} is not a Reg-RWS resource.`,
    );
  const parts = raw.slice(1).map(splitSegment);
  // A trailing slash is forgiven, unless it stands for an empty parameter a route allows.
  if (raw.length > 2 && raw[raw.length - 1] === '') {
    const all = parts.map((p) => p.name);
    if (!ROUTES.some((r) => matchesRoute(r, all))) parts.pop();
  }
  const names = parts.map((p) => p.name);
  const matrix = parts.length ? (parts[parts.length - 1] as { matrix: Record<string, string> }).matrix : {};
  const candidates = ROUTES.filter((r) => matchesRoute(r, names));
  // The most specific route wins (`ticket/summary` over `ticket/:ticketNo`).
  const byMethod = candidates
    .filter((r) => r.method === request.method)
    .sort(
      (a, b) =>
        a.segments.filter((s) => s.startsWith(':')).length -
        b.segments.filter((s) => s.startsWith(':')).length,
    );
  const match = byMethod[0];
  if (!match)
    throw new ArinRuleError(
      405,
      'E_METHOD_NOT_ALLOWED',
      `The method ${request.method} is not allowed for ${request.url.pathname}.`,
    );
  return { match, names, matrix };
}

/** The operation id a request would run, or undefined when it matches none. */
export function arinOperationOf(request: MockRequest): string | undefined {
  try {
    return routeOf(request).match.operationId;
  } catch {
    return undefined;
  }
}

/** Answers one Reg-RWS request against the state: parse, authenticate, run the rule, encode. */
export function handleArinRequest(state: ArinState, request: MockRequest): MockResponse {
  try {
    const { match, names, matrix } = routeOf(request);
    const caller = callerOf(state, apiKeyOf(request));
    const params: Record<string, string> = {};
    match.segments.forEach((s, i) => s.startsWith(':') && (params[s.slice(1)] = names[i] as string));
    const body = match.body
      ? decodeBody(state, match as Route & { body: NonNullable<Route['body']> }, request)
      : undefined;
    const result = match.run({ caller, params, matrix, query: request.url.searchParams, body });
    if ('bytes' in result) return binaryResponse(result.bytes, result.filename);
    if ('empty' in result) return { status: 200 };
    const xml =
      'element' in result
        ? arinCodec().encode(result.element, result.value)
        : arinCodec().encodeCollection(result.collectionOf, result.values);
    return { status: 200, headers: XML, body: xml };
  } catch (error) {
    if (error instanceof ArinRuleError)
      return arinError(error.status, error.code, error.message, error.components);
    if (error instanceof URIError)
      return arinError(400, 'E_BAD_REQUEST', 'The URL is not correctly percent-encoded.');
    throw error;
  }
}

export const ARIN_OPERATION_IDS = ROUTES.map((r) => r.operationId);
