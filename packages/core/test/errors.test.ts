import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import type * as core from '../src/index.js';
import {
  DecodeError,
  HttpStatusError,
  issuePath,
  RegkitError,
  TimeoutError,
  ValidationError,
} from '../src/index.js';

describe('errors', () => {
  it('carry kind, method, redacted URL and status', () => {
    const e = new HttpStatusError('getPoc failed', {
      status: 404,
      statusText: 'Not Found',
      method: 'GET',
      url: 'https://h/rest/poc/X?apikey=API-AAAA-BBBB-CCCC-DDDD',
      body: { code: 'E_OBJECT_NOT_FOUND' },
    });
    expect(e).toBeInstanceOf(RegkitError);
    expect(e).toBeInstanceOf(HttpStatusError);
    expect(e).not.toBeInstanceOf(TimeoutError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('HttpStatusError');
    expect(e.kind).toBe('http');
    expect(e.url).toBe('https://h/rest/poc/X?apikey=[REDACTED]');
    expect(e.toJSON()).toMatchObject({
      name: 'HttpStatusError',
      status: 404,
      method: 'GET',
      body: { code: 'E_OBJECT_NOT_FOUND' },
    });
  });

  it('instanceof works across two copies of the module', async () => {
    // A second, freshly evaluated copy has different class identities but the same brands.
    vi.resetModules();
    const other = (await import('../src/errors.js')) as typeof core;
    expect(other.HttpStatusError).not.toBe(HttpStatusError);
    const foreign = new other.HttpStatusError('x', { status: 500 });
    expect(foreign).toBeInstanceOf(HttpStatusError);
    expect(foreign).toBeInstanceOf(RegkitError);
    expect(foreign).not.toBeInstanceOf(DecodeError);
    expect(new HttpStatusError('y', { status: 500 })).toBeInstanceOf(other.RegkitError);
  });

  it('subclasses in other packages are recognised by their own brand', () => {
    class ApiError extends HttpStatusError {
      static override readonly brand = Symbol.for('test.ApiError');
    }
    const e = new ApiError('boom', { status: 400 });
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(HttpStatusError);
    expect(new HttpStatusError('z', { status: 400 })).not.toBeInstanceOf(ApiError);
    expect(e.name).toBe('ApiError');
  });

  it('ValidationError names every field', () => {
    const e = new ValidationError([
      { path: 'net.netBlocks[0].startAddress', message: 'Required' },
      { path: 'net.version', message: 'Invalid' },
    ]);
    expect(e.message).toBe('net.netBlocks[0].startAddress: Required; net.version: Invalid');
    expect(inspect(e)).toContain('net.version');
  });
});

describe('error names', () => {
  it('come from the brand, so a bundler that renames classes leaves `name` as documented', () => {
    // what a minifier makes of a subclass: a short class name, the brand's text untouched
    class e extends HttpStatusError {
      static override readonly brand: symbol = Symbol.for('regkit.error.ShopApiError');
    }
    const error = new e('GET /items/1 failed with 404', { status: 404 });
    expect(error.name).toBe('ShopApiError');
    expect(String(error)).toBe('ShopApiError: GET /items/1 failed with 404');
    expect(error instanceof HttpStatusError).toBe(true);
    expect(new TimeoutError(5, { scope: 'attempt' }).name).toBe('TimeoutError');
    // a subclass without a brand of its own keeps its class name
    class LocalError extends ValidationError {}
    expect(new LocalError([{ path: 'x', message: 'is required' }]).name).toBe('LocalError');
  });
});

describe('issuePath', () => {
  it('names a field below its root with dots and list indexes', () => {
    expect(issuePath('net', ['netBlocks', 0, 'startAddress'])).toBe('net.netBlocks[0].startAddress');
    expect(issuePath('body', ['Note Type'])).toBe('body.Note Type');
    expect(issuePath('response', [])).toBe('response');
  });
});
