import { z } from 'zod';
import { IsoDateSchema } from './dates';

/** Episode types (domain model): HCT autologous/allogeneic, CAR-T, other cellular therapy. */
export const EPISODE_TYPES = {
  'autologous-hct': 'Autologous HCT',
  'allogeneic-hct': 'Allogeneic HCT',
  'car-t': 'CAR-T cell therapy',
  'other-cell-therapy': 'Other cellular therapy',
} as const;
export type EpisodeType = keyof typeof EPISODE_TYPES;
export const EpisodeTypeSchema = z.enum(Object.keys(EPISODE_TYPES) as [EpisodeType, ...EpisodeType[]]);

export const CELL_TYPES = ['T', 'B', 'NK'] as const;
export const CellOriginSchema = z.enum(['autologous', 'allogeneic']);

/** Episode phases in order (domain model lifecycle). */
export const EPISODE_PHASES = {
  referral: 'Referral',
  'work-up': 'Work-up',
  conditioning: 'Conditioning',
  infusion: 'Infusion',
  'early-follow-up': 'Early follow-up',
  'long-term-follow-up': 'Long-term follow-up',
  closed: 'Closed',
} as const;
export type EpisodePhase = keyof typeof EPISODE_PHASES;
export const EpisodePhaseSchema = z.enum(Object.keys(EPISODE_PHASES) as [EpisodePhase, ...EpisodePhase[]]);

export const EpisodeCreateSchema = z
  .object({
    type: EpisodeTypeSchema,
    diagnosisId: z.uuid('choose the indication (a diagnosis of this patient)'),
    plannedDayZero: IsoDateSchema,
    cellType: z.enum(CELL_TYPES).nullable().optional(),
    cellOrigin: CellOriginSchema.nullable().optional(),
    protocol: z.string().trim().max(200).nullable().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'other-cell-therapy') {
      if (!e.cellType) ctx.addIssue({ code: 'custom', path: ['cellType'], message: 'choose T, B or NK cells' });
      if (!e.cellOrigin) {
        ctx.addIssue({ code: 'custom', path: ['cellOrigin'], message: 'choose autologous or allogeneic' });
      }
    } else if (e.cellType || e.cellOrigin) {
      ctx.addIssue({ code: 'custom', path: ['cellType'], message: 'cell type applies to other cellular therapy only' });
    }
  });
export type EpisodeCreate = z.input<typeof EpisodeCreateSchema>;

export const EpisodeSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  diagnosisId: z.uuid(),
  type: EpisodeTypeSchema,
  cellType: z.enum(CELL_TYPES).nullable(),
  cellOrigin: CellOriginSchema.nullable(),
  phase: EpisodePhaseSchema,
  plannedDayZero: z.string(),
  actualDayZero: z.string().nullable(),
  protocol: z.string().nullable(),
  createdAt: z.string(),
  /** Who closed the episode, when, from which phase and why (null while open; cleared when reopened). */
  closure: z
    .object({ on: z.string(), by: z.string().nullable(), fromPhase: EpisodePhaseSchema, reason: z.string() })
    .nullable()
    .optional(),
});
export type Episode = z.infer<typeof EpisodeSchema>;

/** A reason for an irreversible or backward step: required, said in words (ADR 0610). */
export const StepReasonSchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'a reason is required' : 'the reason must be text') })
  .trim()
  .min(3, 'say why (at least 3 characters)')
  .max(500, 'at most 500 characters');

export const EpisodePhaseChangeSchema = z
  .object({
    phase: EpisodePhaseSchema,
    date: IsoDateSchema,
    reason: z.string().trim().max(500).optional(),
  })
  .superRefine((c, ctx) => {
    // Closing ends follow-up and takes the episode off every worklist: never without a reason (ADR 0610).
    if (c.phase === 'closed' && (c.reason ?? '').length < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'closing an episode needs a reason (at least 3 characters)',
      });
    }
  });
export type EpisodePhaseChange = z.infer<typeof EpisodePhaseChangeSchema>;

/** Reopening a closed episode (administrators): to the phase it was closed from unless another is chosen. */
export const EpisodeReopenSchema = z.object({
  phase: EpisodePhaseSchema.exclude(['closed']).optional(),
  date: IsoDateSchema,
  reason: StepReasonSchema,
});
export type EpisodeReopen = z.infer<typeof EpisodeReopenSchema>;

export const EPISODE_PHASE_ORDER = Object.keys(EPISODE_PHASES) as EpisodePhase[];

/**
 * The episode phase state machine (ADR 0610). Phases move forward, skipping allowed; `closed` is terminal and
 * is left only by an administrator's reopen. A move needs a reason when it closes, goes back, or reopens.
 * Once day 0 is recorded (the cells were infused) the episode cannot go back before `infusion`: the
 * infusion happened, and a pre-infusion phase would put an infused patient back on the conditioning worklists.
 */
export type PhaseMove =
  | { ok: true; kind: 'forward' | 'backward' | 'close' | 'reopen'; needsReason: boolean }
  | { ok: false; field: 'phase'; conflict: boolean; message: string };

export function phaseMove(
  from: EpisodePhase,
  to: EpisodePhase,
  opts: { dayZeroRecorded: boolean; reopen?: boolean }
): PhaseMove {
  const i = EPISODE_PHASE_ORDER.indexOf(from);
  const j = EPISODE_PHASE_ORDER.indexOf(to);
  const beforeInfusion = j < EPISODE_PHASE_ORDER.indexOf('infusion');
  if (opts.reopen) {
    if (from !== 'closed') {
      return {
        ok: false,
        field: 'phase',
        conflict: true,
        message: `the episode is not closed (it is in ${EPISODE_PHASES[from]})`,
      };
    }
    if (to === 'closed') {
      return { ok: false, field: 'phase', conflict: false, message: 'choose the phase to reopen the episode in' };
    }
    if (opts.dayZeroRecorded && beforeInfusion) {
      return {
        ok: false,
        field: 'phase',
        conflict: false,
        message: `day 0 is recorded: reopen in ${EPISODE_PHASES.infusion} or a later phase`,
      };
    }
    return { ok: true, kind: 'reopen', needsReason: true };
  }
  if (from === 'closed') {
    return {
      ok: false,
      field: 'phase',
      conflict: true,
      message: 'the episode is closed; an administrator can reopen it with a reason',
    };
  }
  if (i === j) {
    return { ok: false, field: 'phase', conflict: false, message: `the episode is already in ${EPISODE_PHASES[to]}` };
  }
  if (to === 'closed') return { ok: true, kind: 'close', needsReason: true };
  if (j < i) {
    if (opts.dayZeroRecorded && beforeInfusion) {
      return {
        ok: false,
        field: 'phase',
        conflict: false,
        message: `day 0 is recorded: the episode cannot go back before ${EPISODE_PHASES.infusion}`,
      };
    }
    return { ok: true, kind: 'backward', needsReason: true };
  }
  return { ok: true, kind: 'forward', needsReason: false };
}

/** Dates of recorded events may run ahead of the server's UTC date by this many days (time zones ahead of UTC). */
export const EVENT_DATE_SKEW_DAYS = 1;

/** A dated milestone on an episode's timeline (recorded by a person, or derived by a rule). */
export const EpisodeEventSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  date: z.string(),
  kind: z.string(),
  label: z.string(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type EpisodeEvent = z.infer<typeof EpisodeEventSchema>;

export const EpisodeEventCreateSchema = z.object({
  date: IsoDateSchema,
  kind: z.enum(['note', 'admission', 'discharge', 'milestone']),
  label: z.string().trim().min(1, 'describe the event').max(200),
});
export type EpisodeEventCreate = z.infer<typeof EpisodeEventCreateSchema>;
