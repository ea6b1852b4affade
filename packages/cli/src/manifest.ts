import { readFileSync } from 'node:fs';
import type { CommandManifest } from './manifestTypes.js';

export type { BodyFlag, BodySpec, CommandManifest, OperationCommand, ParamSpec } from './manifestTypes.js';

let cached: CommandManifest | undefined;

/**
 * The commands of every operation. The build writes them to `commands.json` beside this module, so
 * `regkit --help` never loads the clients; from sources (tests) they are derived from the clients'
 * generated descriptors on the spot.
 */
export async function loadManifest(): Promise<CommandManifest> {
  if (cached) return cached;
  try {
    cached = JSON.parse(readFileSync(new URL('./commands.json', import.meta.url), 'utf8')) as CommandManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { deriveManifest } = await import('./deriveManifest.js');
    cached = await deriveManifest();
  }
  return cached;
}
