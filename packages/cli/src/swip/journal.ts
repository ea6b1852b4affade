import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
} from 'node:fs';
import { UsageError } from '../usageError.js';
import { acquireLock } from './lock.js';
import { writeAllSync } from './writeAll.js';

export const JOURNAL_FORMAT = 'regkit-swip-journal/1';

export interface JournalHeader {
  format: typeof JOURNAL_FORMAT;
  id: string;
  parent: string;
  created: string;
}

/** What is about to be asked of ARIN; written (and synced) before the request is sent. */
export type Intent =
  | {
      op: 'customer';
      key: string;
      marker: string;
      name: string;
      /** The highest customer number known when it was sent: where a search for it starts. */
      after: number;
      /** The first row (line) that needs the customer, for messages and `swip settle`. */
      line?: number;
    }
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
  | { op: 'deleteCustomer'; customer: string }
  | { op: 'customerModify'; customer: string; address: DesiredAddress }
  | { op: 'netModify'; net: string; netName: string }
  | RegistryIntent;

/**
 * A routing registry write (`irr apply`, `aspa apply`): settled by reading the object back. A route
 * is keyed by prefix and origin, a set by name, an ASPA by customer AS (`providers: null` deletes it).
 */
export type RegistryIntent =
  | {
      op: 'routeCreate' | 'routeModify';
      org: string;
      prefix: string;
      origin: string;
      description: string[];
      memberOf: string[];
    }
  | { op: 'routeDelete'; prefix: string; origin: string }
  | {
      op: 'setCreate' | 'setModify';
      kind: 'as-set' | 'route-set';
      org: string;
      name: string;
      members: string[];
      /** The descr lines a new set gets (a modify keeps the set's own). */
      description?: string[];
    }
  | { op: 'setDelete'; kind: 'as-set' | 'route-set'; name: string }
  | {
      op: 'aspa';
      org: string;
      customer: number;
      providers: number[] | null;
      /** The customer AS has an ASPA now: the transaction deletes it first. */
      replace?: boolean;
    };

const REGISTRY_OPS: ReadonlySet<Intent['op']> = new Set([
  'routeCreate',
  'routeModify',
  'routeDelete',
  'setCreate',
  'setModify',
  'setDelete',
  'aspa',
]);

/** Whether an intent is a routing registry write (reconciled by the command that wrote it). */
export const isRegistryIntent = (intent: Intent): intent is RegistryIntent => REGISTRY_OPS.has(intent.op);

/** A customer's address as `--sync` sends it. */
export interface DesiredAddress {
  street: string[];
  city: string;
  stateProvince?: string;
  postalCode?: string;
  country: string;
}

/** What came of it. `absent` says ARIN did not apply it (so it may be sent again). */
export interface Outcome {
  ok: boolean;
  handle?: string;
  net?: string;
  ticket?: string;
  error?: string;
  absent?: boolean;
  reconciled?: boolean;
  /** A customer create whose outcome no search could settle: held until the operator settles it. */
  held?: boolean;
  /** Customers that might be the one (same name, no marker), for the operator. */
  candidates?: string[];
}

/** The operator's word on a held customer (`swip settle`): it is `handle`, or none was created. */
export interface Settlement {
  settle: string;
  handle?: string;
  none?: true;
  /** `operator` (swip settle) or `search` (a later search found the marked customer). */
  by: 'operator' | 'search';
  at: string;
}

/** A customer create held until the operator settles it. */
export interface HeldCustomer {
  marker: string;
  name: string;
  /** Where a search for it starts (the intent's `after`). */
  after: number;
  line?: number;
  reason: string;
  candidates: string[];
}

type Line = { i: number } & Intent;
type OutcomeLine = { o: number } & Outcome;
type Record_ = Line | OutcomeLine | Settlement;

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
  /** Customer keys whose create has an unknown outcome no search settled (until `swip settle`). */
  readonly heldCustomers = new Map<string, HeldCustomer>();
  maxCustomerNo = 0;
  nextId = 1;
  /**
   * What outcomes keep in memory from here on: a long apply keeps only customers later rows
   * reuse, and no blocks (each block is sent once per run), so its memory does not grow per row.
   */
  retain: { customer(key: string): boolean; blocks: boolean } = { customer: () => true, blocks: true };

  apply(rec: Record_): void {
    if ('settle' in rec) {
      this.heldCustomers.delete(rec.settle);
      if (rec.handle) this.noteCustomer(rec.settle, rec.handle);
      return;
    }
    if ('i' in rec) {
      const { i, ...intent } = rec;
      this.pending.set(i, intent as Intent);
      this.nextId = Math.max(this.nextId, i + 1);
      return;
    }
    const intent = this.pending.get(rec.o);
    if (!intent) throw new Error(`outcome for unknown intent ${rec.o}`);
    this.pending.delete(rec.o);
    if (intent.op === 'customer' && rec.held) {
      this.heldCustomers.set(intent.key, {
        marker: intent.marker,
        name: intent.name,
        after: intent.after,
        ...(intent.line !== undefined ? { line: intent.line } : {}),
        reason: rec.error ?? 'its outcome is unknown',
        candidates: rec.candidates ?? [],
      });
      return;
    }
    if (!rec.ok) {
      if (intent.op === 'reassign' && rec.error) this.failures.set(intent.block, rec.error);
      return;
    }
    switch (intent.op) {
      case 'customer':
        this.heldCustomers.delete(intent.key);
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
      case 'customerModify':
      case 'netModify':
      case 'routeCreate':
      case 'routeModify':
      case 'routeDelete':
      case 'setCreate':
      case 'setModify':
      case 'setDelete':
      case 'aspa':
        break;
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

/** The journal could not be written: the run stops before sending anything more. */
export class JournalWriteError extends UsageError {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(
      `cannot write the journal ${path} (${code}${WRITE_CODES[code] ? `: ${WRITE_CODES[code]}` : ''}); ` +
        'the run stopped before sending anything more. Fix the cause, then run the same command again: ' +
        'requests already sent are checked at ARIN first',
    );
  }
}

const WRITE_CODES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EFBIG: 'the file is larger than this process may write (ulimit -f?)',
  EIO: 'an input/output error on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
};

/** A record of the journal's last line cut short by a crash or a short write, as far as it reads. */
function tornRecord(text: string): { intent?: number; outcome?: number } {
  const outcome = /^\{"o":(\d{1,12})[,}]/.exec(text);
  if (outcome) return { outcome: Number(outcome[1]) };
  if (text.startsWith('{"o"')) return { outcome: -1 };
  const intent = /^\{"i":(\d{1,12})[,}]/.exec(text);
  return intent ? { intent: Number(intent[1]) } : {};
}

/**
 * The append-only record of a SWIP run: a header line, then one JSON line per intent and per
 * outcome. O(1) per request. An intent is written whole and synced to disk before the request
 * that changes ARIN; a write that fails or comes up short stops the run before that request.
 * Opened without following symlinks, created 0600, held under an exclusive lock.
 */
export class Journal {
  readonly state = new JournalState();
  /** What opening found worth telling the operator (a torn last line). */
  readonly notices: string[] = [];
  #bytes: number;
  #unsynced = false;
  #syncing: Promise<void> | undefined;
  #closed = false;
  #failed: JournalWriteError | undefined;

  private constructor(
    readonly path: string,
    readonly header: JournalHeader,
    private readonly fd: number,
    private readonly release: () => void,
    bytes: number,
  ) {
    this.#bytes = bytes;
  }

  static async open(
    path: string,
    parent: string | undefined,
    options: { mustExist?: boolean } = {},
  ): Promise<Journal> {
    const release = await acquireLock(path);
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
      const journal = new Journal(path, header, fd, release, 0);
      try {
        journal.#write(line);
        fsyncSync(fd);
      } catch (err) {
        journal.close();
        throw err instanceof JournalWriteError ? err : new JournalWriteError(path, errCode(err));
      }
      return journal;
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
    // A last line cut short (a crash, a short write): an intent is sent only once its whole line is
    // on disk, so a torn intent was never sent; a torn outcome leaves its intent open, and the run
    // checks it at ARIN before anything else is sent.
    const end = text.lastIndexOf('\n') + 1;
    const torn = end < text.length ? tornRecord(text.slice(end)) : undefined;
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
        journal.state.apply(JSON.parse(lines[n]!) as Record_);
      } catch {
        journal.close();
        throw new UsageError(`the journal ${path} is corrupt at line ${n + 1}; nothing was sent`);
      }
    }
    if (torn?.outcome === -1)
      journal.notices.push(
        "the journal's last line (an outcome) was cut short; every open request is checked at ARIN before anything is sent",
      );
    else if (torn?.outcome !== undefined)
      journal.notices.push(
        `the journal's last line (the outcome of request ${torn.outcome}) was cut short; ` +
          (journal.state.pending.has(torn.outcome)
            ? 'that request is checked at ARIN before anything is sent'
            : 'its request was already settled'),
      );
    else if (torn)
      journal.notices.push(
        `the journal's last line${torn.intent !== undefined ? ` (request ${torn.intent})` : ''} was cut short ` +
          'before it was whole on disk, so its request was never sent; it was removed',
      );
    return journal;
  }

  /** Changes with every record: a plan made against another fingerprint is out of date. */
  get fingerprint(): string {
    return `${this.header.id}:${this.#bytes}`;
  }

  /** Writes `line` whole at the end (a short write is continued); on failure the file is cut back. */
  #write(line: string): void {
    if (this.#failed) throw this.#failed;
    const bytes = Buffer.from(line);
    try {
      writeAllSync(this.fd, bytes);
    } catch (err) {
      this.#failed = new JournalWriteError(this.path, errCode(err));
      try {
        ftruncateSync(this.fd, this.#bytes);
      } catch {
        // the torn line stays; opening the journal recognises it
      }
      throw this.#failed;
    }
    this.#bytes += bytes.length;
  }

  #append(record: object): void {
    if (this.#closed) throw new Error('the journal is closed');
    this.#write(`${JSON.stringify(record)}\n`);
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

  /** Records how a held customer was settled (by the operator, or found by a later search). */
  async settle(key: string, how: { handle: string } | { none: true }, by: Settlement['by']): Promise<void> {
    const rec: Settlement = { settle: key, ...how, by, at: new Date().toISOString() };
    this.#append(rec);
    this.state.apply(rec);
    this.#unsynced = true;
    await this.#sync();
  }

  async #sync(): Promise<void> {
    while (this.#unsynced) {
      if (!this.#syncing) {
        this.#unsynced = false;
        this.#syncing = new Promise<void>((resolve, reject) =>
          fsync(this.fd, (err) => {
            if (!err) return resolve();
            this.#failed ??= new JournalWriteError(this.path, errCode(err));
            reject(this.#failed);
          }),
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

const errCode = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? String(err);
