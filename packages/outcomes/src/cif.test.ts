import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cifRows, cumulativeIncidence, incidenceAt } from './cif';
import { kaplanMeier, kmRows, numbersAtRisk } from './km';
import { rng, simulateCompetingRisks } from './testing.fixtures';

describe('cumulative incidence (cmprsk::cuminc), hand-derived', () => {
  // time  1 2 3 4 5 6 ; cause 1 2 0 1 2 0 ; all-cause S: 5/6 (t1), 2/3 (t2), 4/9 (t4), 2/9 (t5)
  // F1: t1 += S(0−)·1/6 = 1/6 ; t4 += S(4−)·1/3 = (2/3)(1/3) = 2/9 → 7/18
  // Var F1(1) = 1/36 · 1² = 1/36
  // Var F1(4) = [cause-1 t1] 1/36·(1 − (7/18 − 1/6)/(5/6))² = 121/8100
  //           + [cause-2 t2] (25/36)/25·((7/18 − 1/6)/(2/3))² = 1/324 = 25/8100
  //           + [cause-1 t4] (4/9)/9 · 1² = 4/81 = 400/8100            → 546/8100
  // F2: t2 += (5/6)/5 = 1/6 ; t5 += (4/9)/2 = 2/9 → 7/18
  // Var F2(5) = [t1] 1/36·((7/18)/(5/6))² = 49/8100 + [t2] 1/36·(1 − (2/9)/(2/3))² = 100/8100
  //           + [t4] (4/81)·((2/9)/(4/9))² = 100/8100 + [t5] (16/81)/4 = 400/8100 → 649/8100
  const data = { time: [1, 2, 3, 4, 5, 6], cause: [1, 2, 0, 1, 2, 0] };
  const [g] = cumulativeIncidence(data);
  it('estimates and variances per cause', () => {
    expect(g!.name).toBeNull();
    expect(g!.n).toBe(6);
    const [c1, c2] = g!.causes;
    expect(c1!.cause).toBe(1);
    expect(cifRows(c1!).map((r) => r.time)).toEqual([1, 2, 3, 4, 5, 6]);
    const f1 = [1 / 6, 1 / 6, 1 / 6, 7 / 18, 7 / 18, 7 / 18];
    const v1 = [1 / 36, 1 / 36, 1 / 36, 546 / 8100, 546 / 8100, 546 / 8100];
    cifRows(c1!).forEach((r, i) => {
      expect(r.estimate).toBeCloseTo(f1[i]!, 14);
      expect(r.variance).toBeCloseTo(v1[i]!, 14);
    });
    const f2 = [0, 1 / 6, 1 / 6, 1 / 6, 7 / 18, 7 / 18];
    cifRows(c2!).forEach((r, i) => expect(r.estimate).toBeCloseTo(f2[i]!, 14));
    expect(cifRows(c2!)[4]!.variance).toBeCloseTo(649 / 8100, 14);
    expect(cifRows(c2!)[0]!.variance).toBe(0);
  });
  it('log(−log) limits bracket the estimate', () => {
    const r = cifRows(g!.causes[0]!)[3]!;
    expect(r.lower!).toBeLessThan(r.estimate);
    expect(r.upper!).toBeGreaterThan(r.estimate);
    // F^exp(±z√V/(F log F))
    const h = (1.959963984540054 * Math.sqrt(546 / 8100)) / ((7 / 18) * Math.log(7 / 18));
    expect(r.lower).toBeCloseTo((7 / 18) ** Math.exp(-h), 12);
  });
  it('incidence and numbers at risk at chosen times', () => {
    expect(incidenceAt(g!.causes[0]!, [0.5, 4, 100]).map((x) => x.estimate)).toEqual([0, 7 / 18, 7 / 18]);
    expect(numbersAtRisk(g!.causes[0]!, [0, 3.5, 6, 7])).toEqual([
      { time: 0, nRisk: 6 },
      { time: 3.5, nRisk: 3 },
      { time: 6, nRisk: 1 },
      { time: 7, nRisk: 0 },
    ]);
  });
  it('tied events use the tie factor 1 − (d−1)/(n−1)', () => {
    // 1,1,2 all cause 1: t1 n=3 d=2: F = 2/3; t6 = (1 − 1/2)·2/9 = 1/9; t3 = 1/(1/3) = 3; t4 = 1 + 3·2/3 = 3
    // V = t6·(t4 − F·t3)² = 1/9
    const [x] = cumulativeIncidence({ time: [1, 1, 2], cause: [1, 1, 1] });
    expect(cifRows(x!.causes[0]!)[0]!.estimate).toBeCloseTo(2 / 3, 15);
    expect(cifRows(x!.causes[0]!)[0]!.variance).toBeCloseTo(1 / 9, 15);
  });
  it('one cause and no competing risk: F = 1 − KM', () => {
    const time = [0, 1, 1, 2, 3, 3, 4, 6];
    const cause = [1, 1, 0, 1, 1, 1, 0, 1];
    const [x] = cumulativeIncidence({ time, cause });
    const [km] = kaplanMeier({ time, status: cause });
    cifRows(x!.causes[0]!).forEach((r, i) => expect(r.estimate).toBeCloseTo(1 - kmRows(km!)[i]!.survival, 14));
  });
  it('groups and validation', () => {
    const gs = cumulativeIncidence({ time: [1, 2, 3, 4], cause: [1, 0, 2, 1], group: ['b', 'a', 'b', 'a'] });
    expect(gs.map((x) => x.name)).toEqual(['a', 'b']);
    expect(gs[0]!.causes.map((c) => c.cause)).toEqual([1, 2]); // cause 2 curve of group a stays at 0
    expect(gs[0]!.causes[1]!.table.estimate.every((x) => x === 0)).toBe(true);
    expect(() => cumulativeIncidence({ time: [1, 2], cause: [1, 1.5] })).toThrow(/cause\[1\] must be an integer/);
    expect(() => cumulativeIncidence({ time: [1, 2], cause: [1, -1] })).toThrow(/cause\[1\]/);
  });
});

describe('cumulative incidence, properties', () => {
  it('Σ causes F_k + all-cause KM = 1 at every time; F non-decreasing; V ≥ 0', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 3 })), {
      minLength: 1,
      maxLength: 60,
    });
    fc.assert(
      fc.property(rows, (rs) => {
        const time = rs.map((r) => r[0]);
        const cause = rs.map((r) => r[1]);
        const [g] = cumulativeIncidence({ time, cause });
        const [km] = kaplanMeier({ time, status: cause.map((c) => (c > 0 ? 1 : 0)) });
        kmRows(km!).forEach((row, i) => {
          const sum = g!.causes.reduce((s, c) => s + c.table.estimate[i]!, 0);
          expect(sum + row.survival).toBeCloseTo(1, 12);
        });
        for (const c of g!.causes) {
          let prev = 0;
          for (const r of cifRows(c)) {
            expect(r.estimate).toBeGreaterThanOrEqual(prev - 1e-15);
            expect(r.variance).toBeGreaterThanOrEqual(-1e-15);
            prev = r.estimate;
          }
        }
      })
    );
  });
});

describe('cumulative incidence, calibration', () => {
  it('unbiased for the true CIF, and the cinc variance matches the Monte Carlo spread', () => {
    // cause-specific hazards 0.1 and 0.05 → F1(t) = (0.1/0.15)(1 − e^(−0.15 t)); at t = 8: 0.46586
    const random = rng(99);
    const reps = 400;
    const est: number[] = [];
    let meanVar = 0;
    for (let r = 0; r < reps; r++) {
      const d = simulateCompetingRisks({ nPerGroup: 40, compete: true, random });
      const [g] = cumulativeIncidence({ time: d.time, cause: d.cause });
      const a = incidenceAt(g!.causes[0]!, [8])[0]!;
      est.push(a.estimate);
      meanVar += a.variance / reps;
    }
    const mean = est.reduce((a, b) => a + b, 0) / reps;
    const empirical = est.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1);
    expect(mean).toBeCloseTo((0.1 / 0.15) * (1 - Math.exp(-0.15 * 8)), 1);
    expect(empirical / meanVar).toBeGreaterThan(0.8);
    expect(empirical / meanVar).toBeLessThan(1.25);
  });
});
