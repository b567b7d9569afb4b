// A conditioning / lymphodepletion plan computed from a regimen template and the patient's height, weight and
// sex (clinical-standards.md §7.1 body size, §7.2 busulfan AUC, §7.3 regimens, §7.4 intensity). Every dose
// records its inputs (weight or BSA used, formula, rule id) and any manual override with its reason (§7.1:
// "every calculated dose must record the inputs, the formula version, and any manual override").
import { z } from 'zod';
import { BsaFormulaSchema, computeBodyWeights, computeBsa, selectDosingWeight, SexSchema, type WeightBasis, WeightBasisSchema } from '../dosing/body';
import { classifyConditioning, type ConditioningOutput, IntensitySchema } from '../dosing/conditioning';
import { formatDay } from '../days';
import { fmt } from '../format';
import {
  ADMINISTRATIONS_PER_DAY,
  CONDITIONING_AGENTS,
  ConditioningAgentSchema,
  type ConditioningTemplate,
  DOSE_BASIS_LABELS,
  DoseBasisSchema,
  FREQUENCY_TIMES,
  FrequencySchema,
  RouteSchema,
  type TemplateAgent,
  templateRef,
} from './template';

export const CONDITIONING_PLAN_RULE_ID = 'conditioning-plan@1';

export const PlanPatientSchema = z.object({
  heightCm: z.number().positive().max(250),
  weightKg: z.number().positive().max(400),
  sex: SexSchema.describe('Devine IBW constants'),
  ageYears: z.number().min(0).max(120),
});
export type PlanPatient = z.infer<typeof PlanPatientSchema>;

export const DoseOverrideSchema = z.object({
  agentIndex: z.number().int().min(0).describe('index of the agent in the template'),
  amountPerAdministration: z.number().positive().describe('mg (Gy for TBI) per administration, replacing the computed amount'),
  reason: z.string().trim().min(3, 'say why the dose is overridden').max(500),
});
export type DoseOverride = z.infer<typeof DoseOverrideSchema>;

/** Plan parameters: the protocol choices a prescriber may change from the template's defaults. */
export const ConditioningPlanOptionsSchema = z
  .object({
    bsaFormula: BsaFormulaSchema.optional(),
    bsaWeightBasis: WeightBasisSchema.optional(),
    bsaCapM2: z.number().positive().max(3).nullable().optional().describe('null removes the template cap'),
    weightBasis: z.record(z.string().regex(/^\d+$/), WeightBasisSchema).optional().describe('per agent index: weight basis for mg/kg doses'),
    declaredIntent: IntensitySchema.nullable().optional().describe('MAC / RIC / NMA declared by the prescriber (defaults to the template intent)'),
    busulfanClearanceLPerH: z.number().positive().max(100).nullable().optional().describe('PK clearance (L/h) for AUC-targeted busulfan; null before PK'),
    overrides: z.array(DoseOverrideSchema).max(20).optional(),
  })
  .strict();
export type ConditioningPlanOptions = z.infer<typeof ConditioningPlanOptionsSchema>;

export const PlanAgentSchema = z.object({
  index: z.number().int(),
  agent: ConditioningAgentSchema,
  label: z.string(),
  dose: z.number(),
  basis: DoseBasisSchema,
  route: RouteSchema,
  frequency: FrequencySchema,
  days: z.array(z.number().int()),
  unit: z.enum(['mg', 'Gy']),
  doseRule: z.string().describe('as prescribed, e.g. "0.8 mg/kg ABW q6h"'),
  weightBasis: WeightBasisSchema.nullable(),
  weightUsedKg: z.number().nullable(),
  bsaUsedM2: z.number().nullable(),
  computedPerAdministration: z.number(),
  amountPerAdministration: z.number().describe('what is given: the computed amount, or the override'),
  administrationsPerDay: z.number().int(),
  administrations: z.number().int(),
  perDay: z.number(),
  total: z.number(),
  override: z.object({ amountPerAdministration: z.number(), reason: z.string() }).nullable(),
  pkPending: z.boolean().describe('AUC-targeted busulfan without PK yet: amounts are the starting dose'),
  explanation: z.string(),
});
export type PlanAgent = z.infer<typeof PlanAgentSchema>;

export const PlanDaySchema = z.object({
  day: z.number().int(),
  label: z.string(),
  items: z.array(
    z.object({
      agentIndex: z.number().int(),
      agent: ConditioningAgentSchema,
      label: z.string(),
      route: RouteSchema,
      amountPerAdministration: z.number(),
      administrations: z.number().int(),
      times: z.array(z.string()),
      dayAmount: z.number(),
      unit: z.enum(['mg', 'Gy']),
    })
  ),
});
export type PlanDay = z.infer<typeof PlanDaySchema>;

export const PlanIntensitySchema = z.object({
  applicable: z.boolean().describe('false for CAR-T lymphodepletion (not "conditioning intensity", §7.3)'),
  declaredIntent: IntensitySchema.nullable(),
  suggested: IntensitySchema.nullable(),
  agrees: z.boolean().nullable(),
  determinedBy: z.array(z.string()),
  ruleId: z.string().nullable(),
  warning: z.string().nullable(),
});

export const ConditioningPlanComputationSchema = z.object({
  templateId: z.string(),
  templateRef: z.string(),
  templateName: z.string(),
  kind: z.enum(['conditioning', 'lymphodepletion']),
  patient: PlanPatientSchema,
  body: z.object({
    bsaFormula: BsaFormulaSchema,
    bsaWeightBasis: WeightBasisSchema,
    bsaWeightKg: z.number(),
    bsaM2: z.number().describe('BSA before any cap'),
    bsaCapM2: z.number().nullable(),
    bsaUsedM2: z.number(),
    bsaCapped: z.boolean(),
    actualKg: z.number(),
    ibwKg: z.number(),
    adjbw25Kg: z.number(),
    adjbw40Kg: z.number(),
    lesserOfIbwAbwKg: z.number(),
    bmi: z.number(),
    bsaRuleId: z.string(),
    weightRuleId: z.string(),
  }),
  agents: z.array(PlanAgentSchema),
  days: z.array(PlanDaySchema).describe('every day from the first treatment day to D0, rest days included'),
  firstDay: z.number().int(),
  lastDay: z.number().int(),
  intensity: PlanIntensitySchema,
  warnings: z.array(z.string()),
  ruleId: z.string(),
  explanation: z.string(),
});
export type ConditioningPlanComputation = z.infer<typeof ConditioningPlanComputationSchema>;

const WEIGHT_LABELS: Record<WeightBasis, string> = { abw: 'ABW', ibw: 'IBW', adjbw25: 'AdjBW25', adjbw40: 'AdjBW40', 'lesser-of-ibw-abw': 'lesser of IBW/ABW' };
export const weightBasisLabel = (w: WeightBasis): string => WEIGHT_LABELS[w];
const FREQ_LABELS = { once: 'once', q24h: 'once daily', q12h: 'q12h', q6h: 'q6h' } as const;

/** The prescribed dose in words: "0.8 mg/kg (ABW) q6h", "140 mg/m² once", "2 Gy q12h". */
export function doseRuleText(a: TemplateAgent, weightBasis: WeightBasis | null): string {
  const w = weightBasis ? ` (${WEIGHT_LABELS[weightBasis]})` : '';
  if (a.basis === 'auc-mg-h-per-l') return `cumulative AUC ${fmt(a.dose, 1)} mg·h/L${w}, start ${fmt(a.startingDoseMgKg ?? 0, 2)} mg/kg ${FREQ_LABELS[a.frequency]}`;
  return `${fmt(a.dose, 2)} ${DOSE_BASIS_LABELS[a.basis]}${a.basis === 'mg/kg' ? w : ''} ${FREQ_LABELS[a.frequency]}`;
}

/**
 * Computes a plan: per agent the amount per administration (mg, or Gy for TBI), per day and in total; per day
 * D-N … D0 what is given; and the intensity suggested by `classifyConditioning` from the totals actually
 * planned (after overrides), compared with the declared intent (§7.4). Pure; throws RangeError for an override
 * or weight-basis entry that names no agent of the template.
 */
export function computeConditioningPlan(template: ConditioningTemplate, patient: PlanPatient, options: ConditioningPlanOptions = {}): ConditioningPlanComputation {
  const warnings: string[] = [];
  if (patient.sex !== 'male' && patient.sex !== 'female') throw new RangeError('sex must be male or female for the Devine IBW');
  const weights = computeBodyWeights({ heightCm: patient.heightCm, weightKg: patient.weightKg, sex: patient.sex });
  warnings.push(...weights.warnings);
  const bsaFormula = options.bsaFormula ?? template.bsaFormula;
  const bsaWeightBasis = options.bsaWeightBasis ?? template.bsaWeightBasis;
  const bsaWeightKg = selectDosingWeight(weights, bsaWeightBasis);
  const bsa = computeBsa({ heightCm: patient.heightCm, weightKg: bsaWeightKg, formula: bsaFormula });
  const bsaCapM2 = options.bsaCapM2 === undefined ? template.bsaCapM2 : options.bsaCapM2;
  const bsaCapped = bsaCapM2 != null && bsa.bsaM2 > bsaCapM2;
  const bsaUsedM2 = bsaCapped ? bsaCapM2 : bsa.bsaM2;
  if (bsaCapped) warnings.push(`BSA ${fmt(bsa.bsaM2, 3)} m² capped at ${fmt(bsaCapM2, 2)} m²`);
  if (patient.ageYears < 18) warnings.push('pediatric patient: check the protocol for weight- or age-banded doses (§7.1)');

  for (const key of Object.keys(options.weightBasis ?? {})) {
    if (!template.agents[Number(key)]) throw new RangeError(`weight basis given for agent ${key}, but ${template.name} has ${template.agents.length} agents`);
  }
  const overrides = new Map<number, DoseOverride>();
  for (const o of options.overrides ?? []) {
    if (!template.agents[o.agentIndex]) throw new RangeError(`override for agent ${o.agentIndex}, but ${template.name} has ${template.agents.length} agents`);
    if (overrides.has(o.agentIndex)) throw new RangeError(`agent ${o.agentIndex} is overridden twice`);
    overrides.set(o.agentIndex, o);
  }

  const agents: PlanAgent[] = template.agents.map((a, index) => {
    const label = CONDITIONING_AGENTS[a.agent];
    const perDayCount = ADMINISTRATIONS_PER_DAY[a.frequency];
    const administrations = perDayCount * a.days.length;
    const weightBasis = a.basis === 'mg/kg' || a.basis === 'auc-mg-h-per-l' ? (options.weightBasis?.[String(index)] ?? a.weightBasis ?? 'abw') : null;
    const weightUsedKg = weightBasis ? selectDosingWeight(weights, weightBasis) : null;
    let computed: number;
    let how: string;
    let pkPending = false;
    switch (a.basis) {
      case 'mg/m2':
        computed = a.dose * bsaUsedM2;
        how = `${fmt(a.dose, 2)} mg/m² × ${fmt(bsaUsedM2, 3)} m²`;
        break;
      case 'mg/kg':
        computed = a.dose * weightUsedKg!;
        how = `${fmt(a.dose, 2)} mg/kg × ${fmt(weightUsedKg!, 2)} kg ${WEIGHT_LABELS[weightBasis!]}`;
        break;
      case 'auc-mg-h-per-l': {
        const cl = options.busulfanClearanceLPerH ?? null;
        if (cl == null) {
          pkPending = true;
          computed = a.startingDoseMgKg! * weightUsedKg!;
          how = `starting dose ${fmt(a.startingDoseMgKg!, 2)} mg/kg × ${fmt(weightUsedKg!, 2)} kg ${WEIGHT_LABELS[weightBasis!]}; later doses from PK to a cumulative AUC of ${fmt(a.dose, 1)} mg·h/L`;
          warnings.push(`${label}: doses after the first are recalculated from PK (target cumulative AUC ${fmt(a.dose, 1)} mg·h/L)`);
        } else {
          computed = (a.dose / administrations) * cl;
          how = `AUC ${fmt(a.dose / administrations, 2)} mg·h/L per dose × clearance ${fmt(cl, 2)} L/h`;
        }
        break;
      }
      case 'mg':
      case 'Gy':
        computed = a.dose;
        how = `${fmt(a.dose, 2)} ${a.basis === 'Gy' ? 'Gy' : 'mg flat'}`;
        break;
    }
    const o = overrides.get(index) ?? null;
    const amount = o ? o.amountPerAdministration : computed;
    const unit = a.basis === 'Gy' ? 'Gy' : 'mg';
    if (o) warnings.push(`${label}: ${fmt(o.amountPerAdministration, 1)} ${unit} per administration overrides the computed ${fmt(computed, 1)} ${unit} (${o.reason})`);
    return {
      index,
      agent: a.agent,
      label,
      dose: a.dose,
      basis: a.basis,
      route: a.route,
      frequency: a.frequency,
      days: [...a.days].sort((x, y) => x - y),
      unit,
      doseRule: doseRuleText(a, weightBasis),
      weightBasis,
      weightUsedKg,
      bsaUsedM2: a.basis === 'mg/m2' ? bsaUsedM2 : null,
      computedPerAdministration: computed,
      amountPerAdministration: amount,
      administrationsPerDay: perDayCount,
      administrations,
      perDay: amount * perDayCount,
      total: amount * administrations,
      override: o ? { amountPerAdministration: o.amountPerAdministration, reason: o.reason } : null,
      pkPending,
      explanation: `${label}: ${how} = ${fmt(computed, 1)} ${unit}${o ? `, overridden to ${fmt(amount, 1)} ${unit}` : ''} ×${administrations} = ${fmt(amount * administrations, 1)} ${unit}`,
    };
  });

  const allDays = agents.flatMap((a) => a.days);
  const firstDay = Math.min(...allDays);
  const lastDay = Math.max(0, ...allDays);
  const days: PlanDay[] = [];
  for (let d = firstDay; d <= lastDay; d++) {
    days.push({
      day: d,
      label: formatDay(d),
      items: agents
        .filter((a) => a.days.includes(d))
        .map((a) => ({
          agentIndex: a.index,
          agent: a.agent,
          label: a.label,
          route: a.route,
          amountPerAdministration: a.amountPerAdministration,
          administrations: a.administrationsPerDay,
          times: [...FREQUENCY_TIMES[a.frequency]],
          dayAmount: a.perDay,
          unit: a.unit,
        })),
    });
  }

  const declaredIntent = options.declaredIntent === undefined ? template.intent : options.declaredIntent;
  const intensity = template.kind === 'lymphodepletion' ? notApplicable(declaredIntent) : classify(agents, weights.actualKg, declaredIntent);
  if (intensity.warning) warnings.push(intensity.warning);
  if (template.agents.some((a) => a.agent === 'melphalan' && a.basis === 'mg/m2') && patient.ageYears > 70 && template.id === 'mel200') {
    warnings.push('age over 70: Mel140 is the usual reduced dose (§7.3)');
  }

  const summary = agents.map((a) => `${a.label} ${fmt(a.total, 1)} ${a.unit}`).join('; ');
  return {
    templateId: template.id,
    templateRef: templateRef(template),
    templateName: template.name,
    kind: template.kind,
    patient,
    body: {
      bsaFormula,
      bsaWeightBasis,
      bsaWeightKg,
      bsaM2: bsa.bsaM2,
      bsaCapM2: bsaCapM2 ?? null,
      bsaUsedM2,
      bsaCapped,
      actualKg: weights.actualKg,
      ibwKg: weights.ibwKg,
      adjbw25Kg: weights.adjbw25Kg,
      adjbw40Kg: weights.adjbw40Kg,
      lesserOfIbwAbwKg: weights.lesserOfIbwAbwKg,
      bmi: weights.bmi,
      bsaRuleId: bsa.ruleId,
      weightRuleId: weights.ruleId,
    },
    agents,
    days,
    firstDay,
    lastDay,
    intensity,
    warnings,
    ruleId: CONDITIONING_PLAN_RULE_ID,
    explanation: `${template.name} ${formatDay(firstDay)}–${formatDay(lastDay)}, BSA ${fmt(bsaUsedM2, 3)} m² (${bsaFormula}): ${summary}`,
  };
}

function notApplicable(declaredIntent: z.infer<typeof IntensitySchema> | null) {
  return { applicable: false, declaredIntent, suggested: null, agrees: null, determinedBy: ['lymphodepletion before cell therapy: no conditioning intensity class'], ruleId: null, warning: null };
}

/** Totals per class-determining agent, as planned (after overrides), fed to `classifyConditioning` (§7.4). */
function classify(agents: readonly PlanAgent[], actualKg: number, declaredIntent: z.infer<typeof IntensitySchema> | null) {
  const sum = (f: (a: PlanAgent) => number | null) => agents.reduce((s, a) => s + (f(a) ?? 0), 0);
  const perKg = (a: PlanAgent) => a.total / (a.weightUsedKg ?? actualKg);
  const tbi = agents.filter((a) => a.agent === 'tbi');
  const bu = agents.filter((a) => a.agent === 'busulfan');
  const buTotal = sum((a) => (a.agent === 'busulfan' ? perKg(a) : null));
  const melTotal = sum((a) => (a.agent === 'melphalan' && a.bsaUsedM2 ? a.total / a.bsaUsedM2 : null));
  const thioTotal = sum((a) => (a.agent === 'thiotepa' ? perKg(a) : null));
  const out: ConditioningOutput = classifyConditioning({
    tbiGy: tbi.length ? sum((a) => (a.agent === 'tbi' ? a.total : null)) : null,
    tbiFractionated: tbi.reduce((n, a) => n + a.administrations, 0) > 1,
    busulfanMgKg: bu.length ? buTotal : null,
    busulfanRoute: bu.length ? (bu.every((a) => a.route === 'oral') ? 'oral' : 'iv') : null,
    melphalanMgM2: melTotal || null,
    thiotepaMgKg: thioTotal || null,
    declaredIntent,
  });
  return {
    applicable: true,
    declaredIntent,
    suggested: out.suggestedIntensity,
    agrees: out.agreesWithDeclared,
    determinedBy: out.determinedBy,
    ruleId: out.ruleId,
    warning: out.agreesWithDeclared === false ? `declared intent ${declaredIntent} differs from the suggested ${out.suggestedIntensity} (${out.determinedBy.join(', ')})` : null,
  };
}
