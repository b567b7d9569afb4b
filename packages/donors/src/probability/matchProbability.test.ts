import { describe, expect, it } from 'vitest';
import { testEngine } from '../testing/engine';
import { dpb1FromTyping, dpb1Probability, tceGroupOf, tceOutcome } from './dpb1Probability';
import { parseFrequencySet } from './frequencySet';
import { Imputer } from './imputer';
import { locusMismatches, matchProbability } from './matchProbability';

// The two-locus set of imputer.test.ts with DRB1*03:01 on every haplotype (so 6/6 = A + B + a DRB1 that always
// matches): h1 A*01:01~B*08:01 0.3, h2 A*01:01~B*07:02 0.1, h3 A*02:01~B*07:02 0.4, h4 A*02:01~B*08:01 0.2.
const SET = parseFrequencySet(
  [
    'A*01:01~B*08:01~DRB1*03:01,1,0.3',
    'A*01:01~B*07:02~DRB1*03:01,1,0.1',
    'A*02:01~B*07:02~DRB1*03:01,1,0.4',
    'A*02:01~B*08:01~DRB1*03:01,1,0.2',
  ].join('\n')
);

function dist(gl: string) {
  const imputer = new Imputer({ set: SET, engine: testEngine() });
  return { loci: SET.loci, ...imputer.impute(gl) };
}
const close = (p: number): unknown => expect.closeTo(p, 14);

describe('matchProbability on a hand-computed set', () => {
  it('sums the patient × donor genotype pairs by mismatch count, per locus, per direction and over 6/6', () => {
    // Patient A*01:01+A*01:01/A*02:01, B*08:01 homozygous: {h1,h1} 3/7 (A 01+01), {h1,h4} 4/7 (A 01+02).
    // Donor A*01:01+A*02:01, B*07:02/B*08:01 twice: B 08+07 1/2, 08+08 1/4, 07+07 1/6, 07+08 1/12.
    const patient = dist('A*01:01+A*01:01/A*02:01^B*08:01+B*08:01');
    const donor = dist('A*01:01+A*02:01^B*07:02/B*08:01+B*07:02/B*08:01');
    const r = matchProbability(patient, donor);
    const [a, b, drb1] = r.loci;
    // A: patient 01+01 against donor 01+02 is one mismatch, HvG only (the donor's A*02:01): 3/7
    expect(a).toEqual({
      locus: 'A',
      pMatch: close(4 / 7),
      mismatches: [close(4 / 7), close(3 / 7), 0],
      gvh: [1, 0, 0],
      hvg: [close(4 / 7), close(3 / 7), 0],
    });
    // B: patient 08+08; donor 08+08 → 0 (1/4); 08+07 or 07+08 → 1 (7/12, HvG only); 07+07 → 2 (1/6, both ways)
    expect(b).toEqual({
      locus: 'B',
      pMatch: close(1 / 4),
      mismatches: [close(1 / 4), close(7 / 12), close(1 / 6)],
      gvh: [close(5 / 6), 0, close(1 / 6)],
      hvg: [close(1 / 4), close(7 / 12), close(1 / 6)],
    });
    // DRB1 imputed 03:01 homozygous on both sides: a definite match, exactly 1
    expect(drb1?.pMatch).toBe(1);
    // 6/6: P(0) = 4/7·1/4 = 12/84; P(1) = 3/7·1/4 + 4/7·7/12 = 37/84; P(2) = 3/7·7/12 + 4/7·1/6 = 29/84;
    // the remaining 6/84 is 3 mismatches (3/7·1/6).
    expect(r.scopes[6]?.mismatches).toEqual([close(12 / 84), close(37 / 84), close(29 / 84)]);
    expect(r.scopes[8]).toBeUndefined(); // the set has no C
    expect(r.unaccountedMass).toBe(0);
  });

  it('keeps P = 1 exactly for a definite match, even when the phase is unknown', () => {
    // A*01:01+A*02:01, B*08:01+B*07:02 imputes to {h1,h3} 6/7 and {h2,h4} 1/7: the same alleles either way.
    const typing = 'A*01:01+A*02:01^B*08:01+B*07:02^DRB1*03:01+DRB1*03:01';
    const r = matchProbability(dist(typing), dist(typing));
    expect(r.scopes[6]).toEqual({ mismatches: [1, 0, 0], gvh: [1, 0, 0], hvg: [1, 0, 0] });
    expect(r.loci.map((l) => l.pMatch)).toEqual([1, 1, 1]);
  });

  it('reports the mass cut by top-K on either side', () => {
    const imputer = new Imputer({ set: SET, engine: testEngine() });
    const cut = { loci: SET.loci, ...imputer.impute('A*01:01+A*02:01^B*07:02/B*08:01+B*07:02/B*08:01', { top: 2 }) };
    const r = matchProbability(cut, cut);
    // 1 − (1 − 1/4)² = 7/16
    expect(r.unaccountedMass).toBeCloseTo(7 / 16, 14);
    expect(r.loci[1]?.pMatch).toBeLessThan(1);
  });

  it('counts a null allele as expressing nothing, and orientation by the better of direct and crossed', () => {
    expect(locusMismatches(['A*01:01', 'A*02:01'], ['A*02:01', 'A*01:01'])).toEqual({ bi: 0, gvh: 0, hvg: 0 });
    expect(locusMismatches(['A*01:01', 'A*01:01'], ['A*01:01', 'A*02:01'])).toEqual({ bi: 1, gvh: 0, hvg: 1 });
    expect(locusMismatches(['A*01:01', 'A*02:01'], ['A*03:01', 'A*03:01'])).toEqual({ bi: 2, gvh: 2, hvg: 2 });
    const nul = parseFrequencySet('A*01:16N~B*08:01,1,0.5\nA*02:01~B*08:01,1,0.5');
    const imputer = new Imputer({ set: nul, engine: testEngine() });
    const patient = { loci: nul.loci, ...imputer.impute('A*02:01+A*01:16N^B*08:01') };
    const donor = { loci: nul.loci, ...imputer.impute('A*02:01+A*02:01^B*08:01') };
    // A*02:01 with a null is A*02:01 homozygous in expression: a full match
    expect(matchProbability(patient, donor).loci[0]?.pMatch).toBe(1);
  });
});

describe('DPB1 TCE permissiveness (V2 groups of IMGT 3.58.0)', () => {
  const engine = testEngine();
  const groupOf = tceGroupOf(engine);

  it('classifies pairs by the most immunogenic group of each side', () => {
    // V2 groups in tce/dpb_tce.csv: DPB1*09:01 → 1, DPB1*03:01 → 2, DPB1*04:01 → 3 (its null
    // DPB1*04:01:01:24N, group 0, is not meant by the name), DPB1*02:01 → 3
    expect(['DPB1*09:01', 'DPB1*03:01', 'DPB1*04:01', 'DPB1*02:01'].map(groupOf)).toEqual(['1', '2', '3', '3']);
    expect(tceOutcome(['DPB1*04:01', 'DPB1*02:01'], ['DPB1*02:01', 'DPB1*04:01'], groupOf)).toBe('match');
    expect(tceOutcome(['DPB1*04:01', 'DPB1*04:01'], ['DPB1*02:01', 'DPB1*04:01'], groupOf)).toBe('permissive');
    expect(tceOutcome(['DPB1*04:01', 'DPB1*04:01'], ['DPB1*09:01', 'DPB1*04:01'], groupOf)).toBe('nonPermissiveGvh');
    expect(tceOutcome(['DPB1*03:01', 'DPB1*04:01'], ['DPB1*04:01', 'DPB1*02:01'], groupOf)).toBe('nonPermissiveHvg');
    expect(tceOutcome(['DPB1*04:01', 'DPB1*04:01'], ['DPB1*02:01', 'DPB1*999:01'], () => undefined)).toBe('unknown');
  });

  it('gives a probability from unambiguous typings and none from ambiguous ones when the set lacks DPB1', () => {
    const patient = dpb1FromTyping(engine, 'A*01:01^DPB1*04:01+DPB1*04:01');
    const donor = dpb1FromTyping(engine, 'DPB1*09:01+DPB1*04:01');
    expect(patient && donor && dpb1Probability(patient, donor, groupOf)).toEqual({
      match: 0,
      permissive: 0,
      nonPermissiveGvh: 1,
      nonPermissiveHvg: 0,
      unknown: 0,
    });
    expect(dpb1FromTyping(engine, 'DPB1*04:01/DPB1*02:01+DPB1*04:01')).toBeUndefined();
    expect(dpb1FromTyping(engine, 'A*01:01+A*02:01')).toBeUndefined();
    // a distribution: half match, half permissive
    const half = dpb1Probability(
      [{ pair: ['DPB1*04:01', 'DPB1*04:01'], probability: 1 }],
      [
        { pair: ['DPB1*04:01', 'DPB1*04:01'], probability: 0.5 },
        { pair: ['DPB1*02:01', 'DPB1*04:01'], probability: 0.5 },
      ],
      groupOf
    );
    expect(half).toEqual({ match: 0.5, permissive: 0.5, nonPermissiveGvh: 0, nonPermissiveHvg: 0, unknown: 0 });
  });
}, 60_000);
