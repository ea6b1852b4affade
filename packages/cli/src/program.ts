import { readFileSync } from 'node:fs';
import { Command, Option, type HelpConfiguration } from 'commander';
import { arinAdapters, arinShortcuts } from './arinAdapters.js';
import type { ArgSpec, CommandContext, CommandSpec, OptionSpec } from './command.js';
import { configCommands } from './configCommand.js';
import { helpdeskAdapters } from './helpdeskAdapters.js';
import { helpdeskExtras } from './helpdeskExtras.js';
import { OUTPUT_FORMATS } from './outputFormat.js';
import type { CommandManifest, OperationCommand } from './manifest.js';
import type { Io } from './output.js';
import { registryCommands } from './registryCommand.js';
import { swipCommands } from './swip/command.js';
import { swipTemplateCommand } from './swip/templateCommand.js';
import { UsageError } from './usageError.js';
import { workflowCommand } from './workflowCommand.js';

export const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const ENV_HELP = `Credentials come from the environment or a profile, never from the command line:
  ARIN_API_KEY                          ARIN API key (API-XXXX-XXXX-XXXX-XXXX)
  ARIN_ENV                              ote (default), production, or a base URL such as a mock server
  HELPDESK_URL                          Track-It! Web API base URL (…/TrackIt/WebApi)
  HELPDESK_USERNAME, HELPDESK_PASSWORD  technician credentials for the token call
  REGKIT_PROFILE                        profile of $XDG_CONFIG_HOME/regkit/config.json (default ~/.config)
A variable set but empty counts as unset. Each setting comes from (first found) its flag, its
environment variable, the profile, the default.

Exit codes: 0 ok, 1 failure (an API error, a failed row), 2 usage, 130 interrupted.
Run \`regkit <command> --help\` for the options of a command; \`regkit completion bash|zsh\` for completion.`;

/** Runs a leaf command: builds its context from the parsed line and calls `run`. */
export type Runner = (
  cmd: Command,
  options: Record<string, string | string[] | boolean | undefined>,
  run: (ctx: CommandContext) => Promise<number | void>,
) => Promise<void>;

function addOption(cmd: Command, spec: OptionSpec): [string, Option] {
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'VALUE'}>` : '';
  // a description that already says it (`(repeatable)`, `(required with a CSV)`) is not told twice
  const marks = [spec.multiple && 'repeatable', spec.required && 'required'].filter(
    (m): m is string => typeof m === 'string' && !spec.description.includes(`(${m}`),
  );
  const option = new Option(
    `--${spec.flag}${value}`,
    spec.description + marks.map((m) => ` (${m})`).join(''),
  );
  if (spec.choices) option.choices(spec.choices);
  if (spec.multiple) option.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  if (spec.required) option.makeOptionMandatory();
  cmd.addOption(option);
  return [spec.flag, option];
}

function usageOf(args: readonly ArgSpec[], options: readonly OptionSpec[]): string {
  const required = options
    .filter((o) => o.required)
    .map((o) => `--${o.flag}${o.type === 'string' ? ` <${o.valueName ?? 'VALUE'}>` : ''}`);
  return [...args.map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`)), ...required, '[options]'].join(
    ' ',
  );
}

/** A leaf command from a spec: arguments, options (required ones marked), examples, the runner. */
function leaf(parent: Command, name: string, spec: Omit<CommandSpec, 'path'>, runner: Runner): Command {
  const cmd = parent
    .command(name)
    .summary(spec.summary)
    .description(spec.description ?? spec.summary);
  for (const a of spec.args) cmd.argument(a.required ? `<${a.name}>` : `[${a.name}]`, a.description ?? '');
  const options = new Map((spec.options ?? []).map((o) => addOption(cmd, o)));
  cmd.usage(usageOf(spec.args, spec.options ?? []));
  cmd.showHelpAfterError(`(run '${['regkit', ...fullPath(cmd), '--help'].join(' ')}' for its usage)`);
  if (spec.examples?.length)
    cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => (e ? `  ${e}` : '')).join('\n')}`);
  cmd.action(async () => {
    const values = Object.fromEntries(
      [...options].map(([flag, o]) => [flag, cmd.getOptionValue(o.attributeName()) as string | boolean]),
    );
    await runner(cmd, values, spec.run);
  });
  return cmd;
}

/** `<AR|LR>` for a short set; `<TYPE>` for a long one, whose values the help lists as its choices. */
const enumValueName = (values: readonly string[], flag: string): string =>
  values.length <= 6 ? values.join('|') : flag.toUpperCase().replaceAll('-', '_');

function paramOption(p: OperationCommand['options'][number]): OptionSpec {
  return {
    flag: p.name,
    type: p.type === 'boolean' ? 'boolean' : 'string',
    description: p.doc ?? p.name,
    valueName: p.enum ? enumValueName(p.enum, p.name) : p.type === 'integer' ? 'N' : 'VALUE',
    required: p.required,
    ...(p.enum ? { choices: p.enum } : {}),
  };
}

/** The command of a generated operation: its parameters and payload as arguments and options. */
function operationSpec(op: OperationCommand): Omit<CommandSpec, 'path'> {
  const adapter = (op.api === 'arin' ? arinAdapters : helpdeskAdapters)[op.operationId];
  const omit = adapter?.omit ?? [];
  const args: ArgSpec[] = [
    ...op.args
      .filter((a) => !omit.includes(a.prop))
      .map((a) => ({ name: a.name, required: true, description: a.doc ?? '' })),
    ...(adapter?.args ?? []),
  ];
  const options: OptionSpec[] = op.options.filter((o) => !omit.includes(o.prop)).map(paramOption);
  if (adapter?.options) options.push(...adapter.options);
  else if (op.body) {
    options.push({
      flag: 'file',
      type: 'string',
      description: `the ${op.body.element ?? op.body.schema} payload as ${op.body.element ? 'XML or JSON' : 'JSON'}; - reads standard input`,
      valueName: 'FILE',
    });
    for (const f of op.body.flags)
      options.push({
        flag: f.flag,
        type: 'string',
        description: `${f.doc ?? f.prop}${f.kind === 'country' ? ' (ISO 3166-1 alpha-2 code)' : ''}`,
        valueName: f.enum
          ? enumValueName(f.enum, f.flag)
          : f.type === 'integer'
            ? 'N'
            : f.kind === 'lines'
              ? 'LINE'
              : 'VALUE',
        ...(f.kind === 'lines' ? { multiple: true } : {}),
        ...(f.enum ? { choices: f.enum } : {}),
      });
  }
  if (op.rpsl)
    options.push({
      flag: 'rpsl',
      type: 'boolean',
      description: `send and print the object as RPSL text (application/rpsl: advanced objects)${op.body ? '; --file then holds the RPSL object' : ''}`,
    });
  const note =
    op.retry === 'unsafe'
      ? `\n\nNot re-sent automatically once it may have reached the server.${op.outcomeCheck ? ` To see whether it was applied: ${op.outcomeCheck}` : ''}`
      : '';
  return {
    args,
    options,
    summary: `${op.summary} (${op.id} ${op.operationId})`,
    ...(adapter?.examples ? { examples: adapter.examples } : {}),
    run: async (ctx) => {
      const { runOperationCommand } = await import('./runOperation.js');
      return runOperationCommand(ctx, op, adapter);
    },
    description: `${op.summary} (${op.id} ${op.operationId})${op.doc ? `\n\n${op.doc}` : ''}${note}`,
  };
}

function group(parent: Command, name: string): Command {
  const found = parent.commands.find((c) => c.name() === name);
  if (found) return found;
  const cmd = parent.command(name);
  cmd.usage('<command> [options]');
  return cmd;
}

function placeAt(root: Command, path: readonly string[]): Command {
  return path.slice(0, -1).reduce(group, root);
}

const fullPath = (cmd: Command): string[] => (cmd.parent ? [...fullPath(cmd.parent), cmd.name()] : []);
const leaves = (cmd: Command): Command[] =>
  cmd.commands.flatMap((c) => (c.commands.length > 0 ? leaves(c) : c.name().startsWith('__') ? [] : [c]));

/** Every command of the CLI: one per operation of both specs, plus `swip`, `workflow` and `completion`. */
export function buildProgram(manifest: CommandManifest, io: Io, runner: Runner): Command {
  const root = new Command('regkit')
    .description(
      'ARIN Reg-RWS and Track-It! helpdesk operations, bulk SWIP from CSV, and the end-to-end workflow',
    )
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--json', 'machine-readable JSON output (NDJSON for lists that stream); the same as -o json')
    .addOption(new Option('-o, --output <FORMAT>', 'output format (default table)').choices(OUTPUT_FORMATS))
    .option(
      '--query <JMESPATH>',
      'print only what a JMESPath expression selects from the result (jmespath.org)',
    )
    .option('--arin-env <ENV>', 'ARIN environment: ote (default), production, or a base URL (env ARIN_ENV)')
    .option('--helpdesk-url <URL>', 'Track-It! Web API base URL (env HELPDESK_URL)')
    .option('--timeout <MS>', 'per-request timeout in milliseconds (default 30000)')
    .option(
      '--profile <NAME>',
      'connection profile of the config file (env REGKIT_PROFILE; see regkit config)',
    )
    .option(
      '--allow-insecure-http',
      'allow a plain http:// base URL to a host other than this machine (credentials cross the network unencrypted)',
    )
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(s.startsWith('error: ') ? `regkit: ${s.slice('error: '.length)}` : s),
    })
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false });

  for (const op of manifest.operations) {
    const path = [op.api, ...op.path];
    const spec = operationSpec(op);
    leaf(placeAt(root, path), path.at(-1)!, spec, runner);
  }
  for (const spec of [
    ...arinShortcuts,
    ...swipCommands,
    ...registryCommands,
    swipTemplateCommand,
    workflowCommand,
    ...configCommands,
    ...helpdeskExtras,
  ]) {
    const parent = placeAt(root, spec.path);
    // an operation of the spec with the same words wins over a hand-written shortcut
    if (!parent.commands.some((c) => c.name() === spec.path.at(-1)))
      leaf(parent, spec.path.at(-1)!, spec, runner);
  }

  const completion = root
    .command('completion')
    .summary('Print a shell completion script: bash or zsh')
    .description(
      'Print a shell completion script.\n\n  bash: source <(regkit completion bash)\n  zsh:  source <(regkit completion zsh)',
    )
    .argument('<SHELL>', 'bash or zsh');
  completion.action(async (shell: string) => {
    const { completionScript } = await import('./completion.js');
    if (shell !== 'bash' && shell !== 'zsh')
      throw new UsageError(`completion is for bash or zsh, got "${shell}"`);
    io.stdout.write(completionScript(shell));
  });
  root
    .command('__complete', { hidden: true })
    .argument('[WORDS...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[]) => {
      const { completeWords } = await import('./completion.js');
      io.stdout.write(
        completeWords(root, words)
          .map((w) => `${w}\n`)
          .join(''),
      );
    });

  // every group lists the commands under it with their full words, and says how to get help
  const listing: HelpConfiguration = {
    showGlobalOptions: true,
    sortSubcommands: false,
    visibleCommands: (cmd) => leaves(cmd),
    subcommandTerm: (cmd) =>
      [
        ...fullPath(cmd),
        ...cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)),
      ].join(' '),
  };
  const groups = (cmd: Command): Command[] => [
    cmd,
    ...cmd.commands.filter((c) => c.commands.length > 0).flatMap(groups),
  ];
  for (const g of groups(root)) {
    g.configureHelp(listing);
    g.showHelpAfterError(
      `(run '${['regkit', ...fullPath(g), '--help'].join(' ')}' for the commands and options)`,
    );
  }
  root.addHelpText('after', `\n${ENV_HELP}`);
  return root;
}
