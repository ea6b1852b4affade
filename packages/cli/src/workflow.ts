import type { ArinClient } from '@regkit/arin-client';
import type { HelpdeskClient } from '@regkit/helpdesk-client';
import { describeError } from './describeError.js';
import type { Io } from './output.js';
import { formatTable } from './output.js';
import { parseCidrBlock } from '@regkit/arin-client/address';
import { plainAddress } from './blocks.js';

/** Everything the workflow needs to know about the systems it runs against. */
export interface WorkflowSetup {
  /** Said first, so nobody mistakes a run against real endpoints for a demo. */
  description: string;
  arin: ArinClient;
  helpdesk: HelpdeskClient;
  parentNetHandle: string;
  blocks: { simple: string; detailed: string; ticketed: string };
  /** POCs for the recipient org of the detailed reassignment (ARIN needs Admin, Tech and Abuse). */
  recipientOrgPocs: { admin: string; tech: string; abuse: string };
  noteActivityCode: string;
  noteType?: string;
  /** Note type of the closing note (default: noteType). */
  noteResolutionType?: string;
  /** Moves an ARIN ticket to RESOLVED (only the mock server's admin API can do this). */
  resolveArinTicket?: (ticketNo: string) => Promise<void>;
  close(): Promise<void>;
}

interface StepRecord {
  step: string;
  api: 'ARIN' | 'helpdesk';
  operation: string;
  result: string;
}

function netFor(
  block: string,
  parent: string,
  netName: string,
  holder: { customerHandle: string } | { orgHandle: string },
) {
  const parsed = parseCidrBlock(block);
  if (typeof parsed === 'string') throw new Error(parsed);
  return {
    version: parsed.version,
    netName,
    parentNetHandle: parent,
    netBlocks: [{ startAddress: parsed.startAddress, cidrLength: parsed.cidrLength }],
    ...holder,
  };
}

/**
 * The end-to-end story: a simple and a detailed reassignment, a request that becomes an ARIN
 * ticket, a helpdesk ticket that tracks it, and both tickets followed to closed.
 */
export async function runWorkflow(setup: WorkflowSetup, io: Io): Promise<number> {
  const out = (text: string) => io.stdout.write(text + '\n');
  const steps: StepRecord[] = [];
  const record = (r: StepRecord) => {
    steps.push(r);
    out(`   → ${r.result}`);
  };
  const { arin, helpdesk, parentNetHandle: parent } = setup;

  out(`regkit workflow: ${setup.description}\n`);
  try {
    out(`1. Look up the parent net ${parent} (ARIN A18 getNet)`);
    const parentNet = await arin.net.get(parent);
    const range = (parentNet.netBlocks ?? [])
      .map((b) => `${plainAddress(b.startAddress ?? '')}/${b.cidrLength}`)
      .join(', ');
    record({
      step: 'parent net',
      api: 'ARIN',
      operation: 'A18 getNet',
      result: `${parentNet.handle} ${parentNet.netName ?? ''} ${range}`.trim(),
    });

    out(
      `\n2. Simple reassignment: create a customer under ${parent} (A22), then reassign ${setup.blocks.simple} to it (A23)`,
    );
    const customer = await arin.net.createRecipientCustomer(parent, {
      customerName: 'Example Dental Clinic',
      streetAddress: ['1200 Example Avenue', 'Suite 4'],
      city: 'Chantilly',
      stateProvince: 'VA',
      postalCode: '20151',
      country: { code2: 'US' },
    });
    record({
      step: 'customer',
      api: 'ARIN',
      operation: 'A22 createRecipientCustomer',
      result: `customer ${customer.handle} (${customer.customerName})`,
    });
    const simple = await arin.net.reassign(
      parent,
      netFor(setup.blocks.simple, parent, 'EXAMPLE-DENTAL', { customerHandle: customer.handle }),
    );
    if (simple.kind !== 'net')
      throw new Error(
        `the simple reassignment became ticket ${simple.ticket.ticketNo} instead of completing at once`,
      );
    record({
      step: 'simple reassign',
      api: 'ARIN',
      operation: 'A23 reassignNet',
      result: `net ${simple.net.handle} ${setup.blocks.simple}, processed at once`,
    });

    out(
      `\n3. Detailed reassignment: create a recipient org (A21), then reassign ${setup.blocks.detailed} to it (A23)`,
    );
    const org = await arin.net.createRecipientOrg(parent, {
      orgName: 'Example Logistics LLC',
      streetAddress: ['77 Harbor Road'],
      city: 'Norfolk',
      stateProvince: 'VA',
      postalCode: '23510',
      country: { code2: 'US' },
      pocLinks: [
        { function: 'AD', handle: setup.recipientOrgPocs.admin },
        { function: 'T', handle: setup.recipientOrgPocs.tech },
        { function: 'AB', handle: setup.recipientOrgPocs.abuse },
      ],
    });
    record({
      step: 'recipient org',
      api: 'ARIN',
      operation: 'A21 createRecipientOrg',
      result: `org ${org.handle} (${org.orgName})`,
    });
    const detailed = await arin.net.reassign(
      parent,
      netFor(setup.blocks.detailed, parent, 'EXAMPLE-LOGISTICS', { orgHandle: org.handle }),
    );
    record({
      step: 'detailed reassign',
      api: 'ARIN',
      operation: 'A23 reassignNet',
      result:
        detailed.kind === 'net'
          ? `net ${detailed.net.handle} ${setup.blocks.detailed}, processed at once`
          : `ticket ${detailed.ticket.ticketNo}`,
    });

    out(
      `\n4. A request ARIN reviews by hand: reassign ${setup.blocks.ticketed} (a /20 or larger) to a new customer`,
    );
    const bigCustomer = await arin.net.createRecipientCustomer(parent, {
      customerName: 'Example Regional College',
      streetAddress: ['1 Campus Drive'],
      city: 'Richmond',
      stateProvince: 'VA',
      postalCode: '23220',
      country: { code2: 'US' },
    });
    const ticketed = await arin.net.reassign(
      parent,
      netFor(setup.blocks.ticketed, parent, 'EXAMPLE-COLLEGE', { customerHandle: bigCustomer.handle }),
    );
    if (ticketed.kind !== 'ticket')
      throw new Error(
        `expected ARIN to open a review ticket for ${setup.blocks.ticketed}, but it created net ${ticketed.net.handle}`,
      );
    const arinTicketNo = ticketed.ticket.ticketNo;
    record({
      step: 'ticketed request',
      api: 'ARIN',
      operation: 'A23 reassignNet',
      result: `ARIN ticket ${arinTicketNo} (${ticketed.ticket.webTicketType}, ${ticketed.ticket.webTicketStatus})`,
    });

    out(`\n5. Open a helpdesk ticket that records ARIN ticket ${arinTicketNo} (H9), then add a note (H8)`);
    const created = await helpdesk.tickets.create({
      summary: `ARIN review of ${setup.blocks.ticketed} for Example Regional College (ARIN ticket ${arinTicketNo})`,
    });
    const helpdeskId = created.id;
    if (helpdeskId === undefined) throw new Error('the helpdesk created a ticket without an id');
    record({
      step: 'helpdesk ticket',
      api: 'helpdesk',
      operation: 'H9 createTicket',
      result: `ticket ${helpdeskId}`,
    });
    await helpdesk.tickets.addNote(helpdeskId, {
      text: `ARIN opened ticket ${arinTicketNo} to review the reassignment of ${setup.blocks.ticketed}.`,
      activityCode: setup.noteActivityCode,
      type: setup.noteType ?? 'Technician Note',
    });
    record({
      step: 'helpdesk note',
      api: 'helpdesk',
      operation: 'H8 addTicketNote',
      result: `note added to ticket ${helpdeskId}`,
    });

    out(`\n6. Follow both tickets to closed`);
    if (setup.resolveArinTicket) {
      await setup.resolveArinTicket(arinTicketNo);
      const summary = await arin.ticket.summary(arinTicketNo);
      record({
        step: 'ARIN review',
        api: 'ARIN',
        operation: 'A32 getTicketSummary',
        result: `ticket ${arinTicketNo} is ${summary.webTicketStatus} (${summary.webTicketResolution ?? 'no resolution'})`,
      });
      const closed = await arin.ticket.close(arinTicketNo);
      record({
        step: 'ARIN close',
        api: 'ARIN',
        operation: 'A37 updateTicket',
        result: `ticket ${arinTicketNo} is ${closed.webTicketStatus}`,
      });
    } else {
      const summary = await arin.ticket.summary(arinTicketNo);
      record({
        step: 'ARIN review',
        api: 'ARIN',
        operation: 'A32 getTicketSummary',
        result: `ticket ${arinTicketNo} is ${summary.webTicketStatus}; ARIN staff resolve it, then \`regkit arin ticket close ${arinTicketNo}\``,
      });
    }
    await helpdesk.tickets.close(helpdeskId, {
      note: {
        text: `ARIN ticket ${arinTicketNo} is done.`,
        activityCode: setup.noteActivityCode,
        type: setup.noteResolutionType ?? setup.noteType ?? 'Technician Note',
      },
    });
    const after = await helpdesk.tickets.get(helpdeskId);
    record({
      step: 'helpdesk close',
      api: 'helpdesk',
      operation: 'H10 closeTicket',
      result: `ticket ${helpdeskId} is ${after.status ?? 'closed'}`,
    });
  } catch (err) {
    out(`\n✘ The workflow stopped: ${describeError(err).text}`);
    out(
      formatTable(
        ['step', 'api', 'operation', 'result'],
        steps.map((s) => [s.step, s.api, s.operation, s.result]),
      ),
    );
    return 1;
  } finally {
    await setup.close();
  }

  out('\nSummary');
  out(
    formatTable(
      ['step', 'api', 'operation', 'result'],
      steps.map((s) => [s.step, s.api, s.operation, s.result]),
    ),
  );
  return 0;
}
