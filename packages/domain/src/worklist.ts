import { z } from 'zod';
import { EpisodePhaseSchema } from './episodes';

export const WORK_ITEM_KINDS = {
  'crs-icans-due': 'CRS/ICANS assessment due',
  'labs-overdue': 'Blood count overdue',
  'engraftment-not-reached': 'Engraftment not reached',
  'graft-failure': 'Graft failure',
  'cmv-above-threshold': 'CMV above threshold',
  'chimerism-falling': 'Falling chimerism',
  'follow-up-due': 'Follow-up visit',
  'report-due': 'Registry report',
} as const;
export type WorkItemKind = keyof typeof WORK_ITEM_KINDS;

export const WorkItemSchema = z.object({
  episodeId: z.uuid(),
  patientId: z.uuid(),
  patient: z.string(),
  mrn: z.string(),
  /** Today's day label of the episode, e.g. D+12. */
  day: z.string(),
  kind: z.enum(Object.keys(WORK_ITEM_KINDS) as [WorkItemKind, ...WorkItemKind[]]),
  severity: z.enum(['alert', 'due', 'upcoming']),
  label: z.string(),
  followUpKey: z.string().optional(),
  dueDate: z.string().optional(),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

export const WorklistSchema = z.object({
  today: z.string(),
  phases: z.array(z.object({ phase: EpisodePhaseSchema, n: z.number().int(), byType: z.record(z.string(), z.number().int()) })),
  items: z.array(WorkItemSchema),
});
export type Worklist = z.infer<typeof WorklistSchema>;
