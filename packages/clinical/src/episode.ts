// Episode summaries over dated assessments: onset, maximum grade and its date, resolution (CIBMTR form 4100 asks
// for these for CRS and ICANS; forms 2100/2450 ask for the maximum acute GVHD grade, its date and the maximum stage
// of each organ). Lee DW et al., BBMT 2019;25:625 (CRS/ICANS
// resolution); Harris AC et al., BBMT 2016;22:4 (MAGIC maximum grade).
import { z } from 'zod';
import { toDayNumber } from './days';
import { AgvhdStagesSchema, type AgvhdStages } from './gvhd/acute';
import { defineRule, IsoDateSchema, NoOptionsSchema, ruleResultMeta } from './rule';

export const EPISODE_RULE_ID = 'grade-episode-summary@1';

export const GradeAssessmentSchema = z.object({ date: IsoDateSchema, grade: z.number().int().min(0).max(5) });
export type GradeAssessment = z.infer<typeof GradeAssessmentSchema>;

export const GradeEpisodeInputSchema = z.object({
  assessments: z
    .array(GradeAssessmentSchema)
    .describe('Dated grades (e.g. daily CRS or ICANS grades); one per date is expected'),
});
export type GradeEpisodeInput = z.infer<typeof GradeEpisodeInputSchema>;

export const GradeEpisodeOutputSchema = z.object({
  onsetDate: IsoDateSchema.nullable().describe('First date with grade >=1'),
  maxGrade: z.number().int().min(0).max(5),
  maxGradeDate: IsoDateSchema.nullable().describe('First date the maximum grade was reached'),
  resolutionDate: IsoDateSchema.nullable().describe(
    'First grade-0 date after which every assessment is 0; null if ongoing'
  ),
  ongoing: z.boolean(),
  ...ruleResultMeta,
});
export type GradeEpisodeOutput = z.infer<typeof GradeEpisodeOutputSchema>;

function byDate<T extends { date: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => toDayNumber(a.date) - toDayNumber(b.date));
}

/** Onset, maximum grade (first date reached) and resolution of one toxicity episode. */
export function summarizeGradeEpisode(input: GradeEpisodeInput): GradeEpisodeOutput {
  const xs = byDate(input.assessments);
  const onset = xs.find((a) => a.grade >= 1);
  const maxGrade = xs.reduce((m, a) => Math.max(m, a.grade), 0);
  const maxAt = maxGrade > 0 ? xs.find((a) => a.grade === maxGrade) : undefined;
  let lastPositive = -1;
  xs.forEach((a, i) => {
    if (a.grade > 0) lastPositive = i;
  });
  const after = lastPositive >= 0 ? xs[lastPositive + 1] : undefined;
  const ongoing = lastPositive >= 0 && after == null;
  const resolutionDate = after?.date ?? null;
  const explanation = onset
    ? `onset ${onset.date}; maximum grade ${maxGrade} on ${maxAt?.date}; ${ongoing ? 'ongoing at the last assessment' : `resolved ${resolutionDate}`}`
    : 'no assessment at grade >=1';
  return {
    onsetDate: onset?.date ?? null,
    maxGrade,
    maxGradeDate: maxAt?.date ?? null,
    resolutionDate,
    ongoing,
    ruleId: EPISODE_RULE_ID,
    explanation,
  };
}

// ---- acute GVHD maxima ----

export const AgvhdMaximaInputSchema = z.object({
  assessments: z.array(
    z.object({ date: IsoDateSchema, stages: AgvhdStagesSchema, grade: z.number().int().min(0).max(4) })
  ),
});
export type AgvhdMaximaInput = z.infer<typeof AgvhdMaximaInputSchema>;

/** Maximum overall grade, the first date it was reached and the maximum stage of each organ (registry fields). */
export function agvhdMaxima(input: AgvhdMaximaInput): {
  maxGrade: number;
  maxGradeDate: string | null;
  maxStages: AgvhdStages;
} {
  const xs = byDate(input.assessments);
  const maxGrade = xs.reduce((m, a) => Math.max(m, a.grade), 0);
  const maxStages: AgvhdStages = { skin: 0, liver: 0, upperGi: 0, lowerGi: 0 };
  for (const a of xs) {
    maxStages.skin = Math.max(maxStages.skin, a.stages.skin);
    maxStages.liver = Math.max(maxStages.liver, a.stages.liver);
    maxStages.upperGi = Math.max(maxStages.upperGi, a.stages.upperGi);
    maxStages.lowerGi = Math.max(maxStages.lowerGi, a.stages.lowerGi);
  }
  const at = maxGrade > 0 ? xs.find((a) => a.grade === maxGrade) : undefined;
  return { maxGrade, maxGradeDate: at?.date ?? null, maxStages };
}

export const gradeEpisodeRule = defineRule({
  name: 'grade-episode',
  id: EPISODE_RULE_ID,
  title: 'Toxicity episode summary',
  description: 'Onset date, maximum grade and its date, and resolution date from dated grades (CRS, ICANS, GVHD)',
  source: 'CIBMTR form 4100 (CRS/ICANS onset, maximum grade, resolution); forms 2100/2450',
  inputSchema: GradeEpisodeInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: GradeEpisodeOutputSchema,
  compute: (input) => summarizeGradeEpisode(input),
});
