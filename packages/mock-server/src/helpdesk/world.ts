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

/** The default world, documented in the README. */
export const defaultHelpdeskWorld: HelpdeskWorld = {
  technicians: [
    {
      username: 'HELP DESK\\JSMITH',
      password: 'trackit-demo-1',
      firstName: 'Jo',
      lastName: 'Smith',
      groups: ['HELP DESK', 'NETWORK'],
      permissions: [...PERMISSIONS],
    },
    {
      username: 'HELP DESK\\VIEWER',
      password: 'trackit-demo-2',
      firstName: 'Val',
      lastName: 'Viewer',
      groups: ['HELP DESK'],
      permissions: ['View Ticket', 'View Ticket Notes'],
    },
    {
      username: 'FACILITIES\\FRED',
      password: 'trackit-demo-3',
      firstName: 'Fred',
      lastName: 'Facilities',
      groups: ['FACILITIES'],
      permissions: [...PERMISSIONS],
    },
  ],
  statuses: [
    { name: 'Open', type: 'Open' },
    { name: 'In Progress', type: 'Open' },
    { name: 'Waiting on Vendor', type: 'Open' },
    { name: 'Closed', type: 'Closed', default: true },
    { name: 'Cancelled', type: 'Closed' },
  ],
  noteTypes: ['Technician Note', 'Ticket Description', 'Ticket Resolution'],
  activityCodes: [
    'Note By Technician',
    'Additional Information',
    'Completed Work',
    'Contacted User',
    'Research',
  ],
  customFields: { '501': 'Circuit ID' },
  tickets: [
    {
      fields: {
        '22': 'Core router CPU alarms',
        '34': 'NETWORK',
        '36': 'NOC',
        '96': 'Open',
        '107': '2 - High',
        '72': 'Network',
        '12': '2026-11-20T08:00:00',
        '501': 'CKT-0042',
      },
      notes: [
        {
          note: 'Alarm raised by monitoring.',
          noteType: 'Ticket Description',
          activityCode: 'Additional Information',
          technician: 'SYSTEM',
          system: true,
          date: '2026-11-20T08:00:00',
        },
        {
          note: 'Checked the router; a BGP session is flapping.',
          noteType: 'Technician Note',
          activityCode: 'Research',
          technician: 'JSMITH',
          duration: '00:20',
          date: '2026-11-20T08:30:00',
        },
        {
          note: 'Vendor case 7781 opened.',
          noteType: 'Technician Note',
          activityCode: 'Contacted User',
          technician: 'JSMITH',
          private: true,
          date: '2026-11-20T09:00:00',
        },
      ],
      attachments: [{ fileName: 'cpu-graph.png', fileSize: 120743, fileType: 'image/png' }],
      assignments: [
        { summary: 'Replace line card', status: 'Open', technician: 'JSMITH', category: 'Network' },
      ],
    },
    {
      fields: {
        '22': 'Printer jam on floor 2',
        '34': 'HELP DESK',
        '36': 'TD',
        '96': 'In Progress',
        '107': '3 - Medium',
        '72': 'Hardware',
        '12': '2026-11-21T10:00:00',
      },
      notes: [
        {
          note: 'User reports paper jam.',
          noteType: 'Ticket Description',
          activityCode: 'Additional Information',
          technician: 'VIEWER',
          date: '2026-11-21T10:00:00',
        },
      ],
    },
    {
      fields: {
        '22': 'Broken door lock',
        '34': 'FACILITIES',
        '36': 'OPS',
        '96': 'Open',
        '72': 'Facilities',
        '12': '2026-11-21T11:00:00',
      },
    },
  ],
  templates: [
    {
      name: 'New Hire',
      description: 'New Hire Creation',
      active: true,
      templateData:
        '<TemplateData><RowData><sequence>96</sequence><value>Open</value></RowData></TemplateData>',
    },
    { name: 'Network Outage', description: 'Outage of a network service', active: true },
    { name: 'Old Fax Request', description: 'Retired', active: false },
  ],
};
