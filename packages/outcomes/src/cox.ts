// Cox proportional hazards by Newton–Raphson on the partial likelihood, as R's survival::coxph (coxfit6;
// agfit4 for counting-process (start, stop] data with time-dependent covariates):
// Efron's approximation for tied event times (R's default) or Breslow's; covariates centred; start at β = 0;
// step-halving when the log-likelihood decreases; stop when |1 − l_old/l_new| ≤ eps (1e-9) within iter.max
// (20). Efron, for d events at a time with risk-set sums (S0, S1, S2) and event-set sums (E0, E1, E2):
//   l += Σ_D xβ − Σ_{r<d} log(S0 − (r/d)E0),   z̄_r = (S1 − (r/d)E1)/(S0 − (r/d)E0)
//   U += Σ_D x − Σ_r z̄_r,   I += Σ_r [(S2 − (r/d)E2)/(S0 − (r/d)E0) − z̄_r z̄_rᵀ]   (Breslow: r/d → 0)
// Tests as summary.coxph: likelihood ratio 2(l(β̂) − l(0)), Wald β̂ᵀ I(β̂) β̂, score U(0)ᵀ I(0)⁻¹ U(0), on p df.
import { z } from 'zod';
import { checkCodes, checkTimes, factor, OutcomesInputError, type GroupKey } from './data';
import { chiSquareSf, normalQuantile, normalTwoSidedP } from './distributions';
import { dot, invertSpd, matVec, zeros, type Matrix } from './linalg';

export const CoxOptionsSchema = z
  .object({
    ties: z.enum(['efron', 'breslow']).default('efron'),
    maxIter: z.number().int().positive().default(20),
    eps: z.number().positive().default(1e-9),
    confLevel: z.number().gt(0).lt(1).default(0.95),
  })
  .strict();
export type CoxOptions = z.input<typeof CoxOptionsSchema>;

export interface CoxData {
  /** Follow-up (or, with `start`, the end of each (start, stop] interval). */
  time: ArrayLike<number>;
  /**
   * Optional start of each interval, for counting-process data: rows (start, time] of the same subject carry
   * time-dependent covariates, as coxph(Surv(start, stop, event) ~ ...). A row is at risk at t if start < t ≤ time.
   */
  start?: ArrayLike<number>;
  status: ArrayLike<number>;
  /** Numeric covariates by name, each with one value per subject (code factors as 0/1 indicators). */
  covariates: Record<string, ArrayLike<number>>;
  /** Optional strata: separate baseline hazards, common coefficients (coxph + strata()). */
  strata?: ArrayLike<GroupKey | null | undefined>;
}

export interface CoxCoefficient {
  name: string;
  coef: number;
  hazardRatio: number;
  stdErr: number;
  z: number;
  p: number;
  lower: number;
  upper: number;
}

export interface CoxTest {
  stat: number;
  df: number;
  p: number;
}

export interface CoxFit {
  n: number;
  events: number;
  coefficients: CoxCoefficient[];
  /** Variance–covariance matrix of β̂ (inverse information). */
  variance: Matrix;
  /** Partial log-likelihood at β = 0 and at β̂. */
  logLik: [number, number];
  likelihoodRatio: CoxTest;
  wald: CoxTest;
  score: CoxTest;
  iterations: number;
  converged: boolean;
  /** E.g. a coefficient that may be infinite (monotone likelihood, as R's coxph warning) or no convergence. */
  warnings: string[];
  ties: 'efron' | 'breslow';
  confLevel: number;
}

interface Prepared {
  /** Subject order: by stratum, then time descending (risk sets grow as we walk). */
  order: Int32Array;
  /** With counting-process data: order by stratum, then start descending (rows leave the risk set). */
  startOrder: Int32Array | null;
  start: ArrayLike<number> | null;
  time: ArrayLike<number>;
  status: ArrayLike<number>;
  strata: Int32Array | null;
  x: Float64Array[]; // centred covariates, x[k][i]
  p: number;
}

interface Eval {
  loglik: number;
  u: number[];
  imat: Matrix;
}

function evaluate(d: Prepared, beta: readonly number[], efron: boolean): Eval {
  const { order, startOrder, start, time, status, strata, x, p } = d;
  const n = order.length;
  const stratumOf = (i: number): number => (strata ? strata[i]! : 0);
  let q = 0; // next row to leave the risk set (counting-process data)
  let inRisk = 0;
  let loglik = 0;
  const u = new Array<number>(p).fill(0);
  const imat = zeros(p, p);
  const s1 = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const e1 = new Float64Array(p);
  const e2 = new Float64Array(p * p);
  const xi = new Float64Array(p);
  let s0 = 0;
  let i = 0;
  while (i < n) {
    const first = order[i]!;
    const st = strata ? strata[first]! : 0;
    if (i === 0 || (strata && strata[order[i - 1]!] !== st)) {
      s0 = 0;
      s1.fill(0);
      s2.fill(0);
      inRisk = 0;
      if (startOrder) while (q < n && stratumOf(startOrder[q]!) < st) q++;
    }
    const t = time[first]!;
    let e0 = 0;
    e1.fill(0);
    e2.fill(0);
    let deaths = 0;
    // all subjects of this stratum with this time join the risk set
    while (i < n && time[order[i]!] === t && (!strata || strata[order[i]!] === st)) {
      const s = order[i]!;
      let eta = 0;
      for (let k = 0; k < p; k++) {
        xi[k] = x[k]![s]!;
        eta += beta[k]! * xi[k]!;
      }
      const r = Math.exp(eta);
      s0 += r;
      inRisk++;
      for (let k = 0; k < p; k++) {
        s1[k]! += r * xi[k]!;
        for (let l = 0; l <= k; l++) s2[k * p + l]! += r * xi[k]! * xi[l]!;
      }
      if (status[s] === 1) {
        deaths++;
        loglik += eta;
        e0 += r;
        for (let k = 0; k < p; k++) {
          u[k]! += xi[k]!;
          e1[k]! += r * xi[k]!;
          for (let l = 0; l <= k; l++) e2[k * p + l]! += r * xi[k]! * xi[l]!;
        }
      }
      i++;
    }
    if (startOrder && start) {
      // rows whose interval starts at or after t are not at risk at t (they were added with a later stop)
      while (q < n && stratumOf(startOrder[q]!) === st && start[startOrder[q]!]! >= t) {
        const s = startOrder[q]!;
        let eta = 0;
        for (let k = 0; k < p; k++) eta += beta[k]! * x[k]![s]!;
        const r = Math.exp(eta);
        s0 -= r;
        inRisk--;
        for (let k = 0; k < p; k++) {
          s1[k]! -= r * x[k]![s]!;
          for (let l = 0; l <= k; l++) s2[k * p + l]! -= r * x[k]![s]! * x[l]![s]!;
        }
        q++;
      }
      if (inRisk === 0) {
        s0 = 0;
        s1.fill(0);
        s2.fill(0);
      }
    }
    for (let r = 0; r < deaths; r++) {
      const f = efron ? r / deaths : 0;
      const denom = s0 - f * e0;
      loglik -= Math.log(denom);
      for (let k = 0; k < p; k++) {
        const zk = (s1[k]! - f * e1[k]!) / denom;
        u[k]! -= zk;
        for (let l = 0; l <= k; l++) {
          const zl = (s1[l]! - f * e1[l]!) / denom;
          const v = (s2[k * p + l]! - f * e2[k * p + l]!) / denom - zk * zl;
          imat[k]![l]! += v;
          if (l !== k) imat[l]![k]! += v;
        }
      }
    }
  }
  return { loglik, u, imat };
}

function prepare(data: CoxData): { prep: Prepared; names: string[]; events: number } {
  checkTimes(data.time);
  const n = data.time.length;
  checkCodes(data.status, n, 'status', 1);
  const names = Object.keys(data.covariates);
  if (names.length === 0) throw new OutcomesInputError('cox: at least one covariate is needed');
  const x = names.map((name) => {
    const col = data.covariates[name]!;
    if (col.length !== n) throw new OutcomesInputError(`covariate ${name} has ${col.length} values but time has ${n}`);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new OutcomesInputError(`covariate ${name}[${i}] must be a finite number, got ${String(v)}`);
      }
      mean += v / n;
    }
    return Float64Array.from({ length: n }, (_, i) => col[i]! - mean);
  });
  const strata = data.strata ? factor(data.strata, n, 'strata').codes : null;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    if (strata && strata[a] !== strata[b]) return strata[a]! - strata[b]!;
    return data.time[b]! - data.time[a]!;
  });
  const start = data.start ?? null;
  let startOrder: Int32Array | null = null;
  if (start) {
    if (start.length !== n) throw new OutcomesInputError(`start has ${start.length} values but time has ${n}`);
    for (let i = 0; i < n; i++) {
      const s0 = start[i]!;
      if (typeof s0 !== 'number' || !Number.isFinite(s0) || !(s0 < data.time[i]!)) {
        throw new OutcomesInputError(
          `start[${i}] must be a finite number below time[${i}] (${data.time[i]}), got ${String(s0)}`
        );
      }
    }
    startOrder = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
      if (strata && strata[a] !== strata[b]) return strata[a]! - strata[b]!;
      return start[b]! - start[a]!;
    });
  }
  let events = 0;
  for (let i = 0; i < n; i++) events += data.status[i]!;
  if (events === 0) throw new OutcomesInputError('cox: no events');
  return {
    prep: { order, startOrder, start, time: data.time, status: data.status, strata, x, p: names.length },
    names,
    events,
  };
}

/**
 * Fits a Cox proportional hazards model (coxph(Surv(time, status) ~ covariates [+ strata(s)])).
 * @param data - time, 0/1 status, named numeric covariates and optional strata
 * @param options - ties 'efron' (default) | 'breslow', maxIter (20), eps (1e-9), confLevel (0.95)
 */
export function coxPH(data: CoxData, options: CoxOptions = {}): CoxFit {
  const opts = CoxOptionsSchema.parse(options);
  const { prep, names, events } = prepare(data);
  const efron = opts.ties === 'efron';
  const p = prep.p;
  const singular = (): OutcomesInputError =>
    new OutcomesInputError('cox: the information matrix is singular (collinear or constant covariates?)');

  let beta = new Array<number>(p).fill(0);
  const at0 = evaluate(prep, beta, efron);
  const inv0 = invertSpd(at0.imat);
  if (!inv0) throw singular();
  const scoreStat = dot(at0.u, matVec(inv0, at0.u));

  let cur = at0;
  let curInv = inv0;
  let newBeta = beta.map((b, k) => b + matVec(curInv, cur.u)[k]!);
  let iterations = 0;
  let converged = false;
  let halving = 0;
  for (let iter = 1; iter <= opts.maxIter; iter++) {
    iterations = iter;
    const next = evaluate(prep, newBeta, efron);
    if (Math.abs(1 - cur.loglik / next.loglik) <= opts.eps && halving === 0) {
      beta = newBeta;
      cur = next;
      converged = true;
      break;
    }
    if (next.loglik < cur.loglik || !Number.isFinite(next.loglik)) {
      halving++;
      newBeta = newBeta.map((b, k) => (b + beta[k]!) / 2);
      continue;
    }
    halving = 0;
    beta = newBeta;
    cur = next;
    const inv = invertSpd(cur.imat);
    if (!inv) throw singular();
    curInv = inv;
    const step = matVec(curInv, cur.u);
    newBeta = beta.map((b, k) => b + step[k]!);
  }
  const variance = invertSpd(cur.imat);
  if (!variance) throw singular();
  const zq = normalQuantile(1 - (1 - opts.confLevel) / 2);
  const coefficients = names.map((name, k) => {
    const coef = beta[k]!;
    const se = Math.sqrt(variance[k]![k]!);
    return {
      name,
      coef,
      hazardRatio: Math.exp(coef),
      stdErr: se,
      z: coef / se,
      p: normalTwoSidedP(coef / se),
      lower: Math.exp(coef - zq * se),
      upper: Math.exp(coef + zq * se),
    };
  });
  const test = (stat: number): CoxTest => ({ stat, df: p, p: chiSquareSf(stat, p) });
  // As coxph: if one more Newton step would still move a coefficient (|V·U| > toler.inf, relative to |β|),
  // the likelihood is monotone in it and the estimate may be infinite.
  const warnings: string[] = [];
  const tolInf = Math.sqrt(opts.eps);
  const step = matVec(variance, cur.u);
  names.forEach((name, k) => {
    const s = Math.abs(step[k]!);
    if (s > tolInf && s > tolInf * Math.abs(beta[k]!)) {
      warnings.push(`coefficient ${name} may be infinite (monotone likelihood)`);
    }
  });
  if (!converged) warnings.push(`did not converge in ${opts.maxIter} iterations`);
  return {
    n: prep.order.length,
    events,
    coefficients,
    variance,
    logLik: [at0.loglik, cur.loglik],
    likelihoodRatio: test(2 * (cur.loglik - at0.loglik)),
    wald: test(dot(beta, matVec(cur.imat, beta))),
    score: test(scoreStat),
    iterations,
    converged,
    warnings,
    ties: opts.ties,
    confLevel: opts.confLevel,
  };
}
