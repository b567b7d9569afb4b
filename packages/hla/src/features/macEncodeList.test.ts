import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from '../engine';
import { loadImgtRelease } from '../imgt/loadRelease';
import { loadMacFile } from '../mac/loadMac';
import { ATLAS_FAKE_MACS } from '../mac/macDictionary';
import { sharedData } from '../testing/sharedData';
import { encodeAlleleList } from './macEncodeList';

const release = loadImgtRelease(sharedData('imgt/3.58.0'));
const macPath = sharedData('mac/atlas-LargeMacDictionary.csv');
const hla = createHlaEngine({ release, macs: loadMacFile(macPath) });

describe('MAC encoding of an allele list (py-ard lookup_mac)', () => {
  it('encodes generic and allele-specific lists, in any order, keeping HLA-', () => {
    expect(encodeAlleleList(hla, 'A*01:01/A*01:02').mac).toBe('A*01:AB');
    expect(encodeAlleleList(hla, 'A*01:02/A*01:01').mac).toBe('A*01:AB');
    expect(encodeAlleleList(hla, 'HLA-B*07:02/HLA-B*07:03').mac).toBe('HLA-B*07:BC');
    expect(encodeAlleleList(hla, 'A*02:43N/A*02:01/A*02:09').mac).toBe('A*02:GNF');
  });

  it('answers no code when none lists exactly those alleles', () => {
    // The subset lists CRY = 01/04N but no code for 02/04N/09 nor 01:02/01:04N/01:09.
    expect(encodeAlleleList(hla, 'A*01:01/A*01:04N').mac).toBe('A*01:CRY');
    expect(encodeAlleleList(hla, 'A*01:02/A*01:04N/A*01:09').mac).toBeUndefined();
    expect(encodeAlleleList(hla, 'A*01:01').mac).toBeUndefined();
  });

  it('refuses what a MAC cannot denote, naming the name', () => {
    expect(() => encodeAlleleList(hla, 'A*01:01/B*08:01')).toThrow(/B\*08:01: a MAC covers one locus/);
    expect(() => encodeAlleleList(hla, 'A*01:01:01/A*01:02')).toThrow(/A\*01:01:01: a MAC lists 2-field/);
    expect(() => encodeAlleleList(hla, 'A*01:01+A*01:02')).toThrow(/one allele list/);
    expect(() => encodeAlleleList(hla, 'A*01:01/A*01:999')).toThrow(/A\*01:999 is not an allele/);
    expect(() => encodeAlleleList(createHlaEngine({ release }), 'A*01:01/A*01:02')).toThrow(/no MAC dictionary/);
  });

  it('inverts expansion for every generic code of the subset whose list is its own (round trip)', () => {
    // Rows `CODE,…,01/02,…,true,…` of the Atlas subset; codes sharing a list with another are skipped
    // (py-ard #249: encode(expand(x)) is then the other code).
    const rows = readFileSync(macPath, 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z]{2,5},/.test(l))
      .map((l) => l.split(','))
      .filter((f) => f[4] === 'true' && !ATLAS_FAKE_MACS.has(f[0] ?? ''));
    const byList = new Map<string, number>();
    for (const f of rows) byList.set(f[2] ?? '', (byList.get(f[2] ?? '') ?? 0) + 1);
    let checked = 0;
    for (const f of rows) {
      const [code, values] = [f[0] ?? '', (f[2] ?? '').split('/')];
      if (byList.get(f[2] ?? '') !== 1) continue;
      for (const first of ['01', '02', '24', '15']) {
        const names = values.map((v) => `B*${first}:${v}`);
        if (!names.every((n) => release.truncatedName.get(n) === n)) continue;
        expect(encodeAlleleList(hla, names.join('/')).mac).toBe(`B*${first}:${code}`);
        // expand of a MAC lists the names the code denotes (py-ard; ADR 0104), so the round trip is exact.
        expect(hla.expand(`B*${first}:${code}`)).toBe(names.join('/'));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
