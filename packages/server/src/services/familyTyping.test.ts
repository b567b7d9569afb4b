import { describe, expect, it } from 'vitest';
import { testEngine } from '../../../donors/src/testing/engine';
import { antigenOfEngine, dsaTypingOf, familyTypingOf, ligandTypingOf, twoFieldName } from './familyTyping';

describe('family typing from a stored GL string', () => {
  it('cuts names to two fields and keeps the expression suffix', () => {
    expect(twoFieldName('HLA-A*01:01:01:02N')).toBe('A*01:01N');
    expect(twoFieldName('A*02:01:01')).toBe('A*02:01');
    expect(twoFieldName('B*08')).toBe('B*08');
    expect(twoFieldName('A2')).toBe('');
  });

  it('reads two positions per locus, a single position as homozygous, alternatives as a list', () => {
    expect(familyTypingOf('A*01:01:01+A*02:01^B*08:01^DRB1*03:01/DRB1*03:02+DRB1*15:01^DRB4*01:01')).toEqual({
      A: [['A*01:01'], ['A*02:01']],
      B: [['B*08:01'], ['B*08:01']],
      DRB1: [['DRB1*03:01', 'DRB1*03:02'], ['DRB1*15:01']],
    });
    expect(dsaTypingOf('A*01:01+A*02:01^DRB4*01:01+DRB4*01:03')).toEqual({
      A: [['A*01:01'], ['A*02:01']],
      DRB4: [['DRB4*01:01'], ['DRB4*01:03']],
    });
  });

  it('merges genotype alternatives position by position and reads phased loci', () => {
    expect(familyTypingOf('A*01:01+A*02:01|A*01:02+A*02:05')).toEqual({
      A: [
        ['A*01:01', 'A*01:02'],
        ['A*02:01', 'A*02:05'],
      ],
    });
    expect(familyTypingOf('A*01:01~B*08:01+A*03:01~B*07:02')).toEqual({
      A: [['A*01:01'], ['A*03:01']],
      B: [['B*08:01'], ['B*07:02']],
    });
  });

  it('gives null for nothing comparable', () => {
    expect(familyTypingOf(null)).toBeNull();
    expect(familyTypingOf('DRB4*01:01')).toBeNull();
  });

  it('finds the serological antigen of an allele in the release (rel_dna_ser)', () => {
    const antigenOf = antigenOfEngine(testEngine());
    expect(antigenOf('A*02:01')).toBe('A2');
    expect(antigenOf('A*24:02:01')).toBe('A24');
    expect(antigenOf('A*99:99')).toBeNull();
  });
});

describe('the class I alleles the KIR-ligand criterion reads', () => {
  it('gives two per locus, ambiguities joined by "/", a homozygous locus twice, an untyped locus empty', () => {
    expect(ligandTypingOf('A*01:01:01:01+A*24:02^C*07:01/C*07:06+C*04:09N^DRB1*03:01+DRB1*15:01')).toEqual({
      A: ['A*01:01', 'A*24:02'],
      B: [],
      C: ['C*07:01/C*07:06', 'C*04:09N'],
    });
    expect(ligandTypingOf('B*44:02').B).toEqual(['B*44:02', 'B*44:02']);
  });
});
