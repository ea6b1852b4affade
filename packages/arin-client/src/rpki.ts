// RSA-SHA256 signing of ROA requests with node:crypto: a subpath of its own (`@regkit/arin-client/rpki`)
// so the main entry imports no Node module and bundles for browsers.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { ValidationError } from '@regkit/core';
import type { Roa } from './generated/types.gen.js';

/** One prefix of a ROA request. */
export interface RoaPrefix {
  readonly startAddress: string;
  readonly cidrLength: number;
  /** Longest prefix the origin may announce; the CIDR length when left out. */
  readonly maxLength?: number;
}

/** The fields of ARIN's ROA data line. */
export interface RoaRequest {
  readonly name: string;
  readonly originAs: number;
  readonly validFrom: Date;
  readonly validTo: Date;
  readonly prefixes: readonly RoaPrefix[];
  /** When the request was made (default now); ARIN reads it as seconds since 1970. */
  readonly timestamp?: Date;
}

const date = (d: Date) =>
  `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}-${d.getUTCFullYear()}`;

// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * ARIN's ROA data line: `1|timestamp|name|originAS|validityStart|validityEnd|` then
 * `address|cidrLength|maxLength|` per prefix, dates as mm-dd-yyyy (UTC).
 */
export function formatRoaData(request: RoaRequest): string {
  const issues = [
    ...(request.name.includes('|') || !request.name.trim() || CONTROL.test(request.name)
      ? [{ path: 'name', message: 'a ROA name is required and may contain neither | nor control characters' }]
      : []),
    ...(Number.isSafeInteger(request.originAs) && request.originAs >= 0
      ? []
      : [{ path: 'originAs', message: 'must be a whole AS number' }]),
    ...(['validFrom', 'validTo'] as const)
      .filter((k) => !(request[k] instanceof Date) || Number.isNaN(request[k].getTime()))
      .map((k) => ({ path: k, message: 'must be a valid Date' })),
  ];
  if (issues.length) throw new ValidationError(issues, { what: 'Invalid ROA request' });
  const seconds = Math.floor((request.timestamp ?? new Date()).getTime() / 1000);
  const head = [1, seconds, request.name, request.originAs, date(request.validFrom), date(request.validTo)];
  const prefixes = request.prefixes.flatMap((p) => [p.startAddress, p.cidrLength, p.maxLength ?? '']);
  return `${[...head, ...prefixes].join('|')}|`;
}

function keyError(what: string, error: unknown): ValidationError {
  // the message of a key parse error never contains key material, but keep only its first line
  const reason = (error as Error).message.split('\n')[0] ?? '';
  return new ValidationError([{ path: 'key', message: `${what}: ${reason}` }], { what: 'Invalid ROA key' });
}

/** Base64 RSA-SHA256 signature of the ROA data (what `openssl dgst -sha256 -sign key.pem | base64` gives). */
export function signRoaData(roaData: string, privateKeyPem: string): string {
  let key;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw keyError('the private key is not a PEM RSA key', error);
  }
  if (key.asymmetricKeyType !== 'rsa') throw keyError('the ROA request key must be RSA', new Error(''));
  return sign('sha256', Buffer.from(roaData, 'utf8'), key).toString('base64');
}

/** A `roa` payload for createSignedRoa: the data line and its signature with the org's ROA request key. */
export function signRoaRequest(request: RoaRequest, privateKeyPem: string): Roa {
  const roaData = formatRoaData(request);
  return { signature: signRoaData(roaData, privateKeyPem), roaData };
}

/** Whether the signature of a `roa` payload verifies with the public key (whitespace in the base64 is ignored). */
export function verifyRoaSignature(roa: Roa, publicKeyPem: string): boolean {
  if (!roa.signature || roa.roaData === undefined) return false;
  const signature = Buffer.from(roa.signature.replace(/\s/g, ''), 'base64');
  return verify('sha256', Buffer.from(roa.roaData, 'utf8'), createPublicKey(publicKeyPem), signature);
}
