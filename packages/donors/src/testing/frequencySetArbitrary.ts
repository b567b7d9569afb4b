import fc from 'fast-check';
import { type FrequencySet, parseFrequencySet } from '../probability/frequencySet';
import type { Imputer } from '../probability/imputer';
import type { GenotypeDistribution } from '../probability/matchProbability';

/** Alleles the property tests draw from, per locus of a three-locus (A~B~DRB1) frequency set. */
export type ThreeLocusPool = Readonly<Record<'A' | 'B' | 'DRB1', readonly string[]>>;

/** Every A~B~DRB1 haplotype of the pool. */
export const poolHaplotypes = (pool: ThreeLocusPool): string[] =>
  pool.A.flatMap((a) => pool.B.flatMap((b) => pool.DRB1.map((d) => [a, b, d].join('~'))));

/**
 * Random frequency sets over the pool's haplotypes: `minLength` to `maxLength` distinct haplotypes with weights
 * 0.001–1, written in the set's CSV form (`haplotype,population,frequency`) and parsed as a real set would be.
 */
export function frequencySetArb(
  pool: ThreeLocusPool,
  { minLength, maxLength }: { minLength: number; maxLength: number }
): fc.Arbitrary<FrequencySet> {
  const haplotypes = poolHaplotypes(pool);
  return fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: haplotypes.length - 1 }), fc.integer({ min: 1, max: 1000 })), {
      minLength,
      maxLength,
      selector: (x) => x[0],
    })
    .map((rows) => parseFrequencySet(rows.map(([h, w]) => `${haplotypes[h]},1,${w / 1000}`).join('\n')));
}

/** The pool of the ranking property tests (probabilityRanking.test.ts, rankPool.test.ts). */
export const RANKING_POOL: ThreeLocusPool = {
  A: ['A*01:01', 'A*02:01', 'A*03:01', 'A*11:01'],
  B: ['B*07:02', 'B*08:01', 'B*44:02', 'B*35:01'],
  DRB1: ['DRB1*03:01', 'DRB1*15:01', 'DRB1*04:01'],
};

/** Random A, B and DRB1 typings over the pool: each position one allele or an allele list (`/`). */
export function threeLocusTypingArb(pool: ThreeLocusPool): fc.Arbitrary<string> {
  const positionArb = (locus: keyof ThreeLocusPool) =>
    fc.subarray([...pool[locus]], { minLength: 1 }).map((n) => n.join('/'));
  return fc
    .tuple(...(['A', 'B', 'DRB1'] as const).map((l) => fc.tuple(positionArb(l), positionArb(l))))
    .map((loci) => loci.map(([x, y]) => `${x}+${y}`).join('^'));
}

/** The typing imputed as a genotype distribution, or undefined when the set cannot explain it. */
export function imputedOrNone(imputer: Imputer, gl: string): GenotypeDistribution | undefined {
  try {
    const r = imputer.impute(gl);
    return { loci: imputer.loci, genotypes: r.genotypes, truncatedMass: r.truncatedMass };
  } catch {
    return undefined;
  }
}
