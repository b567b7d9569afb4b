// Body size: BSA (Mosteller, DuBois, Haycock), BMI, ideal body weight (Devine) and adjusted body weight (25%/40%).
// Sources: Mosteller RD, NEJM 1987;317:1098; DuBois D & DuBois EF, Arch Intern Med 1916;17:863; Haycock GB et al.,
// J Pediatr 1978;93:62; Devine BJ, Drug Intell Clin Pharm 1974;8:650; Bubalo J et al. (ASBMT), Biol Blood Marrow
// Transplant 2014;20:600-616. Results keep full precision; round only for display. A formula is used only inside
// its validated domain: Devine IBW (and every adjusted weight built on it) is defined from 60 in (152.4 cm) up,
// and every BSA or weight returned is finite and > 0, or the function refuses (RangeError / "not applicable").
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const BSA_RULE_ID = 'bsa@1';
export const BODY_WEIGHT_RULE_ID = 'devine-ibw-adjbw@1';
const CM_PER_INCH = 2.54;
/** Devine 1974: 50 / 45.5 kg at 60 in, + 2.3 kg per inch over 60 in; the formula is not defined below 60 in. */
export const DEVINE_MIN_HEIGHT_CM = 60 * CM_PER_INCH;

/** Refuses a size that is not a finite positive number: no rule returns a weight or BSA outside (0, ∞). */
export function requirePositiveFinite(value: number, what: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${what} must be a finite number above 0 (got ${value})`);
  }
  return value;
}

export const BsaFormulaSchema = z.enum(['mosteller', 'dubois', 'haycock']);
export type BsaFormula = z.infer<typeof BsaFormulaSchema>;

export const BsaInputSchema = z.object({
  heightCm: z.number().positive().max(300),
  weightKg: z.number().positive().max(700),
  formula: BsaFormulaSchema.describe('mosteller | dubois (haycock for pediatrics is also available)'),
});
export type BsaInput = z.infer<typeof BsaInputSchema>;
export const BsaOutputSchema = z.object({ bsaM2: z.number(), ...ruleResultMeta });
export type BsaOutput = z.infer<typeof BsaOutputSchema>;
export const BsaContractOutputSchema = z.object({ bsaM2: z.number() });

/** Mosteller: sqrt(height cm × weight kg / 3600). */
export function bsaMosteller(heightCm: number, weightKg: number): number {
  return Math.sqrt((heightCm * weightKg) / 3600);
}
/** DuBois: 0.007184 × weight^0.425 × height^0.725. */
export function bsaDuBois(heightCm: number, weightKg: number): number {
  return 0.007184 * weightKg ** 0.425 * heightCm ** 0.725;
}
/** Haycock: 0.024265 × weight^0.5378 × height^0.3964. */
export function bsaHaycock(heightCm: number, weightKg: number): number {
  return 0.024265 * weightKg ** 0.5378 * heightCm ** 0.3964;
}

/** Body surface area in m² with the chosen formula (a protocol parameter). */
export function computeBsa(input: BsaInput): BsaOutput {
  const f = { mosteller: bsaMosteller, dubois: bsaDuBois, haycock: bsaHaycock }[input.formula];
  requirePositiveFinite(input.heightCm, 'height (cm)');
  requirePositiveFinite(input.weightKg, 'weight (kg)');
  const bsaM2 = requirePositiveFinite(f(input.heightCm, input.weightKg), 'BSA (m²)');
  return {
    bsaM2,
    ruleId: BSA_RULE_ID,
    explanation: `BSA ${fmt(bsaM2, 3)} m² (${input.formula}, ${fmt(input.heightCm, 1)} cm, ${fmt(input.weightKg, 1)} kg)`,
  };
}

// ---- Weights ----

export const SexSchema = z.enum(['male', 'female']);
/** Dosing weight basis: a protocol parameter (ASBMT 2014 sets no standard). */
export const WeightBasisSchema = z.enum(['abw', 'ibw', 'adjbw25', 'adjbw40', 'lesser-of-ibw-abw']);
export type WeightBasis = z.infer<typeof WeightBasisSchema>;

export const BodyWeightInputSchema = z.object({
  heightCm: z.number().positive().max(300),
  weightKg: z.number().positive().max(700).describe('Actual body weight (ABW)'),
  sex: SexSchema.describe('Devine IBW uses sex-specific constants'),
});
export type BodyWeightInput = z.infer<typeof BodyWeightInputSchema>;
export const BodyWeightOutputSchema = z.object({
  actualKg: z.number(),
  ibwKg: z.number().nullable().describe('null below 152.4 cm (60 in): Devine is not defined there'),
  adjbw25Kg: z.number().nullable().describe('IBW + 0.25 × (ABW − IBW); null when IBW is not applicable'),
  adjbw40Kg: z.number().nullable().describe('IBW + 0.4 × (ABW − IBW); null when IBW is not applicable'),
  lesserOfIbwAbwKg: z.number().nullable(),
  ibwNotApplicable: z.string().nullable().describe('why IBW and the weights built on it are not computed'),
  bmi: z.number(),
  percentOfIbw: z.number().nullable(),
  warnings: z.array(z.string()),
  ...ruleResultMeta,
});
export type BodyWeightOutput = z.infer<typeof BodyWeightOutputSchema>;

/** Why Devine IBW cannot be used at this height, or null when it can (from 152.4 cm = 60 in up). */
export function ibwNotApplicableReason(heightCm: number): string | null {
  if (!Number.isFinite(heightCm) || heightCm < DEVINE_MIN_HEIGHT_CM) {
    return `ideal body weight (Devine) is not defined below 152.4 cm (60 in); height is ${fmt(heightCm, 1)} cm`;
  }
  return null;
}

/**
 * Devine IBW: men 50 kg, women 45.5 kg, + 2.3 kg per inch over 60 inches (Devine 1974). Refuses (RangeError)
 * below 60 in, where the formula was never defined and goes negative (100 cm gives −1.9 kg for a boy).
 */
export function idealBodyWeightDevine(heightCm: number, sex: z.infer<typeof SexSchema>): number {
  const why = ibwNotApplicableReason(heightCm);
  if (why) throw new RangeError(why);
  return requirePositiveFinite((sex === 'male' ? 50 : 45.5) + 2.3 * (heightCm / CM_PER_INCH - 60), 'IBW (kg)');
}
/** Adjusted body weight: IBW + factor × (ABW − IBW); factor 0.25 (AdjBW25) or 0.4 (AdjBW40). */
export function adjustedBodyWeight(ibwKg: number, actualKg: number, factor: 0.25 | 0.4): number {
  requirePositiveFinite(ibwKg, 'IBW (kg)');
  requirePositiveFinite(actualKg, 'actual weight (kg)');
  return requirePositiveFinite(ibwKg + factor * (actualKg - ibwKg), `AdjBW${factor * 100} (kg)`);
}
/** BMI: kg / m². */
export function bodyMassIndex(heightCm: number, weightKg: number): number {
  requirePositiveFinite(heightCm, 'height (cm)');
  return requirePositiveFinite(weightKg / (heightCm / 100) ** 2, 'BMI');
}

/**
 * All dosing weights at once. Which one a protocol uses (ABW, IBW, AdjBW25, AdjBW40, lesser of IBW/ABW) is a
 * protocol parameter: ASBMT 2014 sets no binding standard ([VERIFY] §12.13), so no default basis is chosen here.
 */
export function computeBodyWeights(input: BodyWeightInput): BodyWeightOutput {
  const actualKg = requirePositiveFinite(input.weightKg, 'weight (kg)');
  const bmi = bodyMassIndex(input.heightCm, actualKg);
  const ibwNotApplicable = ibwNotApplicableReason(input.heightCm);
  const warnings: string[] = [];
  if (ibwNotApplicable) {
    warnings.push(`${ibwNotApplicable}: IBW, AdjBW25, AdjBW40 and the lesser of IBW/ABW are not computed`);
    return {
      actualKg,
      ibwKg: null,
      adjbw25Kg: null,
      adjbw40Kg: null,
      lesserOfIbwAbwKg: null,
      ibwNotApplicable,
      bmi,
      percentOfIbw: null,
      warnings,
      ruleId: BODY_WEIGHT_RULE_ID,
      explanation: `IBW not applicable (${ibwNotApplicable}); BMI ${fmt(bmi, 1)}`,
    };
  }
  const ibwKg = idealBodyWeightDevine(input.heightCm, input.sex);
  if (actualKg < ibwKg) warnings.push('actual weight is below IBW: adjusted weights are below IBW');
  const out = {
    actualKg,
    ibwKg,
    adjbw25Kg: adjustedBodyWeight(ibwKg, actualKg, 0.25),
    adjbw40Kg: adjustedBodyWeight(ibwKg, actualKg, 0.4),
    lesserOfIbwAbwKg: Math.min(ibwKg, actualKg),
    ibwNotApplicable: null,
    bmi,
    percentOfIbw: (100 * actualKg) / ibwKg,
    warnings,
    ruleId: BODY_WEIGHT_RULE_ID,
  };
  return {
    ...out,
    explanation: `IBW ${fmt(ibwKg, 1)} kg (Devine, ${input.sex}); AdjBW25 ${fmt(out.adjbw25Kg, 2)} kg; AdjBW40 ${fmt(out.adjbw40Kg, 2)} kg; BMI ${fmt(bmi, 1)}`,
  };
}

export const bsaRule = defineRule({
  name: 'bsa',
  id: BSA_RULE_ID,
  title: 'Body surface area',
  description: 'BSA in m² by Mosteller or DuBois (Haycock also available)',
  source: 'Mosteller NEJM 1987; DuBois Arch Intern Med 1916; Haycock J Pediatr 1978',
  inputSchema: BsaInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: BsaOutputSchema,
  contractOutputSchema: BsaContractOutputSchema,
  compute: (input) => computeBsa(input),
});

export const bodyWeightRule = defineRule({
  name: 'body-weight',
  id: BODY_WEIGHT_RULE_ID,
  title: 'Dosing weights (IBW, AdjBW25/40, BMI)',
  description: 'Devine ideal body weight, adjusted body weight at 25% and 40%, lesser of IBW/ABW, BMI',
  source: 'Devine 1974; Bubalo J et al. ASBMT 2014',
  inputSchema: BodyWeightInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: BodyWeightOutputSchema,
  compute: (input) => computeBodyWeights(input),
});

/** Weight bases built on Devine IBW: not defined below 152.4 cm. */
export const IBW_BASED: readonly WeightBasis[] = ['ibw', 'adjbw25', 'adjbw40', 'lesser-of-ibw-abw'];

/** The dosing weight for a protocol's weight basis, from `computeBodyWeights`; null when that basis is not applicable. */
export function selectDosingWeight(weights: BodyWeightOutput, basis: WeightBasis): number | null {
  switch (basis) {
    case 'abw':
      return weights.actualKg;
    case 'ibw':
      return weights.ibwKg;
    case 'adjbw25':
      return weights.adjbw25Kg;
    case 'adjbw40':
      return weights.adjbw40Kg;
    case 'lesser-of-ibw-abw':
      return weights.lesserOfIbwAbwKg;
  }
}
