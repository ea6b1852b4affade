// XML codec decode and encode of realistic NetPayload and PocPayload documents, against raw
// fast-xml-parser parse and build of the same documents, in the same run. Targets: decode (parse,
// well-formedness check and every schema check) ≤ 1.15×, encode ≤ 1.3×.
import { readFileSync } from 'node:fs';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { arinCodec } from '@regkit/arin-client/payloads';
import { compare, report, sized } from '../../../scripts/lib/bench.js';

const examples = new URL('../../../schemas/arin/examples/', import.meta.url);
const codec = arinCodec();
const rawParser = new XMLParser({ ignoreAttributes: false });
const rawBuilder = new XMLBuilder({ ignoreAttributes: false });
const runs = sized({ iterations: 2000 }, { iterations: 20, rounds: 1 });

for (const [name, element] of [
  ['NetPayload', 'net'],
  ['PocPayload', 'poc'],
] as const) {
  const xml = readFileSync(new URL(`${element}.response.xml`, examples), 'utf8');
  const decoded = codec.decode(xml, element);
  const rawTree = rawParser.parse(xml) as unknown;

  const decode = await compare(
    () => codec.decode(xml, element),
    () => rawParser.parse(xml),
    runs,
  );
  report(
    `core: decode ${name} vs fast-xml-parser parse`,
    decode.ours,
    decode.baseline,
    { max: 1.15 },
    'ms/op',
  );

  const encode = await compare(
    () => codec.encode(element, decoded),
    () => rawBuilder.build(rawTree),
    runs,
  );
  report(
    `core: encode ${name} vs fast-xml-parser build`,
    encode.ours,
    encode.baseline,
    { max: 1.3 },
    'ms/op',
  );
}
