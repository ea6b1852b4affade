import type { ArinClient } from '@regkit/arin-client';
import type { HelpdeskClient } from '@regkit/helpdesk-client';
import type { OperationCommand } from './manifest.js';
import type { Io } from './output.js';
import { UsageError } from './usageError.js';

export interface OptionSpec {
  /** Long flag without dashes: `customer-name`. */
  readonly flag: string;
  readonly description: string;
  readonly type: 'string' | 'boolean';
  /** Placeholder in help: `--start ADDRESS`. */
  readonly valueName?: string;
  /** Repeatable: the values are collected into a list. */
  readonly multiple?: boolean;
  readonly required?: boolean;
  readonly choices?: readonly string[];
}

export interface ArgSpec {
  readonly name: string;
  readonly required: boolean;
  readonly description?: string;
}

export interface CommandContext {
  readonly io: Io;
  readonly json: boolean;
  /** Positionals in order of the command's arguments. */
  readonly args: readonly string[];
  /** Option values by flag (`customer-name`): a string, a list for a repeatable flag, or true. */
  readonly options: Readonly<Record<string, string | string[] | boolean | undefined>>;
  /**
   * The ARIN client. `bulk`: the command sends many requests (a SWIP or IRR/ASPA run), so the client
   * sends through undici's request API, a fraction of fetch's CPU time a request, at the price of
   * loading undici (about 0.1 s); other commands send through the platform's fetch.
   */
  arin(use?: ClientUse): Promise<ArinClient>;
  helpdesk(): Promise<HelpdeskClient>;
}

/** How a command uses the client it asks for. */
export interface ClientUse {
  /** The command sends many requests: the client sends through undici's request API. */
  readonly bulk?: boolean;
}

/** A hand-written command: composite work (`swip`, `workflow`) or a documented shortcut. */
export interface CommandSpec {
  /** All words: `['arin', 'swip']`. */
  readonly path: readonly string[];
  readonly args: readonly ArgSpec[];
  readonly summary: string;
  /** Longer text for the command's own help (the summary when left out). */
  readonly description?: string;
  readonly options?: readonly OptionSpec[];
  readonly examples?: readonly string[];
  /** Returns the exit code (0 when omitted). Loads what it needs when it runs. */
  run(ctx: CommandContext): Promise<number | void>;
}

export interface OperationContext extends CommandContext {
  readonly op: OperationCommand;
  /** Path, matrix and query parameters by input property, converted to their types. */
  readonly params: Readonly<Record<string, string | number | boolean>>;
}

/**
 * What a generated operation command does differently, for operations whose documented command
 * line or output predates the generated commands (paging, field maps, a block as `--start/--cidr`).
 */
export interface OperationAdapter {
  /** Positionals after the operation's path parameters (`helpdesk ticket status ID STATUS`). */
  readonly args?: readonly ArgSpec[];
  /** Options that replace the payload flags and `--file`. */
  readonly options?: readonly OptionSpec[];
  /** Parameters (by input property) the adapter sets itself, so they are not asked for. */
  readonly omit?: readonly string[];
  readonly examples?: readonly string[];
  run(ctx: OperationContext): Promise<number | void>;
}

export function requireString(ctx: CommandContext, flag: string): string {
  const value = ctx.options[flag];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${flag} is required`);
  return value;
}

export function optionalString(ctx: CommandContext, flag: string): string | undefined {
  const value = ctx.options[flag];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function integerOption(ctx: CommandContext, flag: string, fallback: number): number {
  const value = ctx.options[flag];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(n) || n < 0)
    throw new UsageError(`--${flag} must be a whole number, got "${String(value)}"`);
  return n;
}

export function listOption(ctx: CommandContext, flag: string): string[] {
  const value = ctx.options[flag];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}
