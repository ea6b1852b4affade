import { readFileSync } from 'node:fs';

/**
 * Reads a world from a JSON file and checks it by building a state from it; any failure (not
 * readable, not JSON, inconsistent) is one error that names the file.
 */
export function readWorldFile<World>(file: string, check: (world: World) => unknown): World {
  try {
    const world = JSON.parse(readFileSync(file, 'utf8')) as World;
    check(world);
    return world;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}
