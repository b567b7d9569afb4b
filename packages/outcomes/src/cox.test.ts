import { describe, expect, it } from 'vitest';
import { coxPH } from './cox';
import { logRank } from './logrank';
import { aml, gehan } from './textbook.fixtures';

describe('Cox PH, hand-derived', () => {
  // (t, status, x): (1,1,1) (2,1,0) (3,1,1); u = e^β.
  // L(β) = u/(2u+1) · 1/(1+u) · 1.  U = 1 − 2u/(2u+1) − u/(1+u) = 0  ⇔  2u² = 1  ⇔  β̂ = −ln(2)/2.
  // I(β̂) = 2u/(2u+1)² + u/(1+u)² = 6√2 − 8.   U(0) = 1 − 2/3 − 1/2 = −1/6, I(0) = 2/9 + 1/4 = 17/36.
  const d = { time: [1, 2, 3], status: [1, 1, 1], covariates: { x: [1, 0, 1] } };
  const fit = coxPH(d);
  const b = -Math.log(2) / 2;
  const info = 6 * Math.SQRT2 - 8;
  it('coefficient, SE and hazard ratio', () => {
    const c = fit.coefficients[0]!;
    expect(c.name).toBe('x');
    expect(c.coef).toBeCloseTo(b, 8);
    expect(c.stdErr).toBeCloseTo(1 / Math.sqrt(info), 8);
    expect(c.hazardRatio).toBeCloseTo(Math.SQRT1_2, 8);
    expect(c.lower).toBeCloseTo(Math.exp(b - 1.959963984540054 / Math.sqrt(info)), 8);
    expect(fit.converged).toBe(true);
  });
  it('likelihood ratio, Wald and score tests', () => {
    const u = Math.SQRT1_2;
    const l1 = b - Math.log(2 * u + 1) - Math.log(1 + u);
    expect(fit.logLik[0]).toBeCloseTo(-Math.log(6), 14);
    expect(fit.logLik[1]).toBeCloseTo(l1, 10);
    expect(fit.likelihoodRatio.stat).toBeCloseTo(2 * (l1 + Math.log(6)), 9);
    expect(fit.wald.stat).toBeCloseTo(b * b * info, 8);
    expect(fit.score.stat).toBeCloseTo(1 / 36 / (17 / 36), 14); // = 1/17
    expect(fit.score.df).toBe(1);
  });
  it('Efron and Breslow ties', () => {
    // (1,1,1) (1,1,0) (2,1,1). Efron at t=1: u / ((2u+1)(2u+1 − (u+1)/2)) → 6u² = 1, β̂ = −ln(6)/2.
    // Breslow: u/(2u+1)² → 2u+1 = 4u, β̂ = −ln 2.
    const t = { time: [1, 1, 2], status: [1, 1, 1], covariates: { x: [1, 0, 1] } };
    expect(coxPH(t).coefficients[0]!.coef).toBeCloseTo(-Math.log(6) / 2, 8);
    expect(coxPH(t, { ties: 'breslow' }).coefficients[0]!.coef).toBeCloseTo(-Math.log(2), 8);
  });
  it('without ties the score test is the log-rank test', () => {
    const time = [1, 3, 2, 4, 5.5, 6, 7, 8];
    const status = [1, 1, 1, 1, 0, 1, 1, 0];
    const g = [1, 1, 0, 0, 1, 0, 1, 0];
    expect(coxPH({ time, status, covariates: { g } }).score.stat).toBeCloseTo(
      logRank({ time, status, group: g }).chisq,
      12
    );
  });
  it('location/scale invariance and strata', () => {
    const base = { time: aml.time, status: aml.status };
    const x = aml.x.map((v) => (v === 'Nonmaintained' ? 1 : 0));
    const f1 = coxPH({ ...base, covariates: { x } });
    const f2 = coxPH({ ...base, covariates: { x: x.map((v) => 10 * v + 3) } });
    expect(f2.coefficients[0]!.coef).toBeCloseTo(f1.coefficients[0]!.coef / 10, 8);
    expect(f2.likelihoodRatio.stat).toBeCloseTo(f1.likelihoodRatio.stat, 8);
    const single = coxPH({ ...base, covariates: { x }, strata: aml.time.map(() => 'one') });
    expect(single.coefficients[0]!.coef).toBeCloseTo(f1.coefficients[0]!.coef, 10);
  });
  it('strata: two identical strata double the information, same β̂', () => {
    // each stratum has its own risk sets, so the log-likelihood of two copies is twice that of one
    const two = coxPH({
      time: [...d.time, ...d.time],
      status: [...d.status, ...d.status],
      covariates: { x: [...d.covariates.x, ...d.covariates.x] },
      strata: ['s1', 's1', 's1', 's2', 's2', 's2'],
    });
    expect(two.coefficients[0]!.coef).toBeCloseTo(b, 8);
    expect(two.coefficients[0]!.stdErr).toBeCloseTo(1 / Math.sqrt(2 * info), 8);
    expect(two.logLik[1]).toBeCloseTo(2 * fit.logLik[1], 10);
  });
  it('monotone likelihood (perfect separation): large coefficient with a warning, as coxph', () => {
    const f = coxPH({ time: [1, 2, 3, 4], status: [1, 1, 1, 1], covariates: { x: [1, 1, 0, 0] } });
    expect(f.coefficients[0]!.coef).toBeGreaterThan(10);
    expect(f.warnings.join(' ')).toMatch(/x may be infinite/);
    expect(fit.warnings).toEqual([]);
  });
  it('counting process: (0, t] rows equal the ordinary fit; splitting a row changes nothing', () => {
    const x = aml.x.map((v) => (v === 'Nonmaintained' ? 1 : 0));
    const base = coxPH({ time: aml.time, status: aml.status, covariates: { x } });
    const cp = coxPH({ start: aml.time.map(() => 0), time: aml.time, status: aml.status, covariates: { x } });
    expect(cp.coefficients[0]!.coef).toBeCloseTo(base.coefficients[0]!.coef, 10);
    expect(cp.coefficients[0]!.stdErr).toBeCloseTo(base.coefficients[0]!.stdErr, 10);
    // split every subject with time > 10 into (0, 10] censored + (10, time] with its status
    const start: number[] = [];
    const time: number[] = [];
    const status: number[] = [];
    const xs: number[] = [];
    aml.time.forEach((t, i) => {
      if (t > 10) {
        start.push(0, 10);
        time.push(10, t);
        status.push(0, aml.status[i]!);
        xs.push(x[i]!, x[i]!);
      } else {
        start.push(0);
        time.push(t);
        status.push(aml.status[i]!);
        xs.push(x[i]!);
      }
    });
    const split = coxPH({ start, time, status, covariates: { x: xs } });
    expect(split.coefficients[0]!.coef).toBeCloseTo(base.coefficients[0]!.coef, 10);
    expect(split.score.stat).toBeCloseTo(base.score.stat, 10);
    expect(split.logLik[1]).toBeCloseTo(base.logLik[1], 10);
  });
  it('time-dependent covariate, hand-derived', () => {
    // Subject 1: x = 0 on (0, 2], x = 1 on (2, 3], dies at 3. Subject 2: x = 0, dies at 1. Subject 3: x = 1, censored at 4.
    // t=1: risk {1 (x0), 2 (x0), 3 (x1)}, death of 2 (x0): e^0/(2 + u).  t=3: risk {1 (x1), 3 (x1)}: u/(2u) = 1/2.
    // l(β) = −log(2 + u) − log 2 → decreasing in β: the MLE is at −∞ (monotone likelihood), with a warning.
    // Score at 0: U = 0 − 1/3 (t=1) + (1 − 1) (t=3) = −1/3; I(0) = 1/3·2/3 = 2/9 → score test = (1/9)/(2/9) = 1/2.
    const f = coxPH({ start: [0, 2, 0, 0], time: [2, 3, 1, 4], status: [0, 1, 1, 0], covariates: { x: [0, 1, 0, 1] } });
    expect(f.score.stat).toBeCloseTo(0.5, 12);
    expect(f.coefficients[0]!.coef).toBeLessThan(-5);
    expect(f.warnings.join(' ')).toMatch(/may be infinite/);
    expect(() => coxPH({ start: [3], time: [2], status: [1], covariates: { x: [1] } })).toThrow(
      /start\[0\] must be a finite number below time\[0\]/
    );
  });
  it('rejects bad input', () => {
    expect(() => coxPH({ time: [1, 2], status: [0, 0], covariates: { x: [0, 1] } })).toThrow(/no events/);
    expect(() => coxPH({ time: [1, 2], status: [1, 1], covariates: {} })).toThrow(/at least one covariate/);
    expect(() => coxPH({ time: [1, 2], status: [1, 1], covariates: { x: [0, Number.NaN] } })).toThrow(
      /x\[1\] must be a finite number/
    );
    expect(() => coxPH({ time: [1, 2, 3], status: [1, 1, 1], covariates: { x: [1, 1, 1] } })).toThrow(/singular/);
  });
});

describe('Cox PH, textbook examples', () => {
  it('aml: coef 0.9155, se 0.5119 for Nonmaintained (R coxph example)', () => {
    const fit = coxPH({
      time: aml.time,
      status: aml.status,
      covariates: { x: aml.x.map((v) => (v === 'Nonmaintained' ? 1 : 0)) },
    });
    expect(fit.coefficients[0]!.coef).toBeCloseTo(0.9155, 4);
    expect(fit.coefficients[0]!.stdErr).toBeCloseTo(0.5119, 4);
    expect(fit.coefficients[0]!.hazardRatio).toBeCloseTo(2.498, 3);
    expect(fit.n).toBe(23);
    expect(fit.events).toBe(18);
  });
  it('Gehan: placebo vs 6-MP HR 4.817 (Efron) and 4.523 (Breslow)', () => {
    const placebo = gehan.treat.map((v) => (v === 'control' ? 1 : 0));
    const efron = coxPH({ time: gehan.time, status: gehan.status, covariates: { placebo } });
    expect(efron.coefficients[0]!.coef).toBeCloseTo(1.572, 3);
    expect(efron.coefficients[0]!.hazardRatio).toBeCloseTo(4.817, 3);
    const breslow = coxPH({ time: gehan.time, status: gehan.status, covariates: { placebo } }, { ties: 'breslow' });
    expect(breslow.coefficients[0]!.coef).toBeCloseTo(1.509, 3);
    expect(breslow.coefficients[0]!.hazardRatio).toBeCloseTo(4.523, 3);
  });
  it('two covariates: the coefficient of a constant-shifted copy is unchanged', () => {
    const placebo = gehan.treat.map((v) => (v === 'control' ? 1 : 0));
    const w = gehan.time.map((_, i) => (i * 7) % 5);
    const fit = coxPH({ time: gehan.time, status: gehan.status, covariates: { placebo, w } });
    const fit2 = coxPH({ time: gehan.time, status: gehan.status, covariates: { placebo, w: w.map((v) => v - 2) } });
    expect(fit.coefficients.map((c) => c.name)).toEqual(['placebo', 'w']);
    expect(fit2.coefficients[0]!.coef).toBeCloseTo(fit.coefficients[0]!.coef, 8);
    expect(fit.likelihoodRatio.df).toBe(2);
  });
});
