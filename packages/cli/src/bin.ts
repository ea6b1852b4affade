#!/usr/bin/env node
import { EXIT } from './exitCodes.js';
import { runCli } from './main.js';

// Ctrl-C ends the command at once with the conventional code; a bulk run's state file is already
// written after every row, so a re-run picks up where this one stopped
process.once('SIGINT', () => process.exit(EXIT.interrupted));

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
});
process.exitCode = code;
