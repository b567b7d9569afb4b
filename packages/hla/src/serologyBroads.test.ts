import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from './engine';
import { loadImgtRelease } from './imgt/loadRelease';
import { sharedData } from './testing/sharedData';

// Serology at S with broads and associated antigens (py-ard 2.3.1 serology mapping; ADR 0105): an allele's
// antigens from rel_dna_ser.txt, plus every antigen that has one of them as a split or an associated antigen
// (rel_ser_ser.txt), read by the test itself.

describe.each(['3.44.0', '3.58.0'])('serology with broads and splits on IMGT/HLA %s', (version) => {
  const release = loadImgtRelease(sharedData(`imgt/${version}`));
  const hla = createHlaEngine({ release });
  const lenient = createHlaEngine({ release, options: { strict: false } });
  const rows = (file: string): string[][] =>
    readFileSync(sharedData(`imgt/${version}/wmda/${file}`), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => l.trim().split(';'));
  const locusName: Record<string, string> = { 'A*': 'A', 'B*': 'B', 'C*': 'Cw', 'DQB1*': 'DQ' };
  for (const l of ['DRB1*', 'DRB3*', 'DRB4*', 'DRB5*']) locusName[l] = 'DR';
  const parents = new Map<string, string[]>();
  for (const [locus = '', antigen = '', splits = '', associated = ''] of rows('rel_ser_ser.txt')) {
    for (const child of [...splits.split('/'), ...associated.split('/')].filter((c) => c !== '')) {
      parents.set(locus + child, [...(parents.get(locus + child) ?? []), locus + antigen]);
    }
  }
  const withParents = (antigens: string[]): string[] => {
    const out = new Set(antigens);
    for (let grew = true; grew;) {
      grew = false;
      for (const a of [...out]) for (const p of parents.get(a) ?? []) if (!out.has(p)) grew = out.add(p) !== undefined;
    }
    return [...out].sort();
  };

  it.each([
    ['B*44:02:01:01', 'B12/B44'],
    ['B*44:02', 'B12/B44'],
    ['A*24:03:01:01', 'A9/A24/A2403'],
    ['A*24:03', 'A9/A24/A2403'],
    ['DRB1*14:03', 'DR6/DR14/DR1403'],
    ['B*13:04', 'B15/B21'],
  ])('%s at S is %s', (typing, expected) => {
    expect(hla.reduce(typing, 'S')).toBe(expected);
  });

  it('gives every allele of rel_dna_ser its antigens with their broads and parents', () => {
    let checked = 0;
    for (const [locus = '', allele = '', ...fields] of rows('rel_dna_ser.txt')) {
      const serLocus = locusName[locus];
      if (serLocus === undefined || !release.alleleId.has(locus + allele)) continue;
      const direct = fields
        .slice(0, 3)
        .flatMap((f) => f.split('/'))
        .filter((n) => n !== '' && n !== '0' && n !== '?')
        .map((n) => serLocus + n);
      const got = hla.reduce(locus + allele, 'S');
      expect(got === '' ? [] : got.split('/').sort(), locus + allele).toEqual(withParents(direct));
      checked++;
    }
    expect(checked).toBeGreaterThan(15_000);
  });

  it('accepts DPw and Dw antigens in non-strict mode only, kept as written', () => {
    expect(hla.validate('DPw6').valid).toBe(false);
    expect(lenient.validate('DPw6').valid).toBe(true);
    expect(lenient.reduce('DPw6+DPw2', 'S')).toBe('DPw2+DPw6');
    expect(lenient.reduce('Dw26', 'lgx')).toBe('Dw26');
    expect(lenient.validate('DPw7').valid).toBe(false);
    expect(lenient.validate('Dw27').valid).toBe(false);
  });
});
