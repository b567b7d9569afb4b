// Cord blood unit adequacy: HLA match and TNC/CD34+ per kg. Sources: Dehn J et al. (NMDP/CIBMTR) Blood
// 2019;134:924-934; ASH-SAP / Eurocord cord-selection table; ASTCT Cord Blood SIG, Biol Blood Marrow Transplant
// 2020;26:2190; PMC7567024 (clinical-standards.md §6.2).
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';

export const CORD_RULE_ID = 'cord-unit-adequacy@1';

export const CordInputSchema = z.object({
  tncE7PerKg: z.number().min(0).describe('Pre-cryopreservation TNC, x10^7/kg recipient weight'),
  cd34E5PerKg: z.number().min(0).nullable().describe('CD34+, x10^5/kg; null if unknown'),
  hlaMatched: z.number().int().min(0).max(8),
  hlaOf: z.union([z.literal(6), z.literal(8)]).describe('6: A, B antigen + DRB1 allele; 8: A, B, C, DRB1 allele level'),
  hlaCMismatch: z.boolean().optional(),
  disease: z.enum(['malignant', 'non-malignant']),
  graft: z.enum(['single', 'double']).describe('single unit, or one unit of a double-unit graft'),
});
export type CordInput = z.infer<typeof CordInputSchema>;

/**
 * [VERIFY] criteria set (sources give different minimums):
 * - 'nmdp-2019' (default): single TNC >=3.0 x10^7/kg and CD34+ >=1.5 x10^5/kg; double: CD34+ >=1.0 x10^5/kg per unit.
 * - 'eurocord-ash-sap': single TNC >=2.5 x10^7/kg (malignant) and CD34+ >=1.5 x10^5/kg when known; double: TNC
 *   >=1.5 x10^7/kg per unit. Both use TNC >5.0 x10^7/kg for non-malignant disease (ASH-SAP/Eurocord).
 */
export const CordOptionsSchema = z.object({ criteria: z.enum(['nmdp-2019', 'eurocord-ash-sap']).default('nmdp-2019') });
export type CordOptions = z.infer<typeof CordOptionsSchema>;

export const CordOutputSchema = z.object({
  adequate: z.boolean(),
  failed: z.array(z.string()),
  warnings: z.array(z.string()),
  ...ruleResultMeta,
});
export type CordOutput = z.infer<typeof CordOutputSchema>;

/** Checks one cord blood unit against the chosen criteria set. */
export function checkCordUnit(input: CordInput, options?: Partial<CordOptions>): CordOutput {
  const { criteria } = CordOptionsSchema.parse(options ?? {});
  const failed: string[] = [];
  const warnings: string[] = [];
  const tnc = input.tncE7PerKg;
  const cd34 = input.cd34E5PerKg;
  const need = (ok: boolean, text: string): void => {
    if (!ok) failed.push(text);
  };
  if (input.disease === 'non-malignant') {
    need(tnc > 5.0, `TNC ${fmt(tnc)} x10^7/kg not >5.0 (non-malignant disease, ASH-SAP/Eurocord)`);
  }
  if (input.graft === 'single') {
    const minTnc = criteria === 'nmdp-2019' ? 3.0 : 2.5;
    if (input.disease === 'malignant') need(tnc >= minTnc, `TNC ${fmt(tnc)} x10^7/kg below ${minTnc} (${criteria})`);
    if (cd34 == null) {
      if (criteria === 'nmdp-2019') failed.push('CD34+ dose unknown (NMDP requires >=1.5 x10^5/kg)');
      else warnings.push('CD34+ dose unknown');
    } else need(cd34 >= 1.5, `CD34+ ${fmt(cd34)} x10^5/kg below 1.5 (${criteria})`);
  } else if (criteria === 'nmdp-2019') {
    if (cd34 == null) failed.push('CD34+ dose unknown (NMDP requires >=1.0 x10^5/kg per unit)');
    else need(cd34 >= 1.0, `CD34+ ${fmt(cd34)} x10^5/kg below 1.0 per unit (nmdp-2019)`);
  } else {
    need(tnc >= 1.5, `TNC ${fmt(tnc)} x10^7/kg below 1.5 per unit (eurocord-ash-sap)`);
  }
  const mismatches = input.hlaOf - input.hlaMatched;
  need(input.hlaMatched >= 4, `HLA ${input.hlaMatched}/${input.hlaOf} below 4/${input.hlaOf}`);
  if (input.hlaOf === 8 && mismatches > 2) warnings.push(`${mismatches} allele mismatches: avoid >2 where possible`);
  if (input.hlaCMismatch) warnings.push('HLA-C mismatch: avoid where possible');
  if (mismatches > 0 && failed.length === 0) warnings.push('more HLA mismatch needs a higher cell dose');
  const adequate = failed.length === 0;
  return {
    adequate,
    failed,
    warnings,
    ruleId: ruleIdWithOptions(CORD_RULE_ID, { criteria }),
    explanation: adequate
      ? `adequate: TNC ${fmt(tnc)} x10^7/kg, CD34+ ${cd34 == null ? 'unknown' : `${fmt(cd34)} x10^5/kg`}, HLA ${input.hlaMatched}/${input.hlaOf} (${criteria})`
      : `not adequate: ${failed.join('; ')}`,
  };
}

export const cordRule = defineRule({
  name: 'cord-unit',
  id: CORD_RULE_ID,
  title: 'Cord blood unit adequacy',
  description: 'HLA match (>=4/6 or >=4/8) and TNC/CD34+ per kg for a single or double-unit graft',
  source: 'NMDP/CIBMTR 2019 (Dehn); ASH-SAP/Eurocord; ASTCT Cord SIG 2020',
  inputSchema: CordInputSchema,
  optionsSchema: CordOptionsSchema,
  outputSchema: CordOutputSchema,
  compute: (input, options) => checkCordUnit(input, options),
});
