import { parseArgs } from 'node:util';
import type { ArinClient } from '@regkit/arin-client';
import type { HelpdeskClient } from '@regkit/helpdesk-client';
import { createArinClientFromEnv, createHelpdeskClientFromEnv } from './clients.js';
import { arinCommands } from './arinCommands.js';
import type { Command, CommandContext, OptionSpec } from './command.js';
import { UsageError } from './command.js';
import { describeError } from './describeError.js';
import { helpdeskCommands } from './helpdeskCommands.js';
import type { Io } from './output.js';
import { workflowCommand } from './workflowCommand.js';

export const commands: readonly Command[] = [...arinCommands, ...helpdeskCommands, workflowCommand];

const globalOptions: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'machine-readable JSON output' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
  'arin-env': {
    type: 'string',
    description: 'ARIN environment: ote (default), production, or a base URL (env ARIN_ENV)',
    valueName: 'ENV',
  },
  'helpdesk-url': {
    type: 'string',
    description: 'Track-It! Web API base URL (env HELPDESK_URL)',
    valueName: 'URL',
  },
  timeout: {
    type: 'string',
    description: 'per-request timeout in milliseconds (default 30000)',
    valueName: 'MS',
  },
};

const ENV_HELP = `Credentials come from the environment, never from the command line:
  ARIN_API_KEY                         ARIN API key (API-XXXX-XXXX-XXXX-XXXX)
  ARIN_ENV                             ote (default), production, or a base URL such as a mock server
  HELPDESK_URL                         Track-It! Web API base URL (…/TrackIt/WebApi)
  HELPDESK_USERNAME, HELPDESK_PASSWORD technician credentials for the token call`;

function usageLine(c: Command): string {
  const opts = Object.entries(c.options ?? {}).map(([name, o]) =>
    o.type === 'boolean' ? `[--${name}]` : `[--${name} ${o.valueName ?? 'VALUE'}]`,
  );
  return [
    'regkit',
    ...c.path,
    ...c.args.map((a) => (a.endsWith('?') ? `[${a.slice(0, -1)}]` : a)),
    ...opts,
  ].join(' ');
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const entries = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    return [flag, o.description] as const;
  });
  const width = Math.max(...entries.map(([f]) => f.length));
  return entries.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
}

/** Help for a command, or the list of commands under a prefix (`regkit arin --help`). */
export function helpText(prefix: readonly string[]): string {
  const exact = commands.find((c) => c.path.join(' ') === prefix.join(' '));
  if (exact) {
    return [
      `Usage: ${usageLine(exact)}`,
      '',
      exact.summary,
      ...(exact.options ? ['', 'Options:', ...optionLines(exact.options)] : []),
      '',
      'Global options:',
      ...optionLines(globalOptions),
      ...(exact.examples ? ['', 'Examples:', ...exact.examples.map((e) => (e ? `  ${e}` : ''))] : []),
      '',
    ].join('\n');
  }
  const under = commands.filter((c) => prefix.every((w, i) => c.path[i] === w));
  const list = under.length > 0 ? under : commands;
  const width = Math.max(...list.map((c) => [...c.path, ...c.args].join(' ').length));
  return [
    `Usage: regkit ${prefix.length > 0 && under.length > 0 ? prefix.join(' ') + ' ' : ''}<command> [options]`,
    '',
    'Commands:',
    ...list.map((c) => `  ${[...c.path, ...c.args].join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    ...optionLines(globalOptions),
    '',
    ENV_HELP,
    '',
    'Run `regkit <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

function findCommand(words: readonly string[]): Command | undefined {
  let best: Command | undefined;
  for (const c of commands) {
    if (
      c.path.length <= words.length &&
      c.path.every((w, i) => words[i] === w) &&
      (!best || c.path.length > best.path.length)
    )
      best = c;
  }
  return best;
}

function toParseArgsOptions(specs: Record<string, OptionSpec>) {
  return Object.fromEntries(
    Object.entries(specs).map(([name, o]) => [
      name,
      {
        type: o.type,
        ...(o.short ? { short: o.short } : {}),
        ...('multiple' in o && o.multiple ? { multiple: true } : {}),
      },
    ]),
  ) as NonNullable<Parameters<typeof parseArgs>[0]>['options'];
}

export { createArinClientFromEnv, createHelpdeskClientFromEnv } from './clients.js';

/** Runs one command line; returns the exit code (0 ok, 1 the API or a row failed, 2 usage). */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const words = argv.filter(
    (a, i) => !a.startsWith('-') && argv.slice(0, i).every((b) => !b.startsWith('-')),
  );
  const command = findCommand(words);
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  if (!command || wantsHelp) {
    const prefix = command ? command.path : words.filter((w, i) => commands.some((c) => c.path[i] === w));
    if (!command && words.length > 0 && !wantsHelp) {
      io.stderr.write(`regkit: unknown command "${words.join(' ')}"\n\n${helpText(prefix)}`);
      return 2;
    }
    io.stdout.write(helpText(prefix));
    return argv.length === 0 ? 2 : 0;
  }

  const rest = argv.slice(command.path.length);
  let parsed: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...rest],
      options: toParseArgsOptions({ ...globalOptions, ...(command.options ?? {}) }),
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (err) {
    io.stderr.write(`regkit: ${(err as Error).message}\nUsage: ${usageLine(command)}\n`);
    return 2;
  }
  const required = command.args.filter((a) => !a.endsWith('?'));
  if (parsed.positionals.length < required.length || parsed.positionals.length > command.args.length) {
    io.stderr.write(
      `regkit: expected ${required.join(' ') || 'no arguments'}, got ${parsed.positionals.length} argument(s)\nUsage: ${usageLine(command)}\n`,
    );
    return 2;
  }

  const { values } = parsed;
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  let arin: ArinClient | undefined;
  let helpdesk: HelpdeskClient | undefined;
  const ctx: CommandContext = {
    io,
    json: values.json === true,
    args: parsed.positionals,
    options: values,
    arin: () =>
      (arin ??= createArinClientFromEnv(io.env, {
        ...(typeof values['arin-env'] === 'string' ? { environment: values['arin-env'] } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
      })),
    helpdesk: () =>
      (helpdesk ??= createHelpdeskClientFromEnv(io.env, {
        ...(typeof values['helpdesk-url'] === 'string' ? { baseUrl: values['helpdesk-url'] } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
      })),
  };
  try {
    if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs <= 0))
      throw new UsageError('--timeout must be a positive number of milliseconds');
    return (await command.run(ctx)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`regkit: ${err.message}\nUsage: ${usageLine(command)}\n`);
      return 2;
    }
    const { text } = describeError(err);
    if (ctx.json) io.stdout.write(JSON.stringify({ error: text }, null, 2) + '\n');
    io.stderr.write(`regkit: ${text}\n`);
    return 1;
  }
}
