// EBMT (Gratwohl) risk score. Sources: Gratwohl A et al., Lancet 1998;352:1087; Cancer 2009;115:4715-4726;
// Gratwohl A, Bone Marrow Transplant 2012;47:449-456.
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';

export const EBMT_RULE_ID = 'ebmt-gratwohl@1';

export const EbmtInputSchema = z.object({
  transplantType: z.enum(['allogeneic', 'autologous']),
  ageYears: z.number().min(0),
  diseaseStage: z.enum(['early', 'intermediate', 'late']).describe('EBMT stage (severe aplastic anemia: early)'),
  firstCompleteRemission: z.boolean().describe('Patient in CR1 (time from diagnosis then scores 0 by convention)'),
  monthsFromDiagnosis: z.number().min(0),
  donorType: z.enum(['hla-identical-sibling', 'unrelated', 'other']).nullable().describe('null for autologous'),
  donorSex: z.enum(['male', 'female']).nullable(),
  recipientSex: z.enum(['male', 'female']),
});
export type EbmtInput = z.infer<typeof EbmtInputSchema>;

/**
 * [VERIFY] (§12.11):
 * - twelveMonths: 'exactly-12-scores-0' (default; the table's "<=12 months" = 0) or 'exactly-12-scores-1'.
 * - cr1TimeException: true (default; "by convention" CR1 scores 0 for time from diagnosis) or false.
 */
export const EbmtOptionsSchema = z.object({
  twelveMonths: z.enum(['exactly-12-scores-0', 'exactly-12-scores-1']).default('exactly-12-scores-0'),
  cr1TimeException: z.boolean().default(true),
});
export type EbmtOptions = z.infer<typeof EbmtOptionsSchema>;

export const EbmtOutputSchema = z.object({
  score: z.number().int().min(0).max(7),
  riskGroup: z
    .enum(['low', 'intermediate-1', 'intermediate-2', 'high'])
    .describe('0-2 low, 3 int-1, 4 int-2, 5-7 high'),
  components: z.object({ age: z.number(), stage: z.number(), time: z.number(), donor: z.number(), sex: z.number() }),
  ...ruleResultMeta,
});
export type EbmtOutput = z.infer<typeof EbmtOutputSchema>;

/** EBMT score: age (<20 0, 20-40 1, >40 2) + stage (0-2) + time (>12 mo 1) + donor (not HLA-id sibling 1) + F->M (1). */
export function computeEbmtScore(input: EbmtInput, options?: Partial<EbmtOptions>): EbmtOutput {
  const opts = EbmtOptionsSchema.parse(options ?? {});
  const allo = input.transplantType === 'allogeneic';
  const age = input.ageYears < 20 ? 0 : input.ageYears <= 40 ? 1 : 2;
  const stage = { early: 0, intermediate: 1, late: 2 }[input.diseaseStage];
  const m = input.monthsFromDiagnosis;
  const late = opts.twelveMonths === 'exactly-12-scores-0' ? m > 12 : m >= 12;
  const time = opts.cr1TimeException && input.firstCompleteRemission ? 0 : late ? 1 : 0;
  const donor = allo && input.donorType != null && input.donorType !== 'hla-identical-sibling' ? 1 : 0;
  const sex = allo && input.donorSex === 'female' && input.recipientSex === 'male' ? 1 : 0;
  const score = age + stage + time + donor + sex;
  const riskGroup = score <= 2 ? 'low' : score === 3 ? 'intermediate-1' : score === 4 ? 'intermediate-2' : 'high';
  const parts = [
    `age ${fmt(input.ageYears, 1)} -> ${age}`,
    `stage ${input.diseaseStage} -> ${stage}`,
    `${fmt(m, 1)} months from diagnosis -> ${time}${opts.cr1TimeException && input.firstCompleteRemission ? ' (CR1)' : ''}`,
    ...(allo
      ? [
          `donor ${input.donorType ?? 'unknown'} -> ${donor}`,
          `sex ${input.donorSex ?? '?'}->${input.recipientSex} -> ${sex}`,
        ]
      : []),
  ];
  return {
    score,
    riskGroup,
    components: { age, stage, time, donor, sex },
    ruleId: ruleIdWithOptions(EBMT_RULE_ID, opts),
    explanation: `EBMT score ${score} (${riskGroup}): ${parts.join('; ')}`,
  };
}

export const ebmtRule = defineRule({
  name: 'ebmt-score',
  id: EBMT_RULE_ID,
  title: 'EBMT (Gratwohl) risk score',
  description:
    'Age, disease stage, time from diagnosis, donor type and female-to-male sex mismatch; 0-7 (0-5 autologous)',
  source: 'Gratwohl A et al. Lancet 1998; Cancer 2009; Bone Marrow Transplant 2012;47:449',
  inputSchema: EbmtInputSchema,
  optionsSchema: EbmtOptionsSchema,
  outputSchema: EbmtOutputSchema,
  compute: (input, options) => computeEbmtScore(input, options),
});
