import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../testing/engine';
import { frequencySetArb, type ThreeLocusPool } from '../testing/frequencySetArbitrary';
import { parseFrequencySet } from './frequencySet';
import { Imputer } from './imputer';
import type { LocusConstraint } from './locusConstraint';
import { PhenotypeBound } from './phenotypeBound';
import { ImputationCache, type RankCandidate, rankByProbability } from './probabilityRanking';

// Issue 16, ADR 0411: the bound from a donor's typing alone (no imputation) must never be below the exact
// P(≤ m) (else a better donor could be left off the page: hazard H-PROB-11), and the ranking that imputes
// lazily by it must give the page of the full computation. Random three-locus sets (the 6-locus scope) with a
// null allele, typings with ambiguity, MACs, XX codes, serology, names the set lacks and untyped loci, donor
// genotypes cut at a random top K, several classes, definite candidates and repeated typings (ties).
const engine = testEngine();
const POOL: ThreeLocusPool = {
  A: ['A*01:01', 'A*02:01', 'A*03:01', 'A*01:16N'],
  B: ['B*07:02', 'B*08:01', 'B*44:02', 'B*35:01'],
  DRB1: ['DRB1*03:01', 'DRB1*15:01', 'DRB1*04:01'],
};
/** Written forms beyond allele lists: a MAC (AB = 01:01/01:02), XX codes, serology, names outside the sets. */
const EXTRA: Readonly<Record<string, readonly string[]>> = {
  A: ['A*01:AB', 'A*02:XX', 'A1', 'A*11:01'],
  B: ['B*08:XX', 'B7', 'B*51:01'],
  DRB1: ['DRB1*15:XX', 'DRB1*01:01'],
};
const LOCI = ['A', 'B', 'DRB1'] as const;
const setArb = frequencySetArb(POOL, { minLength: 3, maxLength: 30 });
const positionArb = (locus: keyof ThreeLocusPool) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.subarray([...POOL[locus]], { minLength: 1, maxLength: 3 }).map((n) => n.join('/')) },
    { weight: 1, arbitrary: fc.constantFrom(...EXTRA[locus]!) }
  );
const typingArb = fc
  .tuple(...LOCI.map((l) => fc.option(fc.tuple(positionArb(l), positionArb(l)), { freq: 5 })))
  .map((loci) =>
    loci
      .map((p) => (p ? `${p[0]}+${p[1]}` : ''))
      .filter((p) => p !== '')
      .join('^')
  )
  .filter((t) => t !== '');

function patientOf(imputer: Imputer, gl: string) {
  try {
    const r = imputer.impute(gl);
    return { loci: imputer.loci, genotypes: r.genotypes, truncatedMass: r.truncatedMass };
  } catch {
    return undefined; // a patient the set cannot explain is not ranked by probability
  }
}

describe('the bound from the donor typing alone (issue 16, ADR 0411)', () => {
  it('is never below the exact P(≤ m) of any donor, m = 0 to 3, whatever the top-K cut', () => {
    let tight = 0;
    fc.assert(
      fc.property(
        setArb,
        typingArb,
        fc.array(typingArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 6 }),
        (set, patientGl, donors, top) => {
          const imputer = new Imputer({ set, engine });
          const patientDist = patientOf(imputer, patientGl);
          if (!patientDist) return;
          const cache = new ImputationCache(imputer, top);
          const m = cache.matcher;
          const patient = m.fromGenotypes(patientDist);
          const scope = [0, 1, 2];
          const phen = new PhenotypeBound(m, patient, scope);
          for (const gl of donors) {
            const constraints = cache.constraints(gl);
            const d = cache.get(gl);
            if (constraints instanceof Error || d instanceof Error) continue;
            const exact = m.matchProbability(patient, d).scopes[6]!.mismatches;
            for (let k = 0; k <= 3; k++) {
              const p = exact.slice(0, Math.min(k, 2) + 1).reduce((a, b) => a + b, 0);
              const bound = phen.bound(constraints, k);
              expect(bound + 1e-9).toBeGreaterThanOrEqual(p);
              expect(bound).toBeLessThanOrEqual(1);
              if (Math.abs(bound - p) < 1e-12 && p < 1) tight++;
            }
          }
        }
      ),
      { numRuns: 300, seed: 1611 }
    );
    expect(tight).toBeGreaterThan(0); // the bound reaches the exact value in places: it is not trivially loose
  });

  it('sums the patient phenotypes within m mismatches and takes the largest fitting one for m = 0', () => {
    // Patient {h1, h2} 0.5 / {h1, h3} 0.5 (A*01:01~B*08:01~DRB1*03:01 with a B*44:02 or B*07:02 haplotype).
    const set = parseFrequencySet(
      'A*01:01~B*08:01~DRB1*03:01,1,0.4\nA*02:01~B*44:02~DRB1*04:01,1,0.3\nA*02:01~B*07:02~DRB1*04:01,1,0.3'
    );
    const imputer = new Imputer({ set, engine });
    const cache = new ImputationCache(imputer);
    const patient = cache.matcher.fromGenotypes(patientOf(imputer, 'A*01:01+A*02:01^B*08:01+B*44:02/B*07:02')!);
    const phen = new PhenotypeBound(cache.matcher, patient, [0, 1, 2]);
    const bound = (gl: string, m: number) => phen.bound(cache.constraints(gl) as LocusConstraint[], m);
    expect(bound('A*01:01+A*02:01^B*08:01+B*44:02^DRB1*03:01+DRB1*04:01', 0)).toBeCloseTo(0.5, 12);
    // B*08:01 homozygous (B*35:01 is not in the set): neither patient phenotype fits B, each shares an allele
    // (cost 1): P(0) ≤ 0, P(≤ 1) ≤ 1.
    expect(bound('B*08:01+B*08:01/B*35:01', 0)).toBe(0);
    expect(bound('B*08:01+B*08:01/B*35:01', 1)).toBeCloseTo(1, 12);
    // B*51:01 is not in the set (nothing allowed at B: the typing cannot be imputed): an error, not a bound.
    expect(cache.constraints('B*51:01+B*51:01')).toBeInstanceOf(Error);
    // Untyped B, DRB1: every patient phenotype fits.
    expect(bound('A*01:01+A*02:01', 0)).toBeCloseTo(0.5, 12);
    // Both B alleles foreign to the patient (cost 2): P(≤ 1) ≤ 0, P(≤ 2) ≤ 1.
    expect(bound('A*01:01+A*02:01^B*07:02+B*07:02', 1)).toBeCloseTo(0.5, 12);
    expect(bound('A*02:01+A*02:01^B*07:02+B*07:02', 1)).toBe(0);
    expect(bound('A*02:01+A*02:01^B*07:02+B*07:02', 2)).toBeCloseTo(0.5, 12);
  });
});

describe('ranking with lazy imputation (issue 16, ADR 0411)', () => {
  it('gives the full computation’s page, order and values, and skips imputations', () => {
    let skipped = 0;
    fc.assert(
      fc.property(
        setArb,
        typingArb,
        fc.array(typingArb, { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.tuple(fc.nat(), fc.integer({ min: 0, max: 3 }), fc.boolean()).map(([k, m, d]) => ({ k, m, d })),
          { minLength: 1, maxLength: 30 }
        ),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        (set, patientGl, typings, picks, pageSize, top) => {
          const imputer = new Imputer({ set, engine });
          const patient = patientOf(imputer, patientGl);
          if (!patient) return;
          // Repeated typings (picked from a few) make equal scores: they go by grade order.
          const candidates: RankCandidate[] = picks
            .map(({ k, m, d }) => ({
              typing: typings[k % typings.length]!,
              mismatchClass: m,
              definite: d && k % 3 === 0,
            }))
            .sort((a, b) => a.mismatchClass - b.mismatchClass);
          const opts = { scope: 6 as const, pageSize, typingBound: true };
          const fast = rankByProbability(patient, new ImputationCache(imputer, top), candidates, opts);
          const slow = rankByProbability(patient, new ImputationCache(imputer, top), candidates, {
            ...opts,
            prune: false,
          });
          skipped += fast.notImputed;
          expect(slow.notImputed).toBe(0);
          const page = fast.order.slice(0, pageSize);
          expect(page).toEqual(slow.order.slice(0, pageSize));
          for (const idx of page) expect(fast.probabilities.get(idx)).toEqual(slow.probabilities.get(idx));
          // Never a probability that was not computed: every one shown equals the full computation's.
          for (const [idx, p] of fast.probabilities) {
            if (!('error' in p)) expect(p).toEqual(slow.probabilities.get(idx));
          }
          expect(fast.order.slice().sort((a, b) => a - b)).toEqual(candidates.map((_, i) => i));
          expect(fast.imputed).toBeLessThanOrEqual(slow.imputed);
        }
      ),
      { numRuns: 400, seed: 1612 }
    );
    expect(skipped).toBeGreaterThan(0);
  });
});
