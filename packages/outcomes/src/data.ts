// Input checking and the one aggregation every estimator shares: distinct times x group x outcome code.
// Estimators then work on counts per distinct time, as R's survfit/survdiff/cuminc do internally, which makes
// ties exact (all events at a time are processed together; subjects censored at that time are still at risk:
// "events first", as R) and keeps 1,000,000 subjects fast (one numeric sort, no comparator sort).
import { rankFewTimes } from './fewTimes';

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

/**
 * Group labels already encoded by the caller (a columnar CSV reader interns them while it reads): code i of a
 * subject stands for `levels[i]`. Levels need not be sorted or distinct; factor() orders and merges them.
 */
export interface CodedGroups {
  readonly levels: readonly GroupKey[];
  readonly codes: Int32Array;
}

/** Group labels of each subject, as values or pre-encoded. */
export type GroupInput = ArrayLike<GroupKey | null | undefined> | CodedGroups;

function isCoded(keys: GroupInput): keys is CodedGroups {
  return (keys as CodedGroups).codes instanceof Int32Array && Array.isArray((keys as CodedGroups).levels);
}

/** Encodes group labels as 0..g-1 (like R's factor()). Missing labels are rejected, not silently dropped. */
export function factor(keys: GroupInput, n: number, field = 'group'): Factor {
  if (isCoded(keys)) return codedFactor(keys, n, field);
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

function codedFactor(keys: CodedGroups, n: number, field: string): Factor {
  const { levels: raw, codes: rawCodes } = keys;
  if (rawCodes.length !== n) throw new OutcomesInputError(`${field} has ${rawCodes.length} values but time has ${n}`);
  for (const k of raw) {
    if (k == null || (typeof k === 'number' && !Number.isFinite(k))) {
      throw new OutcomesInputError(`${field}: a level is missing; drop or label such subjects before the analysis`);
    }
  }
  const levels = [...new Set(raw)].sort(compareKeys);
  const index = new Map<GroupKey, number>(levels.map((k, i) => [k, i]));
  const remap = Int32Array.from(raw, (k) => index.get(k)!);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rawCodes[i]!;
    if (!(c >= 0 && c < raw.length)) throw new OutcomesInputError(`${field}[${i}] has no level (code ${c})`);
    codes[i] = remap[c]!;
  }
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

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Stable ascending order of non-negative times. LSD radix sort on the IEEE-754 bits (for doubles ≥ 0 the bit
 * pattern orders like the number), 16-bit digits, skipping digits that are constant (e.g. the low word of
 * whole-day times). Returns the permutation and the sorted times.
 */
export function sortTimes(time: ArrayLike<number>): { order: Uint32Array; sorted: Float64Array } {
  const n = time.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = time[i]! + 0; // -0 → +0
  if (!LITTLE_ENDIAN) {
    const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
    return { order, sorted: Float64Array.from(order, (i) => keys[i]!) };
  }
  const words = new Uint32Array(keys.buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = words[2 * i]!;
    hi[i] = words[2 * i + 1]!;
    idx[i] = i;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let idx2 = new Uint32Array(n);
  // All four digit histograms in one read pass (digit values do not change as the order does).
  const hist = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    const l = lo[i]!;
    const h = hi[i]!;
    hist[l & 0xffff]! += 1;
    hist[65536 + (l >>> 16)]! += 1;
    hist[131072 + (h & 0xffff)]! += 1;
    hist[196608 + (h >>> 16)]! += 1;
  }
  for (let pass = 0; pass < 4; pass++) {
    const src = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    const count = hist.subarray(pass * 65536, (pass + 1) * 65536);
    if (count[(src[0]! >>> shift) & 0xffff] === n) continue; // one digit value: nothing to do
    let acc = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = acc;
      acc += c;
    }
    for (let i = 0; i < n; i++) {
      const pos = count[(src[i]! >>> shift) & 0xffff]!++;
      lo2[pos] = lo[i]!;
      hi2[pos] = hi[i]!;
      idx2[pos] = idx[i]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [idx, idx2] = [idx2, idx];
  }
  for (let i = 0; i < n; i++) {
    words[2 * i] = lo[i]!;
    words[2 * i + 1] = hi[i]!;
  }
  return { order: idx, sorted: keys };
}

/** Up to this many distinct times, tabulate hashes the times instead of sorting the subjects. */
const FEW_TIMES = 65_536;

/** Counts subjects per distinct time, group and outcome code (0 = censored, 1..nCodes-1 = event types). */
export function tabulate(
  time: ArrayLike<number>,
  code: ArrayLike<number>,
  group: Int32Array | null,
  dims: { nGroups: number; nCodes: number }
): Tabulation {
  const n = time.length;
  const { nGroups, nCodes } = dims;
  // Few distinct times (whole days): hash them and sort only those; else a radix sort of every subject.
  const few = rankFewTimes(time, Math.min(FEW_TIMES, n));
  if (few) {
    const m = few.times.length;
    const counts = new Int32Array(nGroups * nCodes * m);
    const rank = few.rank;
    for (let i = 0; i < n; i++) {
      const g = group ? group[i]! : 0;
      counts[(g * nCodes + code[i]!) * m + rank[i]!]! += 1;
    }
    return { times: few.times, nGroups, nCodes, counts };
  }
  const { order, sorted } = sortTimes(time);
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) m++;
  const times = new Float64Array(m);
  const counts = new Int32Array(nGroups * nCodes * m);
  let j = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) times[++j] = sorted[i]!;
    const s = order[i]!;
    const g = group ? group[s]! : 0;
    counts[(g * nCodes + code[s]!) * m + j]! += 1;
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
