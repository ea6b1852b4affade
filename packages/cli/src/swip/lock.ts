import { closeSync, constants, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { UsageError } from '../usageError.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock beside the journal: a file created with O_EXCL holding the owner's pid. A lock
 * whose process is gone is stale and taken over; a live one refuses the second run.
 */
export function acquireLock(journalPath: string): () => void {
  const path = `${journalPath}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(
        path,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        0o600,
      );
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(path);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UsageError(`cannot create the lock file ${path}: ${(err as NodeJS.ErrnoException).code}`);
      }
    }
    let pid = NaN;
    try {
      pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      // vanished or unreadable: retry
    }
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new UsageError(
        `the journal ${journalPath} is in use by another run (pid ${pid}, lock ${path}); nothing was sent. Wait for it to finish, or stop it first.`,
      );
    }
    try {
      unlinkSync(path);
    } catch {
      // another run took it over first
    }
  }
  throw new UsageError(`cannot take the lock ${path}; nothing was sent`);
}
