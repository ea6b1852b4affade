// Scalar values: text content read from parsed children, decoded and encoded by their XML type.
import type { XmlScalar } from '../descriptors.js';
import { EncodeError } from '../errors.js';
import { escapeXml } from '../escapeXml.js';
import { TEXT, tagOf, type XmlNode } from './parse.js';
import { decodeError, type Path } from './path.js';

/** The text of an element's children; a child element is a `DecodeError`. */
export function textOf(children: unknown, path: Path): string {
  if (!Array.isArray(children)) return '';
  let text = '';
  for (const child of children as XmlNode[]) {
    if (TEXT in child) text += String(child[TEXT]);
    else if (tagOf(child) !== undefined) throw decodeError('expected text, found an element', path);
  }
  return text;
}

// checked after whitespace is removed, so no part of the pattern can trade characters with another
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const WHITESPACE = /\s+/g;
const INTEGER = /^\s*-?\d+\s*$/;

export function decodeScalar(scalar: XmlScalar, text: string, path: Path): string | number | boolean {
  switch (scalar) {
    case 'integer':
      if (!INTEGER.test(text)) throw decodeError(`'${text}' is not an integer`, path);
      return Number(text);
    case 'boolean': {
      const t = text.trim();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      throw decodeError(`'${text}' is not a boolean`, path);
    }
    case 'base64': {
      const compact = text.replace(WHITESPACE, '');
      if (!BASE64.test(compact)) throw decodeError('not valid base64', path);
      return compact;
    }
    default:
      return text;
  }
}

// Characters XML 1.0 cannot carry at all.
// eslint-disable-next-line no-control-regex -- these are exactly the characters being refused
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** The escaped text of a scalar value; a value of the wrong type is an `EncodeError`. */
export function encodeScalar(scalar: XmlScalar, value: unknown, path: string): string {
  switch (scalar) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw new EncodeError('expected an integer', path);
      return String(value);
    case 'boolean':
      if (typeof value !== 'boolean') throw new EncodeError('expected a boolean', path);
      return value ? 'true' : 'false';
    default: {
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new EncodeError('expected a string', path);
      const text = String(value);
      if (INVALID_CHARS.test(text)) throw new EncodeError('contains a character XML cannot represent', path);
      if (scalar === 'base64' && !BASE64.test(text.replace(WHITESPACE, '')))
        throw new EncodeError('not valid base64', path);
      return escapeXml(text);
    }
  }
}
