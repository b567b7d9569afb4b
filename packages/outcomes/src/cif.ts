// Aalen–Johansen cumulative incidence for competing risks with the variance of cmprsk::cuminc
// (Gray's Fortran routine `cinc`; the Aalen-type delta-method variance). Per cause k, at distinct times tj:
//   F_k(tj) = F_k(tj−) + S(tj−) d_kj / n_j         (S = all-cause Kaplan–Meier)
// Variance at t (as cinc, accumulated in one pass as v1 + F²·v3 − 2F·v2):
//   Σ_{cause-k times} S(tj−)² c(d_kj) d_kj/n_j² (1 − (F(t) − F(tj))/S(tj))²
//   + Σ_{other-cause times ≤ last cause-k time} S(tj−)² c(d_oj) d_oj/n_j² ((F(t) − F(tj))/S(tj))²
// with the tie factor c(d) = 1 − (d − 1)/(n − 1). The variance changes only at cause-k event times.
import {
  atRisk,
  checkCodes,
  checkTimes,
  factor,
  OutcomesInputError,
  tabulate,
  type GroupKey,
  type GroupInput,
  type Tabulation,
} from './data';
import { normalQuantile } from './distributions';

export interface CompetingRisksData {
  time: ArrayLike<number>;
  /** 0 = censored, 1..k = cause of the event. */
  cause: ArrayLike<number>;
  group?: GroupInput;
}

export interface CifRow {
  time: number;
  nRisk: number;
  /** Events of this cause at this time. */
  nEvent: number;
  estimate: number;
  variance: number;
  /** Pointwise limits on the log(−log) scale: F^exp(±z·√V/(F·log F)); null where F is 0 or 1. */
  lower: number | null;
  upper: number | null;
}

/** The curve as columns; NaN marks a missing limit. */
export interface CifTable {
  time: Float64Array;
  nRisk: Float64Array;
  nEvent: Float64Array;
  estimate: Float64Array;
  variance: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

export interface CifCurve {
  cause: number;
  /** One row per distinct time in the group (any cause or censoring); values hold until the next row. */
  table: CifTable;
}

/** The table as row objects, NaN → null (for JSON and display). */
export function cifRows(curve: CifCurve): CifRow[] {
  const t = curve.table;
  const nn = (x: number): number | null => (Number.isNaN(x) ? null : x);
  return Array.from(t.time, (time, j) => ({
    time,
    nRisk: t.nRisk[j]!,
    nEvent: t.nEvent[j]!,
    estimate: t.estimate[j]!,
    variance: t.variance[j]!,
    lower: nn(t.lower[j]!),
    upper: nn(t.upper[j]!),
  }));
}

export interface CifGroup {
  name: GroupKey | null;
  n: number;
  causes: CifCurve[];
}

export interface CifOptions {
  /** For the pointwise limits only (default 0.95). */
  confLevel?: number;
}

/** Largest cause code allowed (a guard against passing e.g. dates as causes). */
export const MAX_CAUSE = 100;

/** The distinct causes present in the data (sorted), each ≥ 1. */
export function causesIn(cause: ArrayLike<number>): number[] {
  const s = new Set<number>();
  for (let i = 0; i < cause.length; i++) if (cause[i]! > 0) s.add(cause[i]!);
  return [...s].sort((a, b) => a - b);
}

function writeLimits(t: CifTable, j: number, z: number): void {
  const f = t.estimate[j]!;
  const v = t.variance[j]!;
  if (!(f > 0) || !(f < 1) || !(v >= 0)) {
    t.lower[j] = Number.NaN;
    t.upper[j] = Number.NaN;
    return;
  }
  const lf = Math.log(f);
  const e = Math.exp((z * Math.sqrt(v)) / (f * lf)); // F^exp(±h) = exp(log F · e^(±h))
  t.lower[j] = Math.exp(lf / e);
  t.upper[j] = Math.exp(lf * e);
}

/**
 * Cumulative incidence of each cause, per group, as cmprsk::cuminc(ftime, fstatus, group, cencode = 0).
 * @param data - time, cause (0 = censored) and optional group per subject
 * @param options - confLevel for the pointwise log(−log) limits
 */
export function cumulativeIncidence(data: CompetingRisksData, options: CifOptions = {}): CifGroup[] {
  return tabulateIncidence(data, options).groups();
}

/**
 * The checks, the one sort and count of the times (`tabulate`) and the normal quantile of the limits: shared by
 * cumulativeIncidence and compareIncidence (which reuses the counts for Gray's test).
 */
export function tabulateIncidence(data: CompetingRisksData, options: CifOptions = {}) {
  checkTimes(data.time);
  const n = data.time.length;
  checkCodes(data.cause, n, 'cause', MAX_CAUSE);
  const confLevel = options.confLevel ?? 0.95;
  if (!(confLevel > 0 && confLevel < 1)) throw new OutcomesInputError(`confLevel must be in (0, 1), got ${confLevel}`);
  const z = normalQuantile(1 - (1 - confLevel) / 2);
  const causes = causesIn(data.cause);
  const nCodes = (causes.at(-1) ?? 0) + 1;
  const f = data.group ? factor(data.group, n) : null;
  const nGroups = f ? f.levels.length : 1;
  const tab = tabulate(data.time, data.cause, f?.codes ?? null, { nGroups, nCodes });
  return { tab, f, nGroups, causes, z, groups: () => cifFromTabulation(tab, f?.levels ?? null, causes, z) };
}

/** A group's rows (times where it has a subject), with n at risk and all-cause events. */
interface GroupRows {
  n: number;
  js: number[];
  time: Float64Array;
  nRisk: Float64Array;
  nAll: Float64Array;
}

function groupRows(tab: Tabulation, g: number): GroupRows {
  const { nCodes, counts } = tab;
  const m = tab.times.length;
  const risk = atRisk(tab, g);
  // Compact the group's rows once (times where it has a subject), with n at risk and all-cause events.
  const js: number[] = [];
  for (let j = 0; j < m; j++) {
    for (let c = 0; c < nCodes; c++) {
      if (counts[(g * nCodes + c) * m + j]! > 0) {
        js.push(j);
        break;
      }
    }
  }
  const rows = js.length;
  const time = new Float64Array(rows);
  const nRisk = new Float64Array(rows);
  const nAll = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const j = js[i]!;
    time[i] = tab.times[j]!;
    nRisk[i] = risk[j]!;
    let nd = 0;
    for (let c = 1; c < nCodes; c++) nd += counts[(g * nCodes + c) * m + j]!;
    nAll[i] = nd;
  }
  return { n: risk[0] ?? 0, js, time, nRisk, nAll };
}

function causeCurve(tab: Tabulation, g: number, r: GroupRows, k: number, z: number): CifCurve {
  const { nCodes, counts } = tab;
  const m = tab.times.length;
  const { js, nRisk, nAll } = r;
  const rows = js.length;
  const table: CifTable = {
    time: r.time.slice(),
    nRisk: nRisk.slice(),
    nEvent: new Float64Array(rows),
    estimate: new Float64Array(rows),
    variance: new Float64Array(rows),
    lower: new Float64Array(rows),
    upper: new Float64Array(rows),
  };
  const base = (g * nCodes + k) * m;
  let fk = 1; // all-cause KM just before the time, S(tj−)
  let F = 0;
  let V = 0;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  for (let i = 0; i < rows; i++) {
    const rs = nRisk[i]!;
    const nd = nAll[i]!;
    const nd1 = counts[base + js[i]!]!;
    const nd2 = nd - nd1;
    if (nd > 0) {
      const fkn = (fk * (rs - nd)) / rs;
      if (nd1 > 0) F += (fk * nd1) / rs;
      if (nd2 > 0 && fkn > 0) {
        const t5 = nd2 > 1 ? 1 - (nd2 - 1) / (rs - 1) : 1;
        const t6 = (fk * fk * t5 * nd2) / (rs * rs);
        const t3 = 1 / fkn;
        const t4 = F / fkn;
        v1 += t4 * t4 * t6;
        v2 += t3 * t4 * t6;
        v3 += t3 * t3 * t6;
      }
      if (nd1 > 0) {
        const t5 = nd1 > 1 ? 1 - (nd1 - 1) / (rs - 1) : 1;
        const t6 = (fk * fk * t5 * nd1) / (rs * rs);
        const t3 = fkn > 0 ? 1 / fkn : 0;
        const t4 = 1 + t3 * F;
        v1 += t4 * t4 * t6;
        v2 += t3 * t4 * t6;
        v3 += t3 * t3 * t6;
        V = v1 + F * F * v3 - 2 * F * v2;
      }
      fk = fkn;
    }
    table.nEvent[i] = nd1;
    table.estimate[i] = F;
    table.variance[i] = V;
  }
  // Limits change only where the estimate or variance does: compute once per change.
  for (let i = 0; i < rows; i++) {
    if (i > 0 && table.estimate[i] === table.estimate[i - 1] && table.variance[i] === table.variance[i - 1]) {
      table.lower[i] = table.lower[i - 1]!;
      table.upper[i] = table.upper[i - 1]!;
    } else writeLimits(table, i, z);
  }
  return { cause: k, table };
}

/** A group's curves made one cause at a time as they are iterated, none kept (a 1 M-row curve is 28 MB). */
export interface CifGroupCurves {
  name: GroupKey | null;
  /** Subjects in the group (as CifGroup's n). */
  n: number;
  /** The curve of each cause (in `causes` order), each computed when reached. */
  curves(): Iterable<CifCurve>;
}

/** Subjects of group g: its counts over every time and outcome code. */
function groupSize(tab: Tabulation, g: number): number {
  const m = tab.times.length;
  let n = 0;
  for (let i = g * tab.nCodes * m; i < (g + 1) * tab.nCodes * m; i++) n += tab.counts[i]!;
  return n;
}

/** The curves of cifFromTabulation per group, computed when iterated: for writing a large result out. */
export function cifCurvesByGroup(
  tab: Tabulation,
  levels: GroupKey[] | null,
  causes: number[],
  z: number
): CifGroupCurves[] {
  return Array.from({ length: tab.nGroups }, (_, g) => ({
    name: levels ? levels[g]! : null,
    n: groupSize(tab, g),
    *curves() {
      const r = groupRows(tab, g);
      for (const k of causes) yield causeCurve(tab, g, r, k, z);
    },
  }));
}

/**
 * The curves of cumulativeIncidence from a tabulation already made (checked data, `causes` = causesIn of the
 * codes, `levels` = the group factor's levels or null for one group, z = the normal quantile of the limits).
 */
export function cifFromTabulation(tab: Tabulation, levels: GroupKey[] | null, causes: number[], z: number): CifGroup[] {
  return Array.from({ length: tab.nGroups }, (_, g) => {
    const r = groupRows(tab, g);
    return { name: levels ? levels[g]! : null, n: r.n, causes: causes.map((k) => causeCurve(tab, g, r, k, z)) };
  });
}

/** The estimate and variance in force at each time t (last row with time ≤ t; 0 before the first). */
export function incidenceAt(
  curve: CifCurve,
  times: readonly number[]
): { time: number; estimate: number; variance: number }[] {
  const tt = curve.table.time;
  return times.map((t) => {
    let lo = 0;
    let hi = tt.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tt[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    const j = lo - 1;
    return {
      time: t,
      estimate: j >= 0 ? curve.table.estimate[j]! : 0,
      variance: j >= 0 ? curve.table.variance[j]! : 0,
    };
  });
}
