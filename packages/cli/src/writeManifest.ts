// Build step: writes the command manifest beside the compiled CLI, so `regkit --help` reads one
// JSON file instead of loading both clients.
import { writeFileSync } from 'node:fs';
import { deriveManifest } from './deriveManifest.js';

const manifest = await deriveManifest();
writeFileSync(new URL('./commands.json', import.meta.url), JSON.stringify(manifest) + '\n');
console.log(`regkit: ${manifest.operations.length} operation commands written to dist/commands.json`);
