import { writeSync } from 'node:fs';

/** Writes all of `bytes` at the descriptor's position: a short write is continued, an error thrown. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}
