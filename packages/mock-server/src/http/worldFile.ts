import { readFileSync } from 'node:fs';

const describe = (value: unknown) =>
  value === undefined
    ? 'it is missing'
    : `it is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;

/**
 * The lists a world must have, judged against the built-in world: every list there is a list of
 * the same kind of entries here. Names the first field that is not (`nets`, `pocs[2]`).
 */
function checkShape(world: unknown, reference: object): void {
  if (typeof world !== 'object' || world === null || Array.isArray(world))
    throw new Error(`must be a JSON object (${describe(world)})`);
  for (const [key, expected] of Object.entries(reference)) {
    if (!Array.isArray(expected)) continue;
    const value = (world as Record<string, unknown>)[key];
    if (!Array.isArray(value)) throw new Error(`field "${key}" must be an array (${describe(value)})`);
    const objects = expected.length > 0 && expected.every((e) => typeof e === 'object' && e !== null);
    value.forEach((entry: unknown, i) => {
      if (objects && (typeof entry !== 'object' || entry === null || Array.isArray(entry)))
        throw new Error(`field "${key}[${i}]" must be an object (${describe(entry)})`);
    });
  }
}

/**
 * Reads a world from a JSON file and checks it, first its shape against the built-in world, then by
 * building a state from it; any failure (not readable, not JSON, a field of the wrong kind,
 * inconsistent) is one line that names the file and, where it can, the field.
 */
export function readWorldFile<World>(
  file: string,
  reference: World,
  check: (world: World) => unknown,
): World {
  try {
    const world = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    checkShape(world, reference as object);
    try {
      check(world as World);
    } catch (error) {
      // a field the shape check cannot see (a nested list, a wrong type deeper down)
      if (error instanceof TypeError) throw new Error(`not a valid world: ${error.message}`);
      throw error;
    }
    return world as World;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}
