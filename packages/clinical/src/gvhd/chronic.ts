// Chronic GVHD organ scores and NIH global severity. Source: Jagasia MH et al., NIH 2014 Diagnosis and Staging
// Working Group Report, Biol Blood Marrow Transplant 2015;21(3):389-401 (PMC4329079); global rule wording checked
// against NCIt C225388 . [VERIFY] organ-score wording is reconstructed from the organ scoring form of Jagasia 2015.
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const CGVHD_RULE_ID = 'nih-2014-cgvhd-global@1';
export const CGVHD_LUNG_RULE_ID = 'nih-2014-cgvhd-lung@1';
export const CGVHD_SKIN_RULE_ID = 'nih-2014-cgvhd-skin@1';
export const CGVHD_LIVER_RULE_ID = 'nih-2014-cgvhd-liver@1';

const score = z.number().int().min(0).max(3);
export const OrganScoreSchema = score;

export const CgvhdInputSchema = z.object({
  skin: score.describe('Skin score: higher of the BSA score and the sclerosis score'),
  mouth: score,
  eyes: score,
  gi: score,
  liver: score,
  lungs: score.describe('Lung score: the FEV1-based score when PFTs are available, else the symptom score'),
  joints: score,
  genital: score.nullable().describe('null if not examined'),
});
export type CgvhdInput = z.infer<typeof CgvhdInputSchema>;

export const CgvhdSeveritySchema = z.enum(['none', 'mild', 'moderate', 'severe']);
export type CgvhdSeverity = z.infer<typeof CgvhdSeveritySchema>;

export const CgvhdOutputSchema = z.object({
  severity: CgvhdSeveritySchema,
  organsInvolved: z.number().int().min(0).max(8),
  ...ruleResultMeta,
});
export type CgvhdOutput = z.infer<typeof CgvhdOutputSchema>;
export const CgvhdContractOutputSchema = z.object({ severity: CgvhdSeveritySchema });

const ORGANS = ['skin', 'mouth', 'eyes', 'gi', 'liver', 'lungs', 'joints', 'genital'] as const;

/**
 * NIH 2014 global severity. Severe: any organ 3 or lung >=2. Moderate: lung 1, any non-lung organ 2, or >=3 organs
 * involved. Mild: 1-2 organs involved, none >1, lung 0. Performance status is not part of it.
 */
export function cgvhdGlobalSeverity(input: CgvhdInput): CgvhdOutput {
  const scores = ORGANS.map((o) => [o, input[o] ?? 0] as const);
  const involved = scores.filter(([, s]) => s >= 1);
  const n = involved.length;
  // "Not examined" is not "not involved": the severity is a floor and says so (never a silent 0 for the organ).
  const notExamined = input.genital == null ? '; genital tract not examined: the severity may be higher' : '';
  const out = (severity: CgvhdSeverity, explanation: string): CgvhdOutput => ({
    severity,
    organsInvolved: n,
    ruleId: CGVHD_RULE_ID,
    explanation: `${explanation}${notExamined}`,
  });
  const at3 = scores.filter(([, s]) => s === 3).map(([o]) => o);
  if (at3.length > 0 || input.lungs >= 2) {
    const why = [
      ...(at3.length ? [`score 3 in ${at3.join(', ')}`] : []),
      ...(input.lungs === 2 ? ['lung score 2'] : []),
    ];
    return out('severe', `severe: ${why.join('; ')}`);
  }
  const nonLung2 = scores.filter(([o, s]) => o !== 'lungs' && s === 2).map(([o]) => o);
  if (input.lungs === 1 || nonLung2.length > 0 || n >= 3) {
    const why = [
      ...(input.lungs === 1 ? ['lung score 1'] : []),
      ...(nonLung2.length ? [`score 2 in ${nonLung2.join(', ')}`] : []),
      ...(n >= 3 ? [`${n} organs involved`] : []),
    ];
    return out('moderate', `moderate: ${why.join('; ')}`);
  }
  if (n >= 1) return out('mild', `mild: ${n} organ(s) involved (${involved.map(([o]) => o).join(', ')}), none above 1`);
  return out('none', 'none: no organ involved');
}

// ---- Lung score ----

export const CgvhdLungInputSchema = z.object({
  fev1PercentPredicted: z.number().min(0).max(200).nullable().describe('FEV1 % predicted; null if no PFTs'),
  symptomScore: score.nullable().describe('Lung symptom score 0-3; used only when FEV1 is not available'),
});
export type CgvhdLungInput = z.infer<typeof CgvhdLungInputSchema>;
export const CgvhdLungOutputSchema = z.object({
  score: score.nullable(),
  basis: z.enum(['fev1', 'symptoms', 'none']),
  ...ruleResultMeta,
});
export type CgvhdLungOutput = z.infer<typeof CgvhdLungOutputSchema>;

/** FEV1 score: >=80% -> 0; 60-79% -> 1; 40-59% -> 2; <=39% -> 3 (fractions fall to the band below the next cut). */
export function fev1Score(fev1: number): number {
  if (fev1 >= 80) return 0;
  if (fev1 >= 60) return 1;
  if (fev1 >= 40) return 2;
  return 3;
}

/** NIH 2014 lung score: FEV1-based when PFTs are available, else the symptom score. */
export function cgvhdLungScore(input: CgvhdLungInput): CgvhdLungOutput {
  if (input.fev1PercentPredicted != null) {
    const s = fev1Score(input.fev1PercentPredicted);
    return {
      score: s,
      basis: 'fev1',
      ruleId: CGVHD_LUNG_RULE_ID,
      explanation: `lung ${s}: FEV1 ${fmt(input.fev1PercentPredicted, 1)}% predicted`,
    };
  }
  if (input.symptomScore != null) {
    return {
      score: input.symptomScore,
      basis: 'symptoms',
      ruleId: CGVHD_LUNG_RULE_ID,
      explanation: `lung ${input.symptomScore}: symptom score (no FEV1)`,
    };
  }
  return {
    score: null,
    basis: 'none',
    ruleId: CGVHD_LUNG_RULE_ID,
    explanation: 'not scored: no FEV1 and no symptom score',
  };
}

// ---- Skin score ----

export const CgvhdSkinInputSchema = z.object({
  bsaPercent: z.number().min(0).max(100).describe('% BSA with chronic GVHD features'),
  sclerosis: z
    .enum(['none', 'superficial', 'deep'])
    .describe('superficial: can pinch; deep: hidebound, impaired mobility or ulceration'),
});
export type CgvhdSkinInput = z.infer<typeof CgvhdSkinInputSchema>;
export const CgvhdSkinOutputSchema = z.object({ score, bsaScore: score, sclerosisScore: score, ...ruleResultMeta });
export type CgvhdSkinOutput = z.infer<typeof CgvhdSkinOutputSchema>;

/** BSA score: 0 -> 0; >0-18% -> 1; >18-50% -> 2; >50% -> 3. */
export function skinBsaScore(bsa: number): number {
  if (bsa > 50) return 3;
  if (bsa > 18) return 2;
  if (bsa > 0) return 1;
  return 0;
}

/** NIH 2014 skin score: the higher of the BSA score and the sclerosis score (superficial 2, deep 3). */
export function cgvhdSkinScore(input: CgvhdSkinInput): CgvhdSkinOutput {
  const bsaScore = skinBsaScore(input.bsaPercent);
  const sclerosisScore = { none: 0, superficial: 2, deep: 3 }[input.sclerosis];
  const s = Math.max(bsaScore, sclerosisScore);
  const why = sclerosisScore > bsaScore ? `${input.sclerosis} sclerosis` : `${fmt(input.bsaPercent, 1)}% BSA`;
  return { score: s, bsaScore, sclerosisScore, ruleId: CGVHD_SKIN_RULE_ID, explanation: `skin ${s}: ${why}` };
}

// ---- Liver score ----

export const CgvhdLiverInputSchema = z.object({
  bilirubinMgDl: z.number().min(0),
  bilirubinUlnMgDl: z.number().positive().describe('Upper limit of normal for total bilirubin, mg/dL'),
  altXUln: z.number().min(0).describe('ALT as a multiple of its ULN'),
  alpXUln: z.number().min(0).describe('ALP as a multiple of its ULN'),
});
export type CgvhdLiverInput = z.infer<typeof CgvhdLiverInputSchema>;
export const CgvhdLiverOutputSchema = z.object({ score, ...ruleResultMeta });
export type CgvhdLiverOutput = z.infer<typeof CgvhdLiverOutputSchema>;

/**
 * NIH 2014 liver score: 3 bilirubin >3 mg/dL; 2 raised bilirubin <=3 mg/dL or ALT >5xULN; 1 normal bilirubin with
 * ALT >=3 to 5xULN or ALP >=3xULN; else 0.
 */
export function cgvhdLiverScore(input: CgvhdLiverInput): CgvhdLiverOutput {
  const r = (s: number, why: string): CgvhdLiverOutput => ({
    score: s,
    ruleId: CGVHD_LIVER_RULE_ID,
    explanation: `liver ${s}: ${why}`,
  });
  if (input.bilirubinMgDl > 3) return r(3, 'bilirubin >3 mg/dL');
  if (input.bilirubinMgDl > input.bilirubinUlnMgDl) return r(2, 'bilirubin above ULN but <=3 mg/dL');
  if (input.altXUln > 5) return r(2, 'ALT >5xULN');
  if (input.altXUln >= 3 || input.alpXUln >= 3) return r(1, 'normal bilirubin with ALT 3-5xULN or ALP >=3xULN');
  return r(0, 'normal bilirubin, ALT and ALP <3xULN');
}

export const cgvhdRule = defineRule({
  name: 'cgvhd',
  id: CGVHD_RULE_ID,
  title: 'Chronic GVHD global severity (NIH 2014)',
  description: 'Global severity none/mild/moderate/severe from the 8 organ scores (0-3)',
  source: 'Jagasia MH et al. NIH 2014 consensus. Biol Blood Marrow Transplant 2015;21:389-401',
  inputSchema: CgvhdInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: CgvhdOutputSchema,
  contractOutputSchema: CgvhdContractOutputSchema,
  compute: (input) => cgvhdGlobalSeverity(input),
});

export const cgvhdLungRule = defineRule({
  name: 'cgvhd-lung',
  id: CGVHD_LUNG_RULE_ID,
  title: 'Chronic GVHD lung score (NIH 2014)',
  description: 'Lung score 0-3 from FEV1 % predicted (or the symptom score when no PFTs)',
  source: 'Jagasia MH et al. NIH 2014 consensus. Biol Blood Marrow Transplant 2015;21:389-401',
  inputSchema: CgvhdLungInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: CgvhdLungOutputSchema,
  compute: (input) => cgvhdLungScore(input),
});

export const cgvhdSkinRule = defineRule({
  name: 'cgvhd-skin',
  id: CGVHD_SKIN_RULE_ID,
  title: 'Chronic GVHD skin score (NIH 2014)',
  description: 'Skin score 0-3: higher of the BSA and sclerosis scores',
  source: 'Jagasia MH et al. NIH 2014 consensus. Biol Blood Marrow Transplant 2015;21:389-401',
  inputSchema: CgvhdSkinInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: CgvhdSkinOutputSchema,
  compute: (input) => cgvhdSkinScore(input),
});

export const cgvhdLiverRule = defineRule({
  name: 'cgvhd-liver',
  id: CGVHD_LIVER_RULE_ID,
  title: 'Chronic GVHD liver score (NIH 2014)',
  description: 'Liver score 0-3 from bilirubin, ALT and ALP',
  source: 'Jagasia MH et al. NIH 2014 consensus. Biol Blood Marrow Transplant 2015;21:389-401',
  inputSchema: CgvhdLiverInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: CgvhdLiverOutputSchema,
  compute: (input) => cgvhdLiverScore(input),
});
