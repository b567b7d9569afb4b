import { z } from 'zod';
import type { Role } from '../roles';

// Today per role (issue 18 "For the ward", ADR 0801): the response contract of GET /api/v1/worklist/by-role.
// Each section lists the work of one role, computed from the existing tables; a user sees the sections of all
// their roles (a nurse who is also a coordinator sees both).

export const TODAY_SECTION_KEYS = ['nurse', 'lab', 'coordinator', 'data-manager', 'auditor'] as const;
export type TodaySectionKey = (typeof TODAY_SECTION_KEYS)[number];
export const TodaySectionKeySchema = z.enum(TODAY_SECTION_KEYS);

/** Each section's title and the roles that see it (the access rule of the section, checked by the service). */
export const TODAY_SECTIONS: Record<TodaySectionKey, { title: string; roles: readonly Role[]; empty: string }> = {
  nurse: {
    title: 'Ward: infusions and CRS/ICANS checks',
    roles: ['nurse'],
    empty: 'No infusion or CRS/ICANS check due today.',
  },
  lab: {
    title: 'Laboratory: bags and cultures',
    roles: ['lab'],
    empty: 'No bag to process, thaw or release, no culture pending.',
  },
  coordinator: {
    title: 'Coordination: work-up milestones and CAR-T slots',
    roles: ['coordinator'],
    empty: 'No donor work-up, collection, conditioning start or manufacturing slot in the coming weeks.',
  },
  'data-manager': { title: 'Registry reports due', roles: ['data-manager'], empty: 'No registry report is due.' },
  auditor: { title: 'Recent audit events', roles: ['auditor'], empty: 'No audit event in this centre yet.' },
};

/** The sections a user with these roles sees, in the order above. */
export function todaySectionsOf(roles: readonly Role[]): TodaySectionKey[] {
  return TODAY_SECTION_KEYS.filter((k) => TODAY_SECTIONS[k].roles.some((r) => roles.includes(r)));
}

export const TODAY_ITEM_KINDS = {
  'infusion-due': 'Infusion due today',
  'crs-icans-due': 'CRS/ICANS check due',
  'bag-to-process': 'Bag to process',
  'bag-to-release': 'Release to sign',
  'bag-to-thaw': 'Bag to thaw',
  'culture-pending': 'Culture pending',
  'donor-workup': 'Donor work-up',
  'collection-planned': 'Collection',
  'conditioning-start': 'Conditioning start',
  'manufacturing-slot': 'CAR-T manufacturing slot',
  'report-due': 'Registry report',
  'audit-event': 'Audit event',
} as const;
export type TodayItemKind = keyof typeof TODAY_ITEM_KINDS;

/** Coordinators see dated milestones from this many days back (overdue) to this many days ahead. */
export const TODAY_MILESTONE_DAYS_BACK = 14;
export const TODAY_MILESTONE_DAYS_AHEAD = 60;
/** Auditors see this many of the centre's latest audit events. */
export const TODAY_AUDIT_EVENTS = 25;

export const TodayRoleItemSchema = z.object({
  kind: z.enum(Object.keys(TODAY_ITEM_KINDS) as [TodayItemKind, ...TodayItemKind[]]),
  /** What is to be done, e.g. "W9999 26 000101 S1295 00: release awaiting the second signature". */
  label: z.string(),
  /** The day it is due or happened: a date (YYYY-MM-DD) or, for audit events, a UTC timestamp; null if undated. */
  date: z.string().nullable(),
  /** Overdue (a dated milestone in the past, a report past its due date). */
  overdue: z.boolean(),
  patientId: z.uuid().nullable(),
  patient: z.string().nullable(),
  mrn: z.string().nullable(),
  /** The web page where the work is done (bedside, Monitoring tab, product, cells, registries …); null: none. */
  link: z.string().nullable(),
  linkLabel: z.string().nullable(),
});
export type TodayRoleItem = z.infer<typeof TodayRoleItemSchema>;

export const TodaySectionSchema = z.object({
  key: TodaySectionKeySchema,
  title: z.string(),
  items: z.array(TodayRoleItemSchema),
});
export type TodaySection = z.infer<typeof TodaySectionSchema>;

export const TodayByRoleSchema = z.object({ today: z.string(), sections: z.array(TodaySectionSchema) });
export type TodayByRole = z.infer<typeof TodayByRoleSchema>;
