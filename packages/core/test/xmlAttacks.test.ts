import { describe, expect, it } from 'vitest';
import { createXmlCodec, DecodeError } from '../src/index.js';
import { CORE, schema } from './fixtures/schema.js';

const codec = createXmlCodec(schema);

function rejects(xml: string, pattern: RegExp): void {
  const before = process.memoryUsage().heapUsed;
  let error: unknown;
  try {
    codec.decode(xml);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DecodeError);
  expect(String((error as Error).message)).toMatch(pattern);
  // Bounded memory: rejecting must not build anything proportional to the attack.
  expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
}

describe('XML codec: attack corpus', () => {
  it('refuses billion laughs', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><poc xmlns="${CORE}"><lastName>&lol3;</lastName></poc>`;
    rejects(lol, /DOCTYPE/);
  });

  it('refuses an external entity', () => {
    rejects(
      `<?xml version="1.0"?><!DOCTYPE poc [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><poc xmlns="${CORE}"><lastName>&xxe;</lastName></poc>`,
      /DOCTYPE/,
    );
    rejects(`<!doctype poc><poc xmlns="${CORE}"/>`, /DOCTYPE/);
  });

  it('refuses 10 000-deep nesting', () => {
    rejects(`<poc xmlns="${CORE}">${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}</poc>`, /nested|depth/i);
  });

  it('refuses a 50 MB document before parsing it', () => {
    const big = `<poc xmlns="${CORE}"><lastName>${'x'.repeat(50 * 1024 * 1024)}</lastName></poc>`;
    rejects(big, /exceeds the limit/);
  });

  it('cannot be used for prototype pollution', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      let result: unknown;
      try {
        result = codec.decode(`<poc xmlns="${CORE}"><${name}><polluted>yes</polluted></${name}></poc>`);
      } catch (e) {
        expect(e).toBeInstanceOf(DecodeError);
      }
      if (result !== undefined) expect(Object.keys(result as object)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    for (const name of ['__proto__', 'constructor']) {
      expect(() =>
        codec.decode(
          `<delegation xmlns="${CORE}"><nameservers><nameserver ${name}="1">ns</nameserver></nameservers></delegation>`,
        ),
      ).toThrow(DecodeError);
    }
    expect(({} as Record<string, unknown>)['1']).toBeUndefined();
  });

  it('honours custom limits', () => {
    const small = createXmlCodec(schema, { maxBytes: 100, maxDepth: 3 });
    expect(() => small.decode(`<poc xmlns="${CORE}"><lastName>${'y'.repeat(200)}</lastName></poc>`)).toThrow(
      /exceeds the limit of 100/,
    );
    expect(() =>
      small.decode(`<poc xmlns="${CORE}"><phones><phone><type><code>O</code></type></phone></phones></poc>`),
    ).toThrow(DecodeError);
  });
});
