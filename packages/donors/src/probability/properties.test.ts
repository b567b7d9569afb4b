import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../testing/engine';
import type { FrequencySet } from './frequencySet';
import { parseFrequencySet } from './frequencySet';
import { ImputationError, Imputer } from './imputer';
import { matchProbability } from './matchProbability';

// Property tests on random three-locus sets and typings: the indexed enumeration gives exactly the posterior
// of the naive one (every unordered pair, f(h1)·f(h2)·(2 if distinct), normalised over pairs fitting the typing).
const POOL: Readonly<Record<string, readonly string[]>> = {
  A: ['A*01:01', 'A*02:01', 'A*03:01', 'A*11:01'],
  B: ['B*07:02', 'B*08:01', 'B*44:02', 'B*35:01'],
  DRB1: ['DRB1*03:01', 'DRB1*15:01', 'DRB1*04:01'],
};
const LOCI = ['A', 'B', 'DRB1'] as const;
const ALL_HAPS = POOL.A!.flatMap((a) => POOL.B!.flatMap((b) => POOL.DRB1!.map((d) => [a, b, d] as const)));

const setArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: ALL_HAPS.length - 1 }), fc.integer({ min: 1, max: 1000 })), {
    minLength: 1,
    maxLength: 20,
  })
  .map((rows) => {
    const seen = new Map<number, number>();
    for (const [h, w] of rows) seen.set(h, w);
    return parseFrequencySet([...seen].map(([h, w]) => `${ALL_HAPS[h]!.join('~')},1,${w / 1000}`).join('\n'));
  });

const positionArb = (locus: string) => fc.subarray([...POOL[locus]!], { minLength: 1 }).map((names) => names.join('/'));
const locusArb = (locus: string) =>
  fc.option(fc.tuple(positionArb(locus), positionArb(locus)), { nil: undefined }).map((p) => (p ? p.join('+') : ''));
const typingArb = fc
  .tuple(locusArb('A'), locusArb('B'), locusArb('DRB1'))
  .map((parts) => parts.filter((p) => p !== '').join('^'))
  .filter((t) => t !== '');

function naive(set: FrequencySet, typing: string): Map<string, number> {
  const loci = typing.split('^').map((part) => {
    const [p1 = '', p2 = ''] = part.split('+').map((p) => p.split('/'));
    return { l: LOCI.indexOf(p1[0]!.split('*')[0] as (typeof LOCI)[number]), p1, p2 };
  });
  const f = set.populations[0]!.frequencies;
  const out = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < set.haplotypes.length; i++) {
    for (let j = i; j < set.haplotypes.length; j++) {
      const h1 = set.haplotypes[i]!;
      const h2 = set.haplotypes[j]!;
      const fits = loci.every(
        ({ l, p1, p2 }) => (p1.includes(h1[l]!) && p2.includes(h2[l]!)) || (p1.includes(h2[l]!) && p2.includes(h1[l]!))
      );
      if (!fits) continue;
      const w = f[i]! * f[j]! * (i === j ? 1 : 2);
      const [a, b] = [h1.join('~'), h2.join('~')].sort();
      out.set(`${a}+${b}`, w);
      total += w;
    }
  }
  for (const [k, w] of out) out.set(k, w / total);
  return out;
}

describe('imputation and match probability properties', () => {
  const engine = testEngine();

  it('equals the naive enumeration; probabilities sum to 1 − truncatedMass', () => {
    fc.assert(
      fc.property(
        setArb,
        typingArb,
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        (set, typing, top) => {
          const imputer = new Imputer({ set, engine, resolution: '2-field' });
          const expected = naive(set, typing);
          let r;
          try {
            r = imputer.impute(typing, top === undefined ? {} : { top });
          } catch (err) {
            expect(err).toBeInstanceOf(ImputationError);
            expect(expected.size).toBe(0);
            return;
          }
          const sum = r.genotypes.reduce((s, g) => s + g.probability, 0);
          expect(sum + r.truncatedMass).toBeCloseTo(1, 12);
          expect(r.total).toBe(expected.size);
          for (const g of r.genotypes) {
            expect(g.probability).toBeCloseTo(expected.get(`${g.haplotypes[0]}+${g.haplotypes[1]}`) ?? NaN, 12);
          }
          const probs = r.genotypes.map((g) => g.probability);
          expect([...probs].sort((a, b) => b - a)).toEqual(probs);
        }
      ),
      { numRuns: 300 }
    );
  });

  it('a definite match has P = 1; adding ambiguity to the donor never gives more than the definite match', () => {
    fc.assert(
      fc.property(
        setArb,
        fc.nat(),
        fc.nat(),
        fc.array(fc.constantFrom(...POOL.B!), { maxLength: 3 }),
        (set, i, j, extraB) => {
          const h1 = set.haplotypes[i % set.haplotypes.length]!;
          const h2 = set.haplotypes[j % set.haplotypes.length]!;
          const definite = LOCI.map((_, l) => `${h1[l]}+${h2[l]}`).join('^');
          const imputer = new Imputer({ set, engine, resolution: '2-field' });
          const p = { loci: set.loci, ...imputer.impute(definite) };
          const exact = matchProbability(p, p);
          expect(exact.scopes[6]?.mismatches[0]).toBe(1);
          expect(exact.loci.map((l) => l.pMatch)).toEqual([1, 1, 1]);
          // the donor's B positions widened with extra alleles: still explained by the patient's genotype
          const widen = (x: string) => [...new Set([x, ...extraB])].join('/');
          const ambiguous = [`${h1[0]}+${h2[0]}`, `${widen(h1[1]!)}+${widen(h2[1]!)}`, `${h1[2]}+${h2[2]}`].join('^');
          const d = { loci: set.loci, ...imputer.impute(ambiguous) };
          const potential = matchProbability(p, d);
          const p0 = potential.scopes[6]?.mismatches[0] ?? NaN;
          expect(p0).toBeGreaterThan(0);
          expect(p0).toBeLessThanOrEqual(1);
          for (const l of potential.loci) expect(l.pMatch).toBeLessThanOrEqual(1);
        }
      ),
      { numRuns: 200 }
    );
  });
}, 120_000);
