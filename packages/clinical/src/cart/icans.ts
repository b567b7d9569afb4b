// ICANS grade (immune effector cell-associated neurotoxicity syndrome). Source: Lee DW et al., ASTCT 2019 (adult
// table: PMC8403007 Table 4, PMC7990806 Table 2; pediatric CAPD table as summarised by MDedge; NCIt C188936).
// CAPD delirium cut-off >=9: Traube et al., Crit Care Med 2014. Grade = most severe domain. Grade 5 not computed.
import { z } from 'zod';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';
import { Grade0to4Schema, type Grade0to4 } from './crs';

export const ICANS_RULE_ID = 'astct-2019-icans@1';

export const ConsciousnessSchema = z.enum([
  'normal',
  'awakens-spontaneously',
  'awakens-to-voice',
  'awakens-to-touch',
  'unarousable',
]);
export const SeizureSchema = z.enum(['none', 'self-limiting', 'prolonged-or-repetitive']);
export const MotorSchema = z.enum(['none', 'deep-focal-weakness']);
export const CerebralEdemaSchema = z.enum(['none', 'focal', 'diffuse']);

export const IcansInputSchema = z.object({
  ageYears: z.number().min(0),
  ice: z
    .number()
    .int()
    .min(0)
    .max(10)
    .nullable()
    .describe('ICE score 0-10 (adults and older children); null if not done'),
  capd: z.number().int().min(0).max(32).nullable().describe('CAPD score 0-32 (children); null if not done'),
  consciousness: ConsciousnessSchema,
  seizure: SeizureSchema.describe(
    'self-limiting: resolves rapidly or non-convulsive on EEG resolving with intervention; prolonged-or-repetitive: >5 min or repeated without return to baseline'
  ),
  motor: MotorSchema.describe('deep-focal-weakness: hemiparesis or paraparesis (tremor, myoclonus do not count)'),
  cerebralEdema: CerebralEdemaSchema.describe(
    'focal: focal/local edema on imaging; diffuse: diffuse edema, posturing, CN VI palsy, papilledema or Cushing triad'
  ),
  developmentalDelay: z
    .boolean()
    .optional()
    .describe('Older patient with developmental delay: CAPD replaces ICE regardless of age'),
});
export type IcansInput = z.infer<typeof IcansInputSchema>;

/**
 * [VERIFY] age boundary for CAPD (Lee DW et al., BBMT 2019;25:625-638, ICANS grading for children):
 * - '12-or-under' (default): CAPD for children aged <=12; NCI Thesaurus C188936 ("children 12 and under").
 * - 'under-12': CAPD only below 12; MDedge summary of Lee 2019 ("younger than 12").
 */
export const CapdAgeRuleSchema = z.enum(['12-or-under', 'under-12']);
export const IcansOptionsSchema = z.object({
  capdAgeRule: CapdAgeRuleSchema.default('12-or-under'),
});
export type IcansOptions = z.infer<typeof IcansOptionsSchema>;

const DomainGradesSchema = z.object({
  encephalopathy: z.number().int().min(0).max(4),
  consciousness: z.number().int().min(0).max(4),
  seizure: z.number().int().min(0).max(4),
  motor: z.number().int().min(0).max(4),
  cerebralEdema: z.number().int().min(0).max(4),
});
export const IcansOutputSchema = z.object({
  grade: Grade0to4Schema,
  assessment: z.enum(['ice', 'capd']).describe('Which encephalopathy tool the age rule selected'),
  domains: DomainGradesSchema,
  ...ruleResultMeta,
});
export type IcansOutput = z.infer<typeof IcansOutputSchema>;
export const IcansContractOutputSchema = z.object({ grade: Grade0to4Schema });

const CONSCIOUSNESS = {
  normal: [0, ''],
  'awakens-spontaneously': [1, 'awakens spontaneously'],
  'awakens-to-voice': [2, 'awakens to voice'],
  'awakens-to-touch': [3, 'awakens only to tactile stimulus'],
  unarousable: [4, 'unarousable'],
} as const;
const SEIZURE = {
  none: [0, ''],
  'self-limiting': [3, 'clinical seizure that resolves rapidly'],
  'prolonged-or-repetitive': [4, 'prolonged (>5 min) or repetitive seizures'],
} as const;
const EDEMA = {
  none: [0, ''],
  focal: [3, 'focal/local edema on imaging'],
  diffuse: [4, 'diffuse cerebral edema or signs of raised ICP'],
} as const;

/** Grade from the ICE score: 10 -> 0, 7-9 -> 1, 3-6 -> 2, 0-2 -> 3 (ICE 0 while unarousable is grade 4 via consciousness). */
export function iceDomainGrade(ice: number): number {
  if (ice >= 10) return 0;
  if (ice >= 7) return 1;
  if (ice >= 3) return 2;
  return 3;
}

/** Grade from the CAPD score: 0 -> 0, 1-8 -> 1 (grades 1/2 are separated by consciousness), >=9 -> 3. */
export function capdDomainGrade(capd: number): number {
  if (capd === 0) return 0;
  if (capd < 9) return 1;
  return 3;
}

/** True when CAPD (not ICE) is the age-appropriate tool. */
export function usesCapd(ageYears: number, rule: IcansOptions['capdAgeRule'], developmentalDelay = false): boolean {
  if (developmentalDelay) return true;
  return rule === '12-or-under' ? ageYears <= 12 : ageYears < 12;
}

/** ASTCT 2019 ICANS grade: the most severe of encephalopathy (ICE/CAPD), consciousness, seizure, motor, edema. */
export function gradeIcans(input: IcansInput, options?: Partial<IcansOptions>): IcansOutput {
  const opts = IcansOptionsSchema.parse(options ?? {});
  const capdTool = usesCapd(input.ageYears, opts.capdAgeRule, input.developmentalDelay ?? false);
  const reasons: [number, string][] = [];

  let encephalopathy = 0;
  let assessment: 'ice' | 'capd' = capdTool ? 'capd' : 'ice';
  // The age-appropriate tool wins; if it was not done but the other one was, use that one and say so.
  const useCapdScore = capdTool ? input.capd != null : input.ice == null && input.capd != null;
  if (useCapdScore && input.capd != null) {
    assessment = 'capd';
    encephalopathy = capdDomainGrade(input.capd);
    const note = capdTool ? '' : ' (ICE not done)';
    if (encephalopathy > 0) reasons.push([encephalopathy, `CAPD ${input.capd}${note}`]);
  } else if (input.ice != null) {
    assessment = 'ice';
    encephalopathy = iceDomainGrade(input.ice);
    const note = capdTool ? ' (CAPD not done)' : '';
    if (encephalopathy > 0) reasons.push([encephalopathy, `ICE ${input.ice}${note}`]);
  }
  const [consciousness, cText] = CONSCIOUSNESS[input.consciousness];
  const [seizure, sText] = SEIZURE[input.seizure];
  const motor = input.motor === 'deep-focal-weakness' ? 4 : 0;
  const [cerebralEdema, eText] = EDEMA[input.cerebralEdema];
  reasons.push([consciousness, cText], [seizure, sText], [motor, 'deep focal motor weakness'], [cerebralEdema, eText]);

  const grade = Math.max(encephalopathy, consciousness, seizure, motor, cerebralEdema) as Grade0to4;
  const why = reasons.filter(([g]) => g === grade && grade > 0).map(([, t]) => t);
  const ageRule = `age ${input.ageYears}, rule ${opts.capdAgeRule}${input.developmentalDelay ? ', developmental delay' : ''}`;
  const ageNote =
    input.ice == null && input.capd == null
      ? `no ICE or CAPD recorded (${ageRule} selects ${assessment.toUpperCase()})`
      : `${assessment.toUpperCase()} used (${ageRule})`;
  const explanation =
    grade === 0 ? `grade 0: no ICANS domain affected; ${ageNote}` : `grade ${grade}: ${why.join('; ')}; ${ageNote}`;
  return {
    grade,
    assessment,
    domains: { encephalopathy, consciousness, seizure, motor, cerebralEdema },
    ruleId: ruleIdWithOptions(ICANS_RULE_ID, opts),
    explanation,
  };
}

export const icansRule = defineRule({
  name: 'icans',
  id: ICANS_RULE_ID,
  title: 'ICANS grade (ASTCT 2019)',
  description:
    'Neurotoxicity grade 0-4 from ICE (or CAPD for children), consciousness, seizure, motor findings and cerebral edema',
  source: 'Lee DW et al. ASTCT consensus grading. Biol Blood Marrow Transplant 2019;25:625-638; CAPD: Traube 2014',
  inputSchema: IcansInputSchema,
  optionsSchema: IcansOptionsSchema,
  outputSchema: IcansOutputSchema,
  contractOutputSchema: IcansContractOutputSchema,
  compute: (input, options) => gradeIcans(input, options),
});
