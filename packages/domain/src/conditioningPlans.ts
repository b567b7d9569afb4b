// Conditioning / lymphodepletion plans on an episode (issue 7; Gyurkocza & Sandmaier, Blood 2014;124:344; Bacigalupo A et al., BBMT 2009;15:1628 for intensity): the API
// contracts and the plan status machine. A plan is prescribed by one physician and verified by a second,
// different user before it is active; every change after creation needs a reason and makes a new version.
import { ConditioningPlanOptionsSchema, SexSchema as DevineSexSchema } from '@engraft/clinical';
import { z } from 'zod';
import { ConfirmationsSchema, type Finding, plausibility, quantity, type QuantitySpec } from './safety/quantity';

/**
 * Body size of a conditioning plan. Possible ranges (refused outside): weight 0.3–400 kg (a 24-week preterm
 * infant is ~0.5 kg; the heaviest recorded adults ~600 kg, but no dosing table reaches 400 kg), height 30–250 cm.
 * Plausible ranges (a confirmation with a reason outside): weight 2.5–200 kg and height 45–210 cm: the WHO Child
 * Growth Standards (WHO 2006, length/height-for-age and weight-for-age tables) put −3 SD at birth at ~2.1–2.5 kg
 * and ~44–46 cm, so a transplant candidate below them is a neonate to check; adults above 200 kg or 210 cm are
 * beyond the 99.9th centile (NCD-RisC, eLife 2016;5:e13410) and more often a typing slip (lb for kg, a swapped
 * field). BMI 10–60 kg/m² catches height and weight typed into each other's field.
 */
export const PLAN_WEIGHT: QuantitySpec = {
  label: 'weight',
  unit: 'kg',
  min: 0.3,
  max: 400,
  plausible: { min: 2.5, max: 200 },
};
export const PLAN_HEIGHT: QuantitySpec = {
  label: 'height',
  unit: 'cm',
  min: 30,
  max: 250,
  plausible: { min: 45, max: 210 },
};
export const PLAN_BMI: QuantitySpec = {
  label: 'BMI (weight for height)',
  unit: 'kg/m2',
  min: 0,
  max: Infinity,
  plausible: { min: 10, max: 60 },
};

/** Plausibility findings of the body size a plan is computed from (whether typed in the request or from the record). */
export function planBodyFindings(heightCm: number, weightKg: number): Finding[] {
  const bmi = weightKg / (heightCm / 100) ** 2;
  return [
    plausibility('weightKg', weightKg, PLAN_WEIGHT),
    plausibility('heightCm', heightCm, PLAN_HEIGHT),
    plausibility('bmi', Number(bmi.toFixed(1)), PLAN_BMI),
  ].filter((f): f is Finding => f !== null);
}

export const CONDITIONING_PLAN_STATUSES = {
  draft: 'Awaiting verification',
  active: 'Verified (active)',
  superseded: 'Superseded',
  cancelled: 'Cancelled',
} as const;
export type ConditioningPlanStatus = keyof typeof CONDITIONING_PLAN_STATUSES;
export const ConditioningPlanStatusSchema = z.enum(
  Object.keys(CONDITIONING_PLAN_STATUSES) as [ConditioningPlanStatus, ...ConditioningPlanStatus[]]
);

/** draft → active (verified by a second user); draft or active → superseded (a new version) or cancelled. */
export const CONDITIONING_PLAN_TRANSITIONS: Record<ConditioningPlanStatus, readonly ConditioningPlanStatus[]> = {
  draft: ['active', 'superseded', 'cancelled'],
  active: ['superseded', 'cancelled'],
  superseded: [],
  cancelled: [],
};

/** Why a status move is refused, or null when it is allowed. */
export function conditioningPlanTransitionError(
  from: ConditioningPlanStatus,
  to: ConditioningPlanStatus
): string | null {
  if (CONDITIONING_PLAN_TRANSITIONS[from].includes(to)) return null;
  if (from === 'superseded') return 'this plan version is superseded: change the current version instead';
  if (from === 'cancelled') return 'this plan is cancelled';
  if (from === 'active' && to === 'active') return 'this plan is already verified';
  return `a ${CONDITIONING_PLAN_STATUSES[from].toLowerCase()} plan cannot become ${CONDITIONING_PLAN_STATUSES[to].toLowerCase()}`;
}

/** The two users rule: the verifier must not be the prescriber. */
export function verifierError(prescribedBy: string | null, verifiedBy: string | null): string | null {
  if (verifiedBy == null) return 'verification needs an identified user';
  if (prescribedBy === verifiedBy) return 'a plan must be verified by a second user, not the prescriber';
  return null;
}

export const ReasonSchema = z.string().trim().min(3, 'give a reason (at least 3 characters)').max(500);

/** What a prescriber sends: the template, its parameters, and optionally today's measurements. */
export const ConditioningPlanInputSchema = z
  .object({
    templateId: z.string().min(1).max(64),
    options: ConditioningPlanOptionsSchema.default({}),
    heightCm: quantity(PLAN_HEIGHT).optional().describe("defaults to the patient's recorded height"),
    weightKg: quantity(PLAN_WEIGHT).optional().describe("defaults to the patient's recorded weight"),
    sex: DevineSexSchema.optional().describe('male or female for the Devine IBW; defaults to the patient record'),
    confirmations: ConfirmationsSchema.optional().describe(
      'reasons for values flagged as unusual (implausible size, paediatric busulfan)'
    ),
  })
  .strict();
export type ConditioningPlanInput = z.input<typeof ConditioningPlanInputSchema>;

export const ConditioningPreviewSchema = ConditioningPlanInputSchema.extend({
  episodeId: z.uuid('episode id must be a UUID'),
}).strict();
export type ConditioningPreview = z.input<typeof ConditioningPreviewSchema>;

export const ConditioningPlanChangeSchema = ConditioningPlanInputSchema.extend({ reason: ReasonSchema }).strict();
export type ConditioningPlanChange = z.input<typeof ConditioningPlanChangeSchema>;

export const ConditioningPlanCancelSchema = z.object({ reason: ReasonSchema }).strict();
export type ConditioningPlanCancel = z.input<typeof ConditioningPlanCancelSchema>;

/**
 * Whether a regimen kind fits an episode type: HCT episodes are conditioned, CAR-T episodes are lymphodepleted
 * (the CAR-T labels prescribe lymphodepletion, not a conditioning intensity); other cellular
 * therapies may use either. Returns why not, or null.
 */
export function regimenKindError(kind: 'conditioning' | 'lymphodepletion', episodeType: string): string | null {
  if (kind === 'lymphodepletion' && (episodeType === 'autologous-hct' || episodeType === 'allogeneic-hct')) {
    return 'a lymphodepletion regimen is for cell-therapy episodes, not HCT: choose a conditioning regimen';
  }
  if (kind === 'conditioning' && episodeType === 'car-t') {
    return 'a CAR-T episode gets lymphodepletion, not HCT conditioning: choose a lymphodepletion regimen';
  }
  return null;
}
