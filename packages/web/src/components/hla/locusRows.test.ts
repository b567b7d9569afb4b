import { describe, expect, it } from 'vitest';
import { hlaLocusRows } from './locusRows';

describe('hlaLocusRows', () => {
  it('gives one row per locus with its two positions', () => {
    expect(hlaLocusRows('A*01:01+A*02:01^DRB1*15:01/DRB1*15:02+DRB1*04:01^DRB4*01:01')).toEqual([
      { locus: 'A', first: 'A*01:01', second: 'A*02:01' },
      { locus: 'DRB1', first: 'DRB1*15:01/DRB1*15:02', second: 'DRB1*04:01' },
      { locus: 'DRB4', first: 'DRB4*01:01', second: '' },
    ]);
  });
  it('keeps genotype alternatives whole and drops the HLA- prefix from the locus only', () => {
    expect(hlaLocusRows('HLA-B*08:01+HLA-B*44:02|HLA-B*08:02+HLA-B*44:03')).toEqual([
      { locus: 'B', first: 'HLA-B*08:01+HLA-B*44:02|HLA-B*08:02+HLA-B*44:03', second: '' },
    ]);
  });
});
