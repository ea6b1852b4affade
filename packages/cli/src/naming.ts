/**
 * How an operation of a spec becomes a command: the group is the operation's tag (lower case,
 * singular), the command is the operationId without the group word, in kebab case
 * (`getPoc` → `arin poc get`, `addPocPhone` → `arin poc add-phone`). An operation whose command
 * or flags differ says so in the spec, with `x-cli` (`command: [ticket, list]`,
 * `flags: { pocFunction: function }`).
 */

export type Api = 'arin' | 'helpdesk';

/** The spec's `x-cli` extension of an operation: command words and flags that differ from the rule. */
export interface CliNames {
  /** The command words under the API (`['ticket', 'list']`). */
  readonly command?: readonly string[];
  /** The flag of a parameter, by its wire name (`{ pocFunction: 'function' }`). */
  readonly flags?: Readonly<Record<string, string>>;
}

/** The `x-cli` extension of an operation's `extensions`, when it has one. */
export const cliNames = (extensions?: Readonly<Record<string, unknown>>): CliNames =>
  (extensions?.['x-cli'] as CliNames | undefined) ?? {};

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

/** The command words under the API: `['poc', 'add-phone']`; `cli` is the operation's `x-cli`. */
export function commandPath(
  _api: Api,
  operationId: string,
  tag: string,
  cli: CliNames = {},
): readonly string[] {
  if (cli.command) return cli.command;
  const group = groupOf(tag);
  const all = words(operationId);
  const at = all.findIndex((w) => w === group || w === `${group}s`);
  const rest = at >= 0 ? [...all.slice(0, at), ...all.slice(at + 1)] : all;
  return [group, rest.join('-') || 'get'];
}

/**
 * The flag of a parameter: kebab case, without a leading group word (`ticketType` → `type`), unless
 * the operation's `x-cli` names it.
 */
export function flagOf(wireName: string, group: string, cli: CliNames = {}): string {
  const named = cli.flags?.[wireName];
  if (named) return named;
  const w = words(wireName);
  return (w.length > 1 && w[0] === group ? w.slice(1) : w).join('-');
}

/** `pocHandle` → `POC_HANDLE`, the name of a positional argument in help. */
export const argName = (prop: string): string => words(prop).join('_').toUpperCase();
