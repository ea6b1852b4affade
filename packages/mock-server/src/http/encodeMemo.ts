/** A copy of a plain object's data: its keys (undefined properties left out) in order, and their values' copies. */
class RecordCopy {
  constructor(
    readonly keys: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

/**
 * A copy of plain data, or undefined when `value` is not plain data: strings, finite numbers,
 * booleans, null, plain objects (undefined properties left out) and arrays of such values without
 * holes or empty items. NaN, a Date or other class instance, a `toJSON`, or a function is not.
 */
function copyOf(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'object': {
      if (value === null) return null;
      const proto: unknown = Object.getPrototypeOf(value);
      if (Array.isArray(value)) {
        if (proto !== Array.prototype) return undefined;
        const copy: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          const item = value[i] === null ? undefined : copyOf(value[i]);
          if (item === undefined) return undefined;
          copy.push(item);
        }
        return copy;
      }
      if (proto !== Object.prototype && proto !== null) return undefined;
      const record = value as Record<string, unknown>;
      if (record.toJSON !== undefined) return undefined;
      const keys: string[] = [];
      const values: unknown[] = [];
      for (const key in record) {
        const field = record[key];
        if (field === undefined) continue;
        const fieldCopy = copyOf(field);
        if (fieldCopy === undefined) return undefined;
        keys.push(key);
        values.push(fieldCopy);
      }
      return new RecordCopy(keys, values);
    }
    default:
      return undefined;
  }
}

/** Whether `value` still holds the data `copy` (a `copyOf`) was taken of, its keys in the same order. */
function holds(value: unknown, copy: unknown): boolean {
  if (typeof copy !== 'object' || copy === null) return value === copy;
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(copy)) {
    if (!Array.isArray(value) || proto !== Array.prototype || value.length !== copy.length) return false;
    for (let i = 0; i < copy.length; i++) if (!holds(value[i], copy[i])) return false;
    return true;
  }
  if (Array.isArray(value) || (proto !== Object.prototype && proto !== null)) return false;
  const record = value as Record<string, unknown>;
  if (record.toJSON !== undefined) return false;
  const { keys, values } = copy as RecordCopy;
  let i = 0;
  for (const key in record) {
    const field = record[key];
    if (field === undefined) continue;
    if (key !== keys[i] || !holds(field, values[i])) return false;
    i++;
  }
  return i === keys.length;
}

/** `holds`, false for data nested too deep to walk. */
function stillHolds(value: unknown, copy: unknown): boolean {
  try {
    return holds(value, copy);
  } catch {
    return false;
  }
}

/** `copyOf`, undefined for data nested too deep to walk. */
function plainCopyOf(value: unknown): unknown {
  try {
    return copyOf(value);
  } catch {
    return undefined;
  }
}

/** What an output was encoded to, and a copy of the data it held then. */
interface Encoded {
  readonly kind: string;
  /** The copy of the output's data; undefined until the same output is answered a second time. */
  readonly data?: unknown;
  readonly text?: string;
}

/**
 * Remembers what a pure encoder made of an output object of a handler (a record of the state a
 * read answers): when the same object is answered again and still holds the same data, it is not
 * encoded again. A change to the object, through the API or by hand, is seen by comparing it with
 * a copy of the data it held; an object that is not plain data is encoded every time. An object is
 * copied only once it is answered a second time, so a handler that builds a new output per request
 * pays next to nothing.
 */
export class EncodeMemo {
  readonly #byOutput = new WeakMap<object, Encoded>();

  /** `encode()` of `output`, or what it returned before for the same `kind` (encoder and element) and data. */
  encode(kind: string, output: unknown, encode: () => string): string {
    if (typeof output !== 'object' || output === null) return encode();
    const known = this.#byOutput.get(output);
    if (known?.kind === kind && known.text !== undefined && stillHolds(output, known.data)) return known.text;
    const text = encode();
    const data = known?.kind === kind ? plainCopyOf(output) : undefined;
    this.#byOutput.set(output, data === undefined ? { kind } : { kind, data, text });
    return text;
  }
}
