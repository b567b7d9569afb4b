// A conditioning / lymphodepletion plan computed from a regimen template and the patient's height, weight and
// sex (body size: Mosteller 1987, Devine 1974, Bubalo et al. BBMT 2014;20:600; busulfan: Busulfex US
// prescribing information; intensity: Bacigalupo et al. BBMT 2009;15:1628). Every dose records its inputs
// (weight or BSA used, formula, rule id) and any manual override with its reason. A dose that cannot be computed
// inside the domain of its formula is null with a *blocking* finding, never a number (issue 13, ADR 0531).
import { z } from 'zod';
import {
  BsaFormulaSchema,
  computeBodyWeights,
  computeBsa,
  IBW_BASED,
  selectDosingWeight,
  SexSchema,
  type WeightBasis,
  WeightBasisSchema,
} from '../dosing/body';
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

export const CONDITIONING_PLAN_RULE_ID = 'conditioning-plan@2';

/** An override outside these multiples of the computed dose needs a confirmation (inclusive bounds are accepted). */
export const OVERRIDE_RATIO = { min: 0.5, max: 1.5 } as const;

/** Adults for dosing-weight purposes: the ASBMT obesity guidance (Bubalo 2014) and Devine IBW are adult rules. */
export const ADULT_AGE_YEARS = 18;

/** Possible ranges of a plan's body size (impossible outside: refused); plausibility is checked in @engraft/domain. */
export const PlanPatientSchema = z.object({
  heightCm: z.number().min(30).max(250),
  weightKg: z.number().min(0.3).max(400),
  sex: SexSchema.describe('Devine IBW constants'),
  ageYears: z.number().min(0).max(120),
});
export type PlanPatient = z.infer<typeof PlanPatientSchema>;

export const DoseOverrideSchema = z.object({
  agentIndex: z.number().int().min(0).describe('index of the agent in the template'),
  amountPerAdministration: z
    .number({ error: 'override dose must be a number (mg, or Gy for TBI, per administration)' })
    .gt(0, 'override dose must be more than 0 (mg, or Gy for TBI, per administration)')
    .max(100_000, 'override dose must be at most 100000 mg per administration')
    .describe('mg (Gy for TBI) per administration, replacing the computed amount'),
  reason: z.string().trim().min(3, 'say why the dose is overridden').max(500),
});
export type DoseOverride = z.infer<typeof DoseOverrideSchema>;

/**
 * Something about the plan a prescriber must act on. `blocking`: the plan cannot be prescribed, verified or made
 * active (a dose not computable in its formula's domain, a non-positive dose); `confirm`: possible but unusual,
 * it needs a confirmation with a reason (recorded in the audit event). `field` is the request path it concerns.
 */
export const PlanFindingSchema = z.object({
  severity: z.enum(['blocking', 'confirm']),
  code: z.string(),
  field: z.string(),
  message: z.string(),
});
export type PlanFinding = z.infer<typeof PlanFindingSchema>;

/** Plan parameters: the protocol choices a prescriber may change from the template's defaults. */
export const ConditioningPlanOptionsSchema = z
  .object({
    bsaFormula: BsaFormulaSchema.optional(),
    bsaWeightBasis: WeightBasisSchema.optional(),
    bsaCapM2: z
      .number({ error: 'BSA cap must be a number (m²)' })
      .min(1, 'BSA cap must be at least 1 m²')
      .max(3, 'BSA cap must be at most 3 m²')
      .nullable()
      .optional()
      .describe('null removes the template cap'),
    weightBasis: z
      .record(z.string().regex(/^\d+$/), WeightBasisSchema)
      .optional()
      .describe('per agent index: weight basis for mg/kg doses'),
    declaredIntent: IntensitySchema.nullable()
      .optional()
      .describe('MAC / RIC / NMA declared by the prescriber (defaults to the template intent)'),
    busulfanClearanceLPerH: z
      .number({ error: 'busulfan clearance must be a number (L/h)' })
      .gt(0, 'busulfan clearance must be more than 0 L/h')
      .max(100, 'busulfan clearance must be at most 100 L/h')
      .nullable()
      .optional()
      .describe('PK clearance (L/h) for AUC-targeted busulfan; null before PK'),
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
  computedPerAdministration: z.number().nullable().describe('null when not computable (a blocking finding says why)'),
  amountPerAdministration: z
    .number()
    .nullable()
    .describe('what is given: the computed amount, or the override; null when not computable'),
  administrationsPerDay: z.number().int(),
  administrations: z.number().int(),
  perDay: z.number().nullable(),
  total: z.number().nullable(),
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
      amountPerAdministration: z.number().nullable(),
      administrations: z.number().int(),
      times: z.array(z.string()),
      dayAmount: z.number().nullable(),
      unit: z.enum(['mg', 'Gy']),
    })
  ),
});
export type PlanDay = z.infer<typeof PlanDaySchema>;

export const PlanIntensitySchema = z.object({
  applicable: z.boolean().describe('false for CAR-T lymphodepletion (not "conditioning intensity", §7.3)'),
  classifiable: z.boolean().describe('false when an agent is not modelled by the rule or a dose is not computable'),
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
    bsaWeightKg: z.number().nullable(),
    bsaM2: z.number().nullable().describe('BSA before any cap; null when the BSA weight basis is not applicable'),
    bsaCapM2: z.number().nullable(),
    bsaUsedM2: z.number().nullable(),
    bsaCapped: z.boolean(),
    actualKg: z.number(),
    ibwKg: z.number().nullable(),
    adjbw25Kg: z.number().nullable(),
    adjbw40Kg: z.number().nullable(),
    lesserOfIbwAbwKg: z.number().nullable(),
    ibwNotApplicable: z.string().nullable(),
    bmi: z.number(),
    bsaRuleId: z.string(),
    weightRuleId: z.string(),
  }),
  agents: z.array(PlanAgentSchema),
  days: z.array(PlanDaySchema).describe('every day from the first treatment day to D0, rest days included'),
  firstDay: z.number().int(),
  lastDay: z.number().int(),
  intensity: PlanIntensitySchema,
  findings: z.array(PlanFindingSchema).describe('blocking findings and values needing a confirmation'),
  warnings: z.array(z.string()),
  ruleId: z.string(),
  explanation: z.string(),
});
export type ConditioningPlanComputation = z.infer<typeof ConditioningPlanComputationSchema>;

const WEIGHT_LABELS: Record<WeightBasis, string> = {
  abw: 'ABW',
  ibw: 'IBW',
  adjbw25: 'AdjBW25',
  adjbw40: 'AdjBW40',
  'lesser-of-ibw-abw': 'lesser of IBW/ABW',
};
export const weightBasisLabel = (w: WeightBasis): string => WEIGHT_LABELS[w];
const FREQ_LABELS = { once: 'once', q24h: 'once daily', q12h: 'q12h', q6h: 'q6h' } as const;

/** The prescribed dose in words: "0.8 mg/kg (ABW) q6h", "140 mg/m² once", "2 Gy q12h". */
export function doseRuleText(a: TemplateAgent, weightBasis: WeightBasis | null): string {
  const w = weightBasis ? ` (${WEIGHT_LABELS[weightBasis]})` : '';
  if (a.basis === 'auc-mg-h-per-l') {
    return `cumulative AUC ${fmt(a.dose, 1)} mg·h/L${w}, start ${fmt(a.startingDoseMgKg ?? 0, 2)} mg/kg ${FREQ_LABELS[a.frequency]}`;
  }
  return `${fmt(a.dose, 2)} ${DOSE_BASIS_LABELS[a.basis]}${a.basis === 'mg/kg' ? w : ''} ${FREQ_LABELS[a.frequency]}`;
}

/**
 * Computes a plan: per agent the amount per administration (mg, or Gy for TBI), per day and in total; per day
 * D-N … D0 what is given; and the intensity suggested by `classifyConditioning` from the totals actually
 * planned (after overrides), compared with the declared intent. Pure; throws RangeError for an override or
 * weight-basis entry that names no agent of the template. A dose whose weight or BSA is outside its formula's
 * domain is null with a blocking finding; every number returned is finite and > 0.
 */
export function computeConditioningPlan(
  template: ConditioningTemplate,
  patient: PlanPatient,
  options: ConditioningPlanOptions = {}
): ConditioningPlanComputation {
  const warnings: string[] = [];
  const findings: PlanFinding[] = [];
  const block = (code: string, field: string, message: string) =>
    findings.push({ severity: 'blocking', code, field, message });
  if (patient.sex !== 'male' && patient.sex !== 'female') {
    throw new RangeError('sex must be male or female for the Devine IBW');
  }
  const weights = computeBodyWeights({ heightCm: patient.heightCm, weightKg: patient.weightKg, sex: patient.sex });
  warnings.push(...weights.warnings);
  const child = patient.ageYears < ADULT_AGE_YEARS;
  /** Why a weight basis cannot be used for this patient (Devine below 152.4 cm; IBW-based weights in children), or null. */
  const basisError = (basis: WeightBasis): string | null => {
    if (!IBW_BASED.includes(basis)) return null;
    if (weights.ibwNotApplicable) {
      return `${WEIGHT_LABELS[basis]} is built on the ideal body weight, and ${weights.ibwNotApplicable}: dose on actual body weight (ABW) as the template does, or per the protocol's paediatric dose`;
    }
    if (child) {
      return `${WEIGHT_LABELS[basis]} (Devine IBW, ASBMT 2014 obesity guidance) is an adult dosing weight and the patient is ${patient.ageYears} y: dose on actual body weight (ABW) or per the protocol's paediatric dose`;
    }
    return null;
  };

  const bsaFormula = options.bsaFormula ?? template.bsaFormula;
  const bsaWeightBasis = options.bsaWeightBasis ?? template.bsaWeightBasis;
  const bsaBasisError = basisError(bsaWeightBasis);
  if (bsaBasisError) block('weight-basis-outside-domain', 'options.bsaWeightBasis', `BSA weight: ${bsaBasisError}`);
  const bsaWeightKg = bsaBasisError ? null : selectDosingWeight(weights, bsaWeightBasis);
  const bsa =
    bsaWeightKg == null ? null : computeBsa({ heightCm: patient.heightCm, weightKg: bsaWeightKg, formula: bsaFormula });
  const bsaCapM2 = options.bsaCapM2 === undefined ? template.bsaCapM2 : options.bsaCapM2;
  const bsaCapped = bsa != null && bsaCapM2 != null && bsa.bsaM2 > bsaCapM2;
  const bsaUsedM2 = bsa == null ? null : bsaCapped ? bsaCapM2 : bsa.bsaM2;
  if (bsaCapped && bsa) warnings.push(`BSA ${fmt(bsa.bsaM2, 3)} m² capped at ${fmt(bsaCapM2, 2)} m²`);
  if (child) warnings.push('pediatric patient: check the protocol for weight- or age-banded doses');

  for (const key of Object.keys(options.weightBasis ?? {})) {
    if (!template.agents[Number(key)]) {
      throw new RangeError(
        `weight basis given for agent ${key}, but ${template.name} has ${template.agents.length} agents`
      );
    }
  }
  const overrides = new Map<number, DoseOverride>();
  for (const o of options.overrides ?? []) {
    if (!template.agents[o.agentIndex]) {
      throw new RangeError(
        `override for agent ${o.agentIndex}, but ${template.name} has ${template.agents.length} agents`
      );
    }
    if (overrides.has(o.agentIndex)) throw new RangeError(`agent ${o.agentIndex} is overridden twice`);
    overrides.set(o.agentIndex, o);
  }

  const agents: PlanAgent[] = template.agents.map((a, index) => {
    const label = CONDITIONING_AGENTS[a.agent];
    const perDayCount = ADMINISTRATIONS_PER_DAY[a.frequency];
    const administrations = perDayCount * a.days.length;
    const weightBasis =
      a.basis === 'mg/kg' || a.basis === 'auc-mg-h-per-l'
        ? (options.weightBasis?.[String(index)] ?? a.weightBasis ?? 'abw')
        : null;
    const weightError = weightBasis ? basisError(weightBasis) : null;
    if (weightError) block('weight-basis-outside-domain', `options.weightBasis.${index}`, `${label}: ${weightError}`);
    const weightUsedKg = weightBasis && !weightError ? selectDosingWeight(weights, weightBasis) : null;
    let computed: number | null = null;
    let how: string;
    let pkPending = false;
    switch (a.basis) {
      case 'mg/m2':
        if (bsaUsedM2 != null) computed = a.dose * bsaUsedM2;
        how = bsaUsedM2 == null ? 'BSA not computable' : `${fmt(a.dose, 2)} mg/m² × ${fmt(bsaUsedM2, 3)} m²`;
        break;
      case 'mg/kg':
        if (weightUsedKg != null) computed = a.dose * weightUsedKg;
        how =
          weightUsedKg == null
            ? `${WEIGHT_LABELS[weightBasis!]} not applicable`
            : `${fmt(a.dose, 2)} mg/kg × ${fmt(weightUsedKg, 2)} kg ${WEIGHT_LABELS[weightBasis!]}`;
        break;
      case 'auc-mg-h-per-l': {
        const cl = options.busulfanClearanceLPerH ?? null;
        if (cl == null) {
          pkPending = true;
          if (weightUsedKg != null) computed = a.startingDoseMgKg! * weightUsedKg;
          how =
            weightUsedKg == null
              ? `${WEIGHT_LABELS[weightBasis!]} not applicable`
              : `starting dose ${fmt(a.startingDoseMgKg!, 2)} mg/kg × ${fmt(weightUsedKg, 2)} kg ${WEIGHT_LABELS[weightBasis!]}; later doses from PK to a cumulative AUC of ${fmt(a.dose, 1)} mg·h/L`;
          warnings.push(
            `${label}: doses after the first are recalculated from PK (target cumulative AUC ${fmt(a.dose, 1)} mg·h/L)`
          );
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
    const unit = a.basis === 'Gy' ? 'Gy' : 'mg';
    // Defence in depth: whatever the inputs, a dose that is not a finite positive number is never returned.
    if (computed != null && !(Number.isFinite(computed) && computed > 0)) {
      block(
        'non-positive-dose',
        `agents.${index}`,
        `${label}: the computed dose ${computed} ${unit} is not a positive number`
      );
      computed = null;
    }
    if (child && a.agent === 'busulfan' && a.basis === 'mg/kg') {
      // Busulfex (IV busulfan) US prescribing information: children ≤12 kg 1.1 mg/kg, >12 kg 0.8 mg/kg (ABW) q6h;
      // the EU label (Busilvex SmPC) uses five weight bands (1.0–0.8 mg/kg). The template dose is the adult one.
      findings.push({
        severity: 'confirm',
        code: 'pediatric-busulfan',
        field: `agents.${index}`,
        message: `${label} ${fmt(a.dose, 2)} mg/kg is the adult dose and the patient is ${patient.ageYears} y: paediatric labels dose by weight band (US: 1.1 mg/kg at ≤12 kg, 0.8 mg/kg above; EU bands differ); confirm the protocol dose or override it`,
      });
    }
    const o = overrides.get(index) ?? null;
    if (o && computed != null) {
      const ratio = o.amountPerAdministration / computed;
      // A tenfold slip (180 typed as 1800) is the classic override error (ISMP list of error-prone dose
      // designations): an override beyond half to one and a half times the computed dose needs a confirmation.
      if (ratio < OVERRIDE_RATIO.min || ratio > OVERRIDE_RATIO.max) {
        findings.push({
          severity: 'confirm',
          code: 'override-far-from-computed',
          field: `agents.${index}.override`,
          message: `${label}: the override ${fmt(o.amountPerAdministration, 1)} ${unit} is ${fmt(ratio, 2)} × the computed ${fmt(computed, 1)} ${unit} (outside ${OVERRIDE_RATIO.min}–${OVERRIDE_RATIO.max} ×); check it`,
        });
      }
    }
    const amount = o ? o.amountPerAdministration : computed;
    if (o) {
      warnings.push(
        `${label}: ${fmt(o.amountPerAdministration, 1)} ${unit} per administration overrides the computed ${computed == null ? 'dose (not computable)' : `${fmt(computed, 1)} ${unit}`} (${o.reason})`
      );
    }
    const mul = (x: number | null, k: number) => (x == null ? null : x * k);
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
      perDay: mul(amount, perDayCount),
      total: mul(amount, administrations),
      override: o ? { amountPerAdministration: o.amountPerAdministration, reason: o.reason } : null,
      pkPending,
      explanation:
        computed == null && !o
          ? `${label}: not computed (${how})`
          : `${label}: ${how}${computed == null ? '' : ` = ${fmt(computed, 1)} ${unit}`}${o ? `, overridden to ${fmt(o.amountPerAdministration, 1)} ${unit}` : ''} ×${administrations} = ${fmt(amount! * administrations, 1)} ${unit}`,
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
  const intensity =
    template.kind === 'lymphodepletion'
      ? notApplicable(declaredIntent)
      : classify(agents, weights.actualKg, declaredIntent);
  if (intensity.warning) warnings.push(intensity.warning);
  if (
    template.agents.some((a) => a.agent === 'melphalan' && a.basis === 'mg/m2') &&
    patient.ageYears > 70 &&
    template.id === 'mel200'
  ) {
    warnings.push('age over 70: Mel140 is the usual reduced dose');
  }

  const summary = agents
    .map((a) => `${a.label} ${a.total == null ? 'not computed' : `${fmt(a.total, 1)} ${a.unit}`}`)
    .join('; ');
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
      bsaM2: bsa?.bsaM2 ?? null,
      bsaCapM2: bsaCapM2 ?? null,
      bsaUsedM2,
      bsaCapped,
      actualKg: weights.actualKg,
      ibwKg: weights.ibwKg,
      adjbw25Kg: weights.adjbw25Kg,
      adjbw40Kg: weights.adjbw40Kg,
      lesserOfIbwAbwKg: weights.lesserOfIbwAbwKg,
      ibwNotApplicable: weights.ibwNotApplicable,
      bmi: weights.bmi,
      bsaRuleId: bsa?.ruleId ?? 'bsa@1',
      weightRuleId: weights.ruleId,
    },
    agents,
    days,
    firstDay,
    lastDay,
    intensity,
    findings,
    warnings,
    ruleId: CONDITIONING_PLAN_RULE_ID,
    explanation: `${template.name} ${formatDay(firstDay)}–${formatDay(lastDay)}, BSA ${bsaUsedM2 == null ? 'not computed' : `${fmt(bsaUsedM2, 3)} m²`} (${bsaFormula}): ${summary}`,
  };
}

/** The blocking findings of a plan: while any remains, it cannot be prescribed, verified or made active. */
export function blockingFindings(c: Pick<ConditioningPlanComputation, 'findings' | 'agents'>): PlanFinding[] {
  const out = (c.findings ?? []).filter((f) => f.severity === 'blocking');
  // A stored plan computed before findings existed is checked on its numbers: no dose may be ≤ 0 or not finite.
  for (const a of c.agents) {
    const n = a.amountPerAdministration;
    if (
      (n == null || !Number.isFinite(n) || n <= 0) &&
      !out.some(
        (f) =>
          f.field === `agents.${a.index}` ||
          f.field === `options.weightBasis.${a.index}` ||
          f.field === 'options.bsaWeightBasis'
      )
    ) {
      out.push({
        severity: 'blocking',
        code: 'non-positive-dose',
        field: `agents.${a.index}`,
        message: `${a.label}: the dose ${n ?? 'not computed'} ${a.unit} is not a positive number`,
      });
    }
  }
  return out;
}

function notApplicable(declaredIntent: z.infer<typeof IntensitySchema> | null) {
  return {
    applicable: false,
    classifiable: false,
    declaredIntent,
    suggested: null,
    agrees: null,
    determinedBy: ['lymphodepletion before cell therapy: no conditioning intensity class'],
    ruleId: null,
    warning: null,
  };
}

/** The other agents of a plan as the intensity rule names them (the rule decides which it models). */
const CLASS_DETERMINING = new Set(['tbi', 'busulfan', 'melphalan', 'thiotepa']);
/** IV busulfan mg/kg = 0.8 × oral mg/kg (Busulfex US prescribing information: IV 0.8 vs oral 1 mg/kg q6h ×16). */
const BUSULFAN_IV_PER_ORAL = 0.8;

/** Totals per class-determining agent, as planned (after overrides), fed to `classifyConditioning`. */
function classify(
  agents: readonly PlanAgent[],
  actualKg: number,
  declaredIntent: z.infer<typeof IntensitySchema> | null
) {
  const missing = agents.filter((a) => a.total == null);
  if (missing.length) {
    return {
      applicable: true,
      classifiable: false,
      declaredIntent,
      suggested: null,
      agrees: null,
      determinedBy: [`not classifiable: ${missing.map((a) => a.label).join(', ')} not computed`],
      ruleId: null,
      warning: null,
    };
  }
  const sum = (f: (a: PlanAgent) => number | null) => agents.reduce((s, a) => s + (f(a) ?? 0), 0);
  const perKg = (a: PlanAgent) => a.total! / (a.weightUsedKg ?? actualKg);
  const tbi = agents.filter((a) => a.agent === 'tbi');
  const bu = agents.filter((a) => a.agent === 'busulfan');
  const buRoutes = new Set(bu.map((a) => a.route));
  // One route: its own cut-point. Mixed IV and oral: the IV-equivalent total (oral × 0.8) against the IV cut-point.
  const buRoute = bu.length === 0 ? null : buRoutes.size === 1 && buRoutes.has('oral') ? 'oral' : 'iv';
  const buTotal = sum((a) =>
    a.agent !== 'busulfan' ? null : buRoute === 'iv' && a.route === 'oral' ? perKg(a) * BUSULFAN_IV_PER_ORAL : perKg(a)
  );
  const melTotal = sum((a) => (a.agent === 'melphalan' && a.bsaUsedM2 ? a.total! / a.bsaUsedM2 : null));
  const thioTotal = sum((a) => (a.agent === 'thiotepa' ? perKg(a) : null));
  const out: ConditioningOutput = classifyConditioning({
    tbiGy: tbi.length ? sum((a) => (a.agent === 'tbi' ? a.total : null)) : null,
    tbiFractionated: tbi.reduce((n, a) => n + a.administrations, 0) > 1,
    busulfanMgKg: bu.length ? buTotal : null,
    busulfanRoute: buRoute,
    melphalanMgM2: melTotal || null,
    thiotepaMgKg: thioTotal || null,
    otherAgents: agents.filter((a) => !CLASS_DETERMINING.has(a.agent)).map((a) => a.agent),
    declaredIntent,
  });
  const warning = !out.classifiable
    ? `intensity not classifiable: ${out.unmodelledAgents.join(', ')} not modelled by the rule; the declared intent ${declaredIntent ?? '(none)'} is not checked`
    : out.agreesWithDeclared === false
      ? `declared intent ${declaredIntent} differs from the suggested ${out.suggestedIntensity} (${out.determinedBy.join(', ')})`
      : null;
  return {
    applicable: true,
    classifiable: out.classifiable,
    declaredIntent,
    suggested: out.suggestedIntensity,
    agrees: out.agreesWithDeclared,
    determinedBy: out.determinedBy,
    ruleId: out.ruleId,
    warning,
  };
}
