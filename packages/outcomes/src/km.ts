// Kaplan–Meier estimator with Greenwood variance and pointwise confidence intervals, reproducing R's
// survival::survfit (survfitKM + survfit_confint) and the median rule of print.survfit / quantile.survfit.
//   S(t) = Π_{tj ≤ t} (1 − dj/nj);   Greenwood: var(log S(t)) = Σ dj / (nj (nj − dj)).
// R's survfit object stores std.err = sqrt(var(log S)), the SE of log S (of the cumulative hazard). We report
// both: `stdErrLog` (R's $std.err) and `stdErr` = S(t)·stdErrLog, the Greenwood SE of S(t) itself (what
// summary.survfit prints). When the last subjects at risk all die, S = 0, var(log S) = ∞ and R shows
// std.err NaN and NA limits; we return null for those.
import { z } from 'zod';
import { atRisk, checkCodes, checkTimes, factor, tabulate, type GroupKey } from './data';
import { normalQuantile } from './distributions';

export const ConfTypeSchema = z.enum(['log', 'log-log', 'plain']);
export type ConfType = z.infer<typeof ConfTypeSchema>;

export const KmOptionsSchema = z
  .object({
    confLevel: z.number().gt(0).lt(1).default(0.95),
    confType: ConfTypeSchema.default('log'),
  })
  .strict();
export type KmOptions = z.input<typeof KmOptionsSchema>;

export interface SurvivalData {
  /** Follow-up time per subject (≥ 0; any unit, e.g. days from infusion). */
  time: ArrayLike<number>;
  /** 1 = event, 0 = censored. */
  status: ArrayLike<number>;
  /** Optional group label per subject; one curve per distinct label. */
  group?: ArrayLike<GroupKey | null | undefined>;
}

export interface KmRow {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  survival: number;
  /** Greenwood standard error of S(t) (null when S(t) = 0 after the last subject dies, as R's NaN). */
  stdErr: number | null;
  /** R's survfit $std.err: standard error of log S(t) (null when infinite). */
  stdErrLog: number | null;
  lower: number | null;
  upper: number | null;
}

export interface KmCurve {
  /** Group label, or null for a single ungrouped curve. */
  name: GroupKey | null;
  n: number;
  events: number;
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  confLevel: number;
  confType: ConfType;
  /** One row per distinct time with an event or a censoring in this group. */
  table: KmRow[];
}

/** Pointwise limits exactly as survival:::survfit_confint(logse = TRUE, ulimit = TRUE). */
export function confidenceLimits(p: number, seLog: number, z: number, type: ConfType): { lower: number | null; upper: number | null } {
  const nn = (x: number): number | null => (Number.isFinite(x) ? x : null);
  switch (type) {
    case 'plain': {
      const se2 = seLog * p * z;
      return { lower: nn(Math.max(p - se2, 0)), upper: nn(Math.min(p + se2, 1)) };
    }
    case 'log': {
      if (p === 0) return { lower: null, upper: null };
      const se2 = z * seLog;
      return { lower: nn(Math.exp(Math.log(p) - se2)), upper: nn(Math.min(Math.exp(Math.log(p) + se2), 1)) };
    }
    case 'log-log': {
      if (p === 0 || p === 1) return { lower: null, upper: null };
      const se2 = (z * seLog) / Math.log(p);
      const ll = Math.log(-Math.log(p));
      return { lower: nn(Math.exp(-Math.exp(ll - se2))), upper: nn(Math.exp(-Math.exp(ll + se2))) };
    }
  }
}

const TOLERANCE = Math.sqrt(2.220446049250313e-16); // R: .Machine$double.eps^0.5, as all.equal()

/**
 * First time at which a non-increasing step function y reaches ≤ p; if it sits exactly at p (within
 * tolerance) over an interval, the midpoint between that time and the next time it drops below (R's
 * print.survfit `minmin`; e.g. uncensored 1,2,3,4 gives median 2.5). Missing values (null) are skipped.
 */
export function crossingTime(times: readonly number[], y: readonly (number | null)[], p = 0.5): number | null {
  let i1 = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v != null && v < p + TOLERANCE) {
      i1 = i;
      break;
    }
  }
  if (i1 < 0) return null;
  const y1 = y[i1]!;
  const t1 = times[i1]!;
  if (Math.abs(y1 - p) < TOLERANCE) {
    for (let i = i1 + 1; i < y.length; i++) {
      const v = y[i];
      if (v != null && v < y1) return (t1 + times[i]!) / 2;
    }
  }
  return t1;
}

function curveFromCounts(args: {
  name: GroupKey | null;
  times: Float64Array;
  events: Int32Array;
  censored: Int32Array;
  nRisk: Float64Array;
  z: number;
  opts: { confLevel: number; confType: ConfType };
}): KmCurve {
  const { times, events, censored, nRisk, z, opts } = args;
  const table: KmRow[] = [];
  let s = 1;
  let varLog = 0;
  let nEvents = 0;
  for (let j = 0; j < times.length; j++) {
    const d = events[j]!;
    const c = censored[j]!;
    if (d === 0 && c === 0) continue;
    const n = nRisk[j]!;
    if (d > 0) {
      s *= 1 - d / n;
      varLog += n > d ? d / (n * (n - d)) : Infinity;
      nEvents += d;
    }
    const seLog = Math.sqrt(varLog);
    const se = s * seLog;
    const lim = confidenceLimits(s, seLog, z, opts.confType);
    table.push({
      time: times[j]!,
      nRisk: n,
      nEvent: d,
      nCensor: c,
      survival: s,
      stdErr: Number.isFinite(se) ? se : null,
      stdErrLog: Number.isFinite(seLog) ? seLog : null,
      lower: lim.lower,
      upper: lim.upper,
    });
  }
  const t = table.map((r) => r.time);
  return {
    name: args.name,
    n: nRisk[0] ?? 0,
    events: nEvents,
    median: crossingTime(t, table.map((r) => r.survival)),
    // The lower limit of the median is where the lower band crosses 0.5, the upper limit where the upper does.
    medianLower: crossingTime(t, table.map((r) => r.lower)),
    medianUpper: crossingTime(t, table.map((r) => r.upper)),
    confLevel: opts.confLevel,
    confType: opts.confType,
    table,
  };
}

/**
 * Kaplan–Meier curves, one per group (or one with name null), as survfit(Surv(time, status) ~ group).
 * @param data - times, 0/1 status and optional group labels per subject
 * @param options - confLevel (default 0.95) and confType 'log' (default) | 'log-log' | 'plain'
 */
export function kaplanMeier(data: SurvivalData, options: KmOptions = {}): KmCurve[] {
  const opts = KmOptionsSchema.parse(options);
  checkTimes(data.time);
  const n = data.time.length;
  checkCodes(data.status, n, 'status', 1);
  const f = data.group ? factor(data.group, n) : null;
  const nGroups = f ? f.levels.length : 1;
  const tab = tabulate(data.time, data.status, f?.codes ?? null, { nGroups, nCodes: 2 });
  const m = tab.times.length;
  const z = normalQuantile(1 - (1 - opts.confLevel) / 2);
  const curves: KmCurve[] = [];
  for (let g = 0; g < nGroups; g++) {
    curves.push(
      curveFromCounts({
        name: f ? f.levels[g]! : null,
        times: tab.times,
        censored: tab.counts.subarray(2 * g * m, (2 * g + 1) * m),
        events: tab.counts.subarray((2 * g + 1) * m, (2 * g + 2) * m),
        nRisk: atRisk(tab, g),
        z,
        opts,
      })
    );
  }
  return curves;
}

/** Numbers at risk (subjects with time ≥ t) at chosen times, as under a KM plot / summary(fit, times). */
export function numbersAtRisk(curve: KmCurve, times: readonly number[]): { time: number; nRisk: number }[] {
  return times.map((t) => {
    const row = curve.table.find((r) => r.time >= t);
    return { time: t, nRisk: row ? row.nRisk : 0 };
  });
}

/** The curve's row in force at each time t (last row with time ≤ t); before the first row S = 1. */
export function survivalAt(
  curve: KmCurve,
  times: readonly number[]
): { time: number; survival: number; stdErr: number | null; lower: number | null; upper: number | null }[] {
  return times.map((t) => {
    let row: KmRow | undefined;
    for (const r of curve.table) {
      if (r.time > t) break;
      row = r;
    }
    return row
      ? { time: t, survival: row.survival, stdErr: row.stdErr, lower: row.lower, upper: row.upper }
      : { time: t, survival: 1, stdErr: 0, ...confidenceLimits(1, 0, 1, curve.confType) };
  });
}
