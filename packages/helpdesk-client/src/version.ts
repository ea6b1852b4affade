import { createRequire } from 'node:module';

/** This package's version, for the user agent. */
export const version: string = (createRequire(import.meta.url)('../package.json') as { version: string })
  .version;
