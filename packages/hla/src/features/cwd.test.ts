import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from '../engine';
import { loadImgtRelease } from '../imgt/loadRelease';
import { loadMacFile } from '../mac/loadMac';
import { sharedData } from '../testing/sharedData';
import { CwdReducer, parseCwdTable } from './cwd';

const hla = createHlaEngine({
  release: loadImgtRelease(sharedData('imgt/3.58.0')),
  macs: loadMacFile(sharedData('mac/atlas-LargeMacDictionary.csv')),
});
const cwd2Text = readFileSync(sharedData('ciwd/CWD2.csv'), 'utf8');
const ciwdText = readFileSync(sharedData('ciwd/ciwd.3.0.0.csv'), 'utf8');
const cwd2 = new CwdReducer(hla, parseCwdTable(cwd2Text));
const ciwd = new CwdReducer(hla, parseCwdTable(ciwdText));

describe('CWD tables', () => {
  it('reads CWD 2.0 and CIWD 3.0.0 with their categories', () => {
    const t2 = parseCwdTable(cwd2Text);
    expect(t2.source).toBe('CWD 2.0');
    expect(t2.alleles).toHaveLength(1063);
    expect(t2.alleles.slice(0, 4)).toEqual(['A*01:01', 'A*01:02', 'A*01:03', 'A*01:04N']);
    const t3 = parseCwdTable(ciwdText);
    expect(t3.source).toBe('CIWD 3.0.0');
    // 879 C + 674 I + 3847 WD rows in the TOTAL column; the 5068 R rows are left out.
    expect(t3.alleles).toHaveLength(879 + 674 + 3847);
    expect(parseCwdTable(ciwdText, { categories: ['C'] }).alleles).toHaveLength(879);
    expect(parseCwdTable(ciwdText, { population: 'MENA', categories: ['C'] }).alleles).toContain('A*01:06');
    expect(parseCwdTable(ciwdText, { population: 'EURO', categories: ['C'] }).alleles).not.toContain('A*01:06');
  });
  it('names the line of a malformed table', () => {
    expect(() => parseCwdTable('ALLELE;TOTAL\n')).toThrow(/line 1: expected 'LOCUS,ALLELE'/);
    expect(() => parseCwdTable('LOCUS,ALLELE\nA,A*01:01\nA,01:02\n')).toThrow(/line 3: expected an allele name/);
    expect(() => parseCwdTable('ALLELE,TOTAL\nA*01:01,X\n')).toThrow(/line 2: category 'X' is not C, I, WD or R/);
  });
  it('skips table names the release does not know', () => {
    expect(cwd2.unknown.every((a) => !hla.validate(a).valid)).toBe(true);
  });
});

describe('CWD reduction (py-ard cwd_redux)', () => {
  it('cuts an allele list to its CWD 2.0 members (CWD2.csv lists A*01:01, A*01:09, not A*01:07, A*01:08)', () => {
    expect(cwd2.reduce('A*01:01/A*01:08/A*01:07/A*01:09')).toEqual({ gl: 'A*01:01/A*01:09', withoutCwd: [] });
    expect(cwd2.reduce('HLA-A*01:01:01:01/HLA-A*01:07').gl).toBe('HLA-A*01:01');
  });
  it('works on every list of a genotype and through MACs', () => {
    // A*01:AB = A*01:01/A*01:02, both CWD; B*44:02/B*44:11 keeps B*44:02 (CWD2 lists B*44:02 and :10, :12 but not :11).
    expect(cwd2.reduce('A*01:AB+A*01:01/A*01:07^B*44:02:01:01/B*44:11+B*44:03').gl).toBe(
      'A*01:01/A*01:02+A*01:01^B*44:02+B*44:03'
    );
  });
  it('keeps and reports a list with no CWD member rather than emptying the typing', () => {
    expect(cwd2.reduce('A*01:08/A*01:07+A*01:01')).toEqual({
      gl: 'A*01:01+A*01:07/A*01:08',
      withoutCwd: ['A*01:07/A*01:08'],
    });
  });
  it('follows the CIWD 3.0.0 categories (A*01:08 is R; A*01:06 is I in TOTAL and EURO, C in MENA)', () => {
    expect(ciwd.reduce('A*01:06/A*01:08').gl).toBe('A*01:06');
    const euroCommon = new CwdReducer(hla, parseCwdTable(ciwdText, { population: 'EURO', categories: ['C'] }));
    expect(euroCommon.reduce('A*01:06/A*01:08').withoutCwd).toEqual(['A*01:06/A*01:08']);
  });
});
