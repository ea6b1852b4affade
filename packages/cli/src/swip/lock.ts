import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../usageError.js';

/** Fields of /proc/PID/stat after the command name (which may hold spaces), where Linux has them. */
function statOf(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The start time of a process as the kernel counts it, so a reused pid is not taken for its owner. */
const startOf = (pid: number) => statOf(pid)?.[19] ?? '';

function alive(pid: number, start: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = statOf(pid);
  // a killed process its parent has not reaped yet (a zombie) holds nothing
  if (stat?.[0] === 'Z' || stat?.[0] === 'X') return false;
  const now = stat?.[19] ?? '';
  return start === '' || now === '' || now === start;
}

interface Claim {
  name: string;
  pid: number;
  start: string;
  held: boolean;
}

/** `PID.START.NONCE.claim` or `.held`: the owner is in the name, so it is visible the moment the file exists. */
function parseClaim(name: string): Claim | undefined {
  const m = /^(\d{1,10})\.(\d{0,20})\.([0-9a-f]{16})\.(claim|held)$/.exec(name);
  return m ? { name, pid: Number(m[1]), start: m[2]!, held: m[4] === 'held' } : undefined;
}

const ATTEMPTS = 40;

/**
 * An exclusive lock beside the journal, as a folder of claims (`JOURNAL.locks/`). A run creates a
 * claim file whose name carries its pid and the process's start time, then lists the folder: it
 * holds the lock only when no other claim of a live process is there. Two runs that claim at once
 * both see each other (each created its claim before listing), so at most one holds; a claim of a
 * process that is gone is removed by whoever sees it, and no name is ever reused, so removing a
 * dead claim can never remove a live one. A lock held by a live process is never taken.
 */
export async function acquireLock(journalPath: string): Promise<() => void> {
  const dir = `${journalPath}.locks`;
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
      throw new UsageError(`cannot create the lock folder ${dir}: ${(err as NodeJS.ErrnoException).code}`);
  }
  if (!lstatSync(dir).isDirectory())
    throw new UsageError(`the lock folder ${dir} is not a folder (a symbolic link?); nothing was sent`);
  const base = `${process.pid}.${startOf(process.pid)}.${randomBytes(8).toString('hex')}`;
  const mine = join(dir, `${base}.claim`);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const fd = openClaim(mine);
    closeSync(fd);
    let holder: Claim | undefined;
    let contender = false;
    for (const name of readdirSync(dir)) {
      const claim = parseClaim(name);
      if (!claim || join(dir, name) === mine) continue;
      if (!alive(claim.pid, claim.start)) {
        try {
          unlinkSync(join(dir, name));
        } catch {
          // removed by another run first
        }
        continue;
      }
      if (claim.held) holder = claim;
      else contender = true;
    }
    if (!holder && !contender) {
      const held = join(dir, `${base}.held`);
      renameSync(mine, held);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(held);
        } catch {
          // already gone: nothing to release
        }
      };
    }
    unlinkSync(mine);
    if (holder)
      throw new UsageError(
        `the journal ${journalPath} is in use by another run (pid ${holder.pid}, lock ${join(dir, holder.name)}); nothing was sent. Wait for it to finish, or stop it first.`,
      );
    // another run is claiming at the same moment: step back for a random while and look again
    await sleep(5 + Math.floor(Math.random() * 20 * (attempt + 1)));
  }
  throw new UsageError(`cannot take the lock ${dir}: other runs keep claiming it; nothing was sent`);
}

function openClaim(path: string): number {
  try {
    const fd = openSync(
      path,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    writeSync(fd, `${process.pid}\n`);
    return fd;
  } catch (err) {
    throw new UsageError(`cannot create the lock ${path}: ${(err as NodeJS.ErrnoException).code}`);
  }
}
