import {
  trimTrailing,
  bearerAuth,
  createTokenCache,
  createTransport,
  encodeFieldMap,
  executeOperation,
  registerSecret,
  retryMiddleware,
  ValidationError,
  type CallOptions,
  type Middleware,
  type RetryOptions,
  type Token,
  type TokenCache,
  type Transport,
  type TransportHooks,
  userAgentOf,
} from '@regkit/core';
import {
  assignmentFields,
  attachmentFields,
  ticketNoteFields as noteFields,
  ticketFields,
  ticketTemplateFields,
} from './generated/fields.gen.js';
import type {
  Assignment,
  Attachment,
  TicketNote,
  Ticket,
  TicketTemplate,
  TicketWritable,
} from './generated/fields.gen.js';
import {
  helpdeskOperations,
  type HelpdeskOperationId,
  type HelpdeskOperationTypes,
} from './generated/operations.gen.js';
import type { ChangeStatusNote, TicketNoteBody } from './generated/types.gen.js';
import { HelpdeskApiError } from './helpdeskApiError.js';
import { pick, single, toRecord, type HelpdeskRecord } from './records.js';
import { version } from './version.gen.js';

export interface HelpdeskClientOptions {
  /** Base URL of the Web API, such as `https://helpdesk.example.com/TrackIt/WebApi`. */
  readonly baseUrl: string | URL;
  /** Technician login (`GROUP\LOGINID`) and password for the token call. */
  readonly username?: string;
  readonly password?: string;
  /** Or bring your own tokens (then username and password are not used). */
  readonly tokenProvider?: () => Promise<Token>;
  /** Renew tokens this long before they expire (default 60 s). */
  readonly renewBeforeMs?: number;
  readonly fetch?: typeof globalThis.fetch;
  /** Per-attempt time limit in ms, response body included (default 30 s); `0` for none. */
  readonly timeoutMs?: number;
  /** Time limit of a whole call in ms, retries and `Retry-After` waits included (default 120 s); `0` for none. */
  readonly deadlineMs?: number;
  /** Largest response body accepted, in bytes (default 32 MiB); reading stops past it with `ResponseTooLargeError`. */
  readonly maxResponseBytes?: number;
  /**
   * `'none'` (default): a redirect answer is a `RedirectError`. `'same-origin'`: redirects within the
   * helpdesk's origin are followed. A redirect to another origin is never followed and the
   * password and tokens never go there.
   */
  readonly redirects?: 'none' | 'same-origin';
  readonly retry?: RetryOptions | false;
  readonly hooks?: TransportHooks;
  readonly middleware?: readonly Middleware[];
  /** The clock, for token expiry (tests). */
  readonly now?: () => number;
}

/** A note to add with a change: the server requires a note type and an activity code. */
export interface NoteInput {
  /** `Technician Note`, `Ticket Description`, `Ticket Resolution`, … (per site). */
  readonly type: string;
  /** An activity code the server allows for tickets (`Note By Technician`, …). */
  readonly activityCode: string;
  readonly text: string;
  /** `hh:mm` or `hh:mm:ss`; the server defaults to 0. */
  readonly duration?: string;
  readonly private?: boolean;
}

/** The note of a status change or close: Note Type and Activity Code are required, the text is optional. */
export interface StatusNoteInput {
  readonly type: string;
  readonly activityCode: string;
  readonly text?: string;
  readonly private?: boolean;
}

export interface PageOptions extends CallOptions {
  /** Records per request (default 50). */
  readonly pageSize?: number;
}

export interface NotesOptions extends PageOptions {
  /** Include system notes (default false: user notes only). */
  readonly systemNotes?: boolean;
  /** Truncate note text to this length (-1, the default, returns all). */
  readonly maxContentLength?: number;
}

/** An async iterable over every record of a paged list, with `.all()` to collect them. */
export interface Paged<T> extends AsyncIterable<T> {
  all(): Promise<T[]>;
}

export type TicketRecord = HelpdeskRecord<Ticket>;
export type NoteRecord = HelpdeskRecord<TicketNote>;
export type AttachmentRecord = HelpdeskRecord<Attachment>;
export type AssignmentRecord = HelpdeskRecord<Assignment>;
export type TemplateRecord = HelpdeskRecord<TicketTemplate>;

export interface TicketChange {
  readonly ticket: TicketRecord;
  readonly note?: NoteRecord;
}

const noteBody = (n: NoteInput): TicketNoteBody => ({
  'Note Type': n.type,
  'Activity Code': n.activityCode,
  Note: n.text,
  ...(n.duration !== undefined ? { Duration: n.duration } : {}),
  ...(n.private !== undefined ? { Private: n.private } : {}),
});
const statusNote = (n: StatusNoteInput): ChangeStatusNote => ({
  'Note Type': n.type,
  'Activity Code': n.activityCode,
  ...(n.text !== undefined ? { Note: n.text } : {}),
  ...(n.private !== undefined ? { Private: n.private } : {}),
});

function checkNote(n: StatusNoteInput | undefined, textRequired = true): void {
  if (!n) return;
  const text = textRequired || n.text !== undefined;
  const issues = [
    ...(!n.type?.trim() ? [{ path: 'note.type', message: 'is required' }] : []),
    ...(!n.activityCode?.trim() ? [{ path: 'note.activityCode', message: 'is required' }] : []),
    ...(text && typeof n.text !== 'string'
      ? [{ path: 'note.text', message: textRequired ? 'is required' : 'must be a string' }]
      : []),
  ];
  if (issues.length) throw new ValidationError(issues, { what: 'Invalid note' });
}

/**
 * A typed client of the Track-It! ticket Web API: tokens handled for you, records decoded by
 * field sequence number into camelCase objects, list calls as async iterators.
 */
export class HelpdeskClient {
  readonly baseUrl: string;
  readonly #transport: Transport;
  readonly #tokens: TokenCache;

  constructor(options: HelpdeskClientOptions) {
    this.baseUrl = trimTrailing(String(options.baseUrl), '/');
    const userAgent = userAgentOf('regkit-helpdesk-client', version);
    const tokenTransport = createTransport({
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      deadlineMs: options.deadlineMs,
      maxResponseBytes: options.maxResponseBytes,
      redirects: options.redirects,
      hooks: options.hooks,
      userAgent,
    });
    const now = options.now ?? Date.now;
    let provider = options.tokenProvider;
    if (!provider) {
      const { username, password } = options;
      if (!username || !password)
        throw new ValidationError(
          [{ path: username ? 'password' : 'username', message: 'is required (or pass a tokenProvider)' }],
          { what: 'HelpdeskClient' },
        );
      registerSecret(password);
      provider = async () => {
        const { data } = await this.#execute(tokenTransport, 'requestToken', {
          body: { grant_type: 'password', username, password },
        });
        if (typeof data?.access_token !== 'string' || typeof data.expires_in !== 'number')
          throw new HelpdeskApiError(undefined, {
            status: 200,
            operationId: 'requestToken',
            bodyText: 'the token response has no access_token or expires_in',
          });
        return { accessToken: data.access_token, expiresAt: now() + data.expires_in * 1000 };
      };
    }
    this.#tokens = createTokenCache(provider, { renewBeforeMs: options.renewBeforeMs, now });
    const middleware: Middleware[] = [];
    if (options.retry !== false) middleware.push(retryMiddleware(options.retry ?? {}));
    middleware.push(...(options.middleware ?? []), bearerAuth(this.#tokens));
    this.#transport = createTransport({
      fetch: options.fetch,
      timeoutMs: options.timeoutMs,
      deadlineMs: options.deadlineMs,
      maxResponseBytes: options.maxResponseBytes,
      redirects: options.redirects,
      hooks: options.hooks,
      middleware,
      userAgent,
    });
  }

  /** How many tokens the client has fetched so far. */
  get tokenRequests(): number {
    return this.#tokens.fetches;
  }

  #execute<K extends HelpdeskOperationId>(
    transport: Transport,
    operationId: K,
    input: HelpdeskOperationTypes[K]['input'],
    options?: CallOptions,
  ) {
    return executeOperation<HelpdeskOperationTypes[K]['output']>(
      transport,
      helpdeskOperations[operationId],
      input as unknown as Record<string, unknown>,
      { baseUrl: this.baseUrl, mapError: (body, ctx) => new HelpdeskApiError(body, { ...ctx, operationId }) },
      options,
    );
  }

  /** Any operation by its operationId, with typed input and raw output. */
  async call<K extends HelpdeskOperationId>(
    operationId: K,
    input: HelpdeskOperationTypes[K]['input'],
    options?: CallOptions,
  ): Promise<HelpdeskOperationTypes[K]['output']> {
    return (await this.#execute(this.#transport, operationId, input, options)).data;
  }

  #paged<T>(
    fetchPage: (pageSize: number, pageNumber: number) => Promise<{ count: number; items: T[] }>,
    pageSize = 50,
  ): Paged<T> {
    if (!Number.isInteger(pageSize) || pageSize < 1)
      throw new ValidationError([{ path: 'pageSize', message: 'must be a positive integer' }]);
    const iterate = async function* () {
      let seen = 0;
      for (let page = 1; ; page++) {
        const { count, items } = await fetchPage(pageSize, page);
        for (const item of items) yield item;
        seen += items.length;
        if (items.length < pageSize || seen >= count) return;
      }
    };
    return {
      [Symbol.asyncIterator]: iterate,
      async all() {
        const out: T[] = [];
        for await (const item of iterate()) out.push(item);
        return out;
      },
    };
  }

  #change(output: unknown): TicketChange {
    const ticket = toRecord<Ticket>(ticketFields, pick(output, ['Ticket', 'Tickets'], 'ticket'));
    const rawNote =
      (output as Record<string, unknown> | undefined)?.TicketNote ??
      (output as Record<string, unknown> | undefined)?.Note;
    return rawNote ? { ticket, note: toRecord<TicketNote>(noteFields, single(rawNote, 'note')) } : { ticket };
  }

  readonly tickets = {
    /** H1: the ticket, decoded by field sequence number. */
    get: async (id: number, options?: CallOptions): Promise<TicketRecord> => {
      const out = await this.call('getTicket', { id }, options);
      return toRecord<Ticket>(ticketFields, single(pick(out, ['Ticket', 'Tickets'], 'ticket'), 'ticket'));
    },
    /** H9: create a ticket from writable fields (checked at compile time and at run time). */
    create: async (
      fields: TicketWritable,
      options?: CallOptions & { keyBy?: 'displayName' | 'sequence' },
    ): Promise<TicketRecord> => {
      const Properties = encodeFieldMap(ticketFields, fields, { keyBy: options?.keyBy });
      const out = await this.call('createTicket', { body: { Properties } }, options);
      return toRecord<Ticket>(ticketFields, single(pick(out, ['Ticket', 'Tickets'], 'ticket'), 'ticket'));
    },
    /** H2: change writable fields, optionally adding a note. */
    update: async (
      id: number,
      fields: TicketWritable,
      options?: CallOptions & { note?: NoteInput; keyBy?: 'displayName' | 'sequence' },
    ): Promise<TicketChange> => {
      checkNote(options?.note);
      const Properties = encodeFieldMap(ticketFields, fields, { keyBy: options?.keyBy });
      const body = {
        Properties,
        ...(options?.note ? { OptionalParams: { Note: noteBody(options.note) } } : {}),
      };
      return this.#change(await this.call('updateTicket', { id, body }, options));
    },
    /** H7: set the status by name (a status the server does not know is a 400). */
    changeStatus: async (
      id: number,
      statusName: string,
      options?: CallOptions & { note?: StatusNoteInput },
    ): Promise<TicketChange> => {
      checkNote(options?.note, false);
      if (!statusName?.trim()) throw new ValidationError([{ path: 'statusName', message: 'is required' }]);
      return this.#change(
        await this.call(
          'changeTicketStatus',
          {
            id,
            body: { StatusName: statusName, ...(options?.note ? { Note: statusNote(options.note) } : {}) },
          },
          options,
        ),
      );
    },
    /** H10: close the ticket (the server's default Closed status). */
    close: async (id: number, options?: CallOptions & { note?: StatusNoteInput }): Promise<TicketChange> => {
      checkNote(options?.note, false);
      return this.#change(
        await this.call(
          'closeTicket',
          { id, body: options?.note ? { Note: statusNote(options.note) } : {} },
          options,
        ),
      );
    },
    /** H11: delete the ticket. */
    delete: async (id: number, options?: CallOptions): Promise<void> => {
      const out = await this.call('deleteTicket', { id }, options);
      if (out?.success !== true)
        throw new HelpdeskApiError(out, { status: 200, operationId: 'deleteTicket' });
    },
    /** H8: add a note. */
    addNote: async (id: number, note: NoteInput, options?: CallOptions): Promise<TicketChange> => {
      checkNote(note);
      return this.#change(await this.call('addTicketNote', { id, body: noteBody(note) }, options));
    },
    /** H4: the notes of a ticket, page by page (`for await`), or `.all()`. */
    notes: (id: number, options: NotesOptions = {}): Paged<NoteRecord> =>
      this.#paged(async (pageSize, pageNumber) => {
        const out = await this.call(
          'listTicketNotes',
          {
            id,
            pageSize,
            pageNumber,
            systemNote: options.systemNotes ?? false,
            maxContentLength: options.maxContentLength ?? -1,
          },
          options,
        );
        const list = (out?.TicketNotes ?? out?.Notes ?? []) as unknown[];
        return {
          count: out?.Count ?? list.length,
          items: list.map((n) => toRecord<TicketNote>(noteFields, n)),
        };
      }, options.pageSize),
    /** H5: one note. */
    note: async (noteId: number, options?: CallOptions): Promise<NoteRecord> => {
      const out = await this.call('getNote', { noteId }, options);
      return toRecord<TicketNote>(noteFields, single(pick(out, ['TicketNote', 'Note'], 'note'), 'note'));
    },
    /** H3: the attachments of a ticket. */
    attachments: (id: number, options: PageOptions = {}): Paged<AttachmentRecord> =>
      this.#paged(async (pageSize, pageNumber) => {
        const out = await this.call('listTicketAttachments', { id, pageSize, pageNumber }, options);
        const list = out?.TicketAttachments ?? [];
        return {
          count: out?.Count ?? list.length,
          items: list.map((a) => toRecord<Attachment>(attachmentFields, a)),
        };
      }, options.pageSize),
    /** H6: the assignments of a ticket. */
    assignments: (id: number, options: PageOptions = {}): Paged<AssignmentRecord> =>
      this.#paged(async (pageSize, pageNumber) => {
        const out = await this.call('listTicketAssignments', { id, pageSize, pageNumber }, options);
        const list = out?.Assignments ?? [];
        return {
          count: out?.Count ?? list.length,
          items: list.map((a) => toRecord<Assignment>(assignmentFields, a)),
        };
      }, options.pageSize),
  };

  readonly templates = {
    /** H12: the active ticket templates. */
    list: async (options?: CallOptions): Promise<TemplateRecord[]> => {
      const out = await this.call('listTicketTemplates', {}, options);
      return (out?.TicketTemplates ?? []).map((t) => toRecord<TicketTemplate>(ticketTemplateFields, t));
    },
  };
}
