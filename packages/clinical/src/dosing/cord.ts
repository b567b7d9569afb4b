// Cord blood unit adequacy: HLA match and TNC/CD34+ per kg. Sources: Dehn J et al. (NMDP/CIBMTR) Blood
// 2019;134(12):924-934 (cord unit selection); ASH-SAP / Eurocord cord-selection table; ASTCT Cord Blood SIG, Biol
// Blood Marrow Transplant 2020;26(12):2190; double-unit grafts: Barker JN et al., Blood 2005;105(3):1343-1347
// (each unit of a double graft at least 1.5 x10^7 TNC/kg).
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';
import { ruleQuantity } from './cellQuantities';

export const CORD_RULE_ID = 'cord-unit-adequacy@2';

/** HLA totals a match can be counted out of: 6 (A, B antigen + DRB1 allele) or 8 (A, B, C, DRB1 allele level). */
export const CORD_HLA_TOTALS = [6, 8] as const;

const CordInputObject = z.object({
  tncE7PerKg: ruleQuantity({ label: 'TNC per kg', unit: 'x10^7/kg', min: 0, max: 1000 }).describe(
    'Pre-cryopreservation TNC, ×10⁷/kg recipient weight'
  ),
  cd34E5PerKg: ruleQuantity({ label: 'CD34+ per kg', unit: 'x10^5/kg', min: 0, max: 1000 })
    .nullable()
    .describe('CD34+, ×10⁵/kg; null if unknown'),
  hlaMatched: z
    .number()
    .int('HLA matches must be a whole number')
    .min(0, 'HLA matches cannot be negative')
    .max(8, 'HLA matches cannot be more than 8'),
  hlaOf: z
    .union([z.literal(6), z.literal(8)], { error: 'HLA matches are counted out of 6 or 8' })
    .describe('6: A, B antigen + DRB1 allele; 8: A, B, C, DRB1 allele level'),
  hlaCMismatch: z.boolean().optional(),
  disease: z.enum(['malignant', 'non-malignant']),
  graft: z.enum(['single', 'double']).describe('single unit, or one unit of a double-unit graft'),
});

/** Matches cannot exceed the loci counted: 8/6 is impossible and refused, naming the field. */
export const CordInputSchema = CordInputObject.superRefine((u, ctx) => {
  if (u.hlaMatched > u.hlaOf) {
    ctx.addIssue({
      code: 'custom',
      path: ['hlaMatched'],
      message: `HLA ${u.hlaMatched}/${u.hlaOf} is impossible: matches cannot exceed the ${u.hlaOf} alleles counted`,
    });
  }
});
export type CordInput = z.infer<typeof CordInputObject>;

/**
 * [VERIFY] criteria set (sources give different minimums):
 * - 'nmdp-2019' (default): single TNC >=3.0 x10^7/kg and CD34+ >=1.5 x10^5/kg; double: CD34+ >=1.0 x10^5/kg per unit.
 * - 'eurocord-ash-sap': single TNC >=2.5 x10^7/kg (malignant) and CD34+ >=1.5 x10^5/kg when known.
 * Both: each unit of a double graft TNC >=1.5 x10^7/kg (Barker 2005; Eurocord/ASH-SAP), and TNC >5.0 x10^7/kg for
 * non-malignant disease (ASH-SAP/Eurocord).
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

/** Per-unit TNC floor of a double-unit graft, x10^7/kg (Barker JN et al., Blood 2005;105:1343). */
export const DOUBLE_UNIT_MIN_TNC_E7 = 1.5;

/** Checks one cord blood unit against the chosen criteria set; an impossible input (8/6, negative dose) is refused. */
export function checkCordUnit(raw: CordInput, options?: Partial<CordOptions>): CordOutput {
  const input = CordInputSchema.parse(raw);
  const { criteria } = CordOptionsSchema.parse(options ?? {});
  const failed: string[] = [];
  const warnings: string[] = [];
  const tnc = input.tncE7PerKg;
  const cd34 = input.cd34E5PerKg;
  const need = (ok: boolean, text: string): void => {
    if (!ok) failed.push(text);
  };
  if (input.disease === 'non-malignant') {
    need(tnc > 5.0, `TNC ${fmt(tnc)} ×10⁷/kg not >5.0 (non-malignant disease, ASH-SAP/Eurocord)`);
  }
  if (input.graft === 'single') {
    const minTnc = criteria === 'nmdp-2019' ? 3.0 : 2.5;
    if (input.disease === 'malignant') need(tnc >= minTnc, `TNC ${fmt(tnc)} ×10⁷/kg below ${minTnc} (${criteria})`);
    if (cd34 == null) {
      if (criteria === 'nmdp-2019') failed.push('CD34+ dose unknown (NMDP requires >=1.5 ×10⁵/kg)');
      else warnings.push('CD34+ dose unknown');
    } else need(cd34 >= 1.5, `CD34+ ${fmt(cd34)} ×10⁵/kg below 1.5 (${criteria})`);
  } else {
    // Each unit of a double graft carries its own floor: two small units do not make an adequate graft.
    need(
      tnc >= DOUBLE_UNIT_MIN_TNC_E7,
      `TNC ${fmt(tnc)} ×10⁷/kg below ${DOUBLE_UNIT_MIN_TNC_E7} per unit of a double graft (Barker 2005)`
    );
    if (criteria === 'nmdp-2019') {
      if (cd34 == null) failed.push('CD34+ dose unknown (NMDP requires >=1.0 ×10⁵/kg per unit)');
      else need(cd34 >= 1.0, `CD34+ ${fmt(cd34)} ×10⁵/kg below 1.0 per unit (nmdp-2019)`);
    }
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
      ? `adequate: TNC ${fmt(tnc)} ×10⁷/kg, CD34+ ${cd34 == null ? 'unknown' : `${fmt(cd34)} ×10⁵/kg`}, HLA ${input.hlaMatched}/${input.hlaOf} (${criteria})`
      : `not adequate: ${failed.join('; ')}`,
  };
}

export const cordRule = defineRule({
  name: 'cord-unit',
  id: CORD_RULE_ID,
  title: 'Cord blood unit adequacy',
  description: 'HLA match (>=4/6 or >=4/8) and TNC/CD34+ per kg for a single or each unit of a double-unit graft',
  source: 'NMDP/CIBMTR 2019 (Dehn); ASH-SAP/Eurocord; ASTCT Cord SIG 2020; Barker 2005 (double-unit floor)',
  inputSchema: CordInputSchema,
  optionsSchema: CordOptionsSchema,
  outputSchema: CordOutputSchema,
  compute: (input, options) => checkCordUnit(input, options),
});
