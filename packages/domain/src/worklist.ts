import { z } from 'zod';
import { EpisodePhaseSchema, StepReasonSchema } from './episodes';

export const WORK_ITEM_KINDS = {
  'crs-icans-due': 'CRS/ICANS assessment due',
  'labs-overdue': 'Blood count overdue',
  'engraftment-not-reached': 'Engraftment not reached',
  'graft-failure': 'Graft failure',
  'cmv-above-threshold': 'CMV above threshold',
  'chimerism-falling': 'Falling chimerism',
  'follow-up-due': 'Follow-up visit',
  'report-due': 'Registry report',
  'bedside-stop': 'Bedside check refused',
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
  /**
   * The alert's identity (alerts only): kind + episode + the evidence it rests on (a result's date and value, a
   * bedside check's id …), so a new result raises a new alert while an acknowledged one stays acknowledged.
   */
  alertKey: z.string().optional(),
  /** Date of the evidence the alert rests on (the latest result); alerts with stale evidence are not raised. */
  evidenceDate: z.string().optional(),
  /** Who acknowledged the alert, when, and their note; acknowledged alerts are listed collapsed, after the open ones. */
  acknowledged: z.object({ by: z.string(), at: z.string(), note: z.string().nullable() }).nullable().optional(),
});
export type WorkItem = z.infer<typeof WorkItemSchema>;

/** A follow-up visit or registry report marked done (listed on Today for a while so it can be undone). */
export const FollowUpDoneSchema = z.object({
  episodeId: z.uuid(),
  patientId: z.uuid(),
  patient: z.string(),
  mrn: z.string(),
  key: z.string(),
  label: z.string(),
  completedOn: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type FollowUpDone = z.infer<typeof FollowUpDoneSchema>;

export const WorklistSchema = z.object({
  today: z.string(),
  phases: z.array(
    z.object({ phase: EpisodePhaseSchema, n: z.number().int(), byType: z.record(z.string(), z.number().int()) })
  ),
  items: z.array(WorkItemSchema),
  recentlyDone: z.array(FollowUpDoneSchema),
});
export type Worklist = z.infer<typeof WorklistSchema>;

/** Marked-done follow-ups stay listed (with Undo) this many days after they were marked. */
export const RECENTLY_DONE_DAYS = 30;

export const AlertAcknowledgeSchema = z.object({
  alertKey: z.string().trim().min(1, 'which alert').max(300),
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
});
export type AlertAcknowledge = z.infer<typeof AlertAcknowledgeSchema>;

export const FollowUpUndoSchema = z.object({ reason: StepReasonSchema });
export type FollowUpUndo = z.infer<typeof FollowUpUndoSchema>;

/**
 * Among alerts, the most serious first (ADR 0610): a refused bedside check (wrong patient or wrong product at the
 * bedside) is an event happening now, then graft failure, then infection and engraftment, then chimerism, then
 * overdue paperwork.
 */
export const ALERT_RANK: Record<WorkItemKind, number> = {
  'bedside-stop': 0,
  'graft-failure': 1,
  'cmv-above-threshold': 2,
  'engraftment-not-reached': 3,
  'chimerism-falling': 4,
  'crs-icans-due': 5,
  'labs-overdue': 6,
  'follow-up-due': 7,
  'report-due': 8,
};
const SEVERITY_RANK = { alert: 0, due: 1, upcoming: 2 } as const;

/**
 * Today's order: open alerts (most serious kind first; the newest bedside refusal first), then acknowledged alerts,
 * then what is due, then what is coming; within a kind the earliest due date, then the patient's name.
 */
export function compareWorkItems(a: WorkItem, b: WorkItem): number {
  const ack = (w: WorkItem) => (w.acknowledged ? 1 : 0);
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    ack(a) - ack(b) ||
    ALERT_RANK[a.kind] - ALERT_RANK[b.kind] ||
    (a.kind === 'bedside-stop' ? (b.evidenceDate ?? '').localeCompare(a.evidenceDate ?? '') : 0) ||
    (a.dueDate ?? '').localeCompare(b.dueDate ?? '') ||
    a.patient.localeCompare(b.patient)
  );
}
