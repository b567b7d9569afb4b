// Label dose ranges of the approved CAR-T products (US prescribing information as summarised in
// clinical-standards.md §6.3; labels change: each entry is pinned to a label version).
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';

export const CART_DOSE_RULE_ID = 'cart-label-dose@1';

/** Per-kg range (with optional cap), flat range, or per-kg target with a cap. */
type LabelDose =
  | { kind: 'per-kg-range'; minPerKg: number; maxPerKg: number; capCells?: number }
  | { kind: 'flat-range'; minCells: number; maxCells: number }
  | { kind: 'per-kg-target'; targetPerKg: number; capCells: number };

interface LabelEntry {
  label: string;
  dose: (weightKg: number) => LabelDose;
}

export const CART_PRODUCTS: Record<string, LabelEntry> = {
  'tisagenlecleucel-all': {
    label: 'Kymriah (B-ALL, age <=25): <=50 kg 0.2-5.0 x10^6/kg; >50 kg 0.1-2.5 x10^8',
    dose: (kg) =>
      kg <= 50 ? { kind: 'per-kg-range', minPerKg: 0.2e6, maxPerKg: 5.0e6 } : { kind: 'flat-range', minCells: 0.1e8, maxCells: 2.5e8 },
  },
  'tisagenlecleucel-lbcl': { label: 'Kymriah (LBCL): 0.6-6.0 x10^8', dose: () => ({ kind: 'flat-range', minCells: 0.6e8, maxCells: 6.0e8 }) },
  'tisagenlecleucel-fl': { label: 'Kymriah (FL): 0.6-6.0 x10^8', dose: () => ({ kind: 'flat-range', minCells: 0.6e8, maxCells: 6.0e8 }) },
  'axicabtagene-ciloleucel': {
    label: 'Yescarta (LBCL, FL): 2 x10^6/kg, maximum 2 x10^8',
    dose: () => ({ kind: 'per-kg-target', targetPerKg: 2e6, capCells: 2e8 }),
  },
  'brexucabtagene-autoleucel-mcl': {
    label: 'Tecartus (MCL): 2 x10^6/kg, maximum 2 x10^8',
    dose: () => ({ kind: 'per-kg-target', targetPerKg: 2e6, capCells: 2e8 }),
  },
  'brexucabtagene-autoleucel-all': {
    label: 'Tecartus (adult B-ALL): 1 x10^6/kg, maximum 1 x10^8',
    dose: () => ({ kind: 'per-kg-target', targetPerKg: 1e6, capCells: 1e8 }),
  },
  'lisocabtagene-maraleucel-lbcl': { label: 'Breyanzi (LBCL): 50-110 x10^6', dose: () => ({ kind: 'flat-range', minCells: 50e6, maxCells: 110e6 }) },
  'lisocabtagene-maraleucel-cll': { label: 'Breyanzi (CLL/SLL): 90-110 x10^6', dose: () => ({ kind: 'flat-range', minCells: 90e6, maxCells: 110e6 }) },
  'idecabtagene-vicleucel': { label: 'Abecma (myeloma)', dose: () => ({ kind: 'flat-range', minCells: 300e6, maxCells: 510e6 }) },
  'ciltacabtagene-autoleucel': {
    label: 'Carvykti (myeloma): 0.5-1.0 x10^6/kg, maximum 1 x10^8',
    dose: () => ({ kind: 'per-kg-range', minPerKg: 0.5e6, maxPerKg: 1.0e6, capCells: 1e8 }),
  },
};

export const CartProductSchema = z.enum(Object.keys(CART_PRODUCTS) as [string, ...string[]]);

export const CartDoseInputSchema = z.object({
  product: CartProductSchema,
  weightKg: z.number().positive(),
  doseCells: z.number().min(0).describe('CAR-positive viable T cells to be infused (total)'),
});
export type CartDoseInput = z.infer<typeof CartDoseInputSchema>;

/**
 * [VERIFY] Abecma label version (§12.15): 'abecma-2024-04' (default, 300-510 x10^6) or 'abecma-2021' (300-460 x10^6).
 */
export const CartDoseOptionsSchema = z.object({ abecmaLabel: z.enum(['abecma-2024-04', 'abecma-2021']).default('abecma-2024-04') });
export type CartDoseOptions = z.infer<typeof CartDoseOptionsSchema>;

export const CartDoseOutputSchema = z.object({
  withinLabel: z.boolean(),
  minCells: z.number().nullable().describe('Lowest labelled dose for this patient (null for target-only labels)'),
  maxCells: z.number().describe('Highest labelled dose for this patient (the cap for target labels)'),
  targetCells: z.number().nullable(),
  label: z.string(),
  ...ruleResultMeta,
});
export type CartDoseOutput = z.infer<typeof CartDoseOutputSchema>;

const e6 = (n: number): string => `${fmt(n / 1e6, 1)} x10^6`;

/** Checks a CAR-T dose against the label range for the product and patient weight. */
export function checkCartDose(input: CartDoseInput, options?: Partial<CartDoseOptions>): CartDoseOutput {
  const opts = CartDoseOptionsSchema.parse(options ?? {});
  const entry = CART_PRODUCTS[input.product];
  if (!entry) throw new RangeError(`unknown CAR-T product ${input.product}`);
  let dose = entry.dose(input.weightKg);
  let label = entry.label;
  if (input.product === 'idecabtagene-vicleucel') {
    const max = opts.abecmaLabel === 'abecma-2021' ? 460e6 : 510e6;
    dose = { kind: 'flat-range', minCells: 300e6, maxCells: max };
    label = `Abecma (myeloma): 300-${max / 1e6} x10^6 (${opts.abecmaLabel} label)`;
  }
  let min: number | null;
  let max: number;
  let target: number | null = null;
  switch (dose.kind) {
    case 'per-kg-range':
      min = dose.minPerKg * input.weightKg;
      max = dose.maxPerKg * input.weightKg;
      if (dose.capCells != null) {
        max = Math.min(max, dose.capCells);
        min = Math.min(min, max);
      }
      break;
    case 'flat-range':
      min = dose.minCells;
      max = dose.maxCells;
      break;
    case 'per-kg-target':
      target = Math.min(dose.targetPerKg * input.weightKg, dose.capCells);
      min = null;
      max = target;
      break;
  }
  const d = input.doseCells;
  const withinLabel = (min == null || d >= min) && d <= max;
  const range = min == null ? `target ${e6(max)} (capped)` : `${e6(min)}-${e6(max)}`;
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
  source: 'US prescribing information (Kymriah, Yescarta, Tecartus, Breyanzi, Abecma, Carvykti)',
  inputSchema: CartDoseInputSchema,
  optionsSchema: CartDoseOptionsSchema,
  outputSchema: CartDoseOutputSchema,
  compute: (input, options) => checkCartDose(input, options),
});
