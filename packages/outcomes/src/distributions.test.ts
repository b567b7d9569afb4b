import { describe, expect, it } from 'vitest';
import { chiSquareSf, gammaP, gammaQ, lnGamma, normalCdf, normalQuantile, normalTwoSidedP } from './distributions';

describe('lnGamma', () => {
  it('is exact on integers and half-integers', () => {
    expect(lnGamma(1)).toBe(0);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 14); // Γ(5) = 4! = 24
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 15); // Γ(½) = √π
    expect(lnGamma(2.5)).toBeCloseTo(Math.log(0.75 * Math.sqrt(Math.PI)), 14); // Γ(5/2) = (3/4)√π
  });
  it('agrees with the recurrence off the half-integer grid (Lanczos)', () => {
    for (const a of [0.3, 1.7, 3.14159, 12.25, 150.5]) {
      expect(lnGamma(a + 1) - lnGamma(a)).toBeCloseTo(Math.log(a), 11);
    }
  });
});

describe('incomplete gamma', () => {
  it('P(1, x) = 1 − e^(−x) (exponential distribution)', () => {
    for (const x of [0.01, 0.5, 1, 2, 5, 30]) {
      expect(gammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
      expect(gammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 13);
    }
  });
  it('P + Q = 1 across both branches', () => {
    for (const a of [0.5, 2, 7.5]) {
      for (const x of [0.1, a, a + 1, 3 * a + 4]) expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 14);
    }
  });
});

describe('chi-square upper tail', () => {
  it('2 df is exp(−x/2) exactly', () => {
    // χ²(2) is exponential with mean 2: P(X > x) = e^(−x/2); P(X > 5.991464547107979) = 0.05 since −2 ln 0.05 = 5.99146…
    expect(chiSquareSf(-2 * Math.log(0.05), 2)).toBeCloseTo(0.05, 15);
    expect(chiSquareSf(10, 2)).toBeCloseTo(Math.exp(-5), 15);
  });
  it('1 df is the square of a standard normal', () => {
    // qnorm(0.975) = 1.959963984540054, so P(χ²₁ > 1.95996…²) = 0.05.
    expect(chiSquareSf(1.959963984540054 ** 2, 1)).toBeCloseTo(0.05, 13);
  });
  it('4 df has the closed form e^(−x/2)(1 + x/2)', () => {
    for (const x of [0.5, 3, 9.4877]) expect(chiSquareSf(x, 4)).toBeCloseTo(Math.exp(-x / 2) * (1 + x / 2), 14);
  });
  it('handles 0, infinity and bad df', () => {
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(Infinity, 3)).toBe(0);
    expect(chiSquareSf(1, 0)).toBeNaN();
  });
});

describe('normal', () => {
  it('quantiles match the well-known values of qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
  });
  it('quantile inverts the CDF over the range', () => {
    for (const p of [1e-12, 1e-6, 0.001, 0.1, 0.3, 0.49, 0.51, 0.9, 0.999999]) {
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 12);
    }
  });
  it('CDF symmetry and two-sided p', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.3) + normalCdf(-1.3)).toBeCloseTo(1, 15);
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 13);
  });
});
