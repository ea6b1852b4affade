import { describe, expect, expectTypeOf, it } from 'vitest';
import type { HelpdeskClient, TicketRecord, HelpdeskTicketWritable } from '../src/index.js';

// These lines are checked by `tsc` (the typecheck target covers test/): a read-only field in a
// create or update is a compile error, as it is a ValidationError at run time.
type CreateArgs = Parameters<HelpdeskClient['tickets']['create']>[0];

describe('writable fields are checked at compile time', () => {
  it('create and update take HelpdeskTicketWritable: writable fields only', () => {
    expectTypeOf<CreateArgs>().toEqualTypeOf<HelpdeskTicketWritable>();
    expectTypeOf<HelpdeskTicketWritable>().toHaveProperty('summary');
    expectTypeOf<HelpdeskTicketWritable>().toHaveProperty('priority');
    // @ts-expect-error Last User (sequence 3) is read-only
    const lastUser: HelpdeskTicketWritable = { lastUser: 'me' };
    // @ts-expect-error the ticket id is read-only
    const id: HelpdeskTicketWritable = { id: 7 };
    const ok: HelpdeskTicketWritable = { summary: 'Printer jam', priority: '3 - Medium' };
    expect([lastUser, id, ok]).toHaveLength(3);
  });

  it('records mark server-set fields readonly', () => {
    expectTypeOf<TicketRecord['lastUser']>().toEqualTypeOf<string | undefined>();
    const record = {} as TicketRecord;
    // @ts-expect-error readonly on the record
    record.lastUser = 'me';
    expect(record.lastUser).toBe('me');
  });
});
