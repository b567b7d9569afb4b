// Log-rank test for k groups, optionally stratified: R's survival::survdiff with rho = 0.
// At each distinct event time (within stratum), with n at risk, d events, n_g at risk in group g:
//   E_g += d n_g / n,   V_gh += d (n − d)/(n − 1) · (n_g/n)(δ_gh − n_h/n)   (hypergeometric, n > 1)
// O, E and V are summed over strata. As survdiff: groups with E = 0 are removed, the first remaining group is
// dropped, chisq = (O−E)ᵀ V⁻¹ (O−E) on the rest, df = (#groups with E > 0) − 1; fewer than 2 such groups: chisq 0.
import {
  atRisk,
  checkCodes,
  checkTimes,
  factor,
  OutcomesInputError,
  tabulate,
  type GroupKey,
  type Tabulation,
  type GroupInput,
} from './data';
import { chiSquareSf } from './distributions';
import { quadFormInverse, zeros, type Matrix } from './linalg';

export interface LogRankData {
  time: ArrayLike<number>;
  status: ArrayLike<number>;
  group: GroupInput;
  /** Optional stratum per subject: the test compares groups within strata and sums (survdiff + strata()). */
  strata?: ArrayLike<GroupKey | null | undefined>;
}

export interface LogRankResult {
  chisq: number;
  df: number;
  /** Upper-tail chi-square p-value; 1 when df = 0 (nothing to compare). */
  p: number;
  groups: { name: GroupKey; n: number; observed: number; expected: number }[];
  /** Variance–covariance matrix of O − E (survdiff's $var). */
  variance: Matrix;
}

function accumulate(tab: Tabulation, acc: { k: number; o: number[]; e: number[]; v: Matrix }): void {
  const { k, o, e, v } = acc;
  const m = tab.times.length;
  const risk = Array.from({ length: k }, (_, g) => atRisk(tab, g));
  const ng = new Float64Array(k);
  for (let j = 0; j < m; j++) {
    let d = 0;
    let n = 0;
    for (let g = 0; g < k; g++) {
      const dg = tab.counts[(2 * g + 1) * m + j]!;
      d += dg;
      o[g]! += dg;
      ng[g] = risk[g]![j]!;
      n += ng[g]!;
    }
    if (d === 0) continue;
    for (let g = 0; g < k; g++) e[g]! += (d * ng[g]!) / n;
    if (n > 1) {
      const w = (d * (n - d)) / (n - 1);
      for (let g = 0; g < k; g++) {
        const pg = ng[g]! / n;
        if (pg === 0) continue;
        for (let h = 0; h < k; h++) v[g]![h]! += w * pg * ((g === h ? 1 : 0) - ng[h]! / n);
      }
    }
  }
}

/** Log-rank test (survdiff, rho = 0) comparing the groups, stratified if `strata` is given. */
export function logRank(data: LogRankData): LogRankResult {
  checkTimes(data.time);
  const n = data.time.length;
  checkCodes(data.status, n, 'status', 1);
  const f = factor(data.group, n);
  const k = f.levels.length;
  const acc = { k, o: new Array<number>(k).fill(0), e: new Array<number>(k).fill(0), v: zeros(k, k) };
  if (!data.strata) {
    accumulate(tabulate(data.time, data.status, f.codes, { nGroups: k, nCodes: 2 }), acc);
  } else {
    const s = factor(data.strata, n, 'strata');
    for (let st = 0; st < s.levels.length; st++) {
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if (s.codes[i] === st) idx.push(i);
      const tab = tabulate(
        idx.map((i) => data.time[i]!),
        idx.map((i) => data.status[i]!),
        Int32Array.from(idx, (i) => f.codes[i]!),
        { nGroups: k, nCodes: 2 }
      );
      accumulate(tab, acc);
    }
  }
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) counts[f.codes[i]!]! += 1;
  return finish(f.levels, counts, acc);
}

/** Log-rank test on an existing (unstratified) tabulation with status codes 0/1; see compareSurvival. */
export function logRankFromTabulation(tab: Tabulation, levels: GroupKey[]): LogRankResult {
  const k = levels.length;
  const acc = { k, o: new Array<number>(k).fill(0), e: new Array<number>(k).fill(0), v: zeros(k, k) };
  accumulate(tab, acc);
  const counts = levels.map((_, g) => atRisk(tab, g)[0] ?? 0);
  return finish(levels, counts, acc);
}

function finish(
  levels: GroupKey[],
  counts: number[],
  acc: { k: number; o: number[]; e: number[]; v: Matrix }
): LogRankResult {
  const { o, e, v } = acc;
  const keep = e.map((x, g) => (x > 0 ? g : -1)).filter((g) => g >= 0);
  const df = keep.length - 1;
  let chisq = 0;
  if (keep.length >= 2) {
    const sub = keep.slice(1);
    const diff = sub.map((g) => o[g]! - e[g]!);
    const q = quadFormInverse(
      sub.map((g) => sub.map((h) => v[g]![h]!)),
      diff
    );
    if (q == null) throw new OutcomesInputError('log-rank variance matrix is singular (groups are not comparable)');
    chisq = q;
  }
  return {
    chisq,
    df: Math.max(df, 0),
    p: df > 0 ? chiSquareSf(chisq, df) : 1,
    groups: levels.map((name, g) => ({ name, n: counts[g]!, observed: o[g]!, expected: e[g]! })),
    variance: v,
  };
}
