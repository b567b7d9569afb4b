import { describe, expect, it } from 'vitest';
import { HlaError } from '../errors';
import {
  dataLines,
  parseAlleleList,
  parseGroupFile,
  parseMd5Checksums,
  parseRelDnaSer,
  parseRelSerSer,
  parseTce,
  parseVersionHeader,
} from './parseFiles';

// Hand-written lines in the published layouts (not copies of IMGT files).
const header = '# file: x\n# version: IPD-IMGT/HLA 9.99.0\n';

describe('IMGT file parsers', () => {
  it('skips headers and blank lines, reads the version', () => {
    expect(dataLines(`${header}a\r\n\nb\n`)).toEqual(['a', 'b']);
    expect(parseVersionHeader(header)).toBe('9.99.0');
  });
  it('reads Allelelist.txt', () => {
    expect(parseAlleleList(`${header}AlleleID,Allele\nHLA1,A*01:01:01:01\nHLA2,A*01:11N\n`)).toEqual([
      'A*01:01:01:01',
      'A*01:11N',
    ]);
    expect(() => parseAlleleList('HLA1;A*01\n')).toThrow(HlaError);
  });
  it('reads G/P group files and skips ungrouped rows', () => {
    expect(parseGroupFile('A*;01:01:01:01/01:01:38L;01:01:01G\nA*;01:01:02;\n', 'hla_nom_g.txt')).toEqual([
      { name: 'A*01:01:01G', members: ['A*01:01:01:01', 'A*01:01:38L'] },
    ]);
    expect(() => parseGroupFile('nonsense\n', 'hla_nom_g.txt')).toThrow(/hla_nom_g.txt: cannot read line 'nonsense'/);
  });
  it('reads both rel_dna_ser layouts (6 fields, and 7 with HATS from 3.64.0)', () => {
    const [six, seven] = parseRelDnaSer('B*;13:04;;15/21;;13\nA*;01:200;;;1;;36\n');
    expect(six).toEqual({
      allele: 'B*13:04',
      unambiguous: [],
      possible: ['15', '21'],
      assumed: [],
      expert: ['13'],
      hats: '',
    });
    expect(seven).toMatchObject({ allele: 'A*01:200', assumed: ['1'], hats: '36' });
  });
  it('reads rel_ser_ser broads, splits and associated antigens', () => {
    expect(parseRelSerSer('A;9;23/24;\nB;21;49/50;4005\n')).toEqual([
      { locus: 'A', antigen: '9', splits: ['23', '24'], associated: [] },
      { locus: 'B', antigen: '21', splits: ['49', '50'], associated: ['4005'] },
    ]);
  });
  it('reads dpb_tce.csv with predicted ($) and missing V1 assignments', () => {
    const rows = parseTce(
      'Allele,Protein,V1_Assignment,V2_Assignment,Comments\nDPB1*08:01,DPB1*08:01,3$,2a$,x\nDPB1*99:01,DPB1*99:01,,1$,\n'
    );
    expect(rows[0]).toEqual({
      allele: 'DPB1*08:01',
      protein: 'DPB1*08:01',
      v1: { group: '3', predicted: true },
      v2: { group: '2a', predicted: true },
    });
    expect(rows[1]?.v1).toBeUndefined();
  });
  it('reads md5checksum.txt', () => {
    const sums = parseMd5Checksums('MD5 (hla_nom_g.txt) = FB6D46F40079A8D5584CDA87CA6473F2\n');
    expect(sums.get('hla_nom_g.txt')).toBe('fb6d46f40079a8d5584cda87ca6473f2');
    expect(() => parseMd5Checksums('MD5 hla_nom_g.txt\n')).toThrow(HlaError);
  });
});
