/**
 * How an operation of a spec becomes a command: the group is the operation's tag (lower case,
 * singular), the command is the operationId without the group word, in kebab case
 * (`getPoc` → `arin poc get`, `addPocPhone` → `arin poc add-phone`). A few operations keep the
 * names the CLI documented before its commands were generated.
 */

export type Api = 'arin' | 'helpdesk';

const documentedPaths: Record<Api, Record<string, readonly string[]>> = {
  arin: {
    createRecipientCustomer: ['customer', 'create'],
    listNetDelegations: ['net', 'delegations'],
    listTicketSummaries: ['ticket', 'list'],
    listTickets: ['ticket', 'list-full'],
    getTicketMessage: ['ticket', 'message'],
  },
  helpdesk: {
    changeTicketStatus: ['ticket', 'status'],
    addTicketNote: ['ticket', 'add-note'],
    listTicketNotes: ['ticket', 'notes'],
    listTicketAttachments: ['ticket', 'attachments'],
    listTicketAssignments: ['ticket', 'assignments'],
    listTicketTemplates: ['templates'],
  },
};

/** Wire parameter names whose documented flag differs from the rule. */
const documentedFlags: Record<string, string> = { pocFunction: 'function' };

/** `addPocPhone` → `['add', 'poc', 'phone']`. */
export function words(camel: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of camel) {
    const upper = ch >= 'A' && ch <= 'Z';
    if (upper && current && !(current.at(-1)! >= 'A' && current.at(-1)! <= 'Z')) {
      out.push(current);
      current = '';
    }
    if (ch === '_' || ch === '-' || ch === ' ') {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out.map((w) => w.toLowerCase());
}

export const kebab = (camel: string): string => words(camel).join('-');

/** `Tickets` → `ticket`, `POC` → `poc`. */
export function groupOf(tag: string): string {
  const lower = tag.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
}

/** The command words under the API: `['poc', 'add-phone']`. */
export function commandPath(api: Api, operationId: string, tag: string): readonly string[] {
  const documented = documentedPaths[api][operationId];
  if (documented) return documented;
  const group = groupOf(tag);
  const all = words(operationId);
  const at = all.findIndex((w) => w === group || w === `${group}s`);
  const rest = at >= 0 ? [...all.slice(0, at), ...all.slice(at + 1)] : all;
  return [group, rest.join('-') || 'get'];
}

/** The flag of a parameter: kebab case, without a leading group word (`ticketType` → `type`). */
export function flagOf(wireName: string, group: string): string {
  if (documentedFlags[wireName]) return documentedFlags[wireName];
  const w = words(wireName);
  return (w.length > 1 && w[0] === group ? w.slice(1) : w).join('-');
}

/** `pocHandle` → `POC_HANDLE`, the name of a positional argument in help. */
export const argName = (prop: string): string => words(prop).join('_').toUpperCase();
