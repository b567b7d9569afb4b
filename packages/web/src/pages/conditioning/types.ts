// Shapes of the conditioning API answers (server services/conditioningPlans.ts); the computation and template
// types come from @engraft/clinical, which computes them.
import type {
  ConditioningPlanComputation,
  ConditioningPlanOptions,
  ConditioningTemplate,
  PlanPatient,
} from '@engraft/clinical';
import type { ConditioningPlanStatus } from '@engraft/domain';

export interface DayDate {
  day: number;
  date: string;
}

export interface ConditioningPlan {
  id: string;
  episodeId: string;
  seriesId: string;
  version: number;
  supersedesId: string | null;
  templateId: string;
  template: ConditioningTemplate;
  options: ConditioningPlanOptions;
  inputs: PlanPatient;
  computed: ConditioningPlanComputation;
  ruleId: string;
  declaredIntent: string | null;
  status: ConditioningPlanStatus;
  reason: string | null;
  prescribedById: string;
  prescribedBy: string | null;
  prescribedAt: string;
  verifiedById: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  endedBy: string | null;
  endedAt: string | null;
  endReason: string | null;
  dayZero: string;
  startDate: string;
  dates: DayDate[];
}

export interface ConditioningContext {
  episode: { id: string; type: string; plannedDayZero: string; actualDayZero: string | null; dayZero: string };
  patient: {
    id: string;
    mrn: string;
    familyName: string;
    givenName: string;
    dateOfBirth: string;
    sex: string;
    heightCm: number | null;
    weightKg: number | null;
  };
  plans: ConditioningPlan[];
}

export interface ConditioningPreviewResult {
  template: ConditioningTemplate;
  inputs: PlanPatient;
  computed: ConditioningPlanComputation;
  dayZero: string;
  startDate: string;
  dates: DayDate[];
}
