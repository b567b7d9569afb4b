// Label doses of the approved CAR-T products, from the US prescribing information (PI) of each product, section
// 2.1 "Dose" (labels change: each entry names its label and year; the CAR-positive viable T cell count is the one
// on the product's certificate of release for infusion).
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';
import { CART_DOSE_CELLS, RECIPIENT_WEIGHT, ruleQuantity } from './cellQuantities';

export const CART_DOSE_RULE_ID = 'cart-label-dose@2';

/**
 * Per-kg range (with optional cap), flat range, or per-kg target with a cap. A target-dose label (Yescarta,
 * Tecartus) states one dose, not a range: its lower bound is the option `targetDoseMinFraction` of the target.
 */
type LabelDose =
  | { kind: 'per-kg-range'; minPerKg: number; maxPerKg: number; capCells?: number }
  | { kind: 'flat-range'; minCells: number; maxCells: number }
  | { kind: 'per-kg-target'; targetPerKg: number; capCells: number };

interface LabelEntry {
  label: string;
  dose: (weightKg: number) => LabelDose;
}

export const CART_PRODUCTS: Record<string, LabelEntry> = {
  // KYMRIAH (tisagenlecleucel) US PI, Novartis, 2017 (B-ALL), 2018 (DLBCL), 2022 (FL).
  'tisagenlecleucel-all': {
    label: 'Kymriah (B-ALL, age <=25): <=50 kg 0.2-5.0 ×10⁶/kg; >50 kg 0.1-2.5 ×10⁸',
    dose: (kg) =>
      kg <= 50
        ? { kind: 'per-kg-range', minPerKg: 0.2e6, maxPerKg: 5.0e6 }
        : { kind: 'flat-range', minCells: 0.1e8, maxCells: 2.5e8 },
  },
  'tisagenlecleucel-lbcl': {
    label: 'Kymriah (LBCL): 0.6-6.0 ×10⁸',
    dose: () => ({ kind: 'flat-range', minCells: 0.6e8, maxCells: 6.0e8 }),
  },
  'tisagenlecleucel-fl': {
    label: 'Kymriah (FL): 0.6-6.0 ×10⁸',
    dose: () => ({ kind: 'flat-range', minCells: 0.6e8, maxCells: 6.0e8 }),
  },
  // YESCARTA (axicabtagene ciloleucel) US PI, Kite Pharma, 2017 (LBCL), 2021 (FL): 2 x10^6/kg, maximum 2 x10^8.
  'axicabtagene-ciloleucel': {
    label: 'Yescarta (LBCL, FL): 2 ×10⁶/kg, maximum 2 ×10⁸',
    dose: () => ({ kind: 'per-kg-target', targetPerKg: 2e6, capCells: 2e8 }),
  },
  // TECARTUS (brexucabtagene autoleucel) US PI, Kite Pharma, 2020 (MCL), 2021 (adult B-ALL).
  'brexucabtagene-autoleucel-mcl': {
    label: 'Tecartus (MCL): 2 ×10⁶/kg, maximum 2 ×10⁸',
    dose: () => ({ kind: 'per-kg-target', targetPerKg: 2e6, capCells: 2e8 }),
  },
  'brexucabtagene-autoleucel-all': {
    label: 'Tecartus (adult B-ALL): 1 ×10⁶/kg, maximum 1 ×10⁸',
    dose: () => ({ kind: 'per-kg-target', targetPerKg: 1e6, capCells: 1e8 }),
  },
  // BREYANZI (lisocabtagene maraleucel) US PI, Bristol Myers Squibb, 2021 (LBCL), 2024 (CLL/SLL).
  'lisocabtagene-maraleucel-lbcl': {
    label: 'Breyanzi (LBCL): 50-110 ×10⁶',
    dose: () => ({ kind: 'flat-range', minCells: 50e6, maxCells: 110e6 }),
  },
  'lisocabtagene-maraleucel-cll': {
    label: 'Breyanzi (CLL/SLL): 90-110 ×10⁶',
    dose: () => ({ kind: 'flat-range', minCells: 90e6, maxCells: 110e6 }),
  },
  // ABECMA (idecabtagene vicleucel) US PI, Bristol Myers Squibb: 300-460 x10^6 (2021), 300-510 x10^6 (2024): option.
  'idecabtagene-vicleucel': {
    label: 'Abecma (myeloma)',
    dose: () => ({ kind: 'flat-range', minCells: 300e6, maxCells: 510e6 }),
  },
  // CARVYKTI (ciltacabtagene autoleucel) US PI, Janssen, 2022: 0.5-1.0 x10^6/kg, maximum 1 x10^8 per infusion.
  'ciltacabtagene-autoleucel': {
    label: 'Carvykti (myeloma): 0.5-1.0 ×10⁶/kg, maximum 1 ×10⁸',
    dose: () => ({ kind: 'per-kg-range', minPerKg: 0.5e6, maxPerKg: 1.0e6, capCells: 1e8 }),
  },
};

export const CartProductSchema = z.enum(Object.keys(CART_PRODUCTS) as [string, ...string[]]);

export const CartDoseInputSchema = z.object({
  product: CartProductSchema,
  weightKg: ruleQuantity({ ...RECIPIENT_WEIGHT, label: 'weight' }).describe('Recipient weight, kg'),
  doseCells: ruleQuantity(CART_DOSE_CELLS).describe('CAR-positive viable T cells to be infused (total)'),
});
export type CartDoseInput = z.infer<typeof CartDoseInputSchema>;

/**
 * - abecmaLabel: 'abecma-2024-04' (default, 300-510 x10^6) or 'abecma-2021' (300-460 x10^6) [VERIFY the 2024 range].
 * - targetDoseMinFraction: lowest acceptable dose of a target-dose label (Yescarta, Tecartus) as a fraction of the
 *   (capped) target. Default 0.5: the EU summaries of product characteristics of Yescarta and Tecartus (MCL)
 *   state the same target as an acceptable range of 1-2 x10^6/kg, i.e. half the target; the US labels state the
 *   target only. A dose below it is outside the label (0 or 1 x10^6 cells for an 80 kg patient is not a dose).
 */
export const CartDoseOptionsSchema = z.object({
  abecmaLabel: z.enum(['abecma-2024-04', 'abecma-2021']).default('abecma-2024-04'),
  targetDoseMinFraction: z
    .number()
    .gt(0, 'targetDoseMinFraction must be above 0')
    .lte(1, 'targetDoseMinFraction must be at most 1')
    .default(0.5),
});
export type CartDoseOptions = z.infer<typeof CartDoseOptionsSchema>;

export const CartDoseOutputSchema = z.object({
  withinLabel: z.boolean(),
  minCells: z
    .number()
    .describe('Lowest labelled dose for this patient (for target labels: targetDoseMinFraction x target)'),
  maxCells: z.number().describe('Highest labelled dose for this patient (the cap for target labels)'),
  targetCells: z.number().nullable(),
  label: z.string(),
  ...ruleResultMeta,
});
export type CartDoseOutput = z.infer<typeof CartDoseOutputSchema>;

const e6 = (n: number): string => `${fmt(n / 1e6, 1)} ×10⁶`;

/** The label's accepted dose range for a product and weight (target-dose labels: fraction × target to target). */
export interface CartLabelRange {
  minCells: number;
  maxCells: number;
  targetCells: number | null;
  label: string;
  options: CartDoseOptions;
}

export function cartLabelRange(product: string, weightKg: number, options?: Partial<CartDoseOptions>): CartLabelRange {
  const opts = CartDoseOptionsSchema.parse(options ?? {});
  const entry = CART_PRODUCTS[product];
  if (!entry) throw new RangeError(`unknown CAR-T product ${product}`);
  const kg = CartDoseInputSchema.shape.weightKg.parse(weightKg);
  let dose = entry.dose(kg);
  let label = entry.label;
  if (product === 'idecabtagene-vicleucel') {
    const max = opts.abecmaLabel === 'abecma-2021' ? 460e6 : 510e6;
    dose = { kind: 'flat-range', minCells: 300e6, maxCells: max };
    label = `Abecma (myeloma): 300-${max / 1e6} ×10⁶ (${opts.abecmaLabel} label)`;
  }
  switch (dose.kind) {
    case 'per-kg-range': {
      let min = dose.minPerKg * kg;
      let max = dose.maxPerKg * kg;
      if (dose.capCells != null) {
        max = Math.min(max, dose.capCells);
        min = Math.min(min, max);
      }
      return { minCells: min, maxCells: max, targetCells: null, label, options: opts };
    }
    case 'flat-range':
      return { minCells: dose.minCells, maxCells: dose.maxCells, targetCells: null, label, options: opts };
    case 'per-kg-target': {
      const target = Math.min(dose.targetPerKg * kg, dose.capCells);
      return {
        minCells: target * opts.targetDoseMinFraction,
        maxCells: target,
        targetCells: target,
        label,
        options: opts,
      };
    }
  }
}

/** Checks a CAR-T dose against the label range for the product and patient weight. */
export function checkCartDose(raw: CartDoseInput, options?: Partial<CartDoseOptions>): CartDoseOutput {
  // Refuses 0, negative and non-finite doses and weights whoever calls (a rule never computes outside its domain).
  const input = CartDoseInputSchema.parse(raw);
  const {
    minCells: min,
    maxCells: max,
    targetCells: target,
    label,
    options: opts,
  } = cartLabelRange(input.product, input.weightKg, options);
  const d = input.doseCells;
  const withinLabel = d >= min && d <= max;
  const range = target != null ? `target ${e6(target)} (accepted ${e6(min)}-${e6(max)})` : `${e6(min)}-${e6(max)}`;
  const verdict = withinLabel ? 'within' : d > max ? 'above' : 'below';
  return {
    withinLabel,
    minCells: min,
    maxCells: max,
    targetCells: target,
    label,
    ruleId: ruleIdWithOptions(CART_DOSE_RULE_ID, opts),
    explanation: `${e6(d)} cells is ${verdict} the label dose ${range} for ${fmt(input.weightKg, 1)} kg (${label})`,
  };
}

export const cartDoseRule = defineRule({
  name: 'cart-dose',
  id: CART_DOSE_RULE_ID,
  title: 'CAR-T label dose check',
  description: 'Dose of CAR+ viable T cells against the US label range for the product and weight',
  source: 'US prescribing information, section 2.1 (Kymriah, Yescarta, Tecartus, Breyanzi, Abecma, Carvykti)',
  inputSchema: CartDoseInputSchema,
  optionsSchema: CartDoseOptionsSchema,
  outputSchema: CartDoseOutputSchema,
  compute: (input, options) => checkCartDose(input, options),
});
