import {
  ConditioningPlanComputationSchema,
  ConditioningPlanOptionsSchema,
  ConditioningTemplateSchema,
  PlanPatientSchema,
} from '@engraft/clinical';
import { z } from 'zod';
import { ConditioningPlanStatusSchema } from '../conditioningPlans';
import { EpisodeTypeSchema } from '../episodes';
import { SexSchema } from '../patients';

// Conditioning plans as the API answers them (ADR 0530, 0531; response contract ADR 0020). The template, inputs
// and computation are the schemas `@engraft/clinical` computes with (`computeConditioningPlan`).

export const ConditioningRegimenListSchema = z.array(ConditioningTemplateSchema).readonly();

const planDates = {
  dayZero: z.string().describe("the episode's planned day 0 the days count from"),
  startDate: z.string(),
  dates: z.array(z.object({ day: z.number().int(), date: z.string() })),
};

export const ConditioningPreviewViewSchema = z.object({
  template: ConditioningTemplateSchema,
  inputs: PlanPatientSchema,
  computed: ConditioningPlanComputationSchema,
  ...planDates,
});
export type ConditioningPreviewView = z.infer<typeof ConditioningPreviewViewSchema>;

export const ConditioningPlanViewSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid(),
  seriesId: z.uuid(),
  version: z.number().int(),
  supersedesId: z.uuid().nullable(),
  templateId: z.string(),
  template: ConditioningTemplateSchema,
  options: ConditioningPlanOptionsSchema,
  inputs: PlanPatientSchema,
  computed: ConditioningPlanComputationSchema,
  ruleId: z.string(),
  declaredIntent: z.string().nullable(),
  status: ConditioningPlanStatusSchema,
  reason: z.string().nullable(),
  prescribedById: z.uuid(),
  prescribedBy: z.string().nullable(),
  prescribedAt: z.string(),
  verifiedById: z.uuid().nullable(),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  ...planDates,
});
export type ConditioningPlanView = z.infer<typeof ConditioningPlanViewSchema>;

/** The plan versions of an episode, headed with what a printed calendar shows. */
export const ConditioningPlanListSchema = z.object({
  episode: z.object({
    id: z.uuid(),
    type: EpisodeTypeSchema,
    plannedDayZero: z.string(),
    actualDayZero: z.string().nullable(),
    dayZero: z.string(),
  }),
  patient: z.object({
    id: z.uuid(),
    mrn: z.string(),
    familyName: z.string(),
    givenName: z.string(),
    dateOfBirth: z.string(),
    sex: SexSchema,
    heightCm: z.number().nullable(),
    weightKg: z.number().nullable(),
  }),
  plans: z.array(ConditioningPlanViewSchema),
});
export type ConditioningPlanList = z.infer<typeof ConditioningPlanListSchema>;
