import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HlaError } from './errors';
import { expressionSuffix, fieldCount, parseTypingName, truncateAllele } from './name';

describe('typing names', () => {
  it('reads 1- to 4-field alleles with expression suffixes and the HLA- prefix', () => {
    expect(parseTypingName('HLA-A*01:01:01:02N')).toMatchObject({
      hlaPrefix: true,
      kind: 'allele',
      locus: 'A',
      fields: ['01', '01', '01', '02'],
      suffix: 'N',
      text: 'A*01:01:01:02N',
    });
    expect(parseTypingName('DRB1*15:01')).toMatchObject({
      kind: 'allele',
      locus: 'DRB1',
      fields: ['15', '01'],
      suffix: '',
    });
    expect(parseTypingName('A*24:329Q')).toMatchObject({ suffix: 'Q' });
    expect(parseTypingName('A*01')).toMatchObject({ kind: 'allele', fields: ['01'] });
  });
  it('reads group, lg, MAC, XX and V2 names', () => {
    expect(parseTypingName('A*01:01:01G')).toMatchObject({ kind: 'g-group', fields: ['01', '01', '01'] });
    expect(parseTypingName('B*07:02P')).toMatchObject({ kind: 'p-group', fields: ['07', '02'] });
    expect(parseTypingName('A*01:01g')).toMatchObject({ kind: 'lg', code: 'g' });
    expect(parseTypingName('A*01:01ARS')).toMatchObject({ kind: 'lg', code: 'ARS' });
    expect(parseTypingName('A*01:AB')).toMatchObject({ kind: 'mac', code: 'AB', fields: ['01'] });
    expect(parseTypingName('B*40:KBG')).toMatchObject({ kind: 'mac', code: 'KBG' });
    expect(parseTypingName('A*01:XX')).toMatchObject({ kind: 'xx', code: 'XX' });
    expect(parseTypingName('A*0101')).toMatchObject({ kind: 'v2', fields: ['0101'] });
    expect(parseTypingName('DRB1*010101N')).toMatchObject({ kind: 'v2', suffix: 'N' });
  });
  it('reads serology, including Cw and associated antigens', () => {
    expect(parseTypingName('A1')).toMatchObject({ kind: 'serology', locus: 'A', fields: ['1'] });
    expect(parseTypingName('Cw10')).toMatchObject({ kind: 'serology', locus: 'Cw' });
    expect(parseTypingName('B5102')).toMatchObject({ kind: 'serology', fields: ['5102'] });
    expect(parseTypingName('DR52')).toMatchObject({ kind: 'serology', locus: 'DR' });
  });
  it('names the offending part of a malformed name', () => {
    expect(() => parseTypingName('A*01:0a')).toThrow(/'01:0a' after 'A\*'/);
    expect(() => parseTypingName('hello')).toThrow(/hello: not an HLA name/);
    expect(() => parseTypingName('')).toThrow(HlaError);
  });
  it('truncates allele names and reads suffixes', () => {
    expect(truncateAllele('A*01:04:01:01N', 2)).toBe('A*01:04');
    expect(truncateAllele('A*01:11N', 2)).toBe('A*01:11');
    expect(truncateAllele('A*01:01:01:01', 1)).toBe('A*01');
    expect(truncateAllele('A*01:01', 3)).toBe('A*01:01');
    expect(fieldCount('A*01:01:01G')).toBe(3);
    expect(expressionSuffix('A*01:04:01:01N')).toBe('N');
    expect(expressionSuffix('A*01:01')).toBe('');
  });
  it('never crashes on random input: it parses or throws an HlaError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        try {
          parseTypingName(s);
        } catch (err) {
          expect(err).toBeInstanceOf(HlaError);
        }
      }),
      { numRuns: 3000 }
    );
  });
});
