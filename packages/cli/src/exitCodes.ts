/** What `regkit` exits with. */
export const EXIT = {
  ok: 0,
  /** The API answered with an error, a row of a bulk run failed, or the request did not complete. */
  failure: 1,
  /** The command line was wrong: unknown command or option, missing argument, bad value. */
  usage: 2,
  /** Stopped with Ctrl-C (SIGINT). */
  interrupted: 130,
} as const;
