// Neutrophil and platelet recovery from lab series. Sources: CIBMTR Forms Instruction Manual, "Initial ANC Recovery"
// and "Initial Platelet Recovery"; Kharfan-Dabaja MA et al. (ASTCT) Transplant Cell Ther 2021;27:642-649; Sureda A
// et al. harmonized definitions, Bone Marrow Transplant 2024;59:832-837.
import { z } from 'zod';
import { dayRelative, toDayNumber } from '../days';
import { defineRule, IsoDateSchema, ruleResultMeta, ruleIdWithOptions } from '../rule';

export const ENGRAFTMENT_RULE_ID = 'cibmtr-engraftment@1';
/** ANC >= 0.5 x10^9/L (CIBMTR). */
export const ANC_THRESHOLD = 0.5;
/** Platelets >= 20 x10^9/L (CIBMTR). */
export const PLATELET_THRESHOLD = 20;
/** Consecutive values on different days needed (CIBMTR). */
export const CONSECUTIVE_VALUES = 3;
/** Transfusion-free days before the first qualifying platelet value (CIBMTR). */
export const PLATELET_TRANSFUSION_FREE_DAYS = 7;

export const LabValueSchema = z.object({ date: IsoDateSchema, value: z.number().min(0) });
export type LabValue = z.infer<typeof LabValueSchema>;

export const EngraftmentInputSchema = z.object({
  infusionDate: IsoDateSchema.describe('Day 0'),
  anc: z.array(LabValueSchema).describe('ANC values, ×10⁹/L'),
  platelets: z.array(LabValueSchema).describe('Platelet counts, ×10⁹/L'),
  plateletTransfusions: z.array(IsoDateSchema).describe('Dates of platelet transfusions'),
  ancNadirDate: IsoDateSchema.optional().describe(
    'Clinician-confirmed ANC nadir date; counting starts after it. Default: after the first post-infusion value <0.5'
  ),
  plateletNadirDate: IsoDateSchema.optional().describe(
    'Clinician-confirmed platelet nadir date; counting starts after it. Default: after the first post-infusion value below the threshold'
  ),
});
export type EngraftmentInput = z.infer<typeof EngraftmentInputSchema>;

/**
 * [VERIFY] platelet transfusion window (CIBMTR Forms Instruction Manual, "Initial Platelet Recovery"):
 * - 'before-first-and-during-run' (default, the reference's reading): no platelet transfusion from 7 days before the
 *   first qualifying value through the last value of the 3-value run.
 * - 'before-first-only': no platelet transfusion in the 7 days before (and on the day of) the first qualifying value.
 * plateletThreshold: 20 (CIBMTR, default) or 50 (tracked by some centres).
 */
export const EngraftmentOptionsSchema = z.object({
  plateletTransfusionWindow: z
    .enum(['before-first-and-during-run', 'before-first-only'])
    .default('before-first-and-during-run'),
  plateletThreshold: z.union([z.literal(20), z.literal(50)]).default(20),
});
export type EngraftmentOptions = z.infer<typeof EngraftmentOptionsSchema>;

export const RecoveryStatusSchema = z.enum(['recovered', 'not-recovered', 'never-below-threshold']);
export type RecoveryStatus = z.infer<typeof RecoveryStatusSchema>;
export const RecoveryDateSchema = z.object({ date: IsoDateSchema, day: z.number().int() });
export type RecoveryDate = z.infer<typeof RecoveryDateSchema>;

export const EngraftmentOutputSchema = z.object({
  neutrophil: RecoveryDateSchema.nullable(),
  platelet: RecoveryDateSchema.nullable(),
  neutrophilStatus: RecoveryStatusSchema.describe('never-below-threshold = CIBMTR "never dropped below 0.5"'),
  plateletStatus: RecoveryStatusSchema.describe(
    'never-below-threshold = CIBMTR "not applicable" (never <20 and no platelet transfusion)'
  ),
  neutrophilExplanation: z.string(),
  plateletExplanation: z.string(),
  ...ruleResultMeta,
});
export type EngraftmentOutput = z.infer<typeof EngraftmentOutputSchema>;
export const EngraftmentContractOutputSchema = z.object({
  neutrophil: RecoveryDateSchema.nullable(),
  platelet: RecoveryDateSchema.nullable(),
});

export interface DayValue {
  date: string;
  day: number;
  value: number;
}

/** One value per calendar day after day 0 inclusive; several values on one day keep the lowest (conservative). */
export function dailyLowest(values: readonly LabValue[], dayZero: string): DayValue[] {
  const byDate = new Map<string, number>();
  for (const v of values) {
    const prev = byDate.get(v.date);
    byDate.set(v.date, prev == null ? v.value : Math.min(prev, v.value));
  }
  return [...byDate.entries()]
    .map(([date, value]) => ({ date, day: dayRelative(date, dayZero), value }))
    .filter((d) => d.day >= 0)
    .sort((a, b) => a.day - b.day);
}

interface RecoveryResult {
  recovery: RecoveryDate | null;
  status: RecoveryStatus;
  explanation: string;
}

/**
 * First of `CONSECUTIVE_VALUES` consecutive daily values >= threshold, counted only after the first post-infusion
 * value below the threshold (the nadir), and accepted by `runOk` (transfusion rule).
 */
interface RecoverySpec {
  threshold: number;
  label: string;
  /** Reason a run is not acceptable (transfusion rule), or null. */
  runOk: (run: DayValue[]) => string | null;
  /** Support given after day 0 (platelet transfusion): recovery is assessed even if never below the threshold. */
  hadSupport: boolean;
  /** Day of a clinician-confirmed nadir, overriding the default start. */
  nadirDay: number | null;
}

function findRecovery(series: DayValue[], spec: RecoverySpec): RecoveryResult {
  const { threshold, label, runOk, hadSupport, nadirDay } = spec;
  const nadirIdx =
    nadirDay != null ? series.findLastIndex((d) => d.day <= nadirDay) : series.findIndex((d) => d.value < threshold);
  if (nadirDay == null && nadirIdx < 0 && !hadSupport) {
    return {
      recovery: null,
      status: 'never-below-threshold',
      explanation: series.length
        ? `${label} never fell below ${threshold} after day 0`
        : `no ${label} values on or after day 0`,
    };
  }
  const start = nadirIdx < 0 ? 0 : nadirIdx + 1;
  const after =
    nadirDay != null
      ? `after the confirmed nadir D${nadirDay >= 0 ? '+' : ''}${nadirDay}`
      : nadirIdx >= 0
        ? `after the first value <${threshold} (D+${series[nadirIdx]?.day})`
        : 'after day 0';
  let rejected: string | null = null;
  for (let i = start; i + CONSECUTIVE_VALUES <= series.length; i++) {
    const run = series.slice(i, i + CONSECUTIVE_VALUES);
    if (!run.every((d) => d.value >= threshold)) continue;
    const problem = runOk(run);
    if (problem) {
      rejected ??= problem;
      continue;
    }
    const first = run[0]!;
    const days = run.map((d) => `${d.date} (${d.value})`).join(', ');
    return {
      recovery: { date: first.date, day: first.day },
      status: 'recovered',
      explanation: `${label} recovery D+${first.day}: first of ${CONSECUTIVE_VALUES} consecutive values >=${threshold} ${after}, on ${days}`,
    };
  }
  const why = rejected ? `; ${rejected}` : '';
  return {
    recovery: null,
    status: 'not-recovered',
    explanation: `${label}: no ${CONSECUTIVE_VALUES} consecutive values >=${threshold} on different days ${after}${why}`,
  };
}

/** Neutrophil and platelet recovery dates (first day of the qualifying run) and their day numbers. */
export function computeEngraftment(input: EngraftmentInput, options?: Partial<EngraftmentOptions>): EngraftmentOutput {
  const opts = EngraftmentOptionsSchema.parse(options ?? {});
  const day0 = input.infusionDate;
  const nadirDay = (d: string | undefined): number | null => (d == null ? null : dayRelative(d, day0));
  const anc = findRecovery(dailyLowest(input.anc, day0), {
    threshold: ANC_THRESHOLD,
    label: 'neutrophil',
    runOk: () => null,
    hadSupport: false,
    nadirDay: nadirDay(input.ancNadirDate),
  });

  const transfusionDays = input.plateletTransfusions.map((d) => toDayNumber(d));
  const postInfusionTransfusion = transfusionDays.some((t) => t >= toDayNumber(day0));
  const transfusionCheck = (run: DayValue[]): string | null => {
    const first = toDayNumber(run[0]!.date);
    const last =
      opts.plateletTransfusionWindow === 'before-first-and-during-run' ? toDayNumber(run[run.length - 1]!.date) : first;
    const hit = transfusionDays.find((t) => t >= first - PLATELET_TRANSFUSION_FREE_DAYS && t <= last);
    return hit == null
      ? null
      : `a run starting ${run[0]!.date} was excluded by a platelet transfusion within ${PLATELET_TRANSFUSION_FREE_DAYS} days (${opts.plateletTransfusionWindow})`;
  };
  const plt = findRecovery(dailyLowest(input.platelets, day0), {
    threshold: opts.plateletThreshold,
    label: 'platelet',
    runOk: transfusionCheck,
    hadSupport: postInfusionTransfusion,
    nadirDay: nadirDay(input.plateletNadirDate),
  });
  return {
    neutrophil: anc.recovery,
    platelet: plt.recovery,
    neutrophilStatus: anc.status,
    plateletStatus: plt.status,
    neutrophilExplanation: anc.explanation,
    plateletExplanation: plt.explanation,
    ruleId: ruleIdWithOptions(ENGRAFTMENT_RULE_ID, opts),
    explanation: `${anc.explanation}. ${plt.explanation}`,
  };
}

export const engraftmentRule = defineRule({
  name: 'engraftment',
  id: ENGRAFTMENT_RULE_ID,
  title: 'Neutrophil and platelet recovery (CIBMTR)',
  description:
    'First of 3 consecutive values on different days: ANC >=0.5 ×10⁹/L after the nadir; platelets >=20 ×10⁹/L without platelet transfusion in the 7 days before',
  source: 'CIBMTR Forms Instruction Manual (initial ANC / platelet recovery); ASTCT 2021; harmonized 2024',
  inputSchema: EngraftmentInputSchema,
  optionsSchema: EngraftmentOptionsSchema,
  outputSchema: EngraftmentOutputSchema,
  contractOutputSchema: EngraftmentContractOutputSchema,
  compute: (input, options) => computeEngraftment(input, options),
});
