// Graft failure from the ANC series: the one decision shared by the monitoring summary and the worklist.
// Definitions: Kharfan-Dabaja MA et al., "Standardizing definitions of hematopoietic recovery, graft rejection,
// graft failure, poor graft function, and donor chimerism in allogeneic hematopoietic cell transplantation: a
// report on behalf of the ASTCT", Transplant Cell Ther 2021;27:642-649 (primary graft failure: no neutrophil
// recovery, ANC >= 0.5 x10^9/L, by the limit day; secondary graft failure: loss of a graft that had engrafted);
// CIBMTR Forms Instruction Manual, "Initial ANC Recovery" (3 consecutive values on different days, counted
// after the nadir; "ANC never below 0.5" is its own answer, not a failure).
import { z } from 'zod';
import { dayRelative } from '../days';
import { ruleIdWithOptions } from '../rule';
import {
  checkPrimaryGraftFailure,
  GRAFT_FAILURE_RULE_ID,
  type GraftFailureOptions,
  GraftFailureOutputSchema,
  type GraftSourceSchema,
} from './graftFailure';
import {
  ANC_THRESHOLD,
  computeEngraftment,
  CONSECUTIVE_VALUES,
  dailyLowest,
  type DayValue,
  type LabValue,
} from './recovery';

/**
 * How long a run of ANC >= 0.5 that started by the limit day is awaited before graft failure is declared: its
 * remaining values must arrive within this many days of its first value. Counts are daily around engraftment;
 * a week allows for missed draws and late results without leaving the alert silent indefinitely.
 */
export const RECOVERY_CONFIRMATION_WINDOW_DAYS = 7;

export const GraftFailureStatusSchema = z.enum([
  'no-counts', // no ANC after day 0: cannot be assessed
  'no-aplasia', // ANC never fell below 0.5 after day 0: not graft failure
  'awaiting-recovery', // not recovered, limit day not passed
  'recovery-pending-confirmation', // a run that began by the limit day still needs its confirming values
  'recovered', // recovery by the limit day, graft kept
  'late-recovery', // recovery after the limit day: primary graft failure criteria were met, the graft has since recovered
  'primary-graft-failure',
  'secondary-graft-failure', // after recovery, CONSECUTIVE_VALUES consecutive ANC < 0.5 (not recovered since)
]);
export type GraftFailureStatus = z.infer<typeof GraftFailureStatusSchema>;

export const GraftFailureAssessmentSchema = GraftFailureOutputSchema.extend({
  status: GraftFailureStatusSchema,
  secondaryGraftFailure: z.boolean(),
  /** True when the team must act now (primary or secondary graft failure); both screens alert on it. */
  alert: z.boolean(),
});
export type GraftFailureAssessment = z.infer<typeof GraftFailureAssessmentSchema>;

export interface GraftFailureAssessmentInput {
  /** Day 0. */
  infusionDate: string;
  /** ANC results, x10^9/L (any order; several on one day keep the lowest). */
  anc: readonly LabValue[];
  /** Day (relative to day 0) of "today": the latest day whose results can be known. */
  asOfDay: number;
  graftSource: z.infer<typeof GraftSourceSchema>;
}

/**
 * Primary or secondary graft failure from the counts and day 0. Declares primary graft failure only once the limit
 * day has passed AND no run of ANC >= 0.5 that began by the limit day can still be confirmed by values yet to come
 * (a first value >= 0.5 on D+30 is confirmed by the values of D+31 and D+32: until they are known, "not yet").
 */
export function assessGraftFailure(
  input: GraftFailureAssessmentInput,
  options?: Partial<GraftFailureOptions>
): GraftFailureAssessment {
  const anc = input.anc.filter((v) => dayRelative(v.date, input.infusionDate) <= input.asOfDay);
  const eng = computeEngraftment({
    infusionDate: input.infusionDate,
    anc: [...anc],
    platelets: [],
    plateletTransfusions: [],
  });
  const base = checkPrimaryGraftFailure(
    { graftSource: input.graftSource, neutrophilRecoveryDay: eng.neutrophil?.day ?? null, asOfDay: input.asOfDay },
    options
  );
  const { limitDay } = base;
  const ruleId = ruleIdWithOptions(`${GRAFT_FAILURE_RULE_ID}+assessment@1`, options ?? {});
  const out = (status: GraftFailureStatus, primary: boolean | null, why: string): GraftFailureAssessment => ({
    status,
    primaryGraftFailure: primary,
    secondaryGraftFailure: status === 'secondary-graft-failure',
    alert: status === 'primary-graft-failure' || status === 'secondary-graft-failure',
    limitDay,
    ruleId,
    explanation: `${why} (limit D+${limitDay}, ${input.graftSource})`,
  });
  const series = dailyLowest(anc, input.infusionDate);

  if (eng.neutrophilStatus === 'never-below-threshold') {
    return series.length
      ? out('no-aplasia', false, `ANC never fell below ${ANC_THRESHOLD} after day 0: no aplasia, so no graft failure`)
      : out('no-counts', null, 'no ANC results after day 0: graft failure cannot be assessed');
  }
  if (eng.neutrophil) {
    const d = eng.neutrophil.day;
    const loss = secondaryLoss(series, d);
    if (loss) {
      return out(
        'secondary-graft-failure',
        d > limitDay,
        `neutrophil recovery on D+${d}, then ${CONSECUTIVE_VALUES} consecutive ANC <${ANC_THRESHOLD} from D+${loss.day}: secondary graft failure (check chimerism)`
      );
    }
    if (d > limitDay) {
      return out(
        'late-recovery',
        true,
        `neutrophil recovery only on D+${d}, after the limit: primary graft failure criteria were met`
      );
    }
    return out('recovered', false, `neutrophil recovery on D+${d}`);
  }
  if (input.asOfDay <= limitDay) {
    return out('awaiting-recovery', null, `no neutrophil recovery yet as of D+${input.asOfDay}`);
  }
  const pending = pendingRun(series);
  if (pending && pending.day <= limitDay && input.asOfDay - pending.day < RECOVERY_CONFIRMATION_WINDOW_DAYS) {
    return out(
      'recovery-pending-confirmation',
      null,
      `ANC >=${ANC_THRESHOLD} from D+${pending.day} (${pending.count} of ${CONSECUTIVE_VALUES} values): recovery can still be confirmed, awaiting the next values until D+${pending.day + RECOVERY_CONFIRMATION_WINDOW_DAYS - 1}`
    );
  }
  return out('primary-graft-failure', true, `primary graft failure: no neutrophil recovery by D+${limitDay}`);
}

/** The trailing run of values >= the threshold, shorter than a full run (it may still become one). */
function pendingRun(series: readonly DayValue[]): { day: number; count: number } | null {
  let i = series.length;
  while (i > 0 && series[i - 1]!.value >= ANC_THRESHOLD) i--;
  const count = series.length - i;
  return count > 0 && count < CONSECUTIVE_VALUES ? { day: series[i]!.day, count } : null;
}

/** After recovery on `recoveryDay`: the first run of CONSECUTIVE_VALUES values < 0.5 not followed by a new recovery run. */
function secondaryLoss(series: readonly DayValue[], recoveryDay: number): DayValue | null {
  const start = series.findIndex((v) => v.day === recoveryDay) + CONSECUTIVE_VALUES;
  let loss: DayValue | null = null;
  let low = 0;
  let high = 0;
  for (let i = start; i < series.length; i++) {
    const v = series[i]!;
    if (v.value < ANC_THRESHOLD) {
      high = 0;
      low++;
      if (low === CONSECUTIVE_VALUES && !loss) loss = series[i - CONSECUTIVE_VALUES + 1]!;
    } else {
      low = 0;
      high++;
      if (high === CONSECUTIVE_VALUES) loss = null;
    }
  }
  return loss;
}
