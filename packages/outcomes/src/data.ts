// Input checking and the one aggregation every estimator shares: distinct times x group x outcome code.
// Estimators then work on counts per distinct time, as R's survfit/survdiff/cuminc do internally, which makes
// ties exact (all events at a time are processed together; subjects censored at that time are still at risk:
// "events first", as R) and keeps 1,000,000 subjects fast (one numeric sort, no comparator sort).

/** A group label. Groups are ordered numbers first (ascending), then strings (code-point order). */
export type GroupKey = string | number;

/** Thrown for any invalid input; the message names the offending field and subject (0-based index). */
export class OutcomesInputError extends Error {
  override name = 'OutcomesInputError';
}

export function checkTimes(time: ArrayLike<number>, field = 'time'): void {
  if (time.length === 0) throw new OutcomesInputError(`${field}: no subjects`);
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      throw new OutcomesInputError(`${field}[${i}] must be a finite number ≥ 0, got ${String(t)}`);
    }
  }
}

/** Checks integer codes in 0..maxCode (status 0/1, or cause 0..k) and equal length with time. */
export function checkCodes(codes: ArrayLike<number>, n: number, field: string, maxCode: number): void {
  if (codes.length !== n) throw new OutcomesInputError(`${field} has ${codes.length} values but time has ${n}`);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (!Number.isInteger(c) || c < 0 || c > maxCode) {
      throw new OutcomesInputError(`${field}[${i}] must be an integer in 0..${maxCode}, got ${String(c)}`);
    }
  }
}

function compareKeys(a: GroupKey, b: GroupKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Factor {
  /** Group labels in order; index i of `levels` is code i. */
  levels: GroupKey[];
  /** Code of each subject. */
  codes: Int32Array;
}

/** Encodes group labels as 0..g-1 (like R's factor()). Missing labels are rejected, not silently dropped. */
export function factor(keys: ArrayLike<GroupKey | null | undefined>, n: number, field = 'group'): Factor {
  if (keys.length !== n) throw new OutcomesInputError(`${field} has ${keys.length} values but time has ${n}`);
  const seen = new Map<GroupKey, number>();
  for (let i = 0; i < n; i++) {
    const k = keys[i];
    if (k == null || (typeof k === 'number' && !Number.isFinite(k))) {
      throw new OutcomesInputError(`${field}[${i}] is missing; drop or label such subjects before the analysis`);
    }
    if (!seen.has(k)) seen.set(k, 0);
  }
  const levels = [...seen.keys()].sort(compareKeys);
  levels.forEach((k, i) => seen.set(k, i));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = seen.get(keys[i]!)!;
  return { levels, codes };
}

export interface Tabulation {
  /** Distinct observed times, ascending. */
  times: Float64Array;
  nGroups: number;
  nCodes: number;
  /** counts[(g * nCodes + code) * m + j]: subjects of group g with outcome code at times[j]. */
  counts: Int32Array;
}

/** Index of `x` in the sorted distinct array `a` (x is known to be present). */
function rank(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts subjects per distinct time, group and outcome code (0 = censored, 1..nCodes-1 = event types). */
export function tabulate(time: ArrayLike<number>, code: ArrayLike<number>, group: Int32Array | null, dims: { nGroups: number; nCodes: number }): Tabulation {
  const n = time.length;
  const sorted = Float64Array.from(time).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i]!;
  const times = sorted.slice(0, m);
  const { nGroups, nCodes } = dims;
  const counts = new Int32Array(nGroups * nCodes * m);
  for (let i = 0; i < n; i++) {
    const g = group ? group[i]! : 0;
    counts[(g * nCodes + code[i]!) * m + rank(times, time[i]!)]! += 1;
  }
  return { times, nGroups, nCodes, counts };
}

/** Number at risk (time ≥ t) at each distinct time for one group: reverse cumulative sum over all codes. */
export function atRisk(tab: Tabulation, g: number): Float64Array {
  const m = tab.times.length;
  const r = new Float64Array(m);
  let acc = 0;
  for (let j = m - 1; j >= 0; j--) {
    for (let c = 0; c < tab.nCodes; c++) acc += tab.counts[(g * tab.nCodes + c) * m + j]!;
    r[j] = acc;
  }
  return r;
}
