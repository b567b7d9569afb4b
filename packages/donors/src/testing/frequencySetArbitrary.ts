import fc from 'fast-check';
import { type FrequencySet, parseFrequencySet } from '../probability/frequencySet';

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
