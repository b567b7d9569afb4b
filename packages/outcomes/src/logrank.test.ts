import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRank } from './logrank';
import { aml, gehan } from './textbook.fixtures';

// Example 1 (no ties). A: 1, 3; B: 2, 4 (all events).
// t=1 n=4 (2A,2B) d=1: E_A += 2/4,  V += 1·3/3·(1/2)(1/2) = 1/4
// t=2 n=3 (1A,2B) d=1: E_A += 1/3,  V += 1·2/2·(1/3)(2/3) = 2/9
// t=3 n=2 (1A,1B) d=1: E_A += 1/2,  V += 1·1/1·(1/2)(1/2) = 1/4
// t=4 n=1 (B)     d=1: E_A += 0,    n = 1: no variance
// O_A = 2, E_A = 4/3, V = 13/18 → chisq = (2/3)² / (13/18) = 8/13
const ex1 = { time: [1, 3, 2, 4], status: [1, 1, 1, 1], group: ['A', 'A', 'B', 'B'] };
// Example 2 (ties, censoring at an event time). A: 1, 1+, 2; B: 1, 2, 3+.
// t=1 n=6 (3A,3B) d=2: E_A += 2·3/6 = 1,   V += 2·4/5·(1/2)(1/2) = 2/5   (1+ is still at risk at 1)
// t=2 n=3 (1A,2B) d=2: E_A += 2·1/3 = 2/3, V += 2·1/2·(1/3)(2/3) = 2/9
// O_A = 2, E_A = 5/3, V = 28/45 → chisq = (1/3)² / (28/45) = 5/28
const ex2 = { time: [1, 1, 2, 1, 2, 3], status: [1, 0, 1, 1, 1, 0], group: ['A', 'A', 'A', 'B', 'B', 'B'] };

describe('log-rank (survdiff), hand-derived', () => {
  it('two groups without ties', () => {
    const r = logRank(ex1);
    expect(r.groups[0]).toMatchObject({ name: 'A', n: 2, observed: 2 });
    expect(r.groups[0]!.expected).toBeCloseTo(4 / 3, 14);
    expect(r.groups[1]!.expected).toBeCloseTo(8 / 3, 14);
    expect(r.variance[0]![0]).toBeCloseTo(13 / 18, 14);
    expect(r.variance[0]![1]).toBeCloseTo(-13 / 18, 14);
    expect(r.chisq).toBeCloseTo(8 / 13, 14);
    expect(r.df).toBe(1);
  });
  it('ties and censoring at event times', () => {
    const r = logRank(ex2);
    expect(r.groups[0]!.expected).toBeCloseTo(5 / 3, 14);
    expect(r.chisq).toBeCloseTo(5 / 28, 14);
  });
  it('stratified: O, E and V summed over strata', () => {
    // strata = ex1 and ex2: O_A − E_A = 2/3 + 1/3 = 1, V = 13/18 + 28/45 = 121/90 → chisq = 90/121
    const r = logRank({
      time: [...ex1.time, ...ex2.time],
      status: [...ex1.status, ...ex2.status],
      group: [...ex1.group, ...ex2.group],
      strata: [1, 1, 1, 1, 2, 2, 2, 2, 2, 2],
    });
    expect(r.chisq).toBeCloseTo(90 / 121, 14);
    expect(r.groups[0]!.observed).toBe(4);
    expect(r.groups[0]!.expected).toBeCloseTo(3, 14);
  });
  it('drops groups with nobody at risk at any event time (E = 0), as survdiff', () => {
    const r = logRank({ time: [...ex1.time, 0.5], status: [...ex1.status, 0], group: [...ex1.group, 'C'] });
    expect(r.df).toBe(1);
    expect(r.chisq).toBeCloseTo(8 / 13, 14);
    expect(r.groups[2]).toEqual({ name: 'C', n: 1, observed: 0, expected: 0 });
  });
  it('a single group: nothing to test', () => {
    const r = logRank({ time: [1, 2], status: [1, 1], group: ['A', 'A'] });
    expect([r.chisq, r.df, r.p]).toEqual([0, 0, 1]);
  });
});

describe('log-rank, textbook examples', () => {
  it('aml: O 7/11, E 10.69/7.31, chisq 3.4 on 1 df, p = 0.065 (R survdiff)', () => {
    const r = logRank({ time: aml.time, status: aml.status, group: aml.x });
    expect(r.groups.map((g) => g.observed)).toEqual([7, 11]);
    expect(r.groups[0]!.expected).toBeCloseTo(10.69, 2);
    expect(r.groups[1]!.expected).toBeCloseTo(7.31, 2);
    expect(r.chisq).toBeCloseTo(3.4, 1);
    expect(r.p).toBeCloseTo(0.065, 3);
  });
  it('Gehan 6-MP vs placebo: E = 19.25/10.75, Var = 6.257, chisq 16.79 (Kleinbaum & Klein ch. 2)', () => {
    const r = logRank({ time: gehan.time, status: gehan.status, group: gehan.treat });
    expect(r.groups[0]!.expected).toBeCloseTo(19.25, 2);
    expect(r.groups[1]!.expected).toBeCloseTo(10.75, 2);
    expect(r.variance[1]![1]).toBeCloseTo(6.257, 3);
    expect(r.chisq).toBeCloseTo(16.79, 2);
    expect(r.p).toBeCloseTo(4.17e-5, 6);
  });
});

describe('log-rank, properties', () => {
  it('k groups: Σ(O−E) = 0, chi-square invariant to relabelling, df = k−1', () => {
    const data = fc.array(
      fc.record({
        t: fc.integer({ min: 0, max: 20 }),
        s: fc.integer({ min: 0, max: 1 }),
        g: fc.constantFrom('a', 'b', 'c'),
      }),
      { minLength: 3, maxLength: 50 }
    );
    fc.assert(
      fc.property(data, (rows) => {
        const base = { time: rows.map((r) => r.t), status: rows.map((r) => r.s) };
        let r;
        try {
          r = logRank({ ...base, group: rows.map((x) => x.g) });
        } catch {
          return; // singular variance (e.g. one event): reported as an error, fine
        }
        const sum = r.groups.reduce((s, g) => s + g.observed - g.expected, 0);
        expect(Math.abs(sum)).toBeLessThan(1e-9);
        const relabelled = logRank({ ...base, group: rows.map((x) => ({ a: 'z', b: 'y', c: 'x' })[x.g]) });
        expect(relabelled.chisq).toBeCloseTo(r.chisq, 8);
        expect(r.p).toBeGreaterThanOrEqual(0);
        expect(r.p).toBeLessThanOrEqual(1);
      })
    );
  });
});
