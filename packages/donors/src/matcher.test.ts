import { describe, expect, it } from 'vitest';
import type { Locus } from './loci';
import type { MatchLevel } from './matcher';
import { Matcher } from './matcher';
import { testEngine } from './testing/engine';
import { splitByLocus } from './typing';

const matcher = new Matcher(testEngine());

function compare(locus: Locus, patient: string | undefined, donor: string | undefined, level: MatchLevel = 'allele') {
  const p = patient === undefined ? undefined : matcher.resolveLocus(locus, patient);
  const d = donor === undefined ? undefined : matcher.resolveLocus(locus, donor);
  const m = matcher.compareLocus(locus, p, d, level);
  return {
    mm: m.mismatches,
    pot: m.potential,
    gvh: m.gvh,
    hvg: m.hvg,
    grades: m.positions.map((x) => `${x.allele}/${x.antigen}`),
    typed: m.typed,
  };
}

describe('position grades at allele (P group / lgx) and antigen level', () => {
  it('identical high-resolution typings are two definite matches', () => {
    expect(compare('A', 'A*01:01:01:01+A*02:01', 'A*01:01+A*02:01:01:01')).toMatchObject({
      mm: 0,
      pot: 0,
      gvh: 0,
      hvg: 0,
      grades: ['definite/definite', 'definite/definite'],
    });
  });
  it('alleles of one P group match definitely (A*02:01:01:01 vs A*02:01:02)', () => {
    expect(compare('A', 'A*02:01:01:01+A*03:01', 'A*02:01:02+A*03:01')).toMatchObject({ mm: 0, pot: 0 });
  });
  it('an allele mismatch within one antigen is an allele mismatch and an antigen match', () => {
    expect(compare('A', 'A*02:01+A*03:01', 'A*02:05+A*03:01')).toMatchObject({
      mm: 1,
      grades: ['mismatch/definite', 'definite/definite'],
    });
    expect(compare('A', 'A*02:01+A*03:01', 'A*02:05+A*03:01', 'antigen')).toMatchObject({ mm: 0, pot: 0 });
  });
  it('different antigens mismatch at both levels, direct or cross orientation chosen', () => {
    expect(compare('A', 'A*01:01+A*02:01', 'A*02:01+A*24:02')).toMatchObject({
      mm: 1,
      grades: ['mismatch/mismatch', 'definite/definite'],
    });
    expect(compare('A', 'A*01:01+A*02:01', 'A*02:01+A*24:02', 'antigen')).toMatchObject({ mm: 1 });
  });
  it('MAC: a generic code that includes the patient allele is a potential match', () => {
    expect(compare('A', 'A*01:01+A*02:01', 'A*01:AB+A*02:01')).toMatchObject({
      mm: 0,
      pot: 1,
      grades: ['potential/definite', 'definite/definite'],
    });
    expect(compare('A', 'A*01:03+A*02:01', 'A*01:AB+A*02:01')).toMatchObject({ mm: 1 });
  });
  it('XX code: every 2-field name of the first field, a potential match', () => {
    expect(compare('B', 'B*08:01+B*07:02', 'B*08:XX+B*07:02')).toMatchObject({ mm: 0, pot: 1 });
    expect(compare('B', 'B*08:01+B*07:02', 'B*18:XX+B*07:02')).toMatchObject({ mm: 1 });
  });
  it('allele lists (/) and genotype alternatives (|)', () => {
    expect(compare('DRB1', 'DRB1*03:01+DRB1*15:01', 'DRB1*03:01/DRB1*03:02+DRB1*15:01')).toMatchObject({
      mm: 0,
      pot: 1,
    });
    // alternatives: one of them matches fully, the other does not: potential, not definite
    expect(compare('DRB1', 'DRB1*03:01+DRB1*15:01', 'DRB1*03:01+DRB1*15:01|DRB1*03:01+DRB1*15:02')).toMatchObject({
      mm: 0,
      pot: 1,
    });
    expect(compare('DRB1', 'DRB1*03:01+DRB1*15:01', 'DRB1*03:01+DRB1*15:01|DRB1*15:01+DRB1*03:01')).toMatchObject({
      mm: 0,
      pot: 0,
    });
  });
  it('serology-only donors match potentially at allele level and definitely at antigen level', () => {
    expect(compare('A', 'A*01:01+A*02:01', 'A1+A2')).toMatchObject({
      mm: 0,
      pot: 2,
      grades: ['potential/definite', 'potential/definite'],
    });
    expect(compare('A', 'A*01:01+A*02:01', 'A1+A3')).toMatchObject({ mm: 1 });
    // a broad antigen only potentially matches its splits
    expect(compare('A', 'A*23:01+A*02:01', 'A9+A2', 'antigen')).toMatchObject({ mm: 0, pot: 1 });
    expect(compare('C', 'C*07:01+C*07:02', 'Cw7+Cw7', 'antigen')).toMatchObject({ mm: 0 });
    expect(compare('B', 'B*08:01+B*07:02', 'B8+B7', 'antigen')).toMatchObject({ mm: 0, pot: 0 });
  });
  it('a missing locus is two potential matches, on either side', () => {
    expect(compare('C', 'C*07:01+C*07:02', undefined)).toMatchObject({ mm: 0, pot: 2, typed: 'donor-untyped' });
    expect(compare('C', undefined, 'C*07:01+C*07:02')).toMatchObject({ mm: 0, pot: 2, typed: 'patient-untyped' });
  });
});

describe('homozygous loci: graft-versus-host and host-versus-graft', () => {
  it('homozygous patient, heterozygous donor: one HvG mismatch, no GvH', () => {
    expect(compare('A', 'A*01:01', 'A*01:01+A*02:01')).toMatchObject({ mm: 1, gvh: 0, hvg: 1 });
    expect(compare('A', 'A*01:01+A*01:01', 'A*01:01+A*02:01')).toMatchObject({ mm: 1, gvh: 0, hvg: 1 });
  });
  it('heterozygous patient, homozygous donor: one GvH mismatch, no HvG', () => {
    expect(compare('A', 'A*01:01+A*02:01', 'A*01:01')).toMatchObject({ mm: 1, gvh: 1, hvg: 0 });
  });
  it('two different alleles both absent count two in each direction', () => {
    expect(compare('B', 'B*08:01+B*07:02', 'B*44:02+B*35:01')).toMatchObject({ mm: 2, gvh: 2, hvg: 2 });
  });
});

describe('null alleles (ADR 0400)', () => {
  it('a null allele is not expressed: the locus counts as homozygous for the other position', () => {
    expect(compare('A', 'A*01:01+A*01:16N', 'A*01:01+A*01:01')).toMatchObject({ mm: 0, pot: 0 });
    expect(compare('A', 'A*02:01+A*01:16N', 'A*02:01+A*01:01')).toMatchObject({ mm: 1, gvh: 0, hvg: 1 });
    expect(compare('A', 'A*02:01+A*01:01', 'A*02:01+A*01:16N')).toMatchObject({ mm: 1, gvh: 1, hvg: 0 });
  });
  it('a null allele never matches its expressed counterpart by P group (expressed vs null)', () => {
    const p = matcher.resolveLocus('A', 'A*02:01+A*01:16N');
    expect(p.genotypes[0]?.[1].nullStatus).toBe('expressed-vs-null');
  });
  it('null alleles in a list or MAC beside expressed ones are ignored', () => {
    const d = matcher.resolveLocus('A', 'A*01:01/A*01:16N+A*02:01');
    expect(d.genotypes[0]?.[0].nullStatus).toBe('ignored');
    expect(compare('A', 'A*01:01+A*02:01', 'A*01:01/A*01:16N+A*02:01')).toMatchObject({ mm: 0, pot: 0 });
  });
  it('a 2-field name covering a null 4-field allele is not a null typing', () => {
    expect(matcher.resolveLocus('A', 'A*01:01+A*02:01').genotypes[0]?.[0].nullStatus).toBe('none');
  });
});

describe('DPB1 T-cell-epitope categories (V2)', () => {
  const dpb1 = (p: string, d: string | undefined) =>
    matcher.dpb1(matcher.resolveLocus('DPB1', p), d === undefined ? undefined : matcher.resolveLocus('DPB1', d));
  it('match, permissive, non-permissive GvH and HvG, unknown', () => {
    expect(dpb1('DPB1*04:01+DPB1*02:01', 'DPB1*02:01+DPB1*04:01').category).toBe('match');
    expect(dpb1('DPB1*04:01+DPB1*04:01', 'DPB1*04:01+DPB1*04:02').category).toBe('permissive');
    // donor carries group 1 (09:01), patient only group 3: GvH
    expect(dpb1('DPB1*04:01+DPB1*04:02', 'DPB1*09:01+DPB1*04:01')).toMatchObject({
      category: 'non-permissive-gvh',
      donorGroups: ['1', '3'],
    });
    expect(dpb1('DPB1*09:01+DPB1*04:01', 'DPB1*04:01+DPB1*04:02').category).toBe('non-permissive-hvg');
    expect(dpb1('DPB1*04:01+DPB1*04:02', undefined).category).toBe('unknown');
  });
});

describe('whole GL strings', () => {
  it('split per locus, including phased haplotypes across loci', () => {
    expect(splitByLocus('A*01:01+A*02:01^B*08:01+B*07:02^Cw7')).toEqual({
      A: 'A*01:01+A*02:01',
      B: 'B*08:01+B*07:02',
      C: 'Cw7',
    });
    expect(splitByLocus('A*01:01~B*08:01+A*02:01~B*07:02')).toEqual({ A: 'A*01:01+A*02:01', B: 'B*08:01+B*07:02' });
    expect(() => splitByLocus('A*01:01+B*08:01')).toThrow(/mixes loci/);
    expect(() => splitByLocus('A*01:01^A*02:01')).toThrow(/twice/);
  });
  it('unknown names are typing errors naming the locus', () => {
    expect(() => matcher.resolveLocus('A', 'A*99:99+A*01:01')).toThrow(/A: .*A\*99:99/);
    expect(() => matcher.resolveLocus('A', 'B*08:01')).toThrow(/B name/);
  });
});
