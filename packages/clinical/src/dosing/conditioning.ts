// Conditioning intensity (MAC / RIC / NMA) suggested from TBI and alkylator doses. Sources: Bacigalupo A et al.,
// Biol Blood Marrow Transplant 2009;15:1628-1633 (Table 1: MAC TBI >=5 Gy single or >=8 Gy fractionated, Bu
// >8 mg/kg oral or IV equivalent; RIC Mel <=140 mg/m², Bu <=8 mg/kg, thiotepa <=10 mg/kg; NMA TBI <=2 Gy ± purine
// analogue, Flu/Cy ± ATG); Giralt S et al. (CIBMTR RIC workshop), Biol Blood Marrow Transplant 2009;15:367. IV
// busulfan is 0.8 × the oral mg/kg dose (Busulfex US prescribing information: IV 0.8 mg/kg q6h ×16 vs oral
// 1 mg/kg q6h ×16). A suggestion only: the clinician declares intent. A regimen with an agent these tables do not
// place (e.g. treosulfan) is "not classifiable": the rule names the agent and never guesses a class.
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, ruleResultMeta, ruleIdWithOptions } from '../rule';

export const CONDITIONING_RULE_ID = 'conditioning-intensity@1';

export const IntensitySchema = z.enum(['MAC', 'RIC', 'NMA']);
export type Intensity = z.infer<typeof IntensitySchema>;

export const ConditioningInputSchema = z
  .object({
    tbiGy: z.number().min(0).nullable().describe('Total TBI dose, Gy; null or 0 if none'),
    tbiFractionated: z.boolean(),
    busulfanMgKg: z.number().min(0).nullable().describe('Total busulfan, mg/kg'),
    busulfanRoute: z
      .enum(['oral', 'iv'])
      .nullable()
      .describe('required when busulfan is given: IV and oral mg/kg differ (IV = 0.8 × oral)'),
    melphalanMgM2: z.number().min(0).nullable().describe('Total melphalan, mg/m²'),
    thiotepaMgKg: z.number().min(0).nullable().describe('Total thiotepa, mg/kg'),
    otherAgents: z
      .array(z.string().min(1).max(64))
      .max(20)
      .default([])
      .describe('every other agent of the regimen (e.g. fludarabine, treosulfan)'),
    declaredIntent: IntensitySchema.nullable().describe(
      'Intent declared by the clinician (CIBMTR Pre-TED asks for it)'
    ),
  })
  .superRefine((v, ctx) => {
    if (v.busulfanMgKg != null && v.busulfanMgKg > 0 && v.busulfanRoute == null) {
      ctx.addIssue({
        code: 'custom',
        path: ['busulfanRoute'],
        message: 'busulfan route is required (iv or oral): the mg/kg cut-points differ by route',
      });
    }
  });
export type ConditioningInput = z.input<typeof ConditioningInputSchema>;

/**
 * [VERIFY] cut-points (§12.12):
 * - 'bacigalupo-2009' (default): busulfan MAC >8 mg/kg oral (>6.4 IV); melphalan RIC <=140 mg/m².
 * - 'cibmtr-ric-2009': busulfan RIC <=9 mg/kg oral (<=7.2 IV); melphalan RIC <=150 mg/m².
 * Both: TBI MAC >=5 Gy single or >=8 Gy fractionated, NMA <=2 Gy; thiotepa RIC <=10 mg/kg.
 */
export const ConditioningOptionsSchema = z.object({
  cutpoints: z.enum(['bacigalupo-2009', 'cibmtr-ric-2009']).default('bacigalupo-2009'),
});
export type ConditioningOptions = z.infer<typeof ConditioningOptionsSchema>;

/**
 * Agents the source tables place without changing the class set by TBI and the alkylators above: fludarabine and
 * other purine analogues, cyclophosphamide (Flu/Cy ± ATG is NMA, Cy is the partner of Bu or TBI in MAC), cytarabine
 * (FLAG-Ida-type NMA) and ATG (Bacigalupo 2009 Table 1). Any other agent makes the regimen not classifiable.
 */
export const COMPANION_AGENTS: readonly string[] = [
  'fludarabine',
  'cladribine',
  'cyclophosphamide',
  'cytarabine',
  'atg',
];

export const ConditioningOutputSchema = z.object({
  suggestedIntensity: IntensitySchema.nullable().describe('null when not classifiable'),
  classifiable: z.boolean(),
  unmodelledAgents: z.array(z.string()).describe('agents the rule does not model: the regimen is not classifiable'),
  declaredIntent: IntensitySchema.nullable(),
  agreesWithDeclared: z.boolean().nullable(),
  determinedBy: z.array(z.string()),
  ...ruleResultMeta,
});
export type ConditioningOutput = z.infer<typeof ConditioningOutputSchema>;

const CUTS = {
  'bacigalupo-2009': { buOral: 8, buIv: 6.4, mel: 140 },
  'cibmtr-ric-2009': { buOral: 9, buIv: 7.2, mel: 150 },
} as const;

/** Suggested intensity: MAC if any agent is at MAC dose; else RIC if any alkylator or TBI >2 Gy; else NMA. */
export function classifyConditioning(
  rawInput: ConditioningInput,
  options?: Partial<ConditioningOptions>
): ConditioningOutput {
  const { cutpoints } = ConditioningOptionsSchema.parse(options ?? {});
  const parsed = ConditioningInputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw new RangeError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const input = parsed.data;
  const c = CUTS[cutpoints];
  const ruleId = ruleIdWithOptions(CONDITIONING_RULE_ID, { cutpoints });
  const unmodelledAgents = [...new Set(input.otherAgents.filter((a) => !COMPANION_AGENTS.includes(a)))];
  if (unmodelledAgents.length) {
    const why = `not classifiable: ${unmodelledAgents.join(', ')} ${unmodelledAgents.length === 1 ? 'is' : 'are'} not in the intensity tables (Bacigalupo 2009)`;
    return {
      suggestedIntensity: null,
      classifiable: false,
      unmodelledAgents,
      declaredIntent: input.declaredIntent,
      agreesWithDeclared: null,
      determinedBy: [why],
      ruleId,
      explanation: why,
    };
  }
  const mac: string[] = [];
  const ric: string[] = [];
  const tbi = input.tbiGy ?? 0;
  if (tbi > 0) {
    const macCut = input.tbiFractionated ? 8 : 5;
    const t = `TBI ${fmt(tbi, 1)} Gy ${input.tbiFractionated ? 'fractionated' : 'single'}`;
    if (tbi >= macCut) mac.push(`${t} (>=${macCut})`);
    else if (tbi > 2) ric.push(`${t} (>2, <${macCut})`);
  }
  if (input.busulfanMgKg != null && input.busulfanMgKg > 0) {
    // The schema above refuses busulfan without a route: no route is ever assumed.
    const iv = input.busulfanRoute === 'iv';
    const cut = iv ? c.buIv : c.buOral;
    const t = `busulfan ${fmt(input.busulfanMgKg, 2)} mg/kg ${iv ? 'IV' : 'oral'}`;
    if (input.busulfanMgKg > cut) mac.push(`${t} (>${cut})`);
    else ric.push(`${t} (<=${cut})`);
  }
  if (input.melphalanMgM2 != null && input.melphalanMgM2 > 0) {
    const t = `melphalan ${fmt(input.melphalanMgM2, 0)} mg/m²`;
    if (input.melphalanMgM2 > c.mel) mac.push(`${t} (>${c.mel})`);
    else ric.push(`${t} (<=${c.mel})`);
  }
  if (input.thiotepaMgKg != null && input.thiotepaMgKg > 0) {
    const t = `thiotepa ${fmt(input.thiotepaMgKg, 1)} mg/kg`;
    if (input.thiotepaMgKg > 10) mac.push(`${t} (>10)`);
    else ric.push(`${t} (<=10)`);
  }
  let suggested: Intensity;
  let determinedBy: string[];
  if (mac.length) [suggested, determinedBy] = ['MAC', mac];
  else if (ric.length) [suggested, determinedBy] = ['RIC', ric];
  else {
    [suggested, determinedBy] = [
      'NMA',
      [tbi > 0 ? `TBI ${fmt(tbi, 1)} Gy (<=2)` : 'no TBI or alkylator at RIC/MAC dose'],
    ];
  }
  const agrees = input.declaredIntent == null ? null : input.declaredIntent === suggested;
  const warn = agrees === false ? `; differs from declared ${input.declaredIntent}` : '';
  return {
    suggestedIntensity: suggested,
    classifiable: true,
    unmodelledAgents: [],
    declaredIntent: input.declaredIntent,
    agreesWithDeclared: agrees,
    determinedBy,
    ruleId,
    explanation: `suggested ${suggested}: ${determinedBy.join(', ')} (${cutpoints})${warn}`,
  };
}

export const conditioningRule = defineRule({
  name: 'conditioning-intensity',
  id: CONDITIONING_RULE_ID,
  title: 'Conditioning intensity (suggestion)',
  description:
    'MAC / RIC / NMA suggested from TBI, busulfan, melphalan and thiotepa doses (not classifiable when another agent is not modelled); compared with the declared intent',
  source: 'Bacigalupo A et al. BBMT 2009;15:1628; Giralt S et al. (CIBMTR) BBMT 2009;15:367',
  inputSchema: ConditioningInputSchema,
  optionsSchema: ConditioningOptionsSchema,
  outputSchema: ConditioningOutputSchema,
  compute: (input, options) => classifyConditioning(input, options),
});
