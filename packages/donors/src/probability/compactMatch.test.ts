import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedData, testEngine } from '../testing/engine';
import { frequencySetArb, type ThreeLocusPool } from '../testing/frequencySetArbitrary';
import { CompactMatcher, type PreparedDistribution } from './compactMatch';
import { loadFrequencySet } from './frequencySetFile';
import { ImputationError, Imputer } from './imputer';
import { type GenotypeDistribution, type MatchProbability, matchProbability } from './matchProbability';
import { locusMatchProbabilities } from './probabilityRanking';

// ADR 0411: search ranks on haplotype ids and integer pair codes (imputeCompact, CompactMatcher) instead of the
// name-based imputation and matchProbability. Both must give the same probabilities (to 1e-12): on random
// three-locus sets with a null allele and random top-K cuts, and on the WMDA MVT typings with the CAU set.
const engine = testEngine();
const POOL: ThreeLocusPool = {
  A: ['A*01:01', 'A*02:01', 'A*03:01', 'A*01:16N'],
  B: ['B*07:02', 'B*08:01', 'B*44:02'],
  DRB1: ['DRB1*03:01', 'DRB1*15:01', 'DRB1*04:01'],
};
const setArb = frequencySetArb(POOL, { minLength: 2, maxLength: 25 });
const positionArb = (locus: keyof ThreeLocusPool) =>
  fc.subarray([...POOL[locus]], { minLength: 1 }).map((n) => n.join('/'));
const typingArb = fc
  .tuple(...(['A', 'B', 'DRB1'] as const).map((l) => fc.option(fc.tuple(positionArb(l), positionArb(l)))))
  .map((loci) =>
    loci
      .map((p) => (p ? `${p[0]}+${p[1]}` : ''))
      .filter((p) => p !== '')
      .join('^')
  )
  .filter((t) => t !== '');

const TOL = 1e-12;
function expectSame(fast: MatchProbability, slow: MatchProbability): void {
  const numbers = (m: MatchProbability): number[] => [
    m.unaccountedMass,
    ...m.loci.flatMap((l) => [l.pMatch, ...l.mismatches, ...l.gvh, ...l.hvg]),
    ...([10, 8, 6] as const).flatMap((k) => {
      const s = m.scopes[k];
      return s ? [...s.mismatches, ...s.gvh, ...s.hvg] : [-1];
    }),
  ];
  const a = numbers(fast);
  const b = numbers(slow);
  expect(a.length).toBe(b.length);
  a.forEach((x, i) => expect(Math.abs(x - (b[i] as number))).toBeLessThanOrEqual(TOL));
}

/** What the ranking reads (rankingProbability) is exactly, not to a tolerance, what matchProbability gives. */
function expectRankingSame(
  matcher: CompactMatcher,
  p: PreparedDistribution,
  d: PreparedDistribution,
  whole: MatchProbability
): void {
  const r = matcher.rankingProbability(p, d, [10, 8, 6]);
  expect(r.pMatch).toEqual(whole.loci.map((l) => l.pMatch));
  expect(r.scopes).toEqual(whole.scopes);
  expect(r.unaccountedMass).toBe(whole.unaccountedMass);
}

/** Both forms of one typing: name-based (the reference) and prepared from imputeCompact. */
function both(imputer: Imputer, matcher: CompactMatcher, gl: string, top?: number) {
  const opts = top === undefined ? {} : { top };
  const named = imputer.impute(gl, opts);
  const compact = imputer.imputeCompact(gl, opts);
  const dist: GenotypeDistribution = { loci: imputer.loci, ...named };
  return { dist, prepared: matcher.prepare(compact), compact, named };
}

describe('compact imputation and match probability (ADR 0411)', () => {
  it('give the name-based genotypes and probabilities on random sets, typings and cuts', () => {
    let compared = 0;
    fc.assert(
      fc.property(setArb, typingArb, typingArb, fc.option(fc.integer({ min: 1, max: 6 })), (set, pGl, dGl, top) => {
        const imputer = new Imputer({ set, engine });
        const matcher = new CompactMatcher(imputer.index, imputer.loci);
        let p;
        let d;
        try {
          p = both(imputer, matcher, pGl);
          d = both(imputer, matcher, dGl, top ?? undefined);
        } catch (err) {
          if (err instanceof ImputationError) return;
          throw err;
        }
        // Same genotypes in the same order with the same probabilities.
        expect(d.compact.truncatedMass).toBe(d.named.truncatedMass);
        d.named.genotypes.forEach((g, k) => {
          expect([imputer.index.name(d.compact.h1[k]!), imputer.index.name(d.compact.h2[k]!)]).toEqual(g.haplotypes);
          expect(d.compact.probability[k]).toBe(g.probability);
        });
        expectSame(matcher.matchProbability(p.prepared, d.prepared), matchProbability(p.dist, d.dist));
        const fromNames: PreparedDistribution = matcher.fromGenotypes(p.dist);
        expectSame(matcher.matchProbability(fromNames, d.prepared), matchProbability(p.dist, d.dist));
        expectRankingSame(matcher, p.prepared, d.prepared, matcher.matchProbability(p.prepared, d.prepared));
        const perLocus = matcher.locusMatch(p.prepared, d.prepared);
        locusMatchProbabilities(p.dist, d.dist).forEach((x, l) =>
          expect(Math.abs(x - perLocus[l]!)).toBeLessThanOrEqual(TOL)
        );
        compared++;
      }),
      { numRuns: 400, seed: 413 }
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('give the name-based probabilities on WMDA MVT patients and donors with the CAU set (top 2,000)', () => {
    const imputer = new Imputer({ set: loadFrequencySet(sharedData('freqs/CAU.freqs.gz')), engine });
    const matcher = new CompactMatcher(imputer.index, imputer.loci);
    const typings = (file: string, n: number) =>
      gunzipSync(readFileSync(sharedData(file)))
        .toString('utf8')
        .trim()
        .split('\n')
        .slice(0, n)
        .map((line) => line.slice(line.indexOf('%') + 1));
    const patients = typings('wmda-mvt/pat.gl.txt.gz', 4).map((gl) => both(imputer, matcher, gl));
    const donors = typings('wmda-mvt/don.gl.txt.gz', 150).map((gl) => both(imputer, matcher, gl, 2000));
    let pairs = 0;
    for (const p of patients) {
      for (const d of donors) {
        const whole = matcher.matchProbability(p.prepared, d.prepared);
        expectSame(whole, matchProbability(p.dist, d.dist));
        expectRankingSame(matcher, p.prepared, d.prepared, whole);
        pairs++;
      }
    }
    expect(pairs).toBe(600);
  });
});
