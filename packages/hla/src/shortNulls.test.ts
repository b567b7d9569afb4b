import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from './engine';
import { loadImgtRelease } from './imgt/loadRelease';
import type { ReductionLevel } from './options';
import { sharedData } from './testing/sharedData';

// Short nulls (py-ard 2.3.1 generate_short_nulls / is_shortnull) and the U2 suffix rule, on both releases.
// Expectations come from Allelelist.txt and hla_nom_p.txt read here, or are worked by hand from those files.

function fileLines(version: string, path: string): string[] {
  return readFileSync(sharedData(`imgt/${version}/${path}`), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

const suffixOf = (a: string): string => (/[A-Z]$/.test(a) ? a.slice(-1) : '');
const bare = (a: string): string => (suffixOf(a) ? a.slice(0, -1) : a);
const fields = (a: string, n: number): string => bare(a).split(':').slice(0, n).join(':');

describe.each(['3.44.0', '3.58.0'])('short nulls on IMGT/HLA %s', (version) => {
  const hla = createHlaEngine({ release: loadImgtRelease(sharedData(`imgt/${version}`)) });
  const alleles = fileLines(version, 'Allelelist.txt')
    .filter((l) => !l.startsWith('AlleleID'))
    .map((l) => l.split(',')[1] ?? '');
  const inP = new Set(
    fileLines(version, 'wmda/hla_nom_p.txt').flatMap((l) => {
      const [locus = '', list = '', group = ''] = l.split(';');
      return group ? list.split('/').map((m) => locus + m) : [];
    })
  );
  /** The alleles a short null stands for: under its 2 or 3 fields, carrying its suffix. */
  const nullsUnder = (name: string): string[] => {
    const n = name.slice(0, -1).split(':').length;
    return alleles.filter((a) => fields(a, n) === name.slice(0, -1) && suffixOf(a) === name.slice(-1));
  };

  it.each(['DRB4*01:03N', 'DRB4*01:03:01N', 'DRB5*01:08N', 'A*01:04N'])('%s at W is the nulls under it', (name) => {
    const nulls = nullsUnder(name);
    expect(nulls.length).toBeGreaterThan(0);
    expect(hla.reduce(name, 'W').split('/').sort()).toEqual(nulls.sort());
    // P: nulls have no P group, so the 4-field nulls are listed.
    expect(nulls.some((a) => inP.has(a))).toBe(false);
    expect(hla.reduce(name, 'P').split('/').sort()).toEqual(nulls.sort());
  });

  it.each<[string, ReductionLevel, string]>([
    // DRB4*01:03:01:02N and :13N are both in DRB4*01:01:01G, whose expressed alleles are in DRB4*01:01P.
    ['DRB4*01:03N', 'lgx', 'DRB4*01:01'],
    ['DRB4*01:03N', 'lg', 'DRB4*01:01g'],
    ['DRB4*01:03N', 'G', 'DRB4*01:01:01G'],
    ['DRB4*01:03N', 'exon', 'DRB4*01:03:01N'],
    ['DRB4*01:03N', 'U2', 'DRB4*01:03N'],
    ['DRB4*01:03:01N', 'exon', 'DRB4*01:03:01N'],
    ['DRB4*01:03:01:02N', 'exon', 'DRB4*01:03:01N'],
    ['DRB5*01:08N', 'U2', 'DRB5*01:08N'],
    ['A*01:04N', 'exon', 'A*01:04:01N'],
    ['A*01:04N', 'lgx', 'A*01:01'],
    ['A*01:01N', 'W', 'A*01:01:01:02N'],
    ['HLA-DRB4*01:03N', 'exon', 'HLA-DRB4*01:03:01N'],
  ])('%s at %s is %s', (typing, level, expected) => {
    expect(hla.reduce(typing, level)).toBe(expected);
  });

  it('accepts every short null of the release in strict mode, and no suffix that no allele carries', () => {
    const shortNulls = new Set<string>();
    for (const a of alleles) {
      if (suffixOf(a) === '') continue;
      for (const n of [2, 3]) if (bare(a).split(':').length > n) shortNulls.add(fields(a, n) + suffixOf(a));
    }
    expect(shortNulls.size).toBeGreaterThan(100);
    for (const name of shortNulls) expect(hla.validate(name).valid, name).toBe(true);
    expect(hla.validate('DRB4*01:03Q').valid).toBe(false);
    // A WHO allele with another suffix is read as a later rename, with a warning (ADR 0107).
    const renamed = hla.validate('A*02:01:01:01N');
    expect(renamed.valid && renamed.warnings[0]?.message).toMatch(/which writes A\*02:01:01:01 \(suffix changed/);
  });

  it('U2 keeps the expression suffix of every 4-field allele (B*56:01:01:05S → B*56:01S, …L)', () => {
    expect(hla.reduce('B*56:01:01:05S', 'U2')).toBe('B*56:01S');
    const long = alleles.filter((a) => bare(a).split(':').length === 4);
    // An expressed allele's 2-field name is written bare (no suffix can be shared by all alleles under it).
    const wrong = long.filter((a) => hla.reduce(a, 'U2') !== fields(a, 2) + suffixOf(a));
    expect(long.length).toBeGreaterThan(4000);
    expect(wrong).toEqual([]);
    const lows = long.filter((a) => suffixOf(a) === 'L');
    for (const a of lows) expect(hla.reduce(a, 'U2')).toBe(`${fields(a, 2)}L`);
  });
});
