// Tocilizumab dose for CRS, as printed in the Kymriah label (Kymriah US prescribing information, CRS management table): <30 kg 12 mg/kg;
// >=30 kg 8 mg/kg, maximum 800 mg; repeat >=8 h apart, at most 3 doses in 24 h and 4 in total.
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const TOCILIZUMAB_RULE_ID = 'tocilizumab-crs-kymriah-label@1';

export const TocilizumabInputSchema = z.object({
  weightKg: z.number().positive(),
  dosesInLast24h: z.number().int().min(0).describe('Doses already given in the last 24 hours'),
  dosesTotal: z.number().int().min(0).describe('Doses already given in total'),
  hoursSinceLastDose: z.number().min(0).nullable().describe('null if none given'),
});
export type TocilizumabInput = z.infer<typeof TocilizumabInputSchema>;
export const TocilizumabOutputSchema = z.object({
  doseMg: z.number(),
  mgPerKg: z.number(),
  mayGiveNow: z.boolean(),
  reasons: z.array(z.string()),
  ...ruleResultMeta,
});
export type TocilizumabOutput = z.infer<typeof TocilizumabOutputSchema>;

/** Weight-based tocilizumab dose and whether another dose is allowed now. */
export function tocilizumabDose(input: TocilizumabInput): TocilizumabOutput {
  const mgPerKg = input.weightKg < 30 ? 12 : 8;
  const doseMg = input.weightKg < 30 ? 12 * input.weightKg : Math.min(8 * input.weightKg, 800);
  const reasons: string[] = [];
  if (input.hoursSinceLastDose != null && input.hoursSinceLastDose < 8) {
    reasons.push('less than 8 hours since the last dose');
  }
  if (input.dosesInLast24h >= 3) reasons.push('3 doses already given in 24 hours');
  if (input.dosesTotal >= 4) reasons.push('4 doses already given in total');
  const capped = input.weightKg >= 30 && 8 * input.weightKg > 800 ? ' (capped at 800 mg)' : '';
  return {
    doseMg,
    mgPerKg,
    mayGiveNow: reasons.length === 0,
    reasons,
    ruleId: TOCILIZUMAB_RULE_ID,
    explanation: `${fmt(doseMg, 0)} mg = ${mgPerKg} mg/kg × ${fmt(input.weightKg, 1)} kg${capped}; ${reasons.length ? `not now: ${reasons.join(', ')}` : 'may be given now'}`,
  };
}

export const tocilizumabRule = defineRule({
  name: 'tocilizumab',
  id: TOCILIZUMAB_RULE_ID,
  title: 'Tocilizumab dose for CRS',
  description: '<30 kg 12 mg/kg; >=30 kg 8 mg/kg (max 800 mg); >=8 h apart, max 3 in 24 h and 4 in total',
  source: 'Kymriah (tisagenlecleucel) US prescribing information',
  inputSchema: TocilizumabInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: TocilizumabOutputSchema,
  compute: (input) => tocilizumabDose(input),
});
