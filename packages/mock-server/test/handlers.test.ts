// One router for both mocks, derived from the generated descriptors: every spec operation has a
// handler, and an operation without one answers 501 with the API's own error body.
import { arinCodec } from '@regkit/arin-client/payloads';
import { afterEach, describe, expect, it } from 'vitest';
import { ARIN_HANDLED_OPERATION_IDS, ARIN_OPERATION_IDS } from '../src/arin/http.js';
import { HELPDESK_HANDLED_OPERATION_IDS, HELPDESK_OPERATION_IDS } from '../src/helpdesk/http.js';
import { arinHandlers, helpdeskHandlers, startArinMock, startHelpdeskMock } from '../src/index.js';
import { KEY } from './arinHttp.js';
import { requestToken, TECH } from './helpdeskHttp.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe('handlers by operationId', () => {
  it('the ARIN mock has a handler for every operation of the spec', () => {
    expect(ARIN_OPERATION_IDS).toHaveLength(72);
    expect(ARIN_HANDLED_OPERATION_IDS).toEqual(ARIN_OPERATION_IDS);
    expect(Object.keys(arinHandlers).sort()).toEqual([...ARIN_OPERATION_IDS].sort());
  });

  it('the helpdesk mock has a handler for every operation of the spec', () => {
    expect(HELPDESK_HANDLED_OPERATION_IDS).toEqual([
      'requestToken',
      'getTicket',
      'updateTicket',
      'listTicketAttachments',
      'listTicketNotes',
      'getNote',
      'listTicketAssignments',
      'changeTicketStatus',
      'addTicketNote',
      'createTicket',
      'closeTicket',
      'deleteTicket',
      'listTicketTemplates',
    ]);
    expect(HELPDESK_HANDLED_OPERATION_IDS).toEqual(HELPDESK_OPERATION_IDS);
  });

  it('ARIN: an operation without a handler answers 501 with an ErrorPayload; the others still run', async () => {
    const { getPoc: _, ...others } = arinHandlers;
    const mock = await startArinMock({ handlers: others });
    closers.push(() => mock.close());
    const res = await fetch(`${mock.baseUrl}/poc/JD1-ARIN?apikey=${KEY}`);
    expect(res.status).toBe(501);
    expect(res.headers.get('content-type')).toBe('application/xml');
    expect(arinCodec().decode(await res.text(), 'error')).toEqual({
      message: 'The mock server has no rule for getPoc.',
      code: 'E_NOT_IMPLEMENTED',
      components: [],
      additionalInfo: [],
    });
    expect((await fetch(`${mock.baseUrl}/org/EXAMPLE-1?apikey=${KEY}`)).status).toBe(200);
  });

  it('helpdesk: an operation without a handler answers 501 with { Message }', async () => {
    const { listTicketTemplates: _, ...others } = helpdeskHandlers;
    const mock = await startHelpdeskMock({ handlers: others });
    closers.push(() => mock.close());
    const token = await requestToken(mock.baseUrl, { grant_type: 'password', ...TECH });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const res = await fetch(`${mock.baseUrl}/tickets/Templates`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(res.status).toBe(501);
    expect(await res.json()).toEqual({ Message: 'The mock server has no rule for listTicketTemplates.' });
  });
});
