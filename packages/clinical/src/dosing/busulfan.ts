// Busulfan exposure unit conversions. Sources: Palmer J et al. (ASBMT) BBMT 2016;22:1915; Bartelink IH et al.,
// Lancet Haematol 2016;3:e526; McCune JS et al., Clin Cancer Res 2014;20:754. Busulfan MW 246.3 g/mol, so
// 1 mg·h/L = 60 000 / 246.3 µM·min ≈ 243.6 µM·min. Targets are protocol parameters, not defaults.
import { z } from 'zod';
import { fmt } from '../format';
import { defineRule, NoOptionsSchema, ruleResultMeta } from '../rule';

export const BUSULFAN_RULE_ID = 'busulfan-exposure-units@1';
export const BUSULFAN_MW = 246.3;
/** µM·min per mg·h/L. */
export const UMOL_MIN_PER_MG_H_L = 60_000 / BUSULFAN_MW;

/** AUC µM·min -> mg·h/L. */
export function aucUmolMinToMgHL(aucUmolMin: number): number {
  return aucUmolMin / UMOL_MIN_PER_MG_H_L;
}
/** AUC mg·h/L -> µM·min. */
export function aucMgHLToUmolMin(aucMgHL: number): number {
  return aucMgHL * UMOL_MIN_PER_MG_H_L;
}
/** AUC (µM·min) over one dosing interval from the steady-state concentration: Css (ng/mL) × interval (min) / 246.3. */
export function aucFromCss(cssNgMl: number, intervalMin: number): number {
  return (cssNgMl * intervalMin) / BUSULFAN_MW;
}

export const BusulfanInputSchema = z.object({
  value: z.number().min(0),
  unit: z.enum(['umol-min', 'mg-h-per-l', 'css-ng-per-ml']),
  dosingIntervalHours: z.number().positive().nullable().describe('Needed for Css (e.g. 6 for q6h, 24 for daily)'),
  doses: z.number().int().positive().nullable().describe('Number of doses in the course, for the cumulative AUC'),
  target: z
    .object({
      min: z.number(),
      max: z.number(),
      unit: z.enum(['umol-min', 'mg-h-per-l']),
      scope: z.enum(['per-dose', 'cumulative']),
    })
    .optional()
    .describe('Protocol window to check, e.g. 900-1350 µM·min per q6h dose or 78-101 mg·h/L cumulative'),
});
export type BusulfanInput = z.infer<typeof BusulfanInputSchema>;

export const BusulfanOutputSchema = z.object({
  perDoseUmolMin: z.number().nullable(),
  perDoseMgHL: z.number().nullable(),
  cumulativeMgHL: z.number().nullable(),
  withinTarget: z.boolean().nullable(),
  ...ruleResultMeta,
});
export type BusulfanOutput = z.infer<typeof BusulfanOutputSchema>;

/** Converts one busulfan exposure measure to per-dose µM·min / mg·h/L and the cumulative course AUC. */
export function convertBusulfanExposure(input: BusulfanInput): BusulfanOutput {
  let perDose: number | null;
  if (input.unit === 'umol-min') perDose = input.value;
  else if (input.unit === 'mg-h-per-l') perDose = aucMgHLToUmolMin(input.value);
  else perDose = input.dosingIntervalHours == null ? null : aucFromCss(input.value, input.dosingIntervalHours * 60);
  const perDoseMgHL = perDose == null ? null : aucUmolMinToMgHL(perDose);
  const cumulativeMgHL = perDoseMgHL == null || input.doses == null ? null : perDoseMgHL * input.doses;
  let withinTarget: boolean | null = null;
  const t = input.target;
  if (t) {
    const v =
      t.scope === 'per-dose'
        ? t.unit === 'umol-min'
          ? perDose
          : perDoseMgHL
        : cumulativeMgHL == null
          ? null
          : t.unit === 'mg-h-per-l'
            ? cumulativeMgHL
            : aucMgHLToUmolMin(cumulativeMgHL);
    withinTarget = v == null ? null : v >= t.min && v <= t.max;
  }
  const parts = [
    perDose == null
      ? 'per-dose AUC not computable (Css needs the dosing interval)'
      : `per dose ${fmt(perDose, 0)} µM·min = ${fmt(perDoseMgHL ?? 0, 2)} mg·h/L`,
    ...(cumulativeMgHL == null ? [] : [`cumulative ${fmt(cumulativeMgHL, 1)} mg·h/L over ${input.doses} doses`]),
    ...(withinTarget == null
      ? []
      : [`${withinTarget ? 'within' : 'outside'} target ${t?.min}-${t?.max} ${t?.unit} ${t?.scope}`]),
  ];
  return {
    perDoseUmolMin: perDose,
    perDoseMgHL,
    cumulativeMgHL,
    withinTarget,
    ruleId: BUSULFAN_RULE_ID,
    explanation: parts.join('; '),
  };
}

export const busulfanRule = defineRule({
  name: 'busulfan-exposure',
  id: BUSULFAN_RULE_ID,
  title: 'Busulfan exposure units',
  description:
    'Converts AUC (µM·min, mg·h/L) or Css (ng/mL) to per-dose and cumulative AUC and checks a protocol window',
  source: 'Palmer J et al. ASBMT 2016; Bartelink 2016; MW 246.3 g/mol',
  inputSchema: BusulfanInputSchema,
  optionsSchema: NoOptionsSchema,
  outputSchema: BusulfanOutputSchema,
  compute: (input) => convertBusulfanExposure(input),
});
