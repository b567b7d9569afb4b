// Gray's K-sample test for equality of cumulative incidence functions (Gray 1988, Ann Stat 16:1141–1154),
// the test of cmprsk::cuminc (Fortran routine crstm/crst), with the default rho = 0. Matches cmprsk 2.2-11 to
// ~1e-12 (src/rReference.test.ts).
//
// Score (as crst): with R_r(t) = Y_r(t)(1 − F_r(t−))/S_r(t−), the "subdistribution risk set" of group r
// (F_r, S_r: the group's cumulative incidence and all-cause KM), summed over distinct event times:
//   z_k = Σ_t [ d1_k(t) − R_k(t) d1(t)/Σ_r R_r(t) ],   k = 1..K−1.
// Variance: Gray's asymptotic covariance estimated under H0 exactly as crst does, with the pooled quantities
//   h_r = Y_r/S_r(t−),  tr = Σ_r h_r,  pooled F⁰(t) = F⁰(t−) + d1(t)/tr,  dΓ⁰(t) = d1(t)/((1 − F⁰(t−)) tr),
//   a_kr(t) = h_r (δ_kr − h_k/tr),   D_kr(u) = Σ_{t>u} a_kr(t) dΓ⁰(t),
// and per group r and event time u (S_r(u) right-continuous, F⁰(u) right-continuous):
//   cause of interest:  A = a_r(u) + t4 D_r(u),  t4 = 1 − (1 − F⁰(u))/S_r(u) (1 if S_r(u) = 0),
//                       V += t5 S_r(u−) d1/(tr Y_r) · A Aᵀ,   t5 = 1 − (d1 − 1)/(tr S_r(u−) − 1)
//   other causes (S_r(u) > 0):  B = (1 − F⁰(u))/S_r(u) · D_r(u),
//                       V += t5' S_r(u−)² d2_r/Y_r² · B Bᵀ,   t5' = 1 − (d2_r − 1)/(Y_r − 1)
// (d1 = pooled events of the cause tested, d2_r = group r's events of other causes; t5, t5' are tie factors,
// 1 for a single event). Note the variance uses the h-weights δ − h_k/Σh, not the score's R-weights: both
// estimate the same limit under H0, and this is what cmprsk computes. stat = zᵀV⁻¹z on K−1 df.
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
  type GroupInput,
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
  // Per group: S(t−) and the subdistribution risk set R at every distinct time.
  const Sm = zeros(K, m);
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
    }
  }
  const score = new Array<number>(K - 1).fill(0);
  for (let j = 0; j < m; j++) {
    let d1 = 0;
    let rs = 0;
    for (let r = 0; r < K; r++) {
      d1 += cnt(r, cause, j);
      rs += R[r]![j]!;
    }
    if (d1 === 0 || rs <= 0) continue;
    for (let k = 0; k < K - 1; k++) score[k]! += cnt(k, cause, j) - (R[k]![j]! * d1) / rs;
  }
  // Pooled quantities of crst's variance at each distinct time with an event (any cause).
  const tr = new Float64Array(m);
  const F0 = new Float64Array(m); // pooled F⁰(t), right-continuous
  const dGamma0 = new Float64Array(m);
  const nd1 = new Float64Array(m);
  let f0 = 0;
  for (let j = 0; j < m; j++) {
    let d1 = 0;
    let dAll = 0;
    let h = 0;
    for (let r = 0; r < K; r++) {
      d1 += cnt(r, cause, j);
      dAll += allEvents[r]![j]!;
      if (Y[r]![j]! > 0) h += Y[r]![j]! / Sm[r]![j]!;
    }
    if (dAll > 0) {
      tr[j] = h;
      nd1[j] = d1;
      dGamma0[j] = d1 / ((1 - f0) * h);
      f0 += d1 / h;
    }
    F0[j] = f0;
  }
  const V = zeros(K - 1, K - 1);
  const a = new Float64Array(K - 1);
  const A = new Float64Array(K - 1);
  const D = new Float64Array(K - 1);
  const add = (vec: Float64Array, weight: number): void => {
    for (let k = 0; k < K - 1; k++) {
      for (let l = 0; l <= k; l++) {
        const v = vec[k]! * vec[l]! * weight;
        V[k]![l]! += v;
        if (l !== k) V[l]![k]! += v;
      }
    }
  };
  for (let r = 0; r < K; r++) {
    D.fill(0);
    for (let j = m - 1; j >= 0; j--) {
      const y = Y[r]![j]!;
      if (y <= 0 || tr[j] === 0) continue; // not at risk, or no event at this time
      const sm = Sm[r]![j]!;
      const hr = y / sm;
      for (let k = 0; k < K - 1; k++) {
        const hk = Y[k]![j]! > 0 ? Y[k]![j]! / Sm[k]![j]! : 0;
        a[k] = hr * ((k === r ? 1 : 0) - hk / tr[j]!);
      }
      const s = sm * (1 - allEvents[r]![j]! / y); // S_r(u), right-continuous
      const d1 = nd1[j]!;
      if (d1 > 0) {
        const t4 = s > 0 ? 1 - (1 - F0[j]!) / s : 1;
        const t5 = d1 !== 1 ? 1 - (d1 - 1) / (tr[j]! * sm - 1) : 1;
        for (let k = 0; k < K - 1; k++) A[k] = a[k]! + t4 * D[k]!;
        add(A, (t5 * sm * d1) / (tr[j]! * y));
      }
      const d2 = allEvents[r]![j]! - cnt(r, cause, j);
      if (d2 > 0 && s > 0) {
        const t4 = (1 - F0[j]!) / s;
        const t5 = d2 !== 1 ? 1 - (d2 - 1) / (y - 1) : 1;
        for (let k = 0; k < K - 1; k++) A[k] = t4 * D[k]!;
        add(A, (t5 * sm * sm * d2) / (y * y));
      }
      // D_kr(u) sums over t > u: add this time only after using it
      for (let k = 0; k < K - 1; k++) D[k]! += a[k]! * dGamma0[j]!;
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
  group: GroupInput;
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
  return grayFromTabulations(tabs, K, causes);
}

/** Gray's test from tabulations already made (one per stratum; K groups; `causes` = causesIn of the codes). */
export function grayFromTabulations(tabs: Tabulation[], K: number, causes: number[]): GrayResult[] {
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
