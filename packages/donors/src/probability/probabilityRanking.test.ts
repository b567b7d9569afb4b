import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../testing/engine';
import { RANKING_POOL, frequencySetArb, imputedOrNone, threeLocusTypingArb } from '../testing/frequencySetArbitrary';
import { parseFrequencySet } from './frequencySet';
import { Imputer } from './imputer';
import {
  ImputationCache,
  type RankCandidate,
  locusMatchProbabilities,
  probabilityBound,
  rankByProbability,
} from './probabilityRanking';

// Issue 16 §2: the bound never changes the first page. Random three-locus sets (A, B, DRB1: the 6-locus scope),
// random ambiguous patients and candidate lists in grade order; the pruned ranking's first page equals the
// brute-force one (every candidate computed), position by position and probability by probability.
const engine = testEngine();
const setArb = frequencySetArb(RANKING_POOL, { minLength: 3, maxLength: 30 });
const typingArb = threeLocusTypingArb(RANKING_POOL);

describe('ranking by probability with the bound (issue 16)', () => {
  it('gives the brute-force first page on random registries', () => {
    let prunedSomewhere = 0;
    let reimputedSomewhere = 0;
    fc.assert(
      fc.property(
        setArb,
        typingArb,
        fc.array(fc.tuple(typingArb, fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 8 }),
        (set, patientGl, donors, pageSize) => {
          const imputer = new Imputer({ set, engine });
          const patient = imputedOrNone(imputer, patientGl);
          if (!patient) return; // a patient the set cannot explain is not ranked by probability
          const candidates: RankCandidate[] = donors
            .map(([typing, m]) => ({ typing, mismatchClass: m, definite: false }))
            .sort((a, b) => a.mismatchClass - b.mismatchClass);
          const opts = { scope: 6 as const, pageSize };
          const fast = rankByProbability(patient, new ImputationCache(imputer), candidates, opts);
          const slow = rankByProbability(patient, new ImputationCache(imputer), candidates, { ...opts, prune: false });
          // No distribution held after its union bound: every joint the page needs re-imputes its typing.
          const lean = rankByProbability(patient, new ImputationCache(imputer), candidates, { ...opts, heldBytes: 0 });
          prunedSomewhere += fast.pruned;
          reimputedSomewhere += lean.reimputed;
          expect(fast.reimputed).toBe(0);
          for (const r of [fast, lean]) {
            expect(r.order.slice(0, pageSize)).toEqual(slow.order.slice(0, pageSize));
            for (const idx of r.order.slice(0, pageSize)) {
              expect(r.probabilities.get(idx)).toEqual(slow.probabilities.get(idx));
            }
            expect(r.order.slice().sort((a, b) => a - b)).toEqual(candidates.map((_, i) => i));
          }
          expect(lean.computed).toBe(fast.computed);
          expect(lean.imputed).toBe(fast.imputed);
          // One joint per distinct typing imputed, at most.
          expect(fast.computed).toBeLessThanOrEqual(fast.imputed);
        }
      ),
      { numRuns: 300, seed: 16 }
    );
    expect(prunedSomewhere).toBeGreaterThan(0);
    expect(reimputedSomewhere).toBeGreaterThan(0);
  });

  it('keeps P = 1 for a definite match and ranks it first in its class', () => {
    const set = parseFrequencySet(
      'A*01:01~B*08:01~DRB1*03:01,1,0.5\nA*02:01~B*44:02~DRB1*04:01,1,0.3\nA*02:01~B*07:02~DRB1*15:01,1,0.2'
    );
    const imputer = new Imputer({ set, engine });
    const gl = 'A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01';
    const r = imputer.impute(gl);
    const patient = { loci: imputer.loci, genotypes: r.genotypes, truncatedMass: r.truncatedMass };
    const candidates: RankCandidate[] = [
      {
        typing: 'A*01:01+A*02:01^B*08:01+B*07:02/B*44:02^DRB1*03:01+DRB1*04:01/DRB1*15:01',
        mismatchClass: 0,
        definite: false,
      },
      { typing: gl, mismatchClass: 0, definite: true },
    ];
    const ranked = rankByProbability(patient, new ImputationCache(imputer), candidates, { scope: 6, pageSize: 2 });
    expect(ranked.order).toEqual([1, 0]);
    expect(ranked.probabilities.get(1)).toMatchObject({ score: 1, definite: true });
    // Hand-worked: the donor is {01~08~03, 02~44~04} (prior 2·0.5·0.3 = 0.30) or {01~08~03, 02~07~15}
    // (2·0.5·0.2 = 0.20): P(6/6) = 0.30 / 0.50 = 0.6.
    const p = ranked.probabilities.get(0) as { score: number; loci: Record<string, number> };
    expect(p.score).toBeCloseTo(0.6, 12);
    expect(p.loci).toEqual({ A: 1, B: expect.closeTo(0.6, 12) as number, DRB1: expect.closeTo(0.6, 12) as number });
  });

  it('ranks a class of 300,000 candidates (a 40 M registry\u2019s class) without exhausting the call stack', () => {
    const set = parseFrequencySet('A*01:01~B*08:01~DRB1*03:01,1,0.6\nA*02:01~B*44:02~DRB1*04:01,1,0.4');
    const imputer = new Imputer({ set, engine });
    const gl = 'A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01';
    const r = imputer.impute(gl);
    const patient = { loci: imputer.loci, genotypes: r.genotypes, truncatedMass: r.truncatedMass };
    const n = 300_000;
    const candidates: RankCandidate[] = Array.from({ length: n }, () => ({
      typing: gl,
      mismatchClass: 0,
      definite: false,
    }));
    const ranked = rankByProbability(patient, new ImputationCache(imputer), candidates, { scope: 6, pageSize: 5 });
    expect(ranked.order).toHaveLength(n);
    expect(ranked.order.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(ranked.order).size).toBe(n);
  });

  it('bounds P(≤ m) by the m + 1 smallest per-locus probabilities', () => {
    expect(probabilityBound([0.9, 0.4, 0.7], [0, 1, 2], 0)).toBe(0.4);
    expect(probabilityBound([0.9, 0.4, 0.7], [0, 1, 2], 1)).toBe(1);
    expect(probabilityBound([0.2, 0.1, 0.7], [0, 1, 2], 1)).toBeCloseTo(0.3, 12);
    expect(probabilityBound([0.2, 0.1, 0.7], [0, 1, 2], 3)).toBe(1);
    const set = parseFrequencySet('A*01:01~B*08:01~DRB1*03:01,1,0.6\nA*02:01~B*44:02~DRB1*04:01,1,0.4');
    const imputer = new Imputer({ set, engine });
    const dist = (gl: string) => {
      const r = imputer.impute(gl);
      return { loci: imputer.loci, genotypes: r.genotypes, truncatedMass: r.truncatedMass };
    };
    expect(locusMatchProbabilities(dist('A*01:01+A*02:01'), dist('A*01:01+A*02:01'))).toEqual([1, 1, 1]);
  });
});
