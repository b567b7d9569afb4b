// Acute GVHD organ staging and overall grade, each system by its own publication:
// - MAGIC: Harris AC et al., Biol Blood Marrow Transplant 2016;22(1):4-10, Table 1 (staging) and Table 2 (grade).
// - Keystone 1994 consensus ("modified Glucksberg"): Przepiorka D et al., Bone Marrow Transplant 1995;15:825-828,
//   Table 1 (staging: gut by diarrhoea volume >500/>1000/>1500 mL/day, stage 4 severe abdominal pain with or
//   without ileus; persistent nausea with histological GVHD of stomach or duodenum counts as gut stage 1) and
//   Table 2 (grade).
// - IBMTR Severity Index: Rowlings PA et al., Br J Haematol 1997;97:855-864, Table 1 (index A-D from the organ
//   stages). The IBMTR index is computed here from the Keystone/Glucksberg organ stages, not MAGIC's.
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';
import { Grade0to4Schema, type Grade0to4 } from '../cart/crs';

export const MAGIC_RULE_ID = 'magic-2016-agvhd@1';
export const KEYSTONE_RULE_ID = 'keystone-1994-agvhd@2';
export const IBMTR_RULE_ID = 'ibmtr-1997-agvhd-index@2';

const stage = (max: number): z.ZodNumber => z.number().int().min(0).max(max);

const AgvhdInputObject = z.object({
  skinRashBsaPercent: z.number().min(0).max(100).describe('% BSA with active erythematous (maculopapular) GVHD rash'),
  skinBullae: z.boolean().describe('Bullae and desquamation >5% BSA (with generalized erythroderma = stage 4)'),
  bilirubinMgDl: z.number().min(0).describe('Total bilirubin, mg/dL (µmol/L ÷ 17.1)'),
  upperGi: z.boolean().describe('Persistent nausea, vomiting or anorexia attributed to GVHD'),
  pediatric: z.boolean().describe('Use the pediatric lower-GI criteria (mL/kg/day, episode bands for children)'),
  stoolMlPerDay: z.number().min(0).nullable().describe('Adult stool output, mL/day'),
  stoolMlPerKgPerDay: z.number().min(0).nullable().describe('Pediatric stool output, mL/kg/day'),
  stoolEpisodesPerDay: z.number().min(0).nullable().describe('Stool episodes per day'),
  severePainOrIleus: z.boolean().describe('Severe abdominal pain with or without ileus'),
  grossBleeding: z.boolean().describe('Grossly bloody stool, whatever the volume'),
  weightKg: z
    .number()
    .positive()
    .optional()
    .describe('Body weight; used only by the option pediatricAdultCriteriaAbove50Kg and to derive mL/kg/day'),
  upperGiBiopsyPositive: z
    .boolean()
    .nullable()
    .optional()
    .describe('Upper-GI biopsy result; only the Keystone/modified Glucksberg grade can require it'),
});

/**
 * A stool volume recorded in a unit the criteria cannot use, with no weight to convert it, cannot be graded: it is
 * refused, never staged 0 (issue 13, defect 9). Adult criteria are in mL/day, pediatric ones in mL/kg/day. Returns
 * the message, or null when the volume (if any) can be used.
 */
export function unusableStoolVolume(
  input: Pick<AgvhdInput, 'pediatric' | 'stoolMlPerDay' | 'stoolMlPerKgPerDay' | 'weightKg'>
): string | null {
  if (input.weightKg != null) return null;
  if (!input.pediatric && input.stoolMlPerDay == null && input.stoolMlPerKgPerDay != null) {
    return 'lower GI cannot be graded: weight needed to convert the stool output from mL/kg/day to mL/day (adult criteria)';
  }
  if (input.pediatric && input.stoolMlPerKgPerDay == null && input.stoolMlPerDay != null) {
    return 'lower GI cannot be graded: weight needed to convert the stool output from mL/day to mL/kg/day (pediatric criteria)';
  }
  return null;
}

export const AgvhdInputSchema = AgvhdInputObject.superRefine((input, ctx) => {
  const unusable = unusableStoolVolume(input);
  if (unusable) ctx.addIssue({ code: 'custom', path: ['weightKg'], message: unusable });
});
export type AgvhdInput = z.infer<typeof AgvhdInputObject>;

/**
 * [VERIFY] choices (Harris AC et al., BBMT 2016;22:4-10, organ staging):
 * - lowerGiMeasure: when both stool volume and episodes are recorded. 'volume-preferred' (default; our reading of
 *   MAGIC's data-collection intent: volume wins, episodes when volume not measured), 'episodes-preferred', or
 *   'higher-stage' (the worse of the two).
 * - pediatricAdultCriteriaAbove50Kg: COG/PBMTC operating rule (NCI PDQ Childhood HCT Table 5), not confirmed as MAGIC
 *   text; default false (MAGIC as published). When true and weightKg > 50, a pediatric patient is staged with the
 *   adult volume criteria.
 */
export const AgvhdOptionsSchema = z.object({
  lowerGiMeasure: z.enum(['volume-preferred', 'episodes-preferred', 'higher-stage']).default('volume-preferred'),
  pediatricAdultCriteriaAbove50Kg: z.boolean().default(false),
});
export type AgvhdOptions = z.infer<typeof AgvhdOptionsSchema>;

export const AgvhdStagesSchema = z.object({ skin: stage(4), liver: stage(4), upperGi: stage(1), lowerGi: stage(4) });
export type AgvhdStages = z.infer<typeof AgvhdStagesSchema>;

export const AgvhdOutputSchema = z.object({
  stages: AgvhdStagesSchema,
  grade: Grade0to4Schema,
  stageExplanations: z.object({ skin: z.string(), liver: z.string(), upperGi: z.string(), lowerGi: z.string() }),
  ...ruleResultMeta,
});
export type AgvhdOutput = z.infer<typeof AgvhdOutputSchema>;
export const AgvhdContractOutputSchema = z.object({ stages: AgvhdStagesSchema, grade: Grade0to4Schema });

/** MAGIC skin stage: 0 none; 1 <25%; 2 25-50%; 3 >50%; 4 >50% with bullae and desquamation. */
export function stageSkin(bsaPercent: number, bullae: boolean): [number, string] {
  if (bsaPercent <= 0) return [0, 'skin 0: no active erythematous rash'];
  const p = `${fmt(bsaPercent, 1)}% BSA`;
  if (bsaPercent > 50 && bullae) return [4, `skin 4: generalized erythroderma (${p}) with bullae and desquamation`];
  if (bsaPercent > 50) return [3, `skin 3: rash >50% BSA (${p})`];
  if (bsaPercent >= 25) return [2, `skin 2: rash 25-50% BSA (${p})`];
  return [1, `skin 1: rash <25% BSA (${p})`];
}

/** MAGIC liver stage from total bilirubin (mg/dL): <2 -> 0; 2-3 -> 1; >3-6 -> 2; >6-15 -> 3; >15 -> 4. */
export function stageLiver(bilirubinMgDl: number): [number, string] {
  const b = `bilirubin ${fmt(bilirubinMgDl, 2)} mg/dL`;
  if (bilirubinMgDl > 15) return [4, `liver 4: ${b} >15`];
  if (bilirubinMgDl > 6) return [3, `liver 3: ${b} in 6.1-15`];
  if (bilirubinMgDl > 3) return [2, `liver 2: ${b} in 3.1-6`];
  if (bilirubinMgDl >= 2) return [1, `liver 1: ${b} in 2-3`];
  return [0, `liver 0: ${b} <2`];
}

/** Adult volume: <500 -> 0; 500-999 -> 1; 1000-1500 -> 2; >1500 -> 3 (mL/day). */
export function stageAdultStoolVolume(ml: number): number {
  if (ml > 1500) return 3;
  if (ml >= 1000) return 2;
  if (ml >= 500) return 1;
  return 0;
}
/** Adult episodes: <3 -> 0; 3-4 -> 1; 5-7 -> 2; >7 -> 3 (fractional averages fall to the higher band above 4). */
export function stageAdultStoolEpisodes(n: number): number {
  if (n > 7) return 3;
  if (n > 4) return 2;
  if (n >= 3) return 1;
  return 0;
}
/** Child volume: <10 -> 0; 10-19.9 -> 1; 20-30 -> 2; >30 -> 3 (mL/kg/day). */
export function stageChildStoolVolume(mlPerKg: number): number {
  if (mlPerKg > 30) return 3;
  if (mlPerKg >= 20) return 2;
  if (mlPerKg >= 10) return 1;
  return 0;
}
/** Child episodes: <4 -> 0; 4-6 -> 1; 7-10 -> 2; >10 -> 3. */
export function stageChildStoolEpisodes(n: number): number {
  if (n > 10) return 3;
  if (n > 6) return 2;
  if (n >= 4) return 1;
  return 0;
}

/** MAGIC lower-GI stage with the explicit volume/episodes choice. */
export function stageLowerGi(input: AgvhdInput, opts: AgvhdOptions): [number, string] {
  if (input.severePainOrIleus || input.grossBleeding) {
    const what = [
      input.severePainOrIleus && 'severe abdominal pain or ileus',
      input.grossBleeding && 'grossly bloody stool',
    ];
    return [4, `lower GI 4: ${what.filter(Boolean).join(' and ')}`];
  }
  const adultCriteria =
    !input.pediatric || (opts.pediatricAdultCriteriaAbove50Kg && input.weightKg != null && input.weightKg > 50);
  let volume: number | null;
  let vText: string;
  if (adultCriteria) {
    // Adult criteria are in mL/day; a mL/kg/day value is converted only when the weight is known.
    volume =
      input.stoolMlPerDay ??
      (input.stoolMlPerKgPerDay != null && input.weightKg != null ? input.stoolMlPerKgPerDay * input.weightKg : null);
    vText = `${fmt(volume ?? 0, 0)} mL/day`;
  } else {
    volume =
      input.stoolMlPerKgPerDay ??
      (input.stoolMlPerDay != null && input.weightKg != null ? input.stoolMlPerDay / input.weightKg : null);
    vText = `${fmt(volume ?? 0, 1)} mL/kg/day`;
  }
  const episodes = input.stoolEpisodesPerDay;
  const vs = volume == null ? null : adultCriteria ? stageAdultStoolVolume(volume) : stageChildStoolVolume(volume);
  const es =
    episodes == null ? null : adultCriteria ? stageAdultStoolEpisodes(episodes) : stageChildStoolEpisodes(episodes);
  const crit = adultCriteria
    ? input.pediatric
      ? 'adult criteria, child >50 kg'
      : 'adult criteria'
    : 'pediatric criteria';
  const eText = `${fmt(episodes ?? 0, 1)} episodes/day`;
  if (volume == null && (input.stoolMlPerDay != null || input.stoolMlPerKgPerDay != null)) {
    // A volume was recorded but cannot be used: never stage it 0 (nor fall back on the episodes).
    throw new RangeError(
      unusableStoolVolume(input) ?? 'lower GI cannot be graded: weight needed to convert the stool output'
    );
  }
  if (vs == null && es == null) return [0, 'lower GI 0: no stool output recorded'];
  if (vs != null && es == null) return [vs, `lower GI ${vs}: ${vText} (${crit})`];
  if (vs == null && es != null) return [es, `lower GI ${es}: ${eText} (${crit})`];
  const v = vs ?? 0;
  const e = es ?? 0;
  if (v === e) return [v, `lower GI ${v}: ${vText} and ${eText} (${crit})`];
  switch (opts.lowerGiMeasure) {
    case 'volume-preferred':
      return [v, `lower GI ${v}: ${vText} (volume preferred over ${eText}; ${crit})`];
    case 'episodes-preferred':
      return [e, `lower GI ${e}: ${eText} (episodes preferred over ${vText}; ${crit})`];
    case 'higher-stage':
      return v > e
        ? [v, `lower GI ${v}: ${vText} (higher than ${eText}; ${crit})`]
        : [e, `lower GI ${e}: ${eText} (higher than ${vText}; ${crit})`];
  }
}

/** MAGIC organ stages with a sentence per organ. */
export function stageAgvhd(
  input: AgvhdInput,
  options?: Partial<AgvhdOptions>
): { stages: AgvhdStages; stageExplanations: AgvhdOutput['stageExplanations'] } {
  const opts = AgvhdOptionsSchema.parse(options ?? {});
  const [skin, skinT] = stageSkin(input.skinRashBsaPercent, input.skinBullae);
  const [liver, liverT] = stageLiver(input.bilirubinMgDl);
  const upperGi = input.upperGi ? 1 : 0;
  const upperT = input.upperGi ? 'upper GI 1: persistent nausea, vomiting or anorexia' : 'upper GI 0';
  const [lowerGi, lowerT] = stageLowerGi(input, opts);
  return {
    stages: { skin, liver, upperGi, lowerGi },
    stageExplanations: { skin: skinT, liver: liverT, upperGi: upperT, lowerGi: lowerT },
  };
}

/** MAGIC overall grade from organ stages (top-down algorithm, Harris AC et al., BBMT 2016;22:4-10, overall grade). */
export function magicGradeFromStages(s: AgvhdStages): [Grade0to4, string] {
  if (s.skin === 4 || s.liver === 4 || s.lowerGi === 4) {
    return [4, `grade IV: ${organsAt(s, [4], ['skin', 'liver', 'lowerGi'])} stage 4`];
  }
  if (s.liver >= 2 || s.lowerGi >= 2) {
    return [3, `grade III: ${organsAt(s, [2, 3], ['liver', 'lowerGi'])} stage 2-3`];
  }
  if (s.skin === 3 || s.liver === 1 || s.upperGi === 1 || s.lowerGi === 1) {
    const parts = [
      s.skin === 3 && 'skin stage 3',
      s.liver === 1 && 'liver stage 1',
      s.upperGi === 1 && 'upper GI stage 1',
      s.lowerGi === 1 && 'lower GI stage 1',
    ];
    return [2, `grade II: ${parts.filter(Boolean).join(', ')}`];
  }
  if (s.skin >= 1) return [1, `grade I: skin stage ${s.skin} only`];
  return [0, 'grade 0: no organ at stage 1-4'];
}

const ORGAN_NAME = { skin: 'skin', liver: 'liver', upperGi: 'upper GI', lowerGi: 'lower GI' } as const;
function organsAt(s: AgvhdStages, levels: number[], organs: (keyof AgvhdStages)[]): string {
  return organs
    .filter((o) => levels.includes(s[o]))
    .map((o) => ORGAN_NAME[o])
    .join(' and ');
}

/** MAGIC 2016 acute GVHD organ stages and overall grade (0 = none, 1-4 = I-IV). */
export function gradeAgvhdMagic(input: AgvhdInput, options?: Partial<AgvhdOptions>): AgvhdOutput {
  const opts = AgvhdOptionsSchema.parse(options ?? {});
  const { stages, stageExplanations } = stageAgvhd(input, opts);
  const [grade, why] = magicGradeFromStages(stages);
  return { stages, grade, stageExplanations, ruleId: ruleIdWithOptions(MAGIC_RULE_ID, opts), explanation: why };
}

// ---- Modified Glucksberg (Keystone 1994) ----

/** Keystone organ stages: skin, liver and one gut stage (Przepiorka 1995, Table 1). */
export const GlucksbergStagesSchema = z.object({ skin: stage(4), liver: stage(4), gut: stage(4) });
export type GlucksbergStages = z.infer<typeof GlucksbergStagesSchema>;

/** Keystone diarrhoea volume (mL/day): >500 -> 1; >1000 -> 2; >1500 -> 3 (500, 1000, 1500 exactly stay below). */
export function stageKeystoneDiarrhoea(mlPerDay: number): number {
  if (mlPerDay > 1500) return 3;
  if (mlPerDay > 1000) return 2;
  if (mlPerDay > 500) return 1;
  return 0;
}

/**
 * Keystone gut stage (Przepiorka 1995, Table 1): 4 severe abdominal pain with or without ileus; else the diarrhoea
 * volume in mL/day; persistent nausea with histological evidence of GVHD in the stomach or duodenum is stage 1.
 * Gross bleeding and stool episodes are not Keystone criteria (they are MAGIC's). The table gives adult volumes
 * only: a child's stool output is not staged by it (use MAGIC), and a stool count without a volume cannot be.
 * `upperGiCounts` says whether the nausea counts (positive biopsy, or the option not requiring one).
 */
export function stageKeystoneGut(input: AgvhdInput, upperGiCounts: boolean): [number, string] {
  if (input.severePainOrIleus) return [4, 'gut 4: severe abdominal pain with or without ileus'];
  const anyStool = input.stoolMlPerDay != null || input.stoolMlPerKgPerDay != null || input.stoolEpisodesPerDay != null;
  if (input.pediatric && anyStool) {
    throw new RangeError(
      'gut cannot be graded by Keystone for a child: the 1994 consensus gives adult diarrhoea volumes (mL/day) only; use MAGIC'
    );
  }
  const volume =
    input.stoolMlPerDay ??
    (input.stoolMlPerKgPerDay != null && input.weightKg != null ? input.stoolMlPerKgPerDay * input.weightKg : null);
  if (volume == null && (input.stoolMlPerKgPerDay != null || input.stoolEpisodesPerDay != null)) {
    throw new RangeError(
      input.stoolMlPerKgPerDay != null
        ? 'gut cannot be graded by Keystone: weight needed to convert the stool output from mL/kg/day to mL/day'
        : 'gut cannot be graded by Keystone: the diarrhoea volume (mL/day) is needed; stool episodes are not a Keystone criterion'
    );
  }
  const byVolume = volume == null ? 0 : stageKeystoneDiarrhoea(volume);
  const bleeding = input.grossBleeding ? '; grossly bloody stool is not a Keystone criterion' : '';
  if (upperGiCounts && byVolume < 1) return [1, `gut 1: persistent nausea with upper-GI GVHD on biopsy${bleeding}`];
  if (volume == null) return [0, `gut 0: no diarrhoea volume recorded${bleeding}`];
  const what = byVolume === 0 ? 'not >500' : byVolume === 1 ? '>500' : byVolume === 2 ? '>1000' : '>1500';
  return [byVolume, `gut ${byVolume}: diarrhoea ${fmt(volume, 0)} mL/day (${what})${bleeding}`];
}

/**
 * [VERIFY] Keystone/COG requires a positive upper-GI biopsy for upper-GI involvement; the MAGIC wording does not.
 * Default true (Keystone as published: Przepiorka D et al., Bone Marrow Transplant 1995;15:825-828).
 */
export const KeystoneOptionsSchema = AgvhdOptionsSchema.extend({
  requireUpperGiBiopsy: z.boolean().default(true),
});
export type KeystoneOptions = z.infer<typeof KeystoneOptionsSchema>;

/** Keystone organ stages with a sentence per organ (skin and liver bands are MAGIC's, taken from Keystone). */
export function stageKeystone(
  input: AgvhdInput,
  opts: Pick<KeystoneOptions, 'requireUpperGiBiopsy'>
): { stages: GlucksbergStages; stageExplanations: { skin: string; liver: string; gut: string } } {
  const [skin, skinT] = stageSkin(input.skinRashBsaPercent, input.skinBullae);
  const [liver, liverT] = stageLiver(input.bilirubinMgDl);
  const upperGiCounts = input.upperGi && (!opts.requireUpperGiBiopsy || input.upperGiBiopsyPositive === true);
  const [gut, gutStaged] = stageKeystoneGut(input, upperGiCounts);
  const gutT =
    input.upperGi && !upperGiCounts && gut === 0
      ? `${gutStaged}; nausea without a positive upper-GI biopsy (Keystone requires one)`
      : gutStaged;
  return { stages: { skin, liver, gut }, stageExplanations: { skin: skinT, liver: liverT, gut: gutT } };
}

export const KeystoneOutputSchema = z.object({
  stages: GlucksbergStagesSchema,
  grade: Grade0to4Schema,
  stageExplanations: z.object({ skin: z.string(), liver: z.string(), gut: z.string() }),
  magicGrade: Grade0to4Schema.describe('MAGIC grade of the same input, for comparison'),
  differsFromMagic: z.boolean(),
  ...ruleResultMeta,
});
export type KeystoneOutput = z.infer<typeof KeystoneOutputSchema>;

/** Keystone grade (Przepiorka 1995, Table 2): I skin 1-2; II skin 3 or liver 1 or gut 1; III liver 2-3 or gut 2-4; IV skin 4 or liver 4. */
export function keystoneGradeFromStages(s: GlucksbergStages): [Grade0to4, string] {
  if (s.skin === 4 || s.liver === 4) {
    return [4, `grade IV: ${[s.skin === 4 && 'skin', s.liver === 4 && 'liver'].filter(Boolean).join(' and ')} stage 4`];
  }
  if (s.liver >= 2 || s.gut >= 2) {
    const gut4 = s.gut === 4 ? ' (gut stage 4 is grade III in Keystone, grade IV in MAGIC)' : '';
    return [
      3,
      `grade III: ${[s.liver >= 2 && `liver stage ${s.liver}`, s.gut >= 2 && `gut stage ${s.gut}`].filter(Boolean).join(' and ')}${gut4}`,
    ];
  }
  if (s.skin === 3 || s.liver === 1 || s.gut === 1) {
    return [
      2,
      `grade II: ${[s.skin === 3 && 'skin stage 3', s.liver === 1 && 'liver stage 1', s.gut === 1 && 'gut stage 1'].filter(Boolean).join(', ')}`,
    ];
  }
  if (s.skin >= 1) return [1, `grade I: skin stage ${s.skin} only`];
  return [0, 'grade 0: no organ at stage 1-4'];
}

/** Modified Glucksberg (Keystone 1994) stages and grade from the same raw input as MAGIC, staged by Keystone. */
export function gradeAgvhdModifiedGlucksberg(input: AgvhdInput, options?: Partial<KeystoneOptions>): KeystoneOutput {
  const opts = KeystoneOptionsSchema.parse(options ?? {});
  const { stages, stageExplanations } = stageKeystone(input, opts);
  const [grade, why] = keystoneGradeFromStages(stages);
  const magicGrade = gradeAgvhdMagic(input, opts).grade;
  return {
    stages,
    grade,
    stageExplanations,
    magicGrade,
    differsFromMagic: grade !== magicGrade,
    ruleId: ruleIdWithOptions(KEYSTONE_RULE_ID, opts),
    explanation: why,
  };
}

// ---- IBMTR severity index ----

export const IbmtrIndexSchema = z.enum(['none', 'A', 'B', 'C', 'D']);
/** IBMTR index (Rowlings 1997, Table 1): A skin 1 only; B skin 2 or liver 1-2 or gut 1-2; C any organ 3; D any organ 4. */
export function ibmtrIndexFromStages(s: GlucksbergStages): [z.infer<typeof IbmtrIndexSchema>, string] {
  const worst = Math.max(s.skin, s.liver, s.gut);
  if (worst === 4) return ['D', 'index D: an organ at stage 4'];
  if (worst === 3) return ['C', 'index C: an organ at stage 3'];
  if (s.skin === 2 || s.liver >= 1 || s.gut >= 1) return ['B', 'index B: skin stage 2 or gut/liver stage 1-2'];
  if (s.skin === 1) return ['A', 'index A: skin stage 1 only'];
  return ['none', 'no acute GVHD'];
}

export const IbmtrOutputSchema = z.object({
  stages: GlucksbergStagesSchema,
  index: IbmtrIndexSchema,
  ...ruleResultMeta,
});
export type IbmtrOutput = z.infer<typeof IbmtrOutputSchema>;

/**
 * IBMTR options: the organ stages are the Keystone/Glucksberg ones. [VERIFY] whether Rowlings 1997 counts
 * biopsy-proven upper-GI GVHD as gut stage 1 (the 1994 consensus does): option `countUpperGi`, default true.
 */
export const IbmtrOptionsSchema = z.object({
  countUpperGi: z.boolean().default(true),
  requireUpperGiBiopsy: z.boolean().default(true),
});
export type IbmtrOptions = z.infer<typeof IbmtrOptionsSchema>;

/** IBMTR severity index (Rowlings 1997) from the Keystone/Glucksberg organ stages (not MAGIC's). */
export function ibmtrSeverityIndex(input: AgvhdInput, options?: Partial<IbmtrOptions>): IbmtrOutput {
  const opts = IbmtrOptionsSchema.parse(options ?? {});
  const { stages } = stageKeystone(opts.countUpperGi ? input : { ...input, upperGi: false }, opts);
  const [index, explanation] = ibmtrIndexFromStages(stages);
  return { stages, index, ruleId: ruleIdWithOptions(IBMTR_RULE_ID, opts), explanation };
}

export const agvhdRule = defineRule({
  name: 'agvhd',
  id: MAGIC_RULE_ID,
  title: 'Acute GVHD stages and grade (MAGIC 2016)',
  description: 'Skin, liver, upper GI and lower GI (adult or pediatric) stages and the overall MAGIC grade 0-IV',
  source: 'Harris AC et al. MAGIC. Biol Blood Marrow Transplant 2016;22:4-10',
  inputSchema: AgvhdInputSchema,
  optionsSchema: AgvhdOptionsSchema,
  outputSchema: AgvhdOutputSchema,
  contractOutputSchema: AgvhdContractOutputSchema,
  compute: (input, options) => gradeAgvhdMagic(input, options),
});

export const agvhdGlucksbergRule = defineRule({
  name: 'agvhd-glucksberg',
  id: KEYSTONE_RULE_ID,
  title: 'Acute GVHD grade (modified Glucksberg / Keystone 1994)',
  description:
    'Keystone 1994 staging and grade: gut by diarrhoea volume (>500/>1000/>1500 mL/day), stage 4 severe pain or ileus, gut stage 4 is grade III',
  source: 'Przepiorka D et al. 1994 Consensus Conference on Acute GVHD Grading. Bone Marrow Transplant 1995;15:825-828',
  inputSchema: AgvhdInputSchema,
  optionsSchema: KeystoneOptionsSchema,
  outputSchema: KeystoneOutputSchema,
  compute: (input, options) => gradeAgvhdModifiedGlucksberg(input, options),
});

export const agvhdIbmtrRule = defineRule({
  name: 'agvhd-ibmtr',
  id: IBMTR_RULE_ID,
  title: 'Acute GVHD IBMTR severity index',
  description: 'IBMTR severity index A-D from the Keystone/Glucksberg organ stages, set by the single worst organ',
  source: 'Rowlings PA et al. IBMTR Severity Index. Br J Haematol 1997;97:855-864',
  inputSchema: AgvhdInputSchema,
  optionsSchema: IbmtrOptionsSchema,
  outputSchema: IbmtrOutputSchema,
  compute: (input, options) => ibmtrSeverityIndex(input, options),
});
