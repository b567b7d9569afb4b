import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HlaError } from '../errors';
import { sharedData } from '../testing/sharedData';
import { encodeMac } from './encodeMac';
import { MacDictionary, parseMacCsv, parseMacFile, parseMacNumer } from './macDictionary';

// numer.v3.txt layout, written by hand.
const numer =
  '"LAST UPDATED: 11/26/26"\nCODE\tSUBTYPE\n\nAB\t01/02\nAC\t01/03\nGNF\t02:01/02:09/02:43N\nKZZ\t02:01/03:01/03:02\n';

describe('MAC dictionaries', () => {
  it('reads NMDP numer.v3.txt and alpha.v3.txt rows', () => {
    const entries = parseMacNumer(numer);
    expect(entries.map((e) => e.code)).toEqual(['AB', 'AC', 'GNF', 'KZZ']);
    expect(entries[0]).toEqual({ code: 'AB', generic: true, values: ['01', '02'] });
    expect(entries[2]).toEqual({ code: 'GNF', generic: false, values: ['02:01', '02:09', '02:43N'] });
    expect(parseMacNumer('*\tAB\t01/02\n')).toEqual([{ code: 'AB', generic: true, values: ['01', '02'] }]);
    expect(() => parseMacNumer('AB\t01/0x2\n')).toThrow(/line 1: MAC AB has a malformed allele list/);
    expect(() => parseMacNumer('ab\t01/02\n')).toThrow(HlaError);
  });
  it('indexes numer.v3 text lazily, with the same answers', () => {
    const macs = MacDictionary.fromText(numer.replace(/\n/g, '\r\n'));
    expect(macs.size).toBe(4);
    expect(macs.get('GNF')).toEqual({ code: 'GNF', generic: false, values: ['02:01', '02:09', '02:43N'] });
    expect(macs.get('AB')?.generic).toBe(true);
    expect(macs.get('ZZ')).toBeUndefined();
    expect(macs.get('ab')).toBeUndefined();
    expect(macs.codeFor(true, ['02', '01'])).toBe('AB');
    expect(MacDictionary.fromText('*\tAB\t01/02\n\tAC\t01/03\n').get('AC')?.values).toEqual(['01', '03']);
    expect(() => MacDictionary.fromText('A1\t01/02\n').size).toThrow(/line 1: 'A1' is not a MAC code/);
    expect(() => MacDictionary.fromText('AB 01/02\n').get('AB')).toThrow(/line 1: expected CODE<TAB>SUBTYPE/);
    expect(() => MacDictionary.fromText('AB\t01/0x\n').get('AB')).toThrow(/MAC AB has a malformed allele list/);
  });
  it('reads the Atlas CSV subset without its 7 fake codes', () => {
    const text = readFileSync(sharedData('mac/atlas-LargeMacDictionary.csv'), 'utf8');
    const entries = parseMacCsv(text);
    expect(entries).toHaveLength(12_520);
    expect(entries.filter((e) => e.generic)).toHaveLength(4_684 - 3); // ABC, XYZ, ZZZ were generic fakes
    expect(entries.some((e) => e.code === 'ZZZ')).toBe(false);
    expect(parseMacCsv(text, true)).toHaveLength(12_527);
    expect(parseMacFile(text)).toHaveLength(12_520);
  });
  it('encodes allele lists: generic code first, allele-specific with the most frequent first field', () => {
    const macs = new MacDictionary(parseMacNumer(numer));
    expect(encodeMac(macs, ['A*01:02', 'A*01:01'])).toBe('A*01:AB');
    expect(encodeMac(macs, ['HLA-B*07:01', 'HLA-B*07:03'])).toBe('HLA-B*07:AC');
    expect(encodeMac(macs, ['A*02:09', 'A*02:01', 'A*02:43N'])).toBe('A*02:GNF');
    // 03 has the most alleles, so KZZ is written under 03.
    expect(encodeMac(macs, ['C*02:01', 'C*03:01', 'C*03:02'])).toBe('C*03:KZZ');
    expect(encodeMac(macs, ['A*01:01'])).toBeUndefined();
    expect(encodeMac(macs, ['A*01:01', 'B*01:02'])).toBeUndefined();
    expect(encodeMac(macs, ['A*01:01', 'A*01:04'])).toBeUndefined();
  });
});
