import { describe, expect, it } from 'vitest';
import { HlaError } from '../errors';
import { loadImgtRelease } from '../imgt/loadRelease';
import { sharedData } from '../testing/sharedData';
import { serologyLookup, serologyToXx } from './serologyLookup';

const r358 = loadImgtRelease(sharedData('imgt/3.58.0'));
const r344 = loadImgtRelease(sharedData('imgt/3.44.0'));

describe('serology → XX (rel_dna_ser.txt)', () => {
  it('maps an antigen to the XX code of its alleles', () => {
    // rel_dna_ser 3.58.0: every A1 row is A*01:…
    expect(serologyToXx(r358, 'A1')).toBe('A*01:XX');
    expect(serologyToXx(r344, 'A1')).toBe('A*01:XX');
    expect(serologyToXx(r358, 'Cw10')).toBe('C*03:XX');
  });
  it('a broad covers its splits (rel_ser_ser A;9;23/24)', () => {
    expect(serologyToXx(r358, 'A9')).toBe('A*23:XX/A*24:XX');
    expect(serologyToXx(r358, 'DR52')).toBe('DRB3*01:XX/DRB3*02:XX/DRB3*03:XX');
  });
  it('rejects an antigen the release does not name', () => {
    expect(() => serologyToXx(r358, 'A99')).toThrow(HlaError);
    expect(() => serologyToXx(r358, 'A99')).toThrow(/A99 is not a serological antigen of IMGT\/HLA 3\.58\.0/);
  });
});

describe('broad, split and associated antigen lookup (rel_ser_ser.txt)', () => {
  it('finds the broad and the sibling splits of a split', () => {
    const a24 = serologyLookup(r358, 'A24');
    expect(a24.broad).toBe('A9');
    expect(a24.siblings).toEqual(['A23']);
    expect(a24.associated).toEqual(['A2403']);
    expect(serologyLookup(r358, 'B62').siblings).toEqual(['B63', 'B75', 'B76', 'B77']);
  });
  it('finds the splits of a broad and what an associated antigen belongs to', () => {
    const dr2 = serologyLookup(r358, 'DR2');
    expect(dr2.splits).toEqual(['DR15', 'DR16']);
    expect(dr2.broad).toBeUndefined();
    expect(dr2.siblings).toEqual([]);
    expect(serologyLookup(r358, 'DR1403').associatedWith).toBe('DR14');
    expect(serologyLookup(r358, 'B4005').associatedWith).toBe('B21');
  });
});
