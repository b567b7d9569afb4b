import {
  agvhdRule,
  cgvhdRule,
  crsRule,
  EngraftmentOutputSchema,
  GraftFailureAssessmentSchema,
  GraftSourceSchema,
  icansRule,
  iceRule,
} from '@engraft/clinical';
import { z } from 'zod';
import { ClinicalEventSchema } from '../clinicalEvents';
import { TRANSFUSION_PRODUCTS } from '../labs';
import { MonitoringSettingsSchema } from '../monitoringSettings';

// Monitoring answers (response contract ADR 0020). Grades are the outputs of the `@engraft/clinical` rules,
// validated by the rules' own output schemas: ASTCT 2019 (Lee et al., BBMT 2019;25:625) for CRS/ICANS/ICE,
// MAGIC 2016 (Harris et al., BBMT 2016;22:4) for acute GVHD, NIH 2014 (Jagasia et al., BBMT 2015;21:389) for chronic.

export const TransfusionViewSchema = z.object({
  id: z.uuid(),
  product: z.enum(TRANSFUSION_PRODUCTS),
  givenOn: z.string(),
});
export type TransfusionView = z.infer<typeof TransfusionViewSchema>;

/** A stored transfusion, as a correction answers it. */
export const TransfusionRecordSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  product: z.string(),
  givenOn: z.string(),
  correctedAt: z.string().nullable(),
});

export const CrsIcansResultSchema = z.object({
  id: z.uuid(),
  assessedOn: z.string(),
  crs: crsRule.outputSchema,
  ice: iceRule.outputSchema.nullable(),
  icans: icansRule.outputSchema,
});
export type CrsIcansResult = z.infer<typeof CrsIcansResultSchema>;

export const AgvhdResultSchema = z.object({ id: z.uuid(), assessedOn: z.string() }).and(agvhdRule.outputSchema);
export type AgvhdResult = z.infer<typeof AgvhdResultSchema>;
export const CgvhdResultSchema = z.object({ id: z.uuid(), assessedOn: z.string() }).and(cgvhdRule.outputSchema);

const GradeCourseSchema = z.object({
  maxGrade: z.number(),
  onsetDay: z.number().nullable(),
  durationDays: z.number().nullable().describe('onset to the last day with grade ≥ 1, inclusive'),
});

/** `@engraft/clinical` `chimerismTrend` (a centre-configured change threshold; categories ASTCT 2021). */
export const ChimerismTrendSchema = z.object({
  direction: z.enum(['falling', 'rising', 'stable', 'single-result']),
  changePoints: z.number().nullable(),
  fromDate: z.string().nullable(),
  toDate: z.string(),
  latestPercent: z.number(),
  ruleId: z.string(),
  explanation: z.string(),
});

export const MonitoringSeriesPointSchema = z.object({
  id: z.uuid(),
  date: z.string(),
  day: z.number().int(),
  value: z.number(),
  lineage: z.string().nullable(),
  reportedValue: z.number(),
  reportedUnit: z.string(),
  correctedAt: z.string().nullable(),
});
export type MonitoringSeriesPoint = z.infer<typeof MonitoringSeriesPointSchema>;

/** Everything the team watches for one episode, derived on read (`services/monitoringSummary.ts`). */
export const MonitoringViewSchema = z.object({
  episodeId: z.uuid(),
  patientId: z.uuid(),
  dayZero: z.string(),
  dayZeroIsActual: z.boolean(),
  today: z.string(),
  todayDay: z.number().int(),
  series: z.record(z.string(), z.array(MonitoringSeriesPointSchema)).describe('lab results by analyte code'),
  transfusions: z.array(
    z.object({
      id: z.string().nullable(),
      product: z.string(),
      date: z.string(),
      day: z.number().int(),
      correctedAt: z.string().nullable(),
    })
  ),
  engraftment: EngraftmentOutputSchema.nullable(),
  graftFailure: GraftFailureAssessmentSchema.nullable(),
  chimerism: z.array(
    z.object({
      lineage: z.string(),
      date: z.string(),
      day: z.number().int(),
      donorPercent: z.number(),
      category: z.string(),
      ruleId: z.string(),
      trend: ChimerismTrendSchema.nullable(),
    })
  ),
  graftSource: z.object({ source: GraftSourceSchema, fromProducts: z.boolean() }).nullable(),
  settings: MonitoringSettingsSchema,
  crsIcans: z.object({
    days: z.array(
      z.object({
        assessmentId: z.uuid(),
        date: z.string(),
        day: z.number().int(),
        crsGrade: z.number(),
        icansGrade: z.number(),
        iceScore: z.number().nullable(),
        crsExplanation: z.string().nullable(),
        icansExplanation: z.string().nullable(),
        tocilizumab: z.boolean(),
        steroids: z.boolean(),
        recordedBy: z.string().nullable(),
      })
    ),
    crs: GradeCourseSchema,
    icans: GradeCourseSchema,
  }),
  agvhd: z.object({
    days: z.array(
      z.object({
        assessmentId: z.uuid(),
        date: z.string(),
        day: z.number().int(),
        grade: z.number(),
        stages: z.record(z.string(), z.number()),
        explanation: z.string().nullable(),
        recordedBy: z.string().nullable(),
      })
    ),
    course: GradeCourseSchema,
  }),
  cgvhd: z.object({
    evaluations: z.array(
      z.object({
        assessmentId: z.uuid(),
        date: z.string(),
        day: z.number().int(),
        severity: z.string(),
        organsInvolved: z.number().int().min(0).max(8),
        organs: z
          .record(z.string(), z.number().int().min(0).max(3).nullable())
          .describe('NIH 2014 organ scores 0–3 as recorded; genital tract null when not examined'),
        explanation: z.string().nullable(),
        recordedBy: z.string().nullable(),
      })
    ),
    worst: z.string(),
  }),
  events: z.array(ClinicalEventSchema),
});
export type MonitoringView = z.infer<typeof MonitoringViewSchema>;

/** An acknowledged alert on the worklist. */
export const AlertAcknowledgementSchema = z.object({
  id: z.uuid(),
  alertKey: z.string(),
  acknowledgedAt: z.string(),
});

/** A follow-up visit or registry report marked done. */
export const FollowUpCompletionSchema = z.object({ id: z.uuid(), key: z.string(), completedOn: z.string() });
