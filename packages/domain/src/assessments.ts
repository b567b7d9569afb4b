import {
  AgvhdInputSchema,
  CgvhdInputSchema,
  CerebralEdemaSchema,
  ConsciousnessSchema,
  CrsInputSchema,
  IceInputSchema,
  MotorSchema,
  SeizureSchema,
} from '@engraft/clinical';
import { z } from 'zod';
import { IsoDateSchema } from './dates';

/**
 * A daily CAR-T toxicity assessment as nurses record it (ASTCT 2019): the raw CRS observations, the ten ICE
 * items (or a CAPD score for children), the neurological findings, and the treatments given. Grades are
 * computed from these by @engraft/clinical and stored with the rule version, never typed in.
 */
export const CrsIcansAssessmentSchema = z.object({
  assessedOn: IsoDateSchema,
  crs: CrsInputSchema,
  ice: IceInputSchema.nullable().describe(
    'The ten ICE items; null when not done (e.g. the patient is unarousable or a child)'
  ),
  capd: z.number().int().min(0).max(32).nullable().describe('CAPD score for children under 12'),
  consciousness: ConsciousnessSchema,
  seizure: SeizureSchema,
  motor: MotorSchema,
  cerebralEdema: CerebralEdemaSchema,
  tocilizumab: z.boolean().describe('Tocilizumab given that day'),
  steroids: z.boolean().describe('Corticosteroids given that day'),
});
export type CrsIcansAssessment = z.infer<typeof CrsIcansAssessmentSchema>;

export const AgvhdAssessmentSchema = z.object({
  assessedOn: IsoDateSchema,
  organs: AgvhdInputSchema,
});
export type AgvhdAssessment = z.infer<typeof AgvhdAssessmentSchema>;

/** A chronic GVHD evaluation (NIH 2014): the eight organ scores, from which global severity is computed. */
export const CgvhdAssessmentSchema = z.object({
  assessedOn: IsoDateSchema,
  organs: CgvhdInputSchema,
});
export type CgvhdAssessment = z.infer<typeof CgvhdAssessmentSchema>;

export const ASSESSMENT_KINDS = ['crs-icans', 'agvhd', 'cgvhd'] as const;
export const AssessmentKindSchema = z.enum(ASSESSMENT_KINDS);
export type AssessmentKind = z.infer<typeof AssessmentKindSchema>;

/** A stored assessment: the raw inputs and what the rules computed from them. */
export const AssessmentSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  kind: AssessmentKindSchema,
  assessedOn: z.string(),
  day: z.number().int(),
  inputs: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()),
  ruleIds: z.array(z.string()),
  recordedBy: z.string().nullable(),
});
export type Assessment = z.infer<typeof AssessmentSchema>;
