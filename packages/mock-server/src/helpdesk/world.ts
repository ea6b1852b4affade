import { z } from 'zod';
import { readWorldData } from '../http/worldFile.js';

/** A JSON description of everything the helpdesk mock starts with. */
export interface HelpdeskWorld {
  readonly technicians: readonly {
    readonly username: string;
    readonly password: string;
    readonly firstName: string;
    readonly lastName: string;
    /** Groups whose tickets the technician sees (data segregation). */
    readonly groups: readonly string[];
    readonly permissions: readonly Permission[];
  }[];
  /** Statuses by name; `type` Closed marks closing statuses, `default` the one Close uses. */
  readonly statuses: readonly {
    readonly name: string;
    readonly type: 'Open' | 'Closed';
    readonly default?: boolean;
  }[];
  readonly noteTypes: readonly string[];
  /** Activity codes allowed for ticket notes. */
  readonly activityCodes: readonly string[];
  /** Tickets: field values by sequence number (custom fields too). */
  readonly tickets: readonly {
    readonly fields: Readonly<Record<string, string | number | boolean>>;
    readonly notes?: readonly {
      note: string;
      noteType: string;
      activityCode: string;
      technician: string;
      private?: boolean;
      system?: boolean;
      duration?: string;
      date: string;
    }[];
    readonly attachments?: readonly { fileName: string; fileSize: number; fileType: string }[];
    readonly assignments?: readonly {
      summary: string;
      status: string;
      technician: string;
      category?: string;
    }[];
  }[];
  readonly templates: readonly {
    readonly name: string;
    readonly description: string;
    readonly active: boolean;
    readonly templateData?: string;
  }[];
  /** Custom fields the server adds to every ticket: sequence → display name. */
  readonly customFields?: Readonly<Record<string, string>>;
}

export const PERMISSIONS = [
  'View Ticket',
  'Create Ticket',
  'Edit Ticket',
  'Close Ticket',
  'Delete Ticket',
  'View Ticket Notes',
  'Create Ticket Notes',
  'View Attachment',
  'View Assignment',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const text = z.string();
const fieldValues = z.record(z.string().regex(/^\d+$/), z.union([z.string(), z.number(), z.boolean()]));

/** The schema of a helpdesk world file; `createHelpdeskState` then checks it as a whole. */
export const helpdeskWorldSchema: z.ZodType<HelpdeskWorld> = z.strictObject({
  technicians: z.array(
    z.strictObject({
      username: z.string().min(1),
      password: z.string().min(1),
      firstName: text,
      lastName: text,
      groups: z.array(text),
      permissions: z.array(z.enum(PERMISSIONS)),
    }),
  ),
  statuses: z.array(
    z.strictObject({
      name: z.string().min(1),
      type: z.enum(['Open', 'Closed']),
      default: z.boolean().optional(),
    }),
  ),
  noteTypes: z.array(text),
  activityCodes: z.array(text),
  tickets: z.array(
    z.strictObject({
      fields: fieldValues,
      notes: z
        .array(
          z.strictObject({
            note: text,
            noteType: text,
            activityCode: text,
            technician: text,
            private: z.boolean().optional(),
            system: z.boolean().optional(),
            duration: z.string().optional(),
            date: text,
          }),
        )
        .optional(),
      attachments: z
        .array(z.strictObject({ fileName: text, fileSize: z.number().int().nonnegative(), fileType: text }))
        .optional(),
      assignments: z
        .array(
          z.strictObject({ summary: text, status: text, technician: text, category: z.string().optional() }),
        )
        .optional(),
    }),
  ),
  templates: z.array(
    z.strictObject({
      name: text,
      description: text,
      active: z.boolean(),
      templateData: z.string().optional(),
    }),
  ),
  customFields: z.record(z.string().regex(/^\d+$/), text).optional(),
});

/** The world the helpdesk mock starts with (`worlds/helpdesk.json`, documented in the README). */
export const defaultHelpdeskWorld: HelpdeskWorld = readWorldData(
  new URL('../../worlds/helpdesk.json', import.meta.url),
  helpdeskWorldSchema,
);
