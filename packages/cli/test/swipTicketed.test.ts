import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MockServers } from '@regkit/mock-server';
import { describe, expect, it } from 'vitest';
import { eachTestAgainstMocks, type MockedCli } from './harness.js';

let servers: MockServers;
let regkit: MockedCli['regkit'];
let dir: string;
eachTestAgainstMocks('regkit-swip-ticketed-', (t) => ({ servers, regkit, dir } = t));

const PARENT = 'NET-10-0-0-0-1';
// a /20 goes to ARIN's review: the reassignment answers with a ticket, not a net
const CSV = [
  'Customer Name,Street,City,State,Postal Code,Country,Block',
  'Gamma College,3 Campus Dr,Richmond,VA,23220,US,10.0.96.0/20',
].join('\n');

// open reviews: the world holds one resolved review from before
const reviews = () =>
  [...servers.arin.state().tickets.values()].filter(
    (t) => t.webTicketType === 'IPV4_SIMPLE_REASSIGN' && !['RESOLVED', 'CLOSED'].includes(t.webTicketStatus),
  );
const admin = (path: string) => new URL(`/__admin/${path}`, servers.arin.baseUrl).href;
// 10.0.96.0/20 as the mock stores a range
const BLOCK = { start: 0x0a006000n, end: 0x0a006fffn };
const netsAtBlock = () =>
  [...servers.arin.state().nets.values()].filter(
    (n) => n.version === 4 && n.start === BLOCK.start && n.end === BLOCK.end,
  );
const rowOf = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((e) => e.event === 'row' || e.event === 'result');

describe('a reassignment ARIN queued for review whose answer was lost', () => {
  it('is held, never sent twice, and recorded once ARIN approves the ticket', async () => {
    const file = join(dir, 'rows.csv');
    writeFileSync(file, CSV);
    servers.arin.setFaults({ applyThenDropRate: 1, applyThenDropOn: ['reassignNet'] });

    const first = await regkit(['arin', 'swip', 'apply', file, '--parent', PARENT, '--json']);
    expect(first.code).toBe(1);
    expect(reviews()).toHaveLength(1);
    const ticketNo = reviews()[0]!.ticketNo;
    expect(first.stdout).toContain(`ARIN may have queued it for review as ticket ${ticketNo}`);

    // the answer is still unknown and the ticket open: a second run sends nothing new
    servers.arin.setFaults({});
    const second = await regkit(['arin', 'swip', 'apply', file, '--parent', PARENT, '--json']);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`ticket ${ticketNo}`);
    expect(reviews()).toHaveLength(1);
    expect(netsAtBlock()).toHaveLength(0);

    // ARIN approves: the net appears and the next run records it without sending it again
    const resolve = await fetch(admin(`tickets/${ticketNo}/resolve`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resolution: 'PROCESSED' }),
    });
    expect(resolve.status).toBe(200);
    expect(netsAtBlock()).toHaveLength(1);
    const third = await regkit(['arin', 'swip', 'apply', file, '--parent', PARENT, '--json']);
    expect(third.code).toBe(0);
    expect(reviews()).toHaveLength(0);
    expect(netsAtBlock()).toHaveLength(1);
    expect(rowOf(third.stdout)).toMatchObject({ outcome: 'done' });
  });

  it('is sent again when no open review ticket could be it', async () => {
    const file = join(dir, 'rows.csv');
    writeFileSync(file, CSV);
    servers.arin.setFaults({ applyThenDropRate: 1, applyThenDropOn: ['reassignNet'] });
    const first = await regkit(['arin', 'swip', 'apply', file, '--parent', PARENT, '--json']);
    expect(first.code).toBe(1);
    const ticketNo = reviews()[0]!.ticketNo;
    // ARIN turns the request down: the ticket is resolved without a net, so the block may go again
    const deny = await fetch(admin(`tickets/${ticketNo}/resolve`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resolution: 'DENIED' }),
    });
    expect(deny.status).toBe(200);
    expect(netsAtBlock()).toHaveLength(0);
    servers.arin.setFaults({});
    const second = await regkit(['arin', 'swip', 'apply', file, '--parent', PARENT, '--json']);
    expect(reviews().map((t) => t.ticketNo)).not.toContain(ticketNo);
    expect(reviews()).toHaveLength(1);
    expect(second.code).toBe(0);
    expect(rowOf(second.stdout)).toMatchObject({ outcome: 'ticketed' });
  });
});
