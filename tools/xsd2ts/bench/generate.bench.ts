// Full regeneration of both APIs (readers, link, every emitter built with ts-morph and printed by
// TypeScript's printer, the bundled ARIN contract, and openapi-typescript's types of both specs)
// against openapi-typescript alone on the helpdesk spec, in the same run. Target: ≤ 8×: xsd2ts
// runs openapi-typescript twice itself and emits far more besides.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { generate } from '../src/generate.js';
import { compare, report, sized } from '../../../scripts/lib/bench.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const helpdeskSpec = join(repoRoot, 'schemas/helpdesk/trackit-webapi.openapi.yaml');

let bytesOurs = 0;
let bytesTheirs = 0;
const result = await compare(
  async () => {
    for (const api of ['arin', 'helpdesk'] as const)
      for (const text of (await generate(api, repoRoot)).values()) bytesOurs = text.length;
  },
  async () => {
    const doc = parse(readFileSync(helpdeskSpec, 'utf8')) as Parameters<typeof openapiTS>[0];
    bytesTheirs = astToString(await openapiTS(doc)).length;
  },
  sized({ iterations: 1, rounds: 5, warmup: 1 }, { iterations: 1, rounds: 1, warmup: 0 }),
);
if (!bytesOurs || !bytesTheirs) throw new Error('a generator produced nothing');
report(
  'xsd2ts: regenerate both APIs vs openapi-typescript on the helpdesk spec',
  result.ours,
  result.baseline,
  { max: 8 },
  'ms/run',
);
