import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersects3, oneWayCount } from './directions';
import { explainDonor } from './explain';
import { resolveCriteria } from './criteria';
import type { Locus } from './loci';
import type { Position, ResolvedLocus } from './matcher';
import { Matcher, locusCode, locusCodes } from './matcher';
import { testEngine } from './testing/engine';

const matcher = new Matcher(testEngine());

function compare(locus: Locus, patient: string, donor: string) {
  const m = matcher.compareLocus(locus, matcher.resolveLocus(locus, patient), matcher.resolveLocus(locus, donor));
  return { mm: m.mismatches, gvh: m.gvh, hvg: m.hvg };
}

describe('exact GvH/HvG: one ambiguous position stands for one allele (issue 15 §3)', () => {
  it('patient B*07:02+B*07:05, donor B*07:02/B*07:05+B*40:01: every donor genotype leaves one patient allele', () => {
    expect(compare('B', 'B*07:02+B*07:05', 'B*07:02/B*07:05+B*40:01')).toEqual({ mm: 1, gvh: 1, hvg: 1 });
    // the mirror case counts in the HvG direction
    expect(compare('B', 'B*07:02/B*07:05+B*40:01', 'B*07:02+B*07:05')).toEqual({ mm: 1, gvh: 1, hvg: 1 });
  });
  it('a homozygous patient allele inside the ambiguous donor position is fully present (GvH 0)', () => {
    expect(compare('B', 'B*07:02', 'B*07:02/B*07:05+B*40:01')).toEqual({ mm: 1, gvh: 0, hvg: 1 });
    expect(compare('B', 'B*07:02/B*08:01+B*07:02/B*40:01', 'B*07:02')).toEqual({ mm: 0, gvh: 0, hvg: 0 });
  });
  it('two ambiguous donor positions can cover both patient alleles (GvH 0)', () => {
    expect(compare('B', 'B*07:02+B*07:05', 'B*07:02/B*07:05+B*07:02/B*07:05')).toEqual({ mm: 0, gvh: 0, hvg: 0 });
  });
  it('genotype alternatives: each direction takes its own best pair', () => {
    expect(compare('A', 'A*01:01+A*02:01', 'A*01:01+A*02:05|A*01:01')).toMatchObject({ gvh: 1, hvg: 0 });
  });
});

describe('loci that express nothing (both positions null alleles; ADR 0400)', () => {
  const nullLocus = 'DQB1*05:41N+DQB1*02:20:01:01N';
  it('a null patient locus is no GvH target: GvH 0, HvG 2', () => {
    expect(compare('DQB1', nullLocus, 'DQB1*02:01+DQB1*06:02')).toEqual({ mm: 2, gvh: 0, hvg: 2 });
    expect(compare('DQB1', nullLocus, 'DQB1*02:01')).toEqual({ mm: 2, gvh: 0, hvg: 2 });
  });
  it('a null donor locus offers nothing to reject: GvH 2, HvG 0', () => {
    expect(compare('DQB1', 'DQB1*02:01+DQB1*06:02', nullLocus)).toEqual({ mm: 2, gvh: 2, hvg: 0 });
  });
  it('null on both sides matches', () => {
    expect(compare('DQB1', nullLocus, 'DQB1*05:41N')).toEqual({ mm: 0, gvh: 0, hvg: 0 });
  });
  it('the resolved positions say null-locus, and the scan codes agree', () => {
    const p = matcher.resolveLocus('DQB1', nullLocus);
    expect(p.genotypes[0]?.map((x) => x.nullStatus)).toEqual(['null-locus', 'null-locus']);
    const d = matcher.resolveLocus('DQB1', 'DQB1*02:01+DQB1*06:02');
    expect(locusCode(matcher, 'DQB1', p, d, 'allele', 'gvh') & 3).toBe(0);
    expect(locusCode(matcher, 'DQB1', p, d, 'allele', 'hvg') & 3).toBe(2);
    expect(locusCode(matcher, 'DQB1', d, p, 'allele', 'gvh') & 3).toBe(2);
    expect(locusCode(matcher, 'DQB1', d, p, 'allele', 'hvg') & 3).toBe(0);
  });
  it('the explanation names the null alleles and never shows an empty name', () => {
    const e = explainDonor(
      matcher,
      { typing: `A*01:01+A*02:01^${nullLocus}` },
      { id: 'd', registry: 'R1', kind: 'adult', availability: 'available', typing: { DQB1: 'DQB1*02:01+DQB1*06:02' } },
      resolveCriteria({ loci: 10 })
    );
    const dqb1 = e.loci.find((l) => l.locus === 'DQB1');
    expect(dqb1).toMatchObject({ gvh: 0, hvg: 2 });
    const text = [...(dqb1?.notes ?? []), ...(dqb1?.positions ?? []).map((p) => p.reason)].join('\n');
    expect(text).toContain('expresses nothing at DQB1');
    expect(text).toContain('DQB1*05:41N is a null allele');
    expect(text).not.toMatch(/\(patient ,|\(lgx none\)|patient \/|, donor \)|\(\)|\bundefined\b/);
    expect(text).not.toContain('homozygous for the other position');
  });
});

// Brute force: every genotype pair and every choice of one unit per position (null = -1, a position that
// expresses nothing); GvH counts expressed patient choices absent from the donor's choices, HvG the reverse.
function bruteForce(p: ResolvedLocus, d: ResolvedLocus) {
  const choices = (x: Position) => (x.units.length === 0 ? [-1] : x.units);
  const absent = (a: number, b: readonly number[]) => (a >= 0 && !b.includes(a) ? 1 : 0);
  let gvh = 2;
  let hvg = 2;
  let mm = 2;
  for (const pg of p.genotypes) {
    for (const dg of d.genotypes) {
      for (const p0 of choices(pg[0])) {
        for (const p1 of choices(pg[1])) {
          for (const d0 of choices(dg[0])) {
            for (const d1 of choices(dg[1])) {
              gvh = Math.min(gvh, absent(p0, [d0, d1]) + absent(p1, [d0, d1]));
              hvg = Math.min(hvg, absent(d0, [p0, p1]) + absent(d1, [p0, p1]));
              const direct = (p0 === d0 ? 0 : 1) + (p1 === d1 ? 0 : 1);
              const cross = (p0 === d1 ? 0 : 1) + (p1 === d0 ? 0 : 1);
              mm = Math.min(mm, direct, cross);
            }
          }
        }
      }
    }
  }
  return { mm, gvh, hvg };
}

// Names of locus A with small unit sets: alleles, lists, a MAC (A*01:AB = A*01:01/A*01:02), nulls alone and in lists.
const NAMES = [
  'A*01:01',
  'A*01:02',
  'A*02:01',
  'A*02:05',
  'A*03:01',
  'A*24:02',
  'A*01:AB',
  'A*01:01/A*02:01',
  'A*02:01/A*02:05/A*03:01',
  'A*01:02/A*24:02',
  'A*01:16N',
  'A*01:11N',
  'A*01:16N/A*01:11N',
  'A*02:01/A*01:16N',
];
const position = fc.constantFrom(...NAMES);
const genotype = fc.oneof(
  position,
  fc.tuple(position, position).map(([a, b]) => `${a}+${b}`)
);
const typing = fc.array(genotype, { minLength: 1, maxLength: 2 }).map((g) => g.join('|'));

describe('per-direction counts equal a brute-force count over all genotype pairs (property)', () => {
  it('on random typings with ambiguity, nulls and genotype alternatives, in the full and the scan comparison', () => {
    fc.assert(
      fc.property(typing, typing, (pt, dt) => {
        const p = matcher.resolveLocus('A', pt);
        const d = matcher.resolveLocus('A', dt);
        const m = matcher.compareLocus('A', p, d, 'allele');
        const expected = bruteForce(p, d);
        expect({ mm: m.mismatches, gvh: m.gvh, hvg: m.hvg }).toEqual(expected);
        expect(locusCode(matcher, 'A', p, d, 'allele', 'gvh') & 3).toBe(expected.gvh);
        expect(locusCode(matcher, 'A', p, d, 'allele', 'hvg') & 3).toBe(expected.hvg);
        const out = new Uint8Array(1);
        locusCodes(matcher, 'A', p, [d], 'allele', 'hvg', out);
        expect((out[0] as number) & 3).toBe(expected.hvg);
        locusCodes(matcher, 'A', p, [d], 'allele', 'gvh', out);
        expect((out[0] as number) & 3).toBe(expected.gvh);
      }),
      { numRuns: 2000 }
    );
  });

  it('oneWayCount over abstract sets of small ids equals the brute force', () => {
    const set = fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }).map((a) => a.sort());
    fc.assert(
      fc.property(set, set, set, set, (a0, a1, b0, b1) => {
        const meet = (x: readonly number[], y: readonly number[]) => x.some((v) => y.includes(v));
        const got = oneWayCount(meet(a0, b0), meet(a0, b1), meet(a1, b0), meet(a1, b1), false, (j) =>
          intersects3(a0, a1, j === 0 ? b0 : b1)
        );
        let want = 2;
        for (const x of a0) {
          for (const y of a1) {
            for (const u of b0) {
              for (const v of b1) want = Math.min(want, (x === u || x === v ? 0 : 1) + (y === u || y === v ? 0 : 1));
            }
          }
        }
        expect(got).toBe(want);
      }),
      { numRuns: 3000 }
    );
  });

  it('intersects3 finds a shared id, and only then', () => {
    expect(intersects3([1, 4, 9], [2, 4], [0, 4, 5])).toBe(true);
    expect(intersects3([1, 4, 9], [2, 9], [0, 4, 5])).toBe(false);
    expect(intersects3([], [1], [1])).toBe(false);
  });
});
