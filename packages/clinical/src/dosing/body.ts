// Body size: BSA (Mosteller, DuBois, Haycock), BMI, ideal body weight (Devine) and adjusted body weight (25%/40%).
// Sources: Mosteller RD, NEJM 1987;317:1098; DuBois D & DuBois EF, Arch Intern Med 1916;17:863; Haycock GB et al.,
// J Pediatr 1978;93:62; Devine BJ, Drug Intell Clin Pharm 1974;8:650; Bubalo J et al. (ASBMT), Biol Blood Marrow
// Transplant 2014;20:600-616 (clinical-standards.md §7.1). Results keep full precision; round only for display.
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const BSA_RULE_ID = 'bsa@1';
export const BODY_WEIGHT_RULE_ID = 'devine-ibw-adjbw@1';
const CM_PER_INCH = 2.54;

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
  const bsaM2 = f(input.heightCm, input.weightKg);
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
  ibwKg: z.number(),
  adjbw25Kg: z.number().describe('IBW + 0.25 × (ABW − IBW)'),
  adjbw40Kg: z.number().describe('IBW + 0.4 × (ABW − IBW)'),
  lesserOfIbwAbwKg: z.number(),
  bmi: z.number(),
  percentOfIbw: z.number(),
  warnings: z.array(z.string()),
  ...ruleResultMeta,
});
export type BodyWeightOutput = z.infer<typeof BodyWeightOutputSchema>;

/** Devine IBW: men 50 kg, women 45.5 kg, + 2.3 kg per inch over 60 inches. */
export function idealBodyWeightDevine(heightCm: number, sex: z.infer<typeof SexSchema>): number {
  return (sex === 'male' ? 50 : 45.5) + 2.3 * (heightCm / CM_PER_INCH - 60);
}
/** Adjusted body weight: IBW + factor × (ABW − IBW); factor 0.25 (AdjBW25) or 0.4 (AdjBW40). */
export function adjustedBodyWeight(ibwKg: number, actualKg: number, factor: 0.25 | 0.4): number {
  return ibwKg + factor * (actualKg - ibwKg);
}
/** BMI: kg / m². */
export function bodyMassIndex(heightCm: number, weightKg: number): number {
  return weightKg / (heightCm / 100) ** 2;
}

/**
 * All dosing weights at once. Which one a protocol uses (ABW, IBW, AdjBW25, AdjBW40, lesser of IBW/ABW) is a
 * protocol parameter: ASBMT 2014 sets no binding standard ([VERIFY] §12.13), so no default basis is chosen here.
 */
export function computeBodyWeights(input: BodyWeightInput): BodyWeightOutput {
  const ibwKg = idealBodyWeightDevine(input.heightCm, input.sex);
  const warnings: string[] = [];
  if (input.heightCm < 60 * CM_PER_INCH) warnings.push('Devine IBW is not validated below 152.4 cm (60 in)');
  if (input.weightKg < ibwKg) warnings.push('actual weight is below IBW: adjusted weights are below IBW');
  const bmi = bodyMassIndex(input.heightCm, input.weightKg);
  const out = {
    actualKg: input.weightKg,
    ibwKg,
    adjbw25Kg: adjustedBodyWeight(ibwKg, input.weightKg, 0.25),
    adjbw40Kg: adjustedBodyWeight(ibwKg, input.weightKg, 0.4),
    lesserOfIbwAbwKg: Math.min(ibwKg, input.weightKg),
    bmi,
    percentOfIbw: (100 * input.weightKg) / ibwKg,
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

/** The dosing weight for a protocol's weight basis, from `computeBodyWeights`. */
export function selectDosingWeight(weights: BodyWeightOutput, basis: WeightBasis): number {
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
