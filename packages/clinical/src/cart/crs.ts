// Cytokine release syndrome grade. Source: Lee DW et al., ASTCT consensus grading, Biol Blood Marrow Transplant
// 2019;25(4):625-638 (the CRS consensus grading table and its footnotes). Grade 5 (death) is not computed.
import { z } from 'zod';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const CRS_RULE_ID = 'astct-2019-crs@1';
/** Fever criterion: >= 38.0 °C (ASTCT 2019). */
export const CRS_FEVER_C = 38.0;

export const HypotensionSchema = z.enum(['none', 'no-vasopressor', 'one-vasopressor', 'multiple-vasopressors']);
export const OxygenSupportSchema = z.enum(['none', 'low-flow', 'high-flow', 'positive-pressure']);
export const Grade0to4Schema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Grade0to4 = z.infer<typeof Grade0to4Schema>;

/**
 * Hypotension or hypoxia without a recorded temperature (and no masking treatment) cannot be graded: ASTCT needs
 * the fever criterion, so it is refused rather than called grade 0 (issue 13). Null when gradable.
 */
export function crsUngradable(
  input: Pick<CrsInput, 'maxTempC' | 'feverMaskedByTreatment' | 'hypotension' | 'oxygen'>
): string | null {
  if (
    input.maxTempC != null ||
    input.feverMaskedByTreatment ||
    (input.hypotension === 'none' && input.oxygen === 'none')
  ) {
    return null;
  }
  return 'CRS cannot be graded: the highest temperature is needed (hypotension or hypoxia recorded without a temperature)';
}

const CrsInputObject = z.object({
  maxTempC: z
    .number({ error: 'highest temperature must be a number (°C)' })
    .min(25, 'highest temperature must be at least 25 °C')
    .max(45, 'highest temperature must be at most 45 °C')
    .nullable()
    .describe('Highest temperature in the period, °C; null if not recorded'),
  feverMaskedByTreatment: z
    .boolean()
    .describe('Antipyretics or anti-cytokine therapy (tocilizumab, steroids) given: fever no longer required'),
  hypotension: HypotensionSchema.describe(
    'none | no-vasopressor (fluids only) | one-vasopressor (with or without vasopressin) | multiple-vasopressors (excluding vasopressin)'
  ),
  oxygen: OxygenSupportSchema.describe(
    'none | low-flow (nasal cannula <=6 L/min or blow-by) | high-flow (>6 L/min, facemask, non-rebreather, Venturi) | positive-pressure (CPAP, BiPAP, ventilation)'
  ),
});
export const CrsInputSchema = CrsInputObject.superRefine((input, ctx) => {
  const why = crsUngradable(input);
  if (why) ctx.addIssue({ code: 'custom', path: ['maxTempC'], message: why });
});
export type CrsInput = z.infer<typeof CrsInputObject>;

export const CrsOutputSchema = z.object({ grade: Grade0to4Schema, ...ruleResultMeta });
export type CrsOutput = z.infer<typeof CrsOutputSchema>;
export const CrsContractOutputSchema = z.object({ grade: Grade0to4Schema });

const HYPOTENSION_GRADE = { none: 0, 'no-vasopressor': 2, 'one-vasopressor': 3, 'multiple-vasopressors': 4 } as const;
const HYPOTENSION_TEXT = {
  none: 'no hypotension',
  'no-vasopressor': 'hypotension not needing vasopressors',
  'one-vasopressor': 'one vasopressor',
  'multiple-vasopressors': 'multiple vasopressors',
} as const;
const OXYGEN_GRADE = { none: 0, 'low-flow': 2, 'high-flow': 3, 'positive-pressure': 4 } as const;
const OXYGEN_TEXT = {
  none: 'no oxygen',
  'low-flow': 'low-flow oxygen (<=6 L/min)',
  'high-flow': 'high-flow oxygen (>6 L/min) or mask',
  'positive-pressure': 'positive-pressure ventilation',
} as const;

/** ASTCT 2019 CRS grade: max(hypotension grade, hypoxia grade) once the fever criterion is met (or masked). */
export function gradeCrs(input: CrsInput): CrsOutput {
  const ungradable = crsUngradable(input);
  if (ungradable) throw new RangeError(ungradable);
  const fever = input.maxTempC != null && input.maxTempC >= CRS_FEVER_C;
  const out = (grade: Grade0to4, explanation: string): CrsOutput => ({ grade, ruleId: CRS_RULE_ID, explanation });
  if (!fever && !input.feverMaskedByTreatment) {
    const anyOther = input.hypotension !== 'none' || input.oxygen !== 'none';
    return out(
      0,
      anyOther
        ? 'grade 0: no fever >=38.0 °C and fever not masked by treatment (ASTCT requires fever for CRS)'
        : input.maxTempC == null
          ? 'grade 0: no temperature recorded, no hypotension or hypoxia'
          : 'grade 0: no fever >=38.0 °C'
    );
  }
  const h = HYPOTENSION_GRADE[input.hypotension];
  const o = OXYGEN_GRADE[input.oxygen];
  const grade = Math.max(fever ? 1 : 0, h, o) as Grade0to4;
  if (grade === 0) {
    return out(0, 'grade 0: fever masked by treatment and no hypotension or hypoxia to grade');
  }
  if (grade === 1) return out(1, 'grade 1: fever >=38.0 °C without hypotension or hypoxia');
  const reasons: string[] = [];
  if (h === grade) reasons.push(HYPOTENSION_TEXT[input.hypotension]);
  if (o === grade) reasons.push(OXYGEN_TEXT[input.oxygen]);
  const masked = fever ? '' : ' (fever masked by treatment)';
  return out(grade, `grade ${grade}: ${reasons.join(' and ')}${masked}`);
}

export const crsRule = defineRule({
  name: 'crs',
  id: CRS_RULE_ID,
  title: 'CRS grade (ASTCT 2019)',
  description: 'Cytokine release syndrome grade 0-4 from fever, hypotension and oxygen support',
  source: 'Lee DW et al. ASTCT consensus grading. Biol Blood Marrow Transplant 2019;25:625-638',
  inputSchema: CrsInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: CrsOutputSchema,
  contractOutputSchema: CrsContractOutputSchema,
  compute: (input) => gradeCrs(input),
});
