import { createHash } from 'node:crypto';
import { seededRandom } from '../http/seededRandom.js';

/**
 * The content of an attachment a world declares only by size: deterministic bytes made from
 * `seed` (the ticket, message and file name), the same on every run, so a download can be checked
 * byte for byte against the digest the world states.
 */
export function generatedAttachment(seed: string, size: number): Buffer {
  const next = seededRandom(createHash('sha256').update(seed).digest().readUInt32LE(0));
  const bytes = Buffer.allocUnsafe(size);
  let i = 0;
  for (; i + 4 <= size; i += 4) bytes.writeUInt32LE(Math.floor(next() * 4294967296), i);
  for (; i < size; i++) bytes[i] = Math.floor(next() * 256);
  return bytes;
}

/** The seed of an attachment's generated content. */
export const attachmentSeed = (ticketNo: string, messageIndex: number, filename: string) =>
  `${ticketNo}/${messageIndex + 1}/${filename}`;

const digests = new Map<string, string>();

/** Lower-case hex SHA-256 of an attachment's content (generated content is digested once per process). */
export function attachmentDigest(content: { data?: string; seed?: string; sizeBytes: number }): string {
  if (content.seed === undefined)
    return createHash('sha256')
      .update(Buffer.from(content.data ?? '', 'base64'))
      .digest('hex');
  const key = `${content.sizeBytes}:${content.seed}`;
  let digest = digests.get(key);
  if (digest === undefined) {
    digest = createHash('sha256').update(generatedAttachment(content.seed, content.sizeBytes)).digest('hex');
    digests.set(key, digest);
  }
  return digest;
}
