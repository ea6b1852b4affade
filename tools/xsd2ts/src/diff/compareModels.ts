import type { OperationDefinition } from '@regkit/core';
import type { ApiModel, JsonShape, ModelField, ModelOperation, ModelParam } from '../model.js';

export type Section = 'operations' | 'payloads' | 'enumerations' | 'errors' | 'fields';

/** One API-level difference between two readings of a spec. */
export interface SpecChange {
  readonly section: Section;
  readonly change: 'added' | 'removed' | 'changed';
  /** What changed: `reassignNet (A23)`, `Poc.emails`, `Ticket #12`. */
  readonly subject: string;
  readonly detail?: string;
  /** Breaks code written against the previous version (removed, narrowed, newly required). */
  readonly breaking: boolean;
}

/** Values of a field that the spec restricts (`enum`) or documents (`ts:values`). */
const fieldValues = (f: ModelField) => (f.value.kind === 'scalar' ? (f.value.enum ?? f.values) : undefined);

function describeField(f: ModelField): string {
  const v = f.value;
  const base = v.kind === 'scalar' ? v.scalar : v.kind === 'ref' ? v.type : 'multiline text';
  const flags = [f.optional && 'optional', f.readOnly && 'read-only', f.alwaysReturned && 'always returned'];
  return `${base}${f.list ? '[]' : ''}${flags.map((flag) => (flag ? `, ${flag}` : '')).join('')}`;
}

function describeShape(s: JsonShape): string {
  switch (s.kind) {
    case 'primitive':
      return s.type;
    case 'ref':
      return s.name;
    case 'array':
      return `${describeShape(s.items)}[]`;
    case 'union':
      return s.members.map(describeShape).join(' | ');
    case 'object':
      return 'object';
  }
}

const byKey = <T>(items: readonly T[], key: (t: T) => string) => new Map(items.map((t) => [key(t), t]));

class Differ {
  readonly changes: SpecChange[] = [];

  add(section: Section, change: SpecChange['change'], subject: string, breaking: boolean, detail?: string) {
    this.changes.push({ section, change, subject, breaking, ...(detail ? { detail } : {}) });
  }

  /** Added, removed and common entries of two keyed lists. */
  pairs<T>(
    before: readonly T[],
    after: readonly T[],
    key: (t: T) => string,
    on: { removed(t: T): void; added(t: T): void; both(a: T, b: T): void },
  ) {
    const [old, now] = [byKey(before, key), byKey(after, key)];
    for (const [k, a] of old) {
      const b = now.get(k);
      if (b === undefined) on.removed(a);
      else on.both(a, b);
    }
    for (const [k, b] of now) if (!old.has(k)) on.added(b);
  }

  values(section: Section, subject: string, before?: readonly unknown[], after?: readonly unknown[]) {
    if (!before && !after) return;
    if (!before || !after) {
      this.add(
        section,
        'changed',
        subject,
        Boolean(after),
        after ? 'now restricted to listed values' : 'no longer restricted',
      );
      return;
    }
    const removed = before.filter((v) => !after.includes(v));
    const added = after.filter((v) => !before.includes(v));
    if (removed.length) this.add(section, 'removed', subject, true, `values ${removed.join(', ')}`);
    if (added.length) this.add(section, 'added', subject, false, `values ${added.join(', ')}`);
  }

  operations(before: readonly ModelOperation[], after: readonly ModelOperation[]) {
    const label = (op: ModelOperation) => `${op.operationId} (${op.id})`;
    this.pairs(before, after, (op) => op.operationId, {
      removed: (op) => this.add('operations', 'removed', label(op), true, `${op.method} ${op.path}`),
      added: (op) => this.add('operations', 'added', label(op), false, `${op.method} ${op.path}`),
      both: (a, b) => this.operation(a, b, label(b)),
    });
  }

  operation(a: ModelOperation, b: ModelOperation, subject: string) {
    if (a.method !== b.method || a.path !== b.path)
      this.add('operations', 'changed', subject, true, `${a.method} ${a.path} → ${b.method} ${b.path}`);
    const params = (op: ModelOperation): ModelParam[] => [
      ...op.pathParams,
      ...op.matrixParams,
      ...op.queryParams,
    ];
    this.pairs(params(a), params(b), (p) => p.name, {
      removed: (p) => this.add('operations', 'removed', `${subject} parameter ${p.name}`, true),
      added: (p) =>
        this.add(
          'operations',
          'added',
          `${subject} parameter ${p.name}`,
          p.required,
          p.required ? 'required' : 'optional',
        ),
      both: (p, q) => {
        if (p.type !== q.type || p.required !== q.required)
          this.add(
            'operations',
            'changed',
            `${subject} parameter ${p.name}`,
            p.type !== q.type || q.required,
            `${p.type}${p.required ? '' : '?'} → ${q.type}${q.required ? '' : '?'}`,
          );
        this.values('enumerations', `${subject} parameter ${p.name}`, p.enum, q.enum);
      },
    });
    if (JSON.stringify(a.request) !== JSON.stringify(b.request))
      this.add(
        'operations',
        'changed',
        `${subject} request body`,
        true,
        `${bodyText(a.request)} → ${bodyText(b.request)}`,
      );
    this.pairs(a.responses, b.responses, (r) => String(r.status), {
      removed: (r) =>
        this.add(r.error ? 'errors' : 'operations', 'removed', `${subject} response ${r.status}`, !r.error),
      added: (r) =>
        this.add(
          r.error ? 'errors' : 'operations',
          'added',
          `${subject} response ${r.status}`,
          false,
          r.description,
        ),
      both: (r, s) => {
        if (JSON.stringify(r.body) !== JSON.stringify(s.body))
          this.add(
            'operations',
            'changed',
            `${subject} response ${r.status}`,
            !r.error,
            `${bodyText(r.body)} → ${bodyText(s.body)}`,
          );
      },
    });
    if (a.security.join() !== b.security.join())
      this.add(
        'operations',
        'changed',
        `${subject} security`,
        true,
        `${a.security.join() || 'none'} → ${b.security.join() || 'none'}`,
      );
    if (!a.deprecated && b.deprecated) this.add('operations', 'changed', subject, false, 'deprecated');
  }

  xmlTypes(before: ApiModel['xml'], after: ApiModel['xml']) {
    this.pairs(before?.types ?? [], after?.types ?? [], (t) => t.name, {
      removed: (t) => this.add('payloads', 'removed', t.name, true),
      added: (t) => this.add('payloads', 'added', t.name, false),
      both: (a, b) => {
        const section = (type: string): Section => (/error/i.test(type) ? 'errors' : 'enumerations');
        this.pairs(a.fields, b.fields, (f) => f.prop, {
          removed: (f) => this.add('payloads', 'removed', `${b.name}.${f.prop}`, true, `<${f.local}>`),
          added: (f) =>
            this.add(
              'payloads',
              'added',
              `${b.name}.${f.prop}`,
              !f.optional,
              `<${f.local}>: ${describeField(f)}`,
            ),
          both: (f, g) => {
            const [x, y] = [describeField(f), describeField(g)];
            if (x !== y) this.add('payloads', 'changed', `${b.name}.${f.prop}`, true, `${x} → ${y}`);
            if (f.local !== g.local)
              this.add('payloads', 'changed', `${b.name}.${f.prop}`, false, `<${f.local}> → <${g.local}>`);
            this.values(section(b.name), `${b.name}.${f.prop}`, fieldValues(f), fieldValues(g));
          },
        });
        this.pairs(a.attributes ?? [], b.attributes ?? [], (x) => x.prop, {
          removed: (x) => this.add('payloads', 'removed', `${b.name}.${x.prop}`, true, `@${x.local}`),
          added: (x) => this.add('payloads', 'added', `${b.name}.${x.prop}`, !x.optional, `@${x.local}`),
          both: (x, y) => {
            if (x.scalar !== y.scalar || x.optional !== y.optional)
              this.add('payloads', 'changed', `${b.name}.${x.prop}`, true, `${x.scalar} → ${y.scalar}`);
            this.values(section(b.name), `${b.name}.${x.prop}`, x.enum, y.enum);
          },
        });
      },
    });
  }

  jsonTypes(before: ApiModel['jsonTypes'], after: ApiModel['jsonTypes']) {
    this.pairs(before, after, (t) => t.name, {
      removed: (t) => this.add('payloads', 'removed', t.name, true),
      added: (t) => this.add('payloads', 'added', t.name, false),
      both: (a, b) => this.shape(a.name, a.shape, b.shape),
    });
  }

  shape(subject: string, a: JsonShape, b: JsonShape): void {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const section: Section = /error/i.test(subject) ? 'errors' : 'enumerations';
    if (a.kind === 'object' && b.kind === 'object') {
      this.pairs(a.properties, b.properties, (p) => p.name, {
        removed: (p) => this.add('payloads', 'removed', `${subject}.${p.name}`, true),
        added: (p) =>
          this.add(
            'payloads',
            'added',
            `${subject}.${p.name}`,
            p.required,
            `${describeShape(p.shape)}${p.required ? '' : ', optional'}`,
          ),
        both: (p, q) => {
          if (p.required !== q.required)
            this.add(
              'payloads',
              'changed',
              `${subject}.${p.name}`,
              true,
              q.required ? 'now required' : 'now optional',
            );
          this.shape(`${subject}.${p.name}`, p.shape, q.shape);
        },
      });
      return;
    }
    if (a.kind === 'primitive' && b.kind === 'primitive' && a.type === b.type)
      return this.values(section, subject, a.enum, b.enum);
    if (a.kind === 'array' && b.kind === 'array') return this.shape(`${subject}[]`, a.items, b.items);
    this.add('payloads', 'changed', subject, true, `${describeShape(a)} → ${describeShape(b)}`);
  }

  fieldMaps(before: ApiModel['fieldMaps'], after: ApiModel['fieldMaps']) {
    this.pairs(before, after, (m) => m.name, {
      removed: (m) => this.add('fields', 'removed', m.name, true),
      added: (m) => this.add('fields', 'added', m.name, false),
      both: (a, b) =>
        this.pairs(a.fields, b.fields, (f) => String(f.sequence), {
          removed: (f) =>
            this.add('fields', 'removed', `${b.name} #${f.sequence} ${f.prop}`, true, f.displayName),
          added: (f) =>
            this.add(
              'fields',
              'added',
              `${b.name} #${f.sequence} ${f.prop}`,
              false,
              `${f.displayName}: ${f.type}`,
            ),
          both: (f, g) => {
            const was = `${f.prop}: ${f.type}${f.writable ? '' : ', read-only'}`;
            const now = `${g.prop}: ${g.type}${g.writable ? '' : ', read-only'}`;
            if (was !== now)
              this.add('fields', 'changed', `${b.name} #${f.sequence}`, true, `${was} → ${now}`);
            if (f.displayName !== g.displayName)
              this.add(
                'fields',
                'changed',
                `${b.name} #${f.sequence}`,
                false,
                `display name ${f.displayName} → ${g.displayName}`,
              );
          },
        }),
    });
  }
}

function bodyText(body: OperationDefinition['request']): string {
  if (!body) return 'none';
  if ('schema' in body) return `${body.mediaType} ${body.schema}`;
  if (!('element' in body)) return body.mediaType;
  return 'collectionOf' in body ? `<${body.element}> of <${body.collectionOf}>` : `<${body.element}>`;
}

/** Every API-level difference from `before` to `after`, in spec order within each section. */
export function compareModels(before: ApiModel, after: ApiModel): SpecChange[] {
  const differ = new Differ();
  differ.operations(before.operations, after.operations);
  differ.xmlTypes(before.xml, after.xml);
  differ.jsonTypes(before.jsonTypes, after.jsonTypes);
  differ.fieldMaps(before.fieldMaps, after.fieldMaps);
  return differ.changes;
}
