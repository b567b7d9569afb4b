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
      if (!e.cellOrigin) ctx.addIssue({ code: 'custom', path: ['cellOrigin'], message: 'choose autologous or allogeneic' });
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
});
export type Episode = z.infer<typeof EpisodeSchema>;

export const EpisodePhaseChangeSchema = z.object({
  phase: EpisodePhaseSchema,
  date: IsoDateSchema,
  reason: z.string().trim().max(500).optional(),
});
export type EpisodePhaseChange = z.infer<typeof EpisodePhaseChangeSchema>;

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
