import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossingTime, kaplanMeier, kmRows, medianFollowUp, numbersAtRisk, survivalAt } from './km';
import { aml, gehan } from './textbook.fixtures';

const Z = 1.959963984540054; // qnorm(0.975)

describe('Kaplan–Meier, hand-derived', () => {
  // time   1  2  2  3  4  4  5
  // status 1  1  0  1  1  0  0
  // t=1: n=7 d=1  S=6/7               Σ d/(n(n−d)) = 1/42
  // t=2: n=6 d=1 c=1  S=6/7·5/6=5/7    + 1/30  = 2/35    (the subject censored at 2 is at risk at 2: events first)
  // t=3: n=4 d=1  S=5/7·3/4=15/28      + 1/12  = 59/420
  // t=4: n=3 d=1 c=1 S=15/28·2/3=5/14  + 1/6   = 129/420
  // t=5: n=1 c=1  S=5/14
  const [c] = kaplanMeier({ time: [1, 2, 2, 3, 4, 4, 5], status: [1, 1, 0, 1, 1, 0, 0] });
  it('survival, risk sets and Greenwood SE', () => {
    expect(c!.name).toBeNull();
    expect(c!.n).toBe(7);
    expect(c!.events).toBe(4);
    expect(kmRows(c!).map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual([
      [1, 7, 1, 0],
      [2, 6, 1, 1],
      [3, 4, 1, 0],
      [4, 3, 1, 1],
      [5, 1, 0, 1],
    ]);
    const s = [6 / 7, 5 / 7, 15 / 28, 5 / 14, 5 / 14];
    const v = [1 / 42, 2 / 35, 59 / 420, 129 / 420, 129 / 420];
    kmRows(c!).forEach((r, i) => {
      expect(r.survival).toBeCloseTo(s[i]!, 14);
      expect(r.stdErrLog).toBeCloseTo(Math.sqrt(v[i]!), 14);
      expect(r.stdErr).toBeCloseTo(s[i]! * Math.sqrt(v[i]!), 14);
      // log CI: exp(log S ± z·se_log), upper capped at 1
      expect(r.lower).toBeCloseTo(s[i]! * Math.exp(-Z * Math.sqrt(v[i]!)), 12);
      expect(r.upper).toBeCloseTo(Math.min(1, s[i]! * Math.exp(Z * Math.sqrt(v[i]!))), 12);
    });
  });
  it('median is the first time S ≤ 0.5; its limits are where the bands cross 0.5', () => {
    expect(c!.median).toBe(4);
    // lower band at t=2: 5/7·exp(−1.96·√(2/35)) = 0.7143·0.6265 = 0.4475 ≤ 0.5 → 2
    expect(c!.medianLower).toBe(2);
    // upper band: t=4: 5/14·exp(1.96·√(129/420)) = 0.3571·2.9627 = 1.058 → capped 1; never ≤ 0.5 → NA
    expect(c!.medianUpper).toBeNull();
  });
  it('log-log and plain intervals (survfit_confint)', () => {
    const [ll] = kaplanMeier({ time: [1, 2, 2, 3, 4, 4, 5], status: [1, 1, 0, 1, 1, 0, 0] }, { confType: 'log-log' });
    const [pl] = kaplanMeier(
      { time: [1, 2, 2, 3, 4, 4, 5], status: [1, 1, 0, 1, 1, 0, 0] },
      { confType: 'plain', confLevel: 0.9 }
    );
    // log-log at t=1: S=6/7, se=√(1/42): exp(−exp(log(−log S) ∓ z·se/log S))
    const s = 6 / 7;
    const se2 = (Z * Math.sqrt(1 / 42)) / Math.log(s);
    expect(kmRows(ll!)[0]!.lower).toBeCloseTo(Math.exp(-Math.exp(Math.log(-Math.log(s)) - se2)), 12);
    expect(kmRows(ll!)[0]!.upper).toBeCloseTo(Math.exp(-Math.exp(Math.log(-Math.log(s)) + se2)), 12);
    // plain 90% at t=3: S ± 1.6449·S·se, clipped to [0, 1]
    const s3 = 15 / 28;
    const h = 1.6448536269514722 * s3 * Math.sqrt(59 / 420);
    expect(kmRows(pl!)[2]!.lower).toBeCloseTo(s3 - h, 12);
    expect(kmRows(pl!)[2]!.upper).toBeCloseTo(s3 + h, 12);
  });
  it('numbers at risk and survival at chosen times', () => {
    expect(numbersAtRisk(c!, [0, 1, 1.5, 2, 4.5, 5, 6])).toEqual([
      { time: 0, nRisk: 7 },
      { time: 1, nRisk: 7 },
      { time: 1.5, nRisk: 6 },
      { time: 2, nRisk: 6 },
      { time: 4.5, nRisk: 1 },
      { time: 5, nRisk: 1 },
      { time: 6, nRisk: 0 },
    ]);
    const at = survivalAt(c!, [0.5, 2.5, 10]);
    [1, 5 / 7, 5 / 14].forEach((s, i) => expect(at[i]!.survival).toBeCloseTo(s, 14));
  });
});

describe('median rule of R (print.survfit / quantile.survfit)', () => {
  it('averages when the curve is exactly 0.5 over an interval', () => {
    // uncensored 1,2,3,4: S = .75 .5 .25 0; flat at .5 on [2,3) → (2+3)/2, the ordinary median
    expect(kaplanMeier({ time: [1, 2, 3, 4], status: [1, 1, 1, 1] })[0]!.median).toBe(2.5);
    expect(kaplanMeier({ time: [1, 2, 3, 4, 5, 6], status: [1, 1, 1, 1, 1, 1] })[0]!.median).toBe(3.5);
  });
  it('takes the start of the flat part when the curve never drops below 0.5', () => {
    // 1, 2, 3+, 4+: S = .75, .5, .5, .5
    expect(kaplanMeier({ time: [1, 2, 3, 4], status: [1, 1, 0, 0] })[0]!.median).toBe(2);
  });
  it('is null when the curve stays above 0.5', () => {
    expect(kaplanMeier({ time: [1, 2, 3], status: [1, 0, 0] })[0]!.median).toBeNull();
  });
  it('skips missing band values', () => {
    expect(crossingTime([1, 2, 3], [null, 0.7, 0.4])).toBe(3);
  });
});

describe('edge cases', () => {
  it('events at time zero, censoring at event times, curve to zero', () => {
    // t=0: n=4 d=1 c=1 → 3/4; t=1: n=2 d=1 → 3/8; t=2: n=1 d=1 → 0 (var(log S) infinite: R shows NaN/NA)
    const [c] = kaplanMeier({ time: [0, 0, 1, 2], status: [1, 0, 1, 1] });
    expect(kmRows(c!).map((r) => r.survival)).toEqual([0.75, 0.375, 0]);
    const last = kmRows(c!)[2]!;
    expect([last.stdErr, last.stdErrLog, last.lower, last.upper]).toEqual([null, null, null, null]);
    expect(c!.median).toBe(1);
  });
  it('a single subject', () => {
    expect(kmRows(kaplanMeier({ time: [5], status: [1] })[0]!)).toEqual([
      {
        time: 5,
        nRisk: 1,
        nEvent: 1,
        nCensor: 0,
        survival: 0,
        stdErr: null,
        stdErrLog: null,
        lower: null,
        upper: null,
      },
    ]);
    const [c] = kaplanMeier({ time: [5], status: [0] });
    expect(kmRows(c!)[0]).toMatchObject({ survival: 1, stdErr: 0, lower: 1, upper: 1 });
    expect(c!.median).toBeNull();
  });
  it('log-log limits are NA at S = 1 (as R)', () => {
    const [c] = kaplanMeier({ time: [1, 2], status: [0, 1] }, { confType: 'log-log' });
    expect(kmRows(c!)[0]).toMatchObject({ survival: 1, lower: null, upper: null });
  });
  it('rejects bad input with clear messages', () => {
    expect(() => kaplanMeier({ time: [], status: [] })).toThrow(/no subjects/);
    expect(() => kaplanMeier({ time: [1, -2], status: [1, 1] })).toThrow(/time\[1\] must be a finite number ≥ 0/);
    expect(() => kaplanMeier({ time: [1, 2], status: [1, 2] })).toThrow(/status\[1\] must be an integer in 0..1/);
    expect(() => kaplanMeier({ time: [1, 2], status: [1] })).toThrow(/status has 1 values but time has 2/);
    expect(() => kaplanMeier({ time: [1, 2], status: [1, 1], group: ['a', null] })).toThrow(/group\[1\] is missing/);
    expect(() => kaplanMeier({ time: [1], status: [1] }, { confLevel: 1.5 })).toThrow();
  });
});

describe('textbook examples', () => {
  it('Gehan 6-MP arm (Kleinbaum & Klein; summary(survfit) in R)', () => {
    const [mp, ctl] = kaplanMeier({ time: gehan.time, status: gehan.status, group: gehan.treat });
    expect(mp!.name).toBe('6-MP');
    const ev = kmRows(mp!).filter((r) => r.nEvent > 0);
    expect(ev.map((r) => r.time)).toEqual([6, 7, 10, 13, 16, 22, 23]);
    expect(ev.map((r) => r.nRisk)).toEqual([21, 17, 15, 12, 11, 7, 6]);
    const surv = [0.857, 0.807, 0.753, 0.69, 0.627, 0.538, 0.448];
    const se = [0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346];
    ev.forEach((r, i) => {
      expect(r.survival).toBeCloseTo(surv[i]!, 3);
      expect(r.stdErr).toBeCloseTo(se[i]!, 4);
    });
    expect(mp!.median).toBe(23);
    expect(ctl!.median).toBe(8);
  });
  it('aml (R survival): medians 31 and 23 with 95% limits 18–NA and 8–NA', () => {
    const [m, nm] = kaplanMeier({ time: aml.time, status: aml.status, group: aml.x });
    expect([m!.n, m!.events, m!.median, m!.medianLower, m!.medianUpper]).toEqual([11, 7, 31, 18, null]);
    expect([nm!.n, nm!.events, nm!.median, nm!.medianLower, nm!.medianUpper]).toEqual([12, 11, 23, 8, null]);
    expect(kmRows(m!)[0]!.survival).toBeCloseTo(0.909, 3);
    expect(kmRows(m!)[0]!.stdErr).toBeCloseTo(0.0867, 4);
    expect(kmRows(m!)[0]!.lower).toBeCloseTo(0.7541, 4);
  });
});

describe('properties', () => {
  const data = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 1 })), { minLength: 1, maxLength: 60 })
    .map((rows) => ({ time: rows.map((r) => r[0]), status: rows.map((r) => r[1]) }));
  it('S is non-increasing in [0,1], limits bracket S, risk sets shrink', () => {
    fc.assert(
      fc.property(data, fc.constantFrom('log' as const, 'log-log' as const, 'plain' as const), (d, confType) => {
        const [c] = kaplanMeier(d, { confType });
        let prev = 1;
        let prevRisk = Infinity;
        for (const r of kmRows(c!)) {
          expect(r.survival).toBeLessThanOrEqual(prev);
          expect(r.survival).toBeGreaterThanOrEqual(0);
          expect(r.nRisk).toBeLessThan(prevRisk);
          if (r.lower != null) expect(r.lower).toBeLessThanOrEqual(r.survival + 1e-15);
          if (r.upper != null) expect(r.upper).toBeGreaterThanOrEqual(r.survival - 1e-15);
          prev = r.survival;
          prevRisk = r.nRisk;
        }
        expect(kmRows(c!).reduce((s, r) => s + r.nEvent + r.nCensor, 0)).toBe(d.time.length);
      })
    );
  });
});

describe('median follow-up (reverse KM)', () => {
  it('is the KM median of the censoring times', () => {
    // censored at 2, 4, 6, 8; deaths at 1, 3 are "censored" for the reverse KM.
    // reverse KM: t=2 n=5 → 4/5; t=4 n=3 → 4/5·2/3 = 8/15; t=6 n=2 → 4/15 ≤ 0.5 → median 6
    const r = medianFollowUp({ time: [1, 2, 3, 4, 6, 8], status: [1, 0, 1, 0, 0, 0] });
    expect(r.median).toBe(6);
  });
});
