// HCT-CI (Sorror) and HCT-CI/Age. Sources: Sorror ML et al., Blood 2005;106:2912-2919; Sorror ML, Blood
// 2013;121:2854 (Table 1); Sorror ML et al., J Clin Oncol 2014;32:3249 (HCT-CI/Age); NCI PDQ HCT-CI table.
// Computed from raw comorbidity facts, not from pre-scored items.
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';

export const HCTCI_RULE_ID = 'hct-ci-sorror-2005@1';

const flag = z.boolean();
export const HctCiInputSchema = z.object({
  ageYears: z.number().min(0).nullable().describe('For HCT-CI/Age (+1 if >=40); null to skip'),
  arrhythmia: flag.describe('AF/flutter, sick sinus syndrome or ventricular arrhythmia'),
  cardiac: flag.describe('CAD needing treatment, CHF or MI (EF is given separately)'),
  ejectionFractionPercent: z.number().min(0).max(100).nullable(),
  inflammatoryBowelDisease: flag,
  diabetes: flag.describe('Needing insulin or an oral hypoglycemic'),
  cerebrovascular: flag.describe('TIA or stroke'),
  psychiatric: flag.describe('Depression or anxiety needing consult or treatment'),
  chronicHepatitis: flag,
  cirrhosis: flag,
  bilirubinXUln: z.number().min(0).nullable().describe('Total bilirubin as a multiple of ULN'),
  astAltXUln: z.number().min(0).nullable().describe('Higher of AST and ALT as a multiple of ULN'),
  bmi: z.number().positive().nullable(),
  bmiForAgePercentile: z.number().min(0).max(100).nullable().describe('Children: obesity if >=95th percentile (2013)'),
  infection: flag.describe('Infection needing antimicrobials continued after day 0 (see option infectionDefinition)'),
  rheumatologic: flag,
  pepticUlcer: flag.describe('Needing treatment'),
  creatinineMgDl: z.number().min(0).nullable(),
  dialysis: flag,
  priorKidneyTransplant: flag,
  fev1Percent: z.number().min(0).max(200).nullable(),
  dlcoPercent: z.number().min(0).max(200).nullable().describe('Hemoglobin-corrected DLCO % predicted'),
  dyspnea: z.enum(['none', 'slight-activity', 'at-rest']),
  supplementalOxygen: flag,
  priorSolidTumor: flag.describe('Treated at any time, excluding non-melanoma skin cancer'),
  heartValveDisease: flag.describe('Except asymptomatic mitral valve prolapse'),
});
export type HctCiInput = z.infer<typeof HctCiInputSchema>;

/**
 * [VERIFY] (§5.1, §12.9):
 * - severePulmonaryBoundary: 'sorror-le-65' (default, Sorror: DLCO/FEV1 <=65%) or 'pdq-lt-65' (PDQ prints <65%;
 *   65% then counts as moderate).
 * - infectionDefinition is recorded for audit only: the input flag carries the clinician's judgement under
 *   'sorror-2005' (antimicrobials continued after day 0) or 'sorror-2013' (treated before, during and after the start
 *   of conditioning).
 */
export const HctCiOptionsSchema = z.object({
  severePulmonaryBoundary: z.enum(['sorror-le-65', 'pdq-lt-65']).default('sorror-le-65'),
  infectionDefinition: z.enum(['sorror-2005', 'sorror-2013']).default('sorror-2005'),
});
export type HctCiOptions = z.infer<typeof HctCiOptionsSchema>;

export const HctCiRiskSchema = z.enum(['low', 'intermediate', 'high']);
export const HctCiOutputSchema = z.object({
  score: z.number().int().min(0),
  riskGroup: HctCiRiskSchema,
  hctCiAgeScore: z.number().int().min(0).nullable(),
  items: z.array(z.object({ item: z.string(), weight: z.number().int() })),
  ...ruleResultMeta,
});
export type HctCiOutput = z.infer<typeof HctCiOutputSchema>;

/** Risk group: 0 low, 1-2 intermediate, >=3 high (Sorror 2005). */
export function hctCiRiskGroup(score: number): z.infer<typeof HctCiRiskSchema> {
  if (score === 0) return 'low';
  return score <= 2 ? 'intermediate' : 'high';
}

/** HCT-CI score from raw facts; mild/moderate-severe hepatic and moderate/severe pulmonary are exclusive. */
export function computeHctCi(input: HctCiInput, options?: Partial<HctCiOptions>): HctCiOutput {
  const opts = HctCiOptionsSchema.parse(options ?? {});
  const items: { item: string; weight: number }[] = [];
  const add = (cond: boolean, item: string, weight: number): void => {
    if (cond) items.push({ item, weight });
  };
  add(input.arrhythmia, 'arrhythmia', 1);
  const ef = input.ejectionFractionPercent;
  add(
    input.cardiac || (ef != null && ef <= 50),
    ef != null && ef <= 50 && !input.cardiac ? `cardiac (EF ${fmt(ef, 0)}% <=50)` : 'cardiac',
    1
  );
  add(input.inflammatoryBowelDisease, 'inflammatory bowel disease', 1);
  add(input.diabetes, 'diabetes', 1);
  add(input.cerebrovascular, 'cerebrovascular disease', 1);
  add(input.psychiatric, 'psychiatric disturbance', 1);

  const bili = input.bilirubinXUln ?? 0;
  const ast = input.astAltXUln ?? 0;
  if (input.cirrhosis || bili > 1.5 || ast > 2.5) add(true, 'hepatic, moderate/severe', 3);
  else if (input.chronicHepatitis || bili > 1 || ast > 1) add(true, 'hepatic, mild', 1);

  const obeseAdult = input.bmi != null && input.bmi > 35;
  const obeseChild = input.bmiForAgePercentile != null && input.bmiForAgePercentile >= 95;
  add(
    obeseAdult || obeseChild,
    obeseAdult ? `obesity (BMI ${fmt(input.bmi ?? 0, 1)} >35)` : 'obesity (BMI-for-age >=95th percentile)',
    1
  );
  add(input.infection, `infection (${opts.infectionDefinition})`, 1);
  add(input.rheumatologic, 'rheumatologic', 2);
  add(input.pepticUlcer, 'peptic ulcer', 2);
  const creat = input.creatinineMgDl;
  add((creat != null && creat > 2) || input.dialysis || input.priorKidneyTransplant, 'renal, moderate/severe', 2);

  const pft = [input.fev1Percent, input.dlcoPercent].filter((v): v is number => v != null);
  const worst = pft.length ? Math.min(...pft) : null;
  const severeCut = (v: number): boolean => (opts.severePulmonaryBoundary === 'sorror-le-65' ? v <= 65 : v < 65);
  const severe = (worst != null && severeCut(worst)) || input.dyspnea === 'at-rest' || input.supplementalOxygen;
  const moderate = (worst != null && worst <= 80) || input.dyspnea === 'slight-activity';
  if (severe) {
    add(
      true,
      `pulmonary, severe${worst != null && severeCut(worst) ? ` (${fmt(worst, 0)}%, ${opts.severePulmonaryBoundary})` : ''}`,
      3
    );
  } else if (moderate) add(true, `pulmonary, moderate${worst != null && worst <= 80 ? ` (${fmt(worst, 0)}%)` : ''}`, 2);

  add(input.priorSolidTumor, 'prior solid tumor', 3);
  add(input.heartValveDisease, 'heart valve disease', 3);

  const score = items.reduce((s, i) => s + i.weight, 0);
  const riskGroup = hctCiRiskGroup(score);
  const hctCiAgeScore = input.ageYears == null ? null : score + (input.ageYears >= 40 ? 1 : 0);
  const list = items.length ? items.map((i) => `${i.item} ${i.weight}`).join(', ') : 'no comorbidity';
  const age = hctCiAgeScore == null ? '' : `; HCT-CI/Age ${hctCiAgeScore}`;
  return {
    score,
    riskGroup,
    hctCiAgeScore,
    items,
    ruleId: ruleIdWithOptions(HCTCI_RULE_ID, opts),
    explanation: `HCT-CI ${score} (${riskGroup}): ${list}${age}`,
  };
}

export const hctCiRule = defineRule({
  name: 'hct-ci',
  id: HCTCI_RULE_ID,
  title: 'HCT-CI and HCT-CI/Age',
  description: 'Sorror comorbidity index from raw comorbidity facts, risk group and HCT-CI/Age',
  source: 'Sorror ML et al. Blood 2005;106:2912; Sorror Blood 2013;121:2854; Sorror JCO 2014;32:3249',
  inputSchema: HctCiInputSchema,
  optionsSchema: HctCiOptionsSchema,
  outputSchema: HctCiOutputSchema,
  compute: (input, options) => computeHctCi(input, options),
});
