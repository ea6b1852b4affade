import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FieldDefinition } from '@regkit/core';
import type { ModelFieldDefinition, ModelFieldMap } from '../model.js';
import { SpecError } from '../specError.js';
import { readYamlFile } from '../yamlFile.js';

const TYPES = new Set(['string', 'integer', 'number', 'boolean', 'datetime']);

/** Reads the helpdesk field catalogues (`fields/*.yaml`): sequence, display name, TS name, type, writable. */
const FIELD_KEYS = ['sequence', 'displayName', 'prop', 'type', 'writable', 'doc'];

export function readFieldCatalogues(dir: string, repoRoot: string): ModelFieldMap[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const file = relative(repoRoot, path);
      const yaml = readYamlFile(path, file);
      const data = yaml.data as { record?: string; fields?: Record<string, unknown>[] } | null;
      if (typeof data?.record !== 'string' || !Array.isArray(data.fields))
        throw new SpecError(file, 1, 'catalogue', 'needs `record` and `fields`');
      const seen = new Map<string, number>();
      const fields = data.fields.map((raw, i): ModelFieldDefinition => {
        const fail = (key: string, problem: string): never => {
          throw new SpecError(
            file,
            yaml.lineOf(['fields', i, key]) ?? yaml.lineOf(['fields', i]),
            `fields[${i}].${key}`,
            problem,
          );
        };
        for (const key of Object.keys(raw))
          if (!FIELD_KEYS.includes(key)) fail(key, `unknown key (known: ${FIELD_KEYS.join(', ')})`);
        if (raw.doc !== undefined && typeof raw.doc !== 'string') fail('doc', 'must be text');
        const sequence = raw.sequence;
        if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1)
          fail('sequence', 'must be a positive integer');
        if (typeof raw.displayName !== 'string' || !raw.displayName) fail('displayName', 'is required');
        if (typeof raw.prop !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(raw.prop))
          fail('prop', 'must be a camelCase identifier');
        if (!TYPES.has(String(raw.type))) fail('type', `must be one of ${[...TYPES].join(', ')}`);
        if (typeof raw.writable !== 'boolean') fail('writable', 'must be true or false');
        const prop = raw.prop as string;
        if (seen.has(prop)) fail('prop', `'${prop}' is already used by sequence ${seen.get(prop)}`);
        seen.set(prop, sequence as number);
        return {
          sequence: sequence as number,
          displayName: raw.displayName as string,
          prop,
          type: raw.type as FieldDefinition['type'],
          writable: raw.writable as boolean,
          ...(typeof raw.doc === 'string' ? { doc: raw.doc } : {}),
        };
      });
      const sequences = new Set<number>();
      fields.forEach((f, i) => {
        if (sequences.has(f.sequence))
          throw new SpecError(
            file,
            yaml.lineOf(['fields', i, 'sequence']),
            `fields[${i}].sequence`,
            `sequence ${f.sequence} appears twice`,
          );
        sequences.add(f.sequence);
      });
      return { name: data.record, fields };
    });
}
