// Cell dose per kg and checks against targets. Sources: Duong HK et al. (ASBMT) Biol Blood Marrow Transplant
// 2014;20:1262 (PBSC CD34+ minimum/optimal/maximum); Lysák et al., J Clin Med 2021 (PMC8156284) (marrow TNC);
// Dehn J et al. (NMDP/CIBMTR) Blood 2019;134:924 (cord).
import { z } from 'zod';
import { fmt } from '../format';
import { unitText } from '../unitText';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const CELL_DOSE_RULE_ID = 'cell-dose-per-kg@1';

export const CellProductSchema = z.enum([
  'hpc-apheresis-autologous',
  'hpc-apheresis-allogeneic',
  'hpc-marrow',
  'hpc-cord',
  'car-t',
  'other',
]);
export const CellMeasureSchema = z.enum(['cd34', 'tnc', 'car-positive-viable-t']);

export const CellDoseInputSchema = z.object({
  product: CellProductSchema,
  measure: CellMeasureSchema,
  totalCells: z.number().min(0).describe('Absolute number of cells of that measure in the product (e.g. 3.2e8)'),
  recipientWeightKg: z.number().positive(),
  pediatric: z.boolean().optional().describe('Pediatric allogeneic PBSC: minimum infusion 2.4 ×10⁶ CD34+/kg'),
  target: z
    .object({ minPerKg: z.number().min(0).nullable(), maxPerKg: z.number().min(0).nullable() })
    .optional()
    .describe('Protocol target in cells/kg, checked in addition to the standard ones'),
});
export type CellDoseInput = z.infer<typeof CellDoseInputSchema>;

export const DoseCheckSchema = z.object({
  name: z.string(),
  kind: z.enum(['minimum', 'target', 'maximum']),
  thresholdPerKg: z.number(),
  met: z.boolean(),
  source: z.string(),
});
export type DoseCheck = z.infer<typeof DoseCheckSchema>;

export const CellDoseOutputSchema = z.object({
  cellsPerKg: z.number(),
  conventional: z
    .object({ value: z.number(), unit: z.string() })
    .describe('Dose in the unit clinicians use for this product'),
  checks: z.array(DoseCheckSchema),
  adequate: z.boolean().describe('All minimum and maximum checks met (targets are informative)'),
  ...ruleResultMeta,
});
export type CellDoseOutput = z.infer<typeof CellDoseOutputSchema>;

const ASBMT = 'ASBMT 2014 (Duong et al.)';
/** Standard thresholds per product and measure (cells/kg). */
function standardChecks(input: CellDoseInput): Omit<DoseCheck, 'met'>[] {
  const key = `${input.product}/${input.measure}`;
  switch (key) {
    case 'hpc-apheresis-autologous/cd34':
      return [
        { name: 'minimum CD34+ 2 ×10⁶/kg', kind: 'minimum', thresholdPerKg: 2e6, source: ASBMT },
        { name: 'usual target CD34+ 4-5 ×10⁶/kg', kind: 'target', thresholdPerKg: 4e6, source: ASBMT },
      ];
    case 'hpc-apheresis-allogeneic/cd34':
      return [
        input.pediatric
          ? {
              name: 'pediatric minimum CD34+ 2.4 ×10⁶/kg',
              kind: 'minimum',
              thresholdPerKg: 2.4e6,
              source: `${ASBMT} guideline summary`,
            }
          : { name: 'minimum CD34+ 2 ×10⁶/kg', kind: 'minimum', thresholdPerKg: 2e6, source: ASBMT },
        { name: 'optimal CD34+ 4 ×10⁶/kg', kind: 'target', thresholdPerKg: 4e6, source: ASBMT },
        { name: 'maximum CD34+ 8 ×10⁶/kg', kind: 'maximum', thresholdPerKg: 8e6, source: ASBMT },
      ];
    case 'hpc-marrow/tnc':
      return [
        {
          name: 'common minimum TNC 2 ×10⁸/kg',
          kind: 'minimum',
          thresholdPerKg: 2e8,
          source: 'common practice (2-3 ×10⁸/kg)',
        },
        { name: 'target TNC 3 ×10⁸/kg', kind: 'target', thresholdPerKg: 3e8, source: 'PMC8156284' },
      ];
    case 'hpc-cord/tnc':
      return [
        { name: 'single unit TNC >=3.0 ×10⁷/kg', kind: 'minimum', thresholdPerKg: 3e7, source: 'NMDP/CIBMTR 2019' },
      ];
    case 'hpc-cord/cd34':
      return [
        {
          name: 'single unit CD34+ >=1.5 ×10⁵/kg',
          kind: 'minimum',
          thresholdPerKg: 1.5e5,
          source: 'NMDP/CIBMTR 2019',
        },
      ];
    default:
      return [];
  }
}

function conventionalUnit(input: CellDoseInput): [number, string] {
  if (input.product === 'hpc-cord') return input.measure === 'tnc' ? [1e7, 'x10^7/kg'] : [1e5, 'x10^5/kg'];
  if (input.measure === 'tnc') return [1e8, 'x10^8/kg'];
  return [1e6, 'x10^6/kg'];
}

/** Dose per kg recipient weight, with the standard (and optional protocol) checks. */
export function computeCellDose(input: CellDoseInput): CellDoseOutput {
  const cellsPerKg = input.totalCells / input.recipientWeightKg;
  const [scale, unit] = conventionalUnit(input);
  const checks: DoseCheck[] = standardChecks(input).map((c) => ({
    ...c,
    met: c.kind === 'maximum' ? cellsPerKg <= c.thresholdPerKg : cellsPerKg >= c.thresholdPerKg,
  }));
  if (input.target?.minPerKg != null) {
    checks.push({
      name: 'protocol minimum',
      kind: 'minimum',
      thresholdPerKg: input.target.minPerKg,
      met: cellsPerKg >= input.target.minPerKg,
      source: 'protocol',
    });
  }
  if (input.target?.maxPerKg != null) {
    checks.push({
      name: 'protocol maximum',
      kind: 'maximum',
      thresholdPerKg: input.target.maxPerKg,
      met: cellsPerKg <= input.target.maxPerKg,
      source: 'protocol',
    });
  }
  const failed = checks.filter((c) => !c.met && c.kind !== 'target');
  const value = cellsPerKg / scale;
  const dose = `${fmt(value, 2)} ${unitText(unit)} ${input.measure}`;
  return {
    cellsPerKg,
    conventional: { value, unit },
    checks,
    adequate: failed.length === 0,
    ruleId: CELL_DOSE_RULE_ID,
    explanation: failed.length
      ? `${dose}: fails ${failed.map((c) => c.name).join(', ')}`
      : `${dose}: ${checks.length ? 'meets all minimum/maximum checks' : 'no standard thresholds for this product'}`,
  };
}

export const cellDoseRule = defineRule({
  name: 'cell-dose',
  id: CELL_DOSE_RULE_ID,
  title: 'Cell dose per kg',
  description:
    'CD34+, TNC or CAR+ viable T-cell dose per kg recipient weight, checked against standard and protocol targets',
  source: 'ASBMT 2014 (Duong); NMDP/CIBMTR 2019 (Dehn); PMC8156284',
  inputSchema: CellDoseInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: CellDoseOutputSchema,
  compute: (input) => computeCellDose(input),
});
