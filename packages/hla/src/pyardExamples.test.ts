import { describe, expect, it } from 'vitest';
import { createHlaEngine } from './engine';
import { loadImgtRelease } from './imgt/loadRelease';
import { loadMacFile } from './mac/loadMac';
import type { ReductionLevel } from './options';
import { sharedData } from './testing/sharedData';

// py-ard's documented behaviour (README table and documented behaviours) on IMGT/HLA
// 3.44.0, the release py-ard's own tests use.
const hla = createHlaEngine({
  release: loadImgtRelease(sharedData('imgt/3.44.0')),
  macs: loadMacFile(sharedData('mac/atlas-LargeMacDictionary.csv')),
});

describe('py-ard examples on IMGT/HLA 3.44.0', () => {
  it.each<[string, ReductionLevel, string]>([
    ['A*01:01:01', 'G', 'A*01:01:01G'],
    ['HLA-A*01:01:01', 'G', 'HLA-A*01:01:01G'],
    ['HLA-A*01:01:01', 'lg', 'HLA-A*01:01g'],
    ['A*01:01:01', 'lgx', 'A*01:01'],
    ['B*07:02:01:01', 'P', 'B*07:02P'],
    ['C*02:10', 'lgx', 'C*02:02'],
    ['A*01:01:01:03', 'exon', 'A*01:01:01'],
    ['A*01:04:01:01N', 'U2', 'A*01:04N'],
    ['B*13:04', 'S', 'B15/B21'],
    ['DPB1*04:01:01:01', '1F', 'DPB1*04'],
    ['C*06:17', 'lgx', 'C*06:02'],
    ['DRB4*01:03:19', 'lgx', 'DRB4*01:01'],
    ['DQB1*02:180', 'lgx', 'DQB1*02:03'],
    // G/P of 2-field names, MACs and XX codes: groupReduction.test.ts (every allele under the name).
  ])('%s at %s is %s', (typing, level, expected) => {
    expect(hla.reduce(typing, level)).toBe(expected);
  });

  it('expands DRB1*11:02 to 9 WHO alleles', () => {
    expect(hla.expand('DRB1*11:02').split('/')).toHaveLength(9);
  });

  it('finds broads, splits and associated antigens (find_broad_splits A10 → A25/A26/A34/A66)', () => {
    expect(hla.reduce('A10', 'S')).toBe('A10/A25/A26/A34/A66');
    expect(hla.reduce('B14', 'S')).toBe('B14/B64/B65');
    expect(hla.reduce('DR6', 'S').split('/')).toEqual(expect.arrayContaining(['DR13', 'DR14', 'DR1403', 'DR1404']));
  });

  it('does not take lg names (A*01:01g) as allele names in strict mode (py-ard validate)', () => {
    expect(hla.validate('A*01:01g').valid).toBe(false);
    expect(hla.validate('HLA-A*01:01ARS').valid).toBe(false);
    const lenient = createHlaEngine({ release: hla.release, options: { strict: false } });
    expect(lenient.validate('A*01:01g').valid).toBe(true);
    expect(lenient.reduce('A*01:01g', 'lgx')).toBe('A*01:01');
  });

  it('rejects A*24:329 strictly (renamed A*24:329Q)', () => {
    expect(() => hla.reduce('A*24:329', 'lgx')).toThrow(/A\*24:329Q/);
  });
});
