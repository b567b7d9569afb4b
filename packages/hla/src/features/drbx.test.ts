import { describe, expect, it } from 'vitest';
import { HlaError } from '../errors';
import { checkDrbx, drbxOfDrb1 } from './drbx';

describe('DRB3/4/5 expected from DRB1 (DR51/52/53 groups)', () => {
  it.each([
    ['DRB1*01:01', 'none'],
    ['DRB1*03:01', 'DRB3'],
    ['DRB1*04:01', 'DRB4'],
    ['DRB1*07:01', 'DRB4'],
    ['DRB1*08:01', 'none'],
    ['DRB1*09:01', 'DRB4'],
    ['DRB1*10:01', 'none'],
    ['DRB1*11:01', 'DRB3'],
    ['DRB1*12:01', 'DRB3'],
    ['DRB1*13:01', 'DRB3'],
    ['HLA-DRB1*14:01', 'DRB3'],
    ['DRB1*15:01', 'DRB5'],
    ['DRB1*16:01', 'DRB5'],
  ])('%s carries %s', (allele, locus) => {
    expect(drbxOfDrb1(allele)).toBe(locus);
  });
  it('refuses a name that is not DRB1', () => {
    expect(() => drbxOfDrb1('DRB3*01:01')).toThrow(/DRB3\*01:01: not a DRB1 allele/);
  });
});

describe('DRBX blending: does the DRB3/4/5 typing agree with DRB1?', () => {
  it('agrees and blends when each haplotype has its locus', () => {
    const check = checkDrbx('DRB1*03:01+DRB1*04:01^DRB3*01:01^DRB4*01:03');
    expect(check.findings).toEqual([]);
    expect(check.expected).toEqual([['DRB3'], ['DRB4']]);
    expect(check.blended).toBe('DRB3*01:01+DRB4*01:03');
  });
  it('writes DRBX*NNNN for a haplotype without DRB3/4/5 (DR1) and takes a homozygous call as hemizygous', () => {
    const check = checkDrbx('DRB1*01:01+DRB1*03:01^DRB3*02:02+DRB3*02:02');
    expect(check.findings).toEqual([]);
    expect(check.blended).toBe('DRB3*02:02+DRBX*NNNN');
    expect(checkDrbx('DRB1*03:01+DRB1*13:02^DRB3*02:02').blended).toBe('DRB3*02:02+DRB3*02:02');
    // py-ard's DRBX*NNNN placeholder is no copy of any locus.
    expect(checkDrbx('DRB1*01:01+DRB1*15:01^DRB5*01:01+DRBX*NNNN').findings).toEqual([]);
  });
  it('flags a locus that no DRB1 haplotype carries', () => {
    const check = checkDrbx('DRB1*01:01+DRB1*15:01^DRB5*01:01^DRB4*01:01');
    expect(check.findings).toEqual([
      {
        kind: 'unexpected',
        locus: 'DRB4',
        message: 'DRB4 typed (DRB4*01:01) but neither DRB1 allele is of a DR group that carries DRB4',
      },
    ]);
  });
  it('flags more different copies than haplotypes that carry the locus', () => {
    const check = checkDrbx('DRB1*03:01+DRB1*01:01^DRB3*01:01+DRB3*02:02');
    expect(check.findings.map((f) => [f.kind, f.locus])).toEqual([['too-many', 'DRB3']]);
  });
  it('flags a locus both haplotypes carry that is missing from a typing naming DRB3/4/5', () => {
    const check = checkDrbx('DRB1*04:01+DRB1*07:01^DRB3*01:01');
    expect(check.findings.map((f) => [f.kind, f.locus])).toEqual([
      ['unexpected', 'DRB3'],
      ['missing', 'DRB4'],
    ]);
  });
  it('has nothing to compare when no DRB3/4/5 is typed', () => {
    expect(checkDrbx('A*01:01+A*02:01^DRB1*04:01+DRB1*07:01')).toMatchObject({ typed: false, findings: [] });
  });
  it('allows either locus for an ambiguous DRB1 position', () => {
    const check = checkDrbx('DRB1*03:01/DRB1*04:01+DRB1*01:01^DRB4*01:01');
    expect(check.expected[0]).toEqual(['DRB3', 'DRB4']);
    expect(check.findings).toEqual([]);
    expect(check.blended).toBe('DRB4*01:01+DRBX*NNNN');
  });
  it('needs a DRB1 genotype of two unphased positions', () => {
    expect(() => checkDrbx('DRB1*03:01^DRB3*01:01')).toThrow(HlaError);
    expect(() => checkDrbx('DRB1*03:01^DRB3*01:01')).toThrow(/two positions/);
    expect(() => checkDrbx('DRB1*03:01~DRB3*01:01+DRB1*01:01')).toThrow(/unphased/);
  });
});
