// Karnofsky / Lansky performance status. Source: CIBMTR Forms Instruction Manual Appendix L (Karnofsky for age >=16,
// Lansky for age 1 to <16, none under 1 year); Karnofsky DA et al., 1948 (Cancer 1:634); Lansky SB et al., Cancer
// 1987;60:1651-1656; ECOG mapping as used by the NIH cGVHD performance score (Jagasia 2015, BBMT 21:389).
import { z } from 'zod';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const PERFORMANCE_RULE_ID = 'cibmtr-kps-lansky@1';

export const KARNOFSKY_TEXT: Record<number, string> = {
  100: 'normal, no complaints, no evidence of disease',
  90: 'able to carry on normal activity; minor signs or symptoms',
  80: 'normal activity with effort; some signs or symptoms',
  70: 'cares for self; cannot carry on normal activity or do active work',
  60: 'needs occasional help but cares for most own needs',
  50: 'needs considerable help and frequent medical care',
  40: 'disabled; needs special care and help',
  30: 'severely disabled; hospital admission indicated but death not imminent',
  20: 'very sick; hospital admission and active supportive care needed',
  10: 'moribund; fatal processes progressing rapidly',
  0: 'dead',
};
export const LANSKY_TEXT: Record<number, string> = {
  100: 'fully active, normal',
  90: 'minor restriction in physically strenuous play',
  80: 'restricted in strenuous play, tires more easily, otherwise active',
  70: 'greater restriction of, and less time in, active play',
  60: 'ambulatory up to 50% of the time, limited active play with help or supervision',
  50: 'considerable help needed for any active play; fully able to do quiet play',
  40: 'mostly in bed; able to start quiet activities',
  30: 'in bed; needs help even for quiet play',
  20: 'often sleeping; play limited to very passive activities',
  10: 'does not play; does not get out of bed',
  0: 'unresponsive',
};

export const PerformanceInputSchema = z.object({
  ageYears: z
    .number({ error: 'age must be a number (years)' })
    .min(0, 'age cannot be negative')
    .max(130, 'age must be at most 130 years'),
  score: z
    .number()
    .int()
    .min(0)
    .max(100)
    .refine((n) => n % 10 === 0, 'score must be a multiple of 10'),
  scale: z
    .enum(['karnofsky', 'lansky'])
    .nullable()
    .describe('Scale the score was recorded on; null to assume the age-appropriate one'),
});
export type PerformanceInput = z.infer<typeof PerformanceInputSchema>;

export const PerformanceOutputSchema = z.object({
  applicable: z.boolean().describe('false under 1 year: no performance scale applies (registries leave it blank)'),
  scale: z.enum(['karnofsky', 'lansky']).nullable().describe('Age-appropriate scale; null under 1 year'),
  scaleAppropriate: z.boolean().nullable(),
  description: z.string().nullable(),
  ecog: z.string().nullable().describe('Approximate ECOG: "0", "1", "2" or "3-4"'),
  nihPerformanceScore: z.number().int().min(0).max(3).nullable(),
  ...ruleResultMeta,
});
export type PerformanceOutput = z.infer<typeof PerformanceOutputSchema>;

/** Age-appropriate scale (CIBMTR): Karnofsky >=16 y, Lansky 1 to <16 y, none below 1 y. */
export function appropriateScale(ageYears: number): 'karnofsky' | 'lansky' | null {
  if (ageYears >= 16) return 'karnofsky';
  return ageYears >= 1 ? 'lansky' : null;
}

/** Describes a Karnofsky/Lansky score and maps it to ECOG and the NIH cGVHD performance score. */
export function assessPerformance(input: PerformanceInput): PerformanceOutput {
  const scale = appropriateScale(input.ageYears);
  if (scale == null) {
    // Under 1 year neither Karnofsky nor Lansky applies (CIBMTR FIM Appendix L): no description, ECOG or NIH score.
    return {
      applicable: false,
      scale: null,
      scaleAppropriate: null,
      description: null,
      ecog: null,
      nihPerformanceScore: null,
      ruleId: PERFORMANCE_RULE_ID,
      explanation:
        'not applicable under 1 year: Karnofsky (>=16 y) and Lansky (1-<16 y) do not apply; registries leave it blank',
    };
  }
  const used = input.scale ?? scale;
  const s = input.score;
  const description = used == null ? null : ((used === 'karnofsky' ? KARNOFSKY_TEXT : LANSKY_TEXT)[s] ?? null);
  const [ecog, nih] = s === 100 ? ['0', 0] : s >= 80 ? ['1', 1] : s >= 60 ? ['2', 2] : ['3-4', 3];
  const scaleAppropriate = input.scale == null || scale == null ? null : input.scale === scale;
  const warn = scaleAppropriate === false ? `; ${input.scale} recorded but ${scale} is age-appropriate` : '';
  return {
    applicable: true,
    scale,
    scaleAppropriate,
    description,
    ecog: s === 0 ? null : ecog,
    nihPerformanceScore: s === 0 ? null : nih,
    ruleId: PERFORMANCE_RULE_ID,
    explanation: `${used} ${s}: ${description ?? 'not applicable'} (ECOG ~${s === 0 ? 'n/a' : ecog})${warn}`,
  };
}

export const performanceRule = defineRule({
  name: 'performance',
  id: PERFORMANCE_RULE_ID,
  title: 'Karnofsky / Lansky performance status',
  description:
    'Age-appropriate scale (Karnofsky >=16 y, Lansky 1-<16 y), description, ECOG and NIH cGVHD performance score',
  source: 'CIBMTR Forms Instruction Manual, Appendix L',
  inputSchema: PerformanceInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: PerformanceOutputSchema,
  compute: (input) => assessPerformance(input),
});
