// Gray's K-sample test for equality of cumulative incidence functions (Gray 1988, Ann Stat 16:1141–1154),
// the test of cmprsk::cuminc (routine crstm), with the default rho = 0.
//
// Score (as crstm): with R_r(t) = Y_r(t)(1 − F_r(t−))/S_r(t−), the "subdistribution risk set" of group r,
// and the pooled subdistribution hazard dΓ(t) = d1(t)/Σ_r R_r(t):
//   z_k = Σ_t [ d1_k(t) − R_k(t) d1(t)/Σ_r R_r(t) ],   k = 1..K−1.
// Variance: Gray's asymptotic covariance, derived here by the functional delta method. With
//   w_kr(t) = δ_kr − R_k(t)/Σ R,   D_kr(u) = Σ_{t>u} w_kr(t) Y_r(t)/S_r(t−) dΓ(t),
//   a1_kr(u) = w_kr(u) Y_r(u) + (S_r(u−) − 1 + F_r(u)) D_kr(u),   a2_kr(u) = −(1 − F_r(u)) D_kr(u),
//   V_kk' = Σ_r Σ_u [ a1_kr a1_k'r d1_r(u) + a2_kr a2_k'r d2_r(u) ] / Y_r(u)²
// (d1 = events of the cause tested, d2 = events of other causes). stat = zᵀV⁻¹z on K−1 df.
// This is the same estimand as crstm; finite-sample agreement with cmprsk to the last digit is not verified.
import { causesIn, MAX_CAUSE } from './cif';
import {
  atRisk,
  checkCodes,
  checkTimes,
  factor,
  OutcomesInputError,
  tabulate,
  type GroupKey,
  type Tabulation,
} from './data';
import { chiSquareSf } from './distributions';
import { quadFormInverse, zeros } from './linalg';

export interface GrayResult {
  cause: number;
  stat: number;
  df: number;
  p: number;
  /** Scores z_k of the first K−1 groups and their covariance (cmprsk's $score and $var in spirit). */
  score: number[];
  variance: number[][];
}

function grayCore(tab: Tabulation, K: number, cause: number): { score: number[]; V: number[][] } {
  const m = tab.times.length;
  const nCodes = tab.nCodes;
  const Y = Array.from({ length: K }, (_, g) => atRisk(tab, g));
  const cnt = (g: number, c: number, j: number): number => tab.counts[(g * nCodes + c) * m + j]!;
  const allEvents = Array.from({ length: K }, (_, g) => {
    const a = new Float64Array(m);
    for (let j = 0; j < m; j++) for (let c = 1; c < nCodes; c++) a[j]! += cnt(g, c, j);
    return a;
  });
  // Per group: S(t−), F(t) and the subdistribution risk set R at every distinct time.
  const Sm = zeros(K, m);
  const Fp = zeros(K, m);
  const R = zeros(K, m);
  for (let r = 0; r < K; r++) {
    let s = 1;
    let F = 0;
    for (let j = 0; j < m; j++) {
      const y = Y[r]![j]!;
      Sm[r]![j] = s;
      if (y > 0) {
        R[r]![j] = (y * (1 - F)) / s;
        F += (s * cnt(r, cause, j)) / y;
        s *= 1 - allEvents[r]![j]! / y;
      }
      Fp[r]![j] = F;
    }
  }
  const dGamma = new Float64Array(m);
  const Rsum = new Float64Array(m);
  const score = new Array<number>(K - 1).fill(0);
  for (let j = 0; j < m; j++) {
    let d1 = 0;
    let rs = 0;
    for (let r = 0; r < K; r++) {
      d1 += cnt(r, cause, j);
      rs += R[r]![j]!;
    }
    Rsum[j] = rs;
    if (d1 === 0 || rs <= 0) continue;
    dGamma[j] = d1 / rs;
    for (let k = 0; k < K - 1; k++) score[k]! += cnt(k, cause, j) - (R[k]![j]! * d1) / rs;
  }
  const V = zeros(K - 1, K - 1);
  const a1 = new Float64Array(K - 1);
  const a2 = new Float64Array(K - 1);
  const D = new Float64Array(K - 1);
  for (let r = 0; r < K; r++) {
    D.fill(0);
    for (let j = m - 1; j >= 0; j--) {
      const y = Y[r]![j]!;
      if (y <= 0 || Rsum[j]! <= 0) continue;
      const d1 = cnt(r, cause, j);
      const d2 = allEvents[r]![j]! - d1;
      for (let k = 0; k < K - 1; k++) {
        const w = (k === r ? 1 : 0) - R[k]![j]! / Rsum[j]!;
        // D_kr(u) sums over t > u: use the value accumulated from later times, then add this time.
        a1[k] = w * y + (Sm[r]![j]! - 1 + Fp[r]![j]!) * D[k]!;
        a2[k] = -(1 - Fp[r]![j]!) * D[k]!;
        D[k]! += (w * y * dGamma[j]!) / Sm[r]![j]!;
      }
      if (d1 === 0 && d2 === 0) continue;
      const y2 = y * y;
      for (let k = 0; k < K - 1; k++) {
        for (let l = 0; l <= k; l++) {
          const v = (a1[k]! * a1[l]! * d1 + a2[k]! * a2[l]! * d2) / y2;
          V[k]![l]! += v;
          if (l !== k) V[l]![k]! += v;
        }
      }
    }
  }
  return { score, V };
}

/**
 * Gray's test for each cause present in the data, optionally stratified (scores and variances summed over
 * strata, as cuminc(..., strata)).
 * @param data - time, cause (0 = censored, 1..k), group (at least two groups) and optional strata per subject
 */
export function grayTest(data: {
  time: ArrayLike<number>;
  cause: ArrayLike<number>;
  group: ArrayLike<GroupKey | null | undefined>;
  strata?: ArrayLike<GroupKey | null | undefined>;
}): GrayResult[] {
  checkTimes(data.time);
  const n = data.time.length;
  checkCodes(data.cause, n, 'cause', MAX_CAUSE);
  const f = factor(data.group, n);
  const K = f.levels.length;
  if (K < 2) throw new OutcomesInputError("Gray's test needs at least two groups");
  const causes = causesIn(data.cause);
  const nCodes = (causes.at(-1) ?? 0) + 1;
  const tabs: Tabulation[] = [];
  if (!data.strata) {
    tabs.push(tabulate(data.time, data.cause, f.codes, { nGroups: K, nCodes }));
  } else {
    const s = factor(data.strata, n, 'strata');
    for (let st = 0; st < s.levels.length; st++) {
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if (s.codes[i] === st) idx.push(i);
      tabs.push(
        tabulate(
          idx.map((i) => data.time[i]!),
          idx.map((i) => data.cause[i]!),
          Int32Array.from(idx, (i) => f.codes[i]!),
          { nGroups: K, nCodes }
        )
      );
    }
  }
  return causes.map((cause) => {
    const score = new Array<number>(K - 1).fill(0);
    const V = zeros(K - 1, K - 1);
    for (const tab of tabs) {
      const part = grayCore(tab, K, cause);
      for (let k = 0; k < K - 1; k++) {
        score[k]! += part.score[k]!;
        for (let l = 0; l < K - 1; l++) V[k]![l]! += part.V[k]![l]!;
      }
    }
    const stat = quadFormInverse(V, score);
    if (stat == null) {
      throw new OutcomesInputError(`Gray's test for cause ${cause}: singular variance (too few events per group)`);
    }
    return { cause, stat, df: K - 1, p: chiSquareSf(stat, K - 1), score, variance: V };
  });
}
