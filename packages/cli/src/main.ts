import { CommanderError, type Command } from 'commander';
import type { CommandContext } from './command.js';
import { EXIT } from './exitCodes.js';
import { loadManifest } from './manifest.js';
import type { Io } from './output.js';
import { buildProgram } from './program.js';
import { UsageError } from './usageError.js';

function timeoutOf(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--timeout must be a positive number of milliseconds, got "${String(raw)}"`);
  return n;
}

/**
 * Runs one command line; returns the exit code: 0 ok, 1 the API or a row failed, 2 usage.
 * Only what the command needs is loaded: `--help` reads the command manifest and nothing else.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  let json = argv.includes('--json');
  let usageHint = 'regkit --help';
  const program = buildProgram(await loadManifest(), io, async (cmd: Command, options, run) => {
    const globals = cmd.optsWithGlobals<{
      json?: boolean;
      output?: string;
      query?: string;
      arinEnv?: string;
      helpdeskUrl?: string;
      timeout?: string;
      profile?: string;
      allowInsecureHttp?: boolean;
    }>();
    usageHint = `regkit ${fullName(cmd)} --help`;
    if (globals.json && globals.output !== undefined && globals.output !== 'json')
      throw new UsageError(`--json and -o ${globals.output} ask for different output; give one`);
    const { prepareOutput } = await import('./outputFormat.js');
    const output = await prepareOutput(globals.json ? 'json' : globals.output, globals.query);
    json = output.format === 'json';
    // with -o json|yaml|text or a --query, commands hand their result to `writeJson`
    const structured = output.format !== 'table' || globals.query !== undefined;
    const timeoutMs = timeoutOf(globals.timeout);
    const clients = () => import('./clients.js');
    // the profile is read only by commands that connect: `config` and `--help` work with a broken one
    const settings = async () =>
      (await import('./config.js')).resolveSettings(io.env, {
        ...(globals.profile !== undefined ? { profile: globals.profile } : {}),
        ...(globals.arinEnv ? { arinEnv: globals.arinEnv } : {}),
        ...(globals.helpdeskUrl ? { helpdeskUrl: globals.helpdeskUrl } : {}),
        allowInsecureHttp: globals.allowInsecureHttp === true,
      });
    const ctx: CommandContext = {
      io: { ...io, output },
      json: structured,
      args: cmd.processedArgs.map((a: unknown) => String(a)),
      options,
      arin: async (use) => {
        const { createArinClient } = await clients();
        const http = use?.bulk ? (await import('@regkit/core/undici')).undiciHttp() : undefined;
        return createArinClient(await settings(), {
          ...(timeoutMs ? { timeoutMs } : {}),
          ...(http ? { http } : {}),
        });
      },
      helpdesk: async () => {
        const { createHelpdeskClient } = await clients();
        return createHelpdeskClient(await settings(), timeoutMs ? { timeoutMs } : {});
      },
    };
    code = (await run(ctx)) ?? EXIT.ok;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
      // a group or the program without a command: its help went to stderr
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`regkit: ${error.message}\n(run '${usageHint}' for its usage)\n`);
      return EXIT.usage;
    }
    const { printError } = await import('./printError.js');
    printError(io, error, json);
    return EXIT.failure;
  }
}

const fullName = (cmd: Command): string =>
  cmd.parent?.parent ? `${fullName(cmd.parent)} ${cmd.name()}` : cmd.name();
