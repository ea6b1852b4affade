import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsync,
  ftruncateSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { UsageError } from '../usageError.js';
import { acquireLock } from './lock.js';

export const JOURNAL_FORMAT = 'regkit-swip-journal/1';

export interface JournalHeader {
  format: typeof JOURNAL_FORMAT;
  id: string;
  parent: string;
  created: string;
}

/** What is about to be asked of ARIN; written (and synced) before the request is sent. */
export type Intent =
  | { op: 'customer'; key: string; marker: string; name: string; after: number }
  | {
      op: 'reassign';
      block: string;
      customer: string;
      netName: string;
      line: number;
      /** When the request was first journaled (ms since 1970): tickets older than it are not its own. */
      at?: number;
    }
  | { op: 'remove'; block: string; net: string }
  | { op: 'deleteCustomer'; customer: string };

/** What came of it. `absent` says ARIN did not apply it (so it may be sent again). */
export interface Outcome {
  ok: boolean;
  handle?: string;
  net?: string;
  ticket?: string;
  error?: string;
  absent?: boolean;
  reconciled?: boolean;
}

type Line = { i: number } & Intent;
type OutcomeLine = { o: number } & Outcome;

export interface BlockRecord {
  customer: string;
  net?: string;
  ticket?: string;
}

/** The journal replayed: what this journal's runs made at ARIN and what is still unknown. */
export class JournalState {
  readonly customers = new Map<string, string>();
  readonly customerKeys = new Map<string, string>();
  readonly blocks = new Map<string, BlockRecord>();
  readonly failures = new Map<string, string>();
  readonly pending = new Map<number, Intent>();
  /** Ticket numbers of reassignments this journal recorded. */
  readonly tickets = new Set<string>();
  /**
   * Blocks not to send in this run (not journaled): an unknown-outcome reassignment that ARIN may
   * have queued as a ticket; the text says which tickets to look at.
   */
  readonly held = new Map<string, string>();
  maxCustomerNo = 0;
  nextId = 1;
  /**
   * What outcomes keep in memory from here on: a long apply keeps only customers later rows
   * reuse, and no blocks (each block is sent once per run), so its memory does not grow per row.
   */
  retain: { customer(key: string): boolean; blocks: boolean } = { customer: () => true, blocks: true };

  apply(rec: Line | OutcomeLine): void {
    if ('i' in rec) {
      const { i, ...intent } = rec;
      this.pending.set(i, intent as Intent);
      this.nextId = Math.max(this.nextId, i + 1);
      return;
    }
    const intent = this.pending.get(rec.o);
    if (!intent) throw new Error(`outcome for unknown intent ${rec.o}`);
    this.pending.delete(rec.o);
    if (!rec.ok) {
      if (intent.op === 'reassign' && rec.error) this.failures.set(intent.block, rec.error);
      return;
    }
    switch (intent.op) {
      case 'customer':
        if (this.retain.customer(intent.key)) this.noteCustomer(intent.key, rec.handle!);
        else this.maxCustomerNo = Math.max(this.maxCustomerNo, customerNumber(rec.handle!));
        break;
      case 'reassign':
        this.failures.delete(intent.block);
        if (rec.ticket) this.tickets.add(rec.ticket);
        if (this.retain.blocks)
          this.blocks.set(intent.block, {
            customer: intent.customer,
            ...(rec.net ? { net: rec.net } : {}),
            ...(rec.ticket ? { ticket: rec.ticket } : {}),
          });
        break;
      case 'remove':
        this.blocks.delete(intent.block);
        break;
      case 'deleteCustomer': {
        const key = this.customerKeys.get(intent.customer);
        if (key) this.customers.delete(key);
        this.customerKeys.delete(intent.customer);
        break;
      }
    }
  }

  noteCustomer(key: string, handle: string): void {
    this.customers.set(key, handle);
    this.customerKeys.set(handle, key);
    this.maxCustomerNo = Math.max(this.maxCustomerNo, customerNumber(handle));
  }
}

/** The number in a customer handle (`C00012345` → 12345), 0 when there is none. */
export function customerNumber(handle: string): number {
  const digits = /^C(\d{1,12})$/.exec(handle)?.[1];
  return digits ? Number(digits) : 0;
}

/**
 * The append-only record of a SWIP run: a header line, then one JSON line per intent and per
 * outcome. O(1) per request; intents are synced to disk before the request that changes ARIN.
 * Opened without following symlinks, created 0600, held under an exclusive lock.
 */
export class Journal {
  readonly state = new JournalState();
  #bytes: number;
  #unsynced = false;
  #syncing: Promise<void> | undefined;
  #closed = false;

  private constructor(
    readonly path: string,
    readonly header: JournalHeader,
    private readonly fd: number,
    private readonly release: () => void,
    bytes: number,
  ) {
    this.#bytes = bytes;
  }

  static open(path: string, parent: string | undefined, options: { mustExist?: boolean } = {}): Journal {
    const release = acquireLock(path);
    try {
      return Journal.#openLocked(path, parent, release, options.mustExist ?? false);
    } catch (err) {
      release();
      throw err;
    }
  }

  static #openLocked(
    path: string,
    parent: string | undefined,
    release: () => void,
    mustExist: boolean,
  ): Journal {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP')
        throw new UsageError(`the journal ${path} is a symbolic link; refusing to follow it`);
      if (code !== 'ENOENT') throw new UsageError(`cannot open the journal ${path}: ${code}`);
      if (mustExist || !parent) throw new UsageError(`there is no journal at ${path}`);
      try {
        fd = openSync(
          path,
          constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
          0o600,
        );
      } catch (e) {
        throw new UsageError(`cannot create the journal ${path}: ${(e as NodeJS.ErrnoException).code}`);
      }
      const header: JournalHeader = {
        format: JOURNAL_FORMAT,
        id: randomBytes(6).toString('hex'),
        parent,
        created: new Date().toISOString(),
      };
      const line = `${JSON.stringify(header)}\n`;
      writeSync(fd, line);
      return new Journal(path, header, fd, release, Buffer.byteLength(line));
    }
    if (!fstatSync(fd).isFile()) {
      closeSync(fd);
      throw new UsageError(`the journal ${path} is not a regular file`);
    }
    const journal = Journal.#replay(path, parent, fd, release);
    return journal;
  }

  static #replay(path: string, parent: string | undefined, fd: number, release: () => void): Journal {
    const text = readFileSync(fd, 'utf8');
    const refuse = (why: string) => {
      closeSync(fd);
      return new UsageError(`the journal ${path} ${why}; nothing was sent`);
    };
    // a line cut short by a crash was never followed by a request: drop it
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
    const lines = text.slice(0, end).split('\n');
    lines.pop();
    let header: JournalHeader;
    try {
      header = JSON.parse(lines[0] ?? '') as JournalHeader;
    } catch {
      throw refuse('is not a regkit SWIP journal');
    }
    if (header?.format !== JOURNAL_FORMAT || typeof header.id !== 'string')
      throw refuse('is not a regkit SWIP journal');
    if (parent !== undefined && header.parent !== parent)
      throw refuse(`belongs to parent net ${header.parent}, not ${parent}`);
    const journal = new Journal(path, header, fd, release, Buffer.byteLength(text.slice(0, end)));
    for (let n = 1; n < lines.length; n++) {
      try {
        journal.state.apply(JSON.parse(lines[n]!) as Line | OutcomeLine);
      } catch {
        journal.close();
        throw new UsageError(`the journal ${path} is corrupt at line ${n + 1}; nothing was sent`);
      }
    }
    return journal;
  }

  /** Changes with every record: a plan made against another fingerprint is out of date. */
  get fingerprint(): string {
    return `${this.header.id}:${this.#bytes}`;
  }

  #append(record: object): void {
    if (this.#closed) throw new Error('the journal is closed');
    const line = `${JSON.stringify(record)}\n`;
    writeSync(this.fd, line);
    this.#bytes += Buffer.byteLength(line);
  }

  /** Records an intent and waits until it is on disk (one fsync covers every intent waiting). */
  async intent(intent: Intent): Promise<number> {
    const i = this.state.nextId++;
    const rec = { i, ...intent };
    this.#append(rec);
    this.state.apply(rec);
    this.#unsynced = true;
    await this.#sync();
    return i;
  }

  outcome(i: number, outcome: Outcome): void {
    const rec = { o: i, ...outcome };
    this.#append(rec);
    this.state.apply(rec);
  }

  async #sync(): Promise<void> {
    while (this.#unsynced) {
      if (!this.#syncing) {
        this.#unsynced = false;
        this.#syncing = new Promise<void>((resolve, reject) =>
          fsync(this.fd, (err) => (err ? reject(err) : resolve())),
        ).finally(() => (this.#syncing = undefined));
      }
      await this.#syncing;
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.fd);
    this.release();
  }
}
