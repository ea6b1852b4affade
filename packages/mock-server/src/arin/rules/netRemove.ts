import type { NetInput, TicketedRequest } from '@regkit/arin-client/payloads';
import { Problems } from '../errors.js';
import type { Caller } from './context.js';
import { netRules } from './net.js';

/**
 * ARIN's "Remove NET": "only applicable for reallocations or reassignments. It differs from the
 * Delete NET call in that attachments can be sent using the NET payload." The payload names the
 * net being removed; the removal itself follows the delete rules (a ticket when it has children).
 */
export function removeNet(caller: Caller, handle: string, payload: NetInput): TicketedRequest {
  const problems = new Problems();
  if (payload.handle !== undefined && payload.handle !== handle)
    problems.add('handle', `The payload names ${payload.handle}, not ${handle}.`);
  problems.throwIfAny();
  return netRules.delete(caller, handle);
}
