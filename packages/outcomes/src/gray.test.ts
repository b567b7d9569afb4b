import { describe, expect, it } from 'vitest';
import { grayTest } from './gray';
import { logRank } from './logrank';
import { rng, simulateCompetingRisks } from './testing.fixtures';

describe("Gray's test", () => {
  it('hand-derived: A fails at 1, B at 2 (no competing risk)', () => {
    // t=1: R_A = R_B = 1, d1 = 1 (A): z_A += 1 − 1/2 = 1/2; t=2: R_A = 0: z_A += 0.
    // Variance (crst): t=1: h = Y/S(t−) = (1, 1), tr = 2; a_A = h_A(1 − h_A/tr) = 1/2 for group A,
    // a_B = h_B(0 − h_A/tr) = −1/2 for group B; D = 0 (nothing later); weight S(t−)·d1/(tr·Y) = 1/2 each:
    // V = (1/4)(1/2) + (1/4)(1/2) = 1/4. stat = (1/2)²/(1/4) = 1, the log-rank statistic of the same data.
    const [g] = grayTest({ time: [1, 2], cause: [1, 1], group: ['A', 'B'] });
    expect(g!.score[0]).toBeCloseTo(0.5, 15);
    expect(g!.variance[0]![0]).toBeCloseTo(0.25, 15);
    expect(g!.stat).toBeCloseTo(1, 15);
    expect(g!.df).toBe(1);
    expect(logRank({ time: [1, 2], status: [1, 1], group: ['A', 'B'] }).chisq).toBeCloseTo(1, 15);
  });
  it('hand-derived with a competing event (exercises the D term); cmprsk gives the same', () => {
    // A: (1, cause 2), (2, cause 1); B: (3, cause 1), (4, censored).  z_A = (1 − 2/4) + 0 = 1/2 (as before).
    // Pooled: t=1: h = (2, 2), tr = 4, no cause-1 event.  t=2: h = (1/(1/2), 2) = (2, 2), tr = 4, d1 = 1,
    //   dΓ⁰ = 1/((1 − 0)·4) = 1/4, F⁰ = 1/4.  t=3: h = (0, 2), tr = 2, dΓ⁰ = 1/((3/4)·2) = 2/3, F⁰ = 3/4.
    // Group A: t=2: a = 2(1 − 2/4) = 1, S_A(2) = 0 → t4 = 1, D = 0: V += 1²·(1/2)·1/(4·1) = 1/8; D = 1·1/4.
    //          t=1 (its cause-2 event): B = (1 − F⁰(1))/S_A(1)·D = 2·1/4 = 1/2: V += (1/4)·1²·1/2² = 1/16.
    // Group B: t=3: a = 2(0 − 0/2) = 0.  t=2: a = 2(0 − 2/4) = −1, D = 0: V += 1·1·1/(4·2) = 1/8.
    // V = 5/16 (cmprsk::cuminc agrees: stat 0.8), stat = (1/4)/(5/16) = 4/5.
    const [g] = grayTest({ time: [1, 2, 3, 4], cause: [2, 1, 1, 0], group: ['A', 'A', 'B', 'B'] });
    expect(g!.score[0]).toBeCloseTo(0.5, 15);
    expect(g!.variance[0]![0]).toBeCloseTo(5 / 16, 15);
    expect(g!.stat).toBeCloseTo(4 / 5, 14);
  });
  it('is symmetric in the group labels and gives one result per cause', () => {
    const d = simulateCompetingRisks({ nPerGroup: 40, compete: true, random: rng(7) });
    const a = grayTest(d);
    const b = grayTest({ ...d, group: d.group.map((g) => (g === 'A' ? 'Z' : 'Y')) });
    expect(a.map((x) => x.cause)).toEqual([1, 2]);
    a.forEach((x, i) => expect(b[i]!.stat).toBeCloseTo(x.stat, 10));
  });
  it('detects a real difference in incidence', () => {
    const d = simulateCompetingRisks({ nPerGroup: 400, compete: true, random: rng(3) });
    // group B: its cause-2 events become cause-1 events (cause-1 hazard 0.15 instead of 0.1)
    const cause = d.cause.map((c, i) => (d.group[i] === 'B' && c === 2 ? 1 : c));
    const [g1, g2] = grayTest({ ...d, cause });
    expect(g1!.p).toBeLessThan(0.001);
    expect(g2!.p).toBeLessThan(0.001);
    expect(g1!.score[0]).toBeLessThan(0); // group A has fewer cause-1 events than expected
  });
  it('calibration under the null: variance estimate matches the spread of the score; size ≈ 5%', () => {
    // Monte Carlo: equal cause-specific hazards, unequal censoring (the case Gray's weights exist for).
    const random = rng(20261126);
    const z: number[] = [];
    let meanV = 0;
    let rejections = 0;
    const reps = 300;
    for (let r = 0; r < reps; r++) {
      const [g] = grayTest(simulateCompetingRisks({ nPerGroup: 60, compete: true, random }));
      z.push(g!.score[0]!);
      meanV += g!.variance[0]![0]! / reps;
      if (g!.p < 0.05) rejections++;
    }
    const mz = z.reduce((a, b) => a + b, 0) / reps;
    const empirical = z.reduce((a, b) => a + (b - mz) ** 2, 0) / (reps - 1);
    expect(empirical / meanV).toBeGreaterThan(0.8);
    expect(empirical / meanV).toBeLessThan(1.2);
    expect(rejections / reps).toBeLessThan(0.1);
  });
  it('a group with nobody at risk at any event time is rejected with a clear message', () => {
    expect(() => grayTest({ time: [1, 2, 3, 0.5], cause: [1, 2, 1, 0], group: ['A', 'A', 'A', 'B'] })).toThrow(
      /cause 1: singular variance/
    );
  });
  it('needs two groups', () => {
    expect(() => grayTest({ time: [1, 2], cause: [1, 2], group: ['A', 'A'] })).toThrow(/at least two groups/);
  });
});

describe("Gray's test, strata", () => {
  it('one stratum equals the unstratified test; two strata add scores and variances', () => {
    const a = simulateCompetingRisks({ nPerGroup: 30, compete: true, random: rng(11) });
    const b = simulateCompetingRisks({ nPerGroup: 30, compete: true, random: rng(12) });
    const plain = grayTest(a);
    const one = grayTest({ ...a, strata: a.time.map(() => 'x') });
    expect(one[0]!.stat).toBeCloseTo(plain[0]!.stat, 12);
    const both = grayTest({
      time: [...a.time, ...b.time],
      cause: [...a.cause, ...b.cause],
      group: [...a.group, ...b.group],
      strata: [...a.time.map(() => 1), ...b.time.map(() => 2)],
    });
    const gb = grayTest(b);
    const z = plain[0]!.score[0]! + gb[0]!.score[0]!;
    const v = plain[0]!.variance[0]![0]! + gb[0]!.variance[0]![0]!;
    expect(both[0]!.stat).toBeCloseTo((z * z) / v, 12);
  });
});
