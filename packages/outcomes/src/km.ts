// Kaplan–Meier estimator with Greenwood variance and pointwise confidence intervals, reproducing R's
// survival::survfit (survfitKM + survfit_confint) and the median rule of print.survfit / quantile.survfit.
//   S(t) = Π_{tj ≤ t} (1 − dj/nj);   Greenwood: var(log S(t)) = Σ dj / (nj (nj − dj)).
// R's survfit object stores std.err = sqrt(var(log S)), the SE of log S (of the cumulative hazard). We report
// both: `stdErrLog` (R's $std.err) and `stdErr` = S(t)·stdErrLog, the Greenwood SE of S(t) itself (what
// summary.survfit prints). When the last subjects at risk all die, S = 0, var(log S) = ∞ and R shows
// std.err NaN and NA limits; we return null for those.
import { z } from 'zod';
import {
  atRisk,
  checkCodes,
  checkTimes,
  factor,
  tabulate,
  type GroupKey,
  type Tabulation,
  type GroupInput,
} from './data';
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
  group?: GroupInput;
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

/** The curve as columns (one entry per row); NaN marks a value R reports as NA/NaN. */
export interface KmTable {
  time: Float64Array;
  nRisk: Float64Array;
  nEvent: Float64Array;
  nCensor: Float64Array;
  survival: Float64Array;
  /** Greenwood standard error of S(t). */
  stdErr: Float64Array;
  /** Standard error of log S(t) (R's $std.err). */
  stdErrLog: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
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
  /** One row per distinct time with an event or a censoring in this group, as columns (see kmRows). */
  table: KmTable;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** The table as row objects, NaN → null (for JSON and display). */
export function kmRows(curve: KmCurve): KmRow[] {
  const t = curve.table;
  return Array.from(t.time, (time, j) => ({
    time,
    nRisk: t.nRisk[j]!,
    nEvent: t.nEvent[j]!,
    nCensor: t.nCensor[j]!,
    survival: t.survival[j]!,
    stdErr: orNull(t.stdErr[j]!),
    stdErrLog: orNull(t.stdErrLog[j]!),
    lower: orNull(t.lower[j]!),
    upper: orNull(t.upper[j]!),
  }));
}

/** Writes the limits for S = p into lower[j], upper[j] exactly as survival:::survfit_confint(logse = TRUE). */
function writeLimits(
  p: number,
  seLog: number,
  z: number,
  type: ConfType,
  out: { lower: Float64Array; upper: Float64Array; j: number }
): void {
  let lo = Number.NaN;
  let up = Number.NaN;
  switch (type) {
    case 'plain': {
      const se2 = seLog * p * z; // NaN when p = 0 and se = ∞, as R
      lo = Math.max(p - se2, 0);
      up = Math.min(p + se2, 1);
      break;
    }
    case 'log': {
      if (p === 0) break;
      const se2 = z * seLog;
      lo = Math.exp(Math.log(p) - se2);
      up = Math.min(Math.exp(Math.log(p) + se2), 1);
      break;
    }
    case 'log-log': {
      if (p === 0 || p === 1) break;
      const se2 = (z * seLog) / Math.log(p);
      const ll = Math.log(-Math.log(p));
      lo = Math.exp(-Math.exp(ll - se2));
      up = Math.exp(-Math.exp(ll + se2));
      break;
    }
  }
  out.lower[out.j] = Number.isFinite(lo) ? lo : Number.NaN;
  out.upper[out.j] = Number.isFinite(up) ? up : Number.NaN;
}

/** Pointwise limits for one value, exactly as survival:::survfit_confint(logse = TRUE, ulimit = TRUE). */
export function confidenceLimits(
  p: number,
  seLog: number,
  z: number,
  type: ConfType
): { lower: number | null; upper: number | null } {
  const lower = new Float64Array(1);
  const upper = new Float64Array(1);
  writeLimits(p, seLog, z, type, { lower, upper, j: 0 });
  return { lower: orNull(lower[0]!), upper: orNull(upper[0]!) };
}

const TOLERANCE = Math.sqrt(2.220446049250313e-16); // R: .Machine$double.eps^0.5, as all.equal()

/**
 * First time at which a non-increasing step function y reaches ≤ p; if it sits exactly at p (within
 * tolerance) over an interval, the midpoint between that time and the next time it drops below (R's
 * print.survfit `minmin`; e.g. uncensored 1,2,3,4 gives median 2.5). Missing values (null) are skipped.
 */
export function crossingTime(times: ArrayLike<number>, y: ArrayLike<number | null>, p = 0.5): number | null {
  let i1 = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v != null && !Number.isNaN(v) && v < p + TOLERANCE) {
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
      if (v != null && !Number.isNaN(v) && v < y1) return (t1 + times[i]!) / 2;
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
  let rows = 0;
  for (let j = 0; j < times.length; j++) if (events[j]! > 0 || censored[j]! > 0) rows++;
  const t: KmTable = {
    time: new Float64Array(rows),
    nRisk: new Float64Array(rows),
    nEvent: new Float64Array(rows),
    nCensor: new Float64Array(rows),
    survival: new Float64Array(rows),
    stdErr: new Float64Array(rows),
    stdErrLog: new Float64Array(rows),
    lower: new Float64Array(rows),
    upper: new Float64Array(rows),
  };
  const out = { lower: t.lower, upper: t.upper, j: 0 };
  let s = 1;
  let varLog = 0;
  let nEvents = 0;
  let k = 0;
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
    t.time[k] = times[j]!;
    t.nRisk[k] = n;
    t.nEvent[k] = d;
    t.nCensor[k] = c;
    t.survival[k] = s;
    t.stdErr[k] = Number.isFinite(se) ? se : Number.NaN;
    t.stdErrLog[k] = Number.isFinite(seLog) ? seLog : Number.NaN;
    if (d === 0 && k > 0) {
      // censoring only: S and its variance are unchanged, so are the limits
      t.lower[k] = t.lower[k - 1]!;
      t.upper[k] = t.upper[k - 1]!;
    } else {
      out.j = k;
      writeLimits(s, seLog, z, opts.confType, out);
    }
    k++;
  }
  return {
    name: args.name,
    n: nRisk[0] ?? 0,
    events: nEvents,
    median: crossingTime(t.time, t.survival),
    // The lower limit of the median is where the lower band crosses 0.5, the upper limit where the upper does.
    medianLower: crossingTime(t.time, t.lower),
    medianUpper: crossingTime(t.time, t.upper),
    confLevel: opts.confLevel,
    confType: opts.confType,
    table: t,
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
  return kmFromTabulation(tab, f ? f.levels : null, opts);
}

/** KM curves from a tabulation with status codes 0/1 (one curve per group; levels null = ungrouped). */
export function kmFromTabulation(
  tab: Tabulation,
  levels: GroupKey[] | null,
  opts: { confLevel: number; confType: ConfType }
): KmCurve[] {
  const m = tab.times.length;
  const z = normalQuantile(1 - (1 - opts.confLevel) / 2);
  const curves: KmCurve[] = [];
  for (let g = 0; g < tab.nGroups; g++) {
    curves.push(
      curveFromCounts({
        name: levels ? levels[g]! : null,
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

/** Index of the first row with time ≥ t (table length if none). */
function firstAtOrAfter(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Numbers at risk (subjects with time ≥ t) at chosen times, as under a KM plot / summary(fit, times).
 * Works for a KM curve or a cumulative-incidence curve (both tables carry time and nRisk).
 */
export function numbersAtRisk(
  curve: { table: { time: Float64Array; nRisk: Float64Array } },
  times: readonly number[]
): { time: number; nRisk: number }[] {
  const tab = curve.table;
  return times.map((t) => {
    const j = firstAtOrAfter(tab.time, t);
    return { time: t, nRisk: j < tab.time.length ? tab.nRisk[j]! : 0 };
  });
}

/** The curve's row in force at each time t (last row with time ≤ t); before the first row S = 1. */
export function survivalAt(
  curve: KmCurve,
  times: readonly number[]
): { time: number; survival: number; stdErr: number | null; lower: number | null; upper: number | null }[] {
  const tab = curve.table;
  return times.map((t) => {
    let j = firstAtOrAfter(tab.time, t);
    if (j === tab.time.length || tab.time[j]! > t) j--;
    if (j < 0) return { time: t, survival: 1, stdErr: 0, ...confidenceLimits(1, 0, 1, curve.confType) };
    return {
      time: t,
      survival: tab.survival[j]!,
      stdErr: orNull(tab.stdErr[j]!),
      lower: orNull(tab.lower[j]!),
      upper: orNull(tab.upper[j]!),
    };
  });
}

/**
 * Median follow-up by the reverse Kaplan–Meier method (Schemper & Smith 1996; Kim & Armand, BBMT 2013;19:860): the KM
 * median of the time to censoring, with the roles of event and censoring swapped.
 */
export function medianFollowUp(
  data: { time: ArrayLike<number>; status: ArrayLike<number> },
  options: KmOptions = {}
): { median: number | null; lower: number | null; upper: number | null } {
  checkCodes(data.status, data.time.length, 'status', 1);
  const flipped = Array.from(data.status, (s) => 1 - s);
  const [c] = kaplanMeier({ time: data.time, status: flipped }, options);
  return { median: c!.median, lower: c!.medianLower, upper: c!.medianUpper };
}
