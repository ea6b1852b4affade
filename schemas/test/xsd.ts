import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const arinDir = fileURLToPath(new URL('../arin/', import.meta.url));
export const CORE_XSD = join(arinDir, 'reg-rws-core.xsd');

export interface XmlDocument {
  readonly name: string;
  readonly xml: string;
}
export interface Validation {
  readonly name: string;
  readonly valid: boolean;
  readonly errors: string;
}

const hasSystemXmllint =
  process.env.REGKIT_XMLLINT !== 'wasm' && spawnSync('xmllint', ['--version']).status === 0;

/**
 * Validates documents against the ARIN XSD with libxml2: Debian's `xmllint` when it is installed,
 * otherwise the same library compiled to WebAssembly (xmllint-wasm), so a fresh clone needs nothing else.
 */
export async function validateAgainstArinXsd(docs: readonly XmlDocument[]): Promise<Validation[]> {
  if (docs.length === 0) return [];
  if (hasSystemXmllint) {
    const dir = mkdtempSync(join(tmpdir(), 'regkit-xsd-'));
    try {
      const files = docs.map((d, i) => {
        const file = join(dir, `${i}.xml`);
        writeFileSync(file, d.xml);
        return file;
      });
      const res = spawnSync('xmllint', ['--noout', '--schema', CORE_XSD, ...files], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      if (res.stderr.includes('failed to compile') || res.stderr.includes('Schemas parser error'))
        throw new Error(`the XSD does not compile:\n${res.stderr}`);
      return docs.map((d, i) => {
        const file = files[i] as string;
        const lines = res.stderr
          .split('\n')
          .filter((l) => l.startsWith(`${file}:`) || l.startsWith(`${file} `));
        const valid = lines.some((l) => l === `${file} validates`);
        return {
          name: d.name,
          valid,
          errors: lines
            .filter((l) => !l.endsWith(' validates'))
            .join('\n')
            .replaceAll(file, d.name),
        };
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const { validateXML } = await import('xmllint-wasm');
  const preload = readdirSync(arinDir)
    .filter((f) => f.endsWith('.xsd') && f !== 'reg-rws-core.xsd')
    .map((fileName) => ({ fileName, contents: readFileSync(join(arinDir, fileName), 'utf8') }));
  const results: Validation[] = [];
  for (const d of docs) {
    const res = await validateXML({
      xml: [{ fileName: 'doc.xml', contents: d.xml }],
      schema: [{ fileName: 'reg-rws-core.xsd', contents: readFileSync(CORE_XSD, 'utf8') }],
      preload,
    });
    results.push({ name: d.name, valid: res.valid, errors: res.errors.map((e) => e.rawMessage).join('\n') });
  }
  return results;
}

export function arinExamples(): XmlDocument[] {
  const dir = join(arinDir, 'examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((name) => ({ name, xml: readFileSync(join(dir, name), 'utf8') }));
}
