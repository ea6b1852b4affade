import { readFileSync } from 'node:fs';

interface WorldSchema<World> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: World }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** A world from a JSON file, checked against its schema and then by `check`; throws on the first failure. */
export function readWorldData<World>(
  file: string | URL,
  schema: WorldSchema<World>,
  check: (world: World) => unknown = () => undefined,
): World {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; '),
    );
  check(parsed.data);
  return parsed.data;
}

/**
 * Reads a world from a JSON file and checks it against its schema and by `check` (building a state
 * from it); any failure (not readable, not JSON, not the schema, inconsistent) is one error that
 * names the file.
 */
export function readWorldFile<World>(
  file: string,
  schema: WorldSchema<World>,
  check: (world: World) => unknown,
): World {
  try {
    return readWorldData(file, schema, check);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}
