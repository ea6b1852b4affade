import { ValidationError } from '@regkit/core';
import { ArinApiError } from './arinApiError.js';
import { ArinTransport, type ArinCallOptions, type ArinClientOptions } from './client.js';
import type {
  Customer,
  CustomerCreate,
  Delegation,
  Message,
  MessageCreate,
  Net,
  NetCreate,
  Org,
  OrgCreate,
  Phone,
  PhoneCreate,
  Poc,
  PocCreate,
  PocLinkRef,
  Roa,
  RoaSpec,
  RpkiTransaction,
  Ticket,
  TicketedRequest,
} from './generated/types.gen.js';

export type PocFunction = 'AD' | 'AB' | 'N' | 'T' | 'R' | 'D';
export type PhoneTypeCode = 'O' | 'F' | 'M';

export interface TicketFilter {
  /** `ticketType` matrix parameter (IPV4_SIMPLE_REASSIGN, ORG_CREATE, …, ANY). */
  readonly type?: string;
  /** `ticketStatus` matrix parameter (PENDING_REVIEW, RESOLVED, …, ANY, ANY_OPEN). */
  readonly status?: string;
}

export interface GetTicketOptions extends ArinCallOptions {
  /** Return message references instead of messages. */
  readonly msgRefs?: boolean;
  /**
   * When ARIN answers 413 (attachments too large), ask again with `msgRefs: true` instead of
   * throwing. Off by default.
   */
  readonly retryWithMsgRefsOnTooLarge?: boolean;
}

/**
 * A typed client of ARIN's Registration RESTful Web Service (Reg-RWS).
 *
 * ```ts
 * const arin = new ArinClient({ apiKey: process.env.ARIN_API_KEY! }); // OT&E by default
 * const poc = await arin.poc.get('JD1-ARIN');
 * ```
 */
export class ArinClient {
  readonly #t: ArinTransport;
  /** The base URL in use. */
  readonly baseUrl: string;

  constructor(options: ArinClientOptions) {
    this.#t = new ArinTransport(options);
    this.baseUrl = this.#t.baseUrl;
  }

  /** Any operation by its operationId, with typed input and output. */
  get call(): ArinTransport['call'] {
    return this.#t.call.bind(this.#t);
  }

  /** Points of contact (A1–A8). */
  readonly poc = {
    /** A1: the POC with this handle. */
    get: (pocHandle: string, options?: ArinCallOptions): Promise<Poc> =>
      this.#t.call('getPoc', { pocHandle }, options),
    /** A2: create a POC; with `makeLink: true` it is linked to the key's web user. Returns it with its new handle. */
    create: (poc: PocCreate, options?: ArinCallOptions & { makeLink?: boolean }): Promise<Poc> =>
      this.#t.call('createPoc', { body: poc, makeLink: options?.makeLink }, options),
    /** A3: replace the POC (phones and emails sent replace all current ones). */
    update: (pocHandle: string, poc: Poc, options?: ArinCallOptions): Promise<Poc> =>
      this.#t.call('updatePoc', { pocHandle, body: poc }, options),
    /** A4: delete the POC; returns the removed record. */
    delete: (pocHandle: string, options?: ArinCallOptions): Promise<Poc> =>
      this.#t.call('deletePoc', { pocHandle }, options),
    /** A5: add a phone. */
    addPhone: (pocHandle: string, phone: PhoneCreate, options?: ArinCallOptions): Promise<Phone> =>
      this.#t.call('addPocPhone', { pocHandle, body: phone }, options),
    /**
     * A6: remove a phone number (of one type, or of every type); returns the removed phones, `[]` when
     * none matched. An empty `number` removes every phone of `type` (every phone without a type).
     */
    deletePhone: (
      pocHandle: string,
      number: string,
      options?: ArinCallOptions & { type?: PhoneTypeCode },
    ): Promise<Phone[]> =>
      this.#t.call('deletePocPhone', { pocHandle, number, type: options?.type }, options),
    /** A7: add an email address; returns the POC. */
    addEmail: (pocHandle: string, email: string, options?: ArinCallOptions): Promise<Poc> =>
      this.#t.call('addPocEmail', { pocHandle, email }, options),
    /** A8: remove an email address; returns the POC. */
    deleteEmail: (pocHandle: string, email: string, options?: ArinCallOptions): Promise<Poc> =>
      this.#t.call('deletePocEmail', { pocHandle, email }, options),
  };

  /** Organizations (A9–A14). */
  readonly org = {
    /** A9: the org with this handle. */
    get: (orgHandle: string, options?: ArinCallOptions): Promise<Org> =>
      this.#t.call('getOrg', { orgHandle }, options),
    /** A10: request a new org; ARIN staff review it, so the result is an ORG_CREATE ticket. */
    create: (org: OrgCreate, options?: ArinCallOptions): Promise<Ticket> =>
      this.#t.call('createOrg', { body: org }, options),
    /** A11: replace the org (POC links sent replace all current links). */
    update: (orgHandle: string, org: Org, options?: ArinCallOptions): Promise<Org> =>
      this.#t.call('updateOrg', { orgHandle, body: org }, options),
    /** A12: delete the org; 409 while resources are linked to it. */
    delete: (orgHandle: string, options?: ArinCallOptions): Promise<Org> =>
      this.#t.call('deleteOrg', { orgHandle }, options),
    /** A13: link a POC with a function (AD replaces the current Admin). */
    addPoc: (
      orgHandle: string,
      pocHandle: string,
      pocFunction: PocFunction,
      options?: ArinCallOptions,
    ): Promise<Org> => this.#t.call('addOrgPoc', { orgHandle, pocHandle, pocFunction }, options),
    /**
     * A14: unlink a POC (from one function, or from all); returns the removed links. An empty
     * `pocHandle` with a `pocFunction` removes every link of that function; one of the two is required.
     */
    removePoc: async (
      orgHandle: string,
      pocHandle: string,
      pocFunction?: PocFunction,
      options?: ArinCallOptions,
    ): Promise<PocLinkRef[]> => {
      if (!pocHandle && pocFunction === undefined)
        throw new ValidationError(
          [{ path: 'pocHandle', message: 'give the POC handle, the pocFunction, or both' }],
          { what: 'Invalid request parameter' },
        );
      return this.#t.call('removeOrgPoc', { orgHandle, pocHandle, pocFunction }, options);
    },
  };

  /** Customers (A15–A17, A22). */
  readonly customer = {
    /** A15: the customer with this handle. */
    get: (customerHandle: string, options?: ArinCallOptions): Promise<Customer> =>
      this.#t.call('getCustomer', { customerHandle }, options),
    /** A22: create a customer under a parent net, to receive a simple reassignment. */
    create: (
      parentNetHandle: string,
      customer: CustomerCreate,
      options?: ArinCallOptions,
    ): Promise<Customer> =>
      this.#t.call('createRecipientCustomer', { parentNetHandle, body: customer }, options),
    /** A16: replace the customer. */
    update: (customerHandle: string, customer: Customer, options?: ArinCallOptions): Promise<Customer> =>
      this.#t.call('updateCustomer', { customerHandle, body: customer }, options),
    /** A17: delete the customer; 409 while a net is reassigned to it. */
    delete: (customerHandle: string, options?: ArinCallOptions): Promise<Customer> =>
      this.#t.call('deleteCustomer', { customerHandle }, options),
  };

  /** Networks (A18–A25; A38–A41 are beyond the source documents). */
  readonly net = {
    /** A18: the net with this handle. */
    get: (netHandle: string, options?: ArinCallOptions): Promise<Net> =>
      this.#t.call('getNet', { netHandle }, options),
    /** A19: change the net's name, comment, POC links or origin ASes. */
    update: (netHandle: string, net: Net, options?: ArinCallOptions): Promise<Net> =>
      this.#t.call('updateNet', { netHandle, body: net }, options),
    /** A20: delete a reallocation or reassignment: `{ kind: 'net' }` when done, `{ kind: 'ticket' }` when it has children. */
    delete: (netHandle: string, options?: ArinCallOptions): Promise<TicketedRequest> =>
      this.#t.call('deleteNet', { netHandle }, options),
    /** A21: create an org to receive a detailed reassignment or reallocation from the parent net. */
    createRecipientOrg: (parentNetHandle: string, org: OrgCreate, options?: ArinCallOptions): Promise<Org> =>
      this.#t.call('createRecipientOrg', { parentNetHandle, body: org }, options),
    /** A22: create a customer to receive a simple reassignment from the parent net. */
    createRecipientCustomer: (
      parentNetHandle: string,
      customer: CustomerCreate,
      options?: ArinCallOptions,
    ): Promise<Customer> =>
      this.#t.call('createRecipientCustomer', { parentNetHandle, body: customer }, options),
    /** A23: reassign a block (simple with `customerHandle`, detailed with `orgHandle`). */
    reassign: (
      parentNetHandle: string,
      net: NetCreate,
      options?: ArinCallOptions,
    ): Promise<TicketedRequest> => this.#t.call('reassignNet', { parentNetHandle, body: net }, options),
    /** A24: reallocate a block to an org. */
    reallocate: (
      parentNetHandle: string,
      net: NetCreate,
      options?: ArinCallOptions,
    ): Promise<TicketedRequest> => this.#t.call('reallocateNet', { parentNetHandle, body: net }, options),
    /** A25: the reverse DNS delegations of the net. */
    delegations: (netHandle: string, options?: ArinCallOptions): Promise<Delegation[]> =>
      this.#t.call('listNetDelegations', { netHandle }, options),
    /** A38: the parent net of the range `startAddress`–`endAddress` (404 when no net covers it). */
    parentOf: (startAddress: string, endAddress: string, options?: ArinCallOptions): Promise<Net> =>
      this.#t.call('getParentNet', { startAddress, endAddress }, options),
    /** A39: the most specific net covering the whole range (404 when none). */
    mostSpecific: (startAddress: string, endAddress: string, options?: ArinCallOptions): Promise<Net> =>
      this.#t.call('getMostSpecificNet', { startAddress, endAddress }, options),
    /** A40: the nets registered within the range, outer nets first (404 when there is none). */
    within: (startAddress: string, endAddress: string, options?: ArinCallOptions): Promise<Net[]> =>
      this.#t.call('listNetsByIpRange', { startAddress, endAddress }, options),
    /** A41: remove a reallocation or reassignment, sending its NET payload: `{ kind: 'ticket' }` when it has children. */
    remove: (netHandle: string, net: Net, options?: ArinCallOptions): Promise<TicketedRequest> =>
      this.#t.call('removeNet', { netHandle, body: net }, options),
  };

  /** Reverse DNS delegations (A26–A30). */
  readonly delegation = {
    /** A26: the delegation (`0.0.10.in-addr.arpa.`). */
    get: (name: string, options?: ArinCallOptions): Promise<Delegation> =>
      this.#t.call('getDelegation', { name }, options),
    /** A27: replace nameservers and DS records. */
    update: (name: string, delegation: Delegation, options?: ArinCallOptions): Promise<Delegation> =>
      this.#t.call('updateDelegation', { name, body: delegation }, options),
    /** A28: add a nameserver (409 when it is already there). */
    addNameserver: (
      name: string,
      nameserver: string,
      options?: ArinCallOptions & { ttl?: number },
    ): Promise<Delegation> =>
      this.#t.call('addDelegationNameserver', { name, nameserver, ttl: options?.ttl }, options),
    /** A29: remove a nameserver (409 for the last one while DS records exist). */
    removeNameserver: (name: string, nameserver: string, options?: ArinCallOptions): Promise<Delegation> =>
      this.#t.call('removeDelegationNameserver', { name, nameserver }, options),
    /** A30: remove every nameserver (409 while DS records exist). */
    removeNameservers: (name: string, options?: ArinCallOptions): Promise<Delegation> =>
      this.#t.call('removeDelegationNameservers', { name }, options),
  };

  /** Tickets (A31–A37; A42–A43 are beyond the source documents). */
  readonly ticket = {
    /** A31: the ticket with its messages (or message references with `msgRefs`). */
    get: async (ticketNo: string, options: GetTicketOptions = {}): Promise<Ticket> => {
      try {
        return await this.#t.call('getTicket', { ticketNo, msgRefs: options.msgRefs }, options);
      } catch (error) {
        if (
          options.retryWithMsgRefsOnTooLarge &&
          !options.msgRefs &&
          error instanceof ArinApiError &&
          error.status === 413
        ) {
          return this.#t.call('getTicket', { ticketNo, msgRefs: true }, options);
        }
        throw error;
      }
    },
    /** A32: the ticket without messages. */
    summary: (ticketNo: string, options?: ArinCallOptions): Promise<Ticket> =>
      this.#t.call('getTicketSummary', { ticketNo }, options),
    /** A33: tickets filtered by type and status. */
    list: (filter: TicketFilter = {}, options?: ArinCallOptions): Promise<Ticket[]> =>
      this.#t.call('listTickets', { ticketType: filter.type, ticketStatus: filter.status }, options),
    /** A34: ticket summaries filtered by type and status. */
    listSummaries: (filter: TicketFilter = {}, options?: ArinCallOptions): Promise<Ticket[]> =>
      this.#t.call('listTicketSummaries', { ticketType: filter.type, ticketStatus: filter.status }, options),
    /** A35: one message of a ticket, with attachment references. */
    message: (ticketNo: string, messageId: string | number, options?: ArinCallOptions): Promise<Message> =>
      this.#t.call('getTicketMessage', { ticketNo, messageId: String(messageId) }, options),
    /** A36: add a message to an open ticket. */
    addMessage: (ticketNo: string, message: MessageCreate, options?: ArinCallOptions): Promise<Message> =>
      this.#t.call('addTicketMessage', { ticketNo, body: message }, options),
    /** A37: modify the ticket; only `webTicketStatus: 'CLOSED'` on a RESOLVED ticket is accepted. */
    update: (ticketNo: string, ticket: Ticket, options?: ArinCallOptions): Promise<Ticket> =>
      this.#t.call('updateTicket', { ticketNo, body: ticket }, options),
    /**
     * A42: the bytes of one attachment of a message. The whole body is held in memory; write it
     * to a file with `fs.writeFile(path, bytes)`.
     */
    attachment: (
      ticketNo: string,
      messageId: string | number,
      attachmentId: string,
      options?: ArinCallOptions,
    ): Promise<Uint8Array> =>
      this.#t.call('getTicketAttachment', { ticketNo, messageId: String(messageId), attachmentId }, options),
    /** A43: set the status without a payload; only CLOSED, and only from RESOLVED. */
    setStatus: (
      ticketNo: string,
      ticketStatus: 'CLOSED' | (string & {}),
      options?: ArinCallOptions & { msgRefs?: boolean },
    ): Promise<Ticket> =>
      this.#t.call('updateTicketStatus', { ticketNo, ticketStatus, msgRefs: options?.msgRefs }, options),
    /** A37: close a RESOLVED ticket. */
    close: (ticketNo: string, options?: ArinCallOptions): Promise<Ticket> =>
      this.#t.call('updateTicket', { ticketNo, body: { ticketNo, webTicketStatus: 'CLOSED' } }, options),
  };

  /**
   * Reports (A47–A50, beyond the source documents). Each answers a ticket at once; when ARIN has
   * resolved it, its message carries the report: `ticket.message`, then `ticket.attachment`.
   */
  readonly report = {
    /** A47: WhoWas history of an ASN (the key's user must be authorized for WhoWas). */
    whoWasAsn: (asNumber: string | number, options?: ArinCallOptions): Promise<Ticket> =>
      this.#t.call('requestWhoWasAsnReport', { asNumber: String(asNumber) }, options),
    /** A48: WhoWas history of an IP address (an address, not a handle or a prefix). */
    whoWasNet: (ipAddress: string, options?: ArinCallOptions): Promise<Ticket> =>
      this.#t.call('requestWhoWasNetReport', { ipAddress }, options),
    /** A49: the POCs of the key's web user, their orgs and resources and their roles. */
    associations: (options?: ArinCallOptions): Promise<Ticket> =>
      this.#t.call('requestAssociationsReport', {}, options),
    /** A50: every subdelegation of a direct allocation or reallocation. */
    reassignments: (netHandle: string, options?: ArinCallOptions): Promise<Ticket> =>
      this.#t.call('requestReassignmentReport', { netHandle }, options),
  };

  /** RPKI route origin authorizations (A44–A46, beyond the source documents). */
  readonly roa = {
    /**
     * A44: request a ROA with a signed `roa` payload (see `signRoaRequest`); answers the
     * CREATE_ROA ticket. `resourceClass` is AR (default) or LR for legacy resources.
     */
    createSigned: (
      orgHandle: string,
      roa: Roa,
      options?: ArinCallOptions & { resourceClass?: 'AR' | 'LR' },
    ): Promise<TicketedRequest> =>
      this.#t.call(
        'createSignedRoa',
        { orgHandle, resourceClass: options?.resourceClass ?? 'AR', body: roa },
        options,
      ),
    /** A45: the org's ROAs; `roaHandle` names one for deletion. */
    list: (orgHandle: string, options?: ArinCallOptions): Promise<RoaSpec[]> =>
      this.#t.call('listRoas', { orgHandle }, options),
    /** A46: delete (`roaSpecDelete`) and add (`roaSpecAdd`) ROAs in one all-or-nothing transaction. */
    transact: (orgHandle: string, transaction: RpkiTransaction, options?: ArinCallOptions): Promise<void> =>
      this.#t.call('submitRpkiTransaction', { orgHandle, body: transaction }, options),
  };
}
