// Type tests, checked by `tsc` (the package's typecheck target): responses require what ARIN
// always returns; request forms leave it optional, and create forms leave read-only fields out.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ArinClient,
  ArinOperationTypes,
  Customer,
  CustomerCreate,
  CustomerInput,
  Net,
  NetBlock,
  NetBlockInput,
  NetCreate,
  NetInput,
  Org,
  OrgCreate,
  OrgInput,
  Poc,
  PocCreate,
  PocInput,
  Ticket,
  TicketedRequest,
  TicketInput,
} from '../src/index.js';

declare const arin: ArinClient;

describe('response types: what ARIN always returns is required', () => {
  it('a POC read through the facade has its handle and registration date', async () => {
    const poc = await arin.poc.get('JD1-ARIN');
    const h: string = poc.handle;
    expectTypeOf(h).toEqualTypeOf<string>();
    expectTypeOf((await arin.poc.get('JD1-ARIN')).handle).toEqualTypeOf<string>();
    expectTypeOf(poc).toEqualTypeOf<Poc>();
    expectTypeOf<Poc['registrationDate']>().toEqualTypeOf<string>();
    expectTypeOf<Pick<Poc, 'handle' | 'registrationDate'>>().toEqualTypeOf<{
      readonly handle: string;
      readonly registrationDate: string;
    }>();
    // what ARIN does not always return stays optional
    expectTypeOf<Poc['lastModified']>().toEqualTypeOf<string | undefined>();
  });

  it('org, customer and net: handle and registration date', () => {
    expectTypeOf<Org['handle']>().toEqualTypeOf<string>();
    expectTypeOf<Org['registrationDate']>().toEqualTypeOf<string>();
    expectTypeOf<Customer['handle']>().toEqualTypeOf<string>();
    expectTypeOf<Customer['registrationDate']>().toEqualTypeOf<string>();
    expectTypeOf<Net['handle']>().toEqualTypeOf<string>();
    expectTypeOf<Net['registrationDate']>().toEqualTypeOf<string>();
  });

  it("a net's blocks with start, end and CIDR length", () => {
    expectTypeOf<Net['netBlocks']>().toEqualTypeOf<NetBlock[]>();
    expectTypeOf<NetBlock['startAddress']>().toEqualTypeOf<string>();
    expectTypeOf<NetBlock['endAddress']>().toEqualTypeOf<string>();
    expectTypeOf<NetBlock['cidrLength']>().toEqualTypeOf<number>();
  });

  it('tickets: number, status, type and creation date; resolution and closing dates stay optional', () => {
    expectTypeOf<Ticket['ticketNo']>().toEqualTypeOf<string>();
    // documented values or any string, never undefined
    expectTypeOf<Ticket['webTicketStatus']>().toExtend<string>();
    expectTypeOf<Ticket['webTicketType']>().toExtend<string>();
    expectTypeOf<TicketInput['webTicketStatus']>().not.toExtend<string>();
    expectTypeOf<Ticket['createdDate']>().toEqualTypeOf<string>();
    expectTypeOf<Ticket['resolvedDate']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Ticket['closedDate']>().toEqualTypeOf<string | undefined>();
  });

  it('payloads inside responses are response forms too', async () => {
    const result = await arin.net.reassign('NET-10-0-0-0-1', {
      version: 4,
      netName: 'EXAMPLE',
      netBlocks: [{ startAddress: '10.0.2.0', cidrLength: 24 }],
    });
    expectTypeOf(result).toEqualTypeOf<TicketedRequest>();
    if (result.kind === 'net') expectTypeOf(result.net.handle).toEqualTypeOf<string>();
    else expectTypeOf(result.ticket.ticketNo).toEqualTypeOf<string>();
    expectTypeOf<ArinOperationTypes['getCustomer']['output']>().toEqualTypeOf<Customer>();
    expectTypeOf<ArinOperationTypes['listTickets']['output']>().toEqualTypeOf<Ticket[]>();
  });
});

describe('request types: read-only fields optional or left out', () => {
  it('updates take the input form: what ARIN returns is optional there', () => {
    expectTypeOf<PocInput['handle']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<PocInput['registrationDate']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<OrgInput['handle']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CustomerInput['handle']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NetInput['netBlocks']>().toEqualTypeOf<NetBlockInput[] | undefined>();
    expectTypeOf<NetBlockInput['cidrLength']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<TicketInput['ticketNo']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ArinOperationTypes['updatePoc']['input']['body']>().toEqualTypeOf<PocInput>();
    expectTypeOf(arin.poc.update).parameter(1).toEqualTypeOf<PocInput>();
    expectTypeOf(arin.ticket.update).parameter(1).toEqualTypeOf<TicketInput>();
  });

  it('a response can be sent back as an update', () => {
    expectTypeOf<Poc>().toExtend<PocInput>();
    expectTypeOf<Org>().toExtend<OrgInput>();
    expectTypeOf<Customer>().toExtend<CustomerInput>();
    expectTypeOf<Net>().toExtend<NetInput>();
    expectTypeOf<Ticket>().toExtend<TicketInput>();
    // …but an update body is not a response: it may lack the handle
    expectTypeOf<PocInput>().not.toExtend<Poc>();
  });

  it('create forms have no read-only fields at all', () => {
    expectTypeOf<PocCreate>().not.toHaveProperty('handle');
    expectTypeOf<PocCreate>().not.toHaveProperty('registrationDate');
    expectTypeOf<OrgCreate>().not.toHaveProperty('handle');
    expectTypeOf<CustomerCreate>().not.toHaveProperty('handle');
    expectTypeOf<NetCreate>().not.toHaveProperty('handle');
    expectTypeOf<NetCreate>().not.toHaveProperty('registrationDate');
    expectTypeOf(arin.poc.create).parameter(0).toEqualTypeOf<PocCreate>();
  });
});
