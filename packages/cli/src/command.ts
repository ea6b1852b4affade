import type { ArinClient } from '@regkit/arin-client';
import type { HelpdeskClient } from '@regkit/helpdesk-client';
import type { Io } from './output.js';

export type OptionSpec =
  | { type: 'string'; description: string; multiple?: false; short?: string; valueName?: string }
  | { type: 'string'; description: string; multiple: true; short?: string; valueName?: string }
  | { type: 'boolean'; description: string; short?: string };

export interface CommandContext {
  io: Io;
  json: boolean;
  /** Positionals after the command words, in order of `Command.args`. */
  args: string[];
  options: Record<string, string | boolean | string[] | undefined>;
  arin(): ArinClient;
  helpdesk(): HelpdeskClient;
}

export interface Command {
  /** Command words: `['arin', 'poc', 'get']`. */
  path: readonly string[];
  /** Positional arguments, upper case in help (`HANDLE`); a trailing `?` marks an optional one. */
  args: readonly string[];
  summary: string;
  options?: Readonly<Record<string, OptionSpec>>;
  examples?: readonly string[];
  /** Returns the exit code (0 when omitted). */
  run(ctx: CommandContext): Promise<number | void>;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function requireOption(ctx: CommandContext, name: string): string {
  const value = ctx.options[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function optionalString(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function integerOption(ctx: CommandContext, name: string, fallback: number): number {
  const value = ctx.options[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 0)
    throw new UsageError(`--${name} must be a whole number, got "${String(value)}"`);
  return n;
}
