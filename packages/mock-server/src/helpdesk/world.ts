import { z } from 'zod';
import { readWorldData } from '../http/worldFile.js';

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
export const helpdeskWorldSchema = z
  .strictObject({
    technicians: z
      .array(
        z
          .strictObject({
            username: z.string().min(1),
            password: z.string().min(1),
            firstName: text,
            lastName: text,
            /** Groups whose tickets the technician sees (data segregation). */
            groups: z.array(text).readonly(),
            permissions: z.array(z.enum(PERMISSIONS)).readonly(),
          })
          .readonly(),
      )
      .readonly(),
    /** Statuses by name; `type` Closed marks closing statuses, `default` the one Close uses. */
    statuses: z
      .array(
        z
          .strictObject({
            name: z.string().min(1),
            type: z.enum(['Open', 'Closed']),
            default: z.boolean().optional(),
          })
          .readonly(),
      )
      .readonly(),
    noteTypes: z.array(text).readonly(),
    /** Activity codes allowed for ticket notes. */
    activityCodes: z.array(text).readonly(),
    /** Tickets: field values by sequence number (custom fields too). */
    tickets: z
      .array(
        z
          .strictObject({
            fields: fieldValues.readonly(),
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
              .readonly()
              .optional(),
            attachments: z
              .array(
                z.strictObject({ fileName: text, fileSize: z.number().int().nonnegative(), fileType: text }),
              )
              .readonly()
              .optional(),
            assignments: z
              .array(
                z.strictObject({
                  summary: text,
                  status: text,
                  technician: text,
                  category: z.string().optional(),
                }),
              )
              .readonly()
              .optional(),
          })
          .readonly(),
      )
      .readonly(),
    templates: z
      .array(
        z
          .strictObject({
            name: text,
            description: text,
            active: z.boolean(),
            templateData: z.string().optional(),
          })
          .readonly(),
      )
      .readonly(),
    /** Custom fields the server adds to every ticket: sequence → display name. */
    customFields: z.record(z.string().regex(/^\d+$/), text).readonly().optional(),
  })
  .readonly();

/** A JSON description of everything the helpdesk mock starts with. */
export type HelpdeskWorld = z.output<typeof helpdeskWorldSchema>;

/** The world the helpdesk mock starts with (`worlds/helpdesk.json`, documented in the README). */
export const defaultHelpdeskWorld: HelpdeskWorld = readWorldData(
  new URL('../../worlds/helpdesk.json', import.meta.url),
  helpdeskWorldSchema,
);
