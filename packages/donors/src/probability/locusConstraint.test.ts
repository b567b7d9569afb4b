import { describe, expect, it } from 'vitest';
import { parseFrequencySet } from './frequencySet';
import { HaplotypeIndex, mixtureWeights } from './haplotypeIndex';
import { type LocusConstraint, buildConstraint } from './locusConstraint';

const set = parseFrequencySet(
  [
    'A*01:01~B*08:01,1,0.2',
    'A*02:01~B*07:02,1,0.2',
    'A*03:01~B*07:02,1,0.2',
    'A*11:01~B*08:01,1,0.2',
    'A*24:02~B*08:01,1,0.2',
  ].join('\n')
);
const ix = new HaplotypeIndex(set, mixtureWeights(set, undefined));
const id = (name: string) => ix.alleleId[0]?.get(name) as number;
const names = (ids: readonly number[] | undefined) => (ids ?? []).map((x) => ix.alleleNames[0]?.[x]).sort();

function build(alternatives: [string, string][], unrepresented = new Set<string>()): LocusConstraint {
  const c = buildConstraint(ix, 0, alternatives, (p) => p.split('/'), unrepresented);
  if ('absent' in c) throw new Error('absent');
  return c;
}

describe('buildConstraint', () => {
  it('allows for each allele the alleles of the other position of every alternative it fills', () => {
    const c = build([
      ['A*01:01/A*02:01', 'A*03:01'],
      ['A*02:01', 'A*11:01/A*99:99'],
    ]);
    expect(names(c.partnerIds[id('A*01:01')])).toEqual(['A*03:01']);
    expect(names(c.partnerIds[id('A*02:01')])).toEqual(['A*03:01', 'A*11:01']);
    expect(names(c.partnerIds[id('A*03:01')])).toEqual(['A*01:01', 'A*02:01']);
    expect(names(c.partnerIds[id('A*11:01')])).toEqual(['A*02:01']);
    expect(c.partnerIds[id('A*24:02')]).toBeUndefined();
    expect([...c.union]).toEqual(ix.alleleNames[0]?.map((n) => (n === 'A*24:02' ? 0 : 1)));
    const row = c.partner[id('A*02:01')] as Uint8Array;
    expect(names([...row.keys()].filter((y) => row[y]))).toEqual(['A*03:01', 'A*11:01']);
    expect(c.haplotypes).toBe(4);
  });

  it('shares one partner row between the alleles of one position (a MAC or XX code builds one row, not one each)', () => {
    const c = build([['A*01:01/A*02:01/A*03:01', 'A*11:01/A*24:02']]);
    const rows = ['A*01:01', 'A*02:01', 'A*03:01'].map((n) => c.partner[id(n)]);
    expect(rows[1]).toBe(rows[0]);
    expect(rows[2]).toBe(rows[0]);
    expect(c.partnerIds[id('A*02:01')]).toBe(c.partnerIds[id('A*01:01')]);
    expect(c.partner[id('A*24:02')]).toBe(c.partner[id('A*11:01')]);
    expect(c.partner[id('A*24:02')]).not.toBe(rows[0]);
  });
});
