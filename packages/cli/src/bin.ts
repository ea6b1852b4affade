#!/usr/bin/env node
import { EXIT } from './exitCodes.js';
import { dispatchInterrupt } from './interrupts.js';
import { runCli } from './main.js';

// Ctrl-C ends the command at once with the conventional code, unless the running command takes
// interrupts over (a bulk SWIP apply finishes its in-flight requests and journals them first)
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (!dispatchInterrupt(signal)) process.exit(EXIT.interrupted);
  });

// a reader that goes away (`regkit --help | head -1`) ends the command quietly with 0, as git does
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
});
process.exitCode = code;
