import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHlaEngine } from './engine';
import { HlaError } from './errors';
import { loadImgtRelease } from './imgt/loadRelease';
import { sharedData } from './testing/sharedData';

// Names newer than the loaded release whose parent exists (ADR 0107): the alleles that 3.58.0 added under a
// 2- or 3-field name that 3.44.0 already had, read from the two Allelelist.txt files here.

const alleleNames = (version: string): string[] =>
  readFileSync(sharedData(`imgt/${version}/Allelelist.txt`), 'utf8')
    .split('\n')
    .map((l) => l.trim().split(',')[1] ?? '')
    .filter((name) => name.includes('*'));

const old = loadImgtRelease(sharedData('imgt/3.44.0'));
const hla = createHlaEngine({ release: old });
const refusing = createHlaEngine({ release: old, options: { newerNames: 'refuse' } });

describe('names newer than the loaded release (IMGT/HLA 3.44.0 reading 3.58.0 names)', () => {
  const before = new Set(alleleNames('3.44.0'));
  const bare = (a: string): string => a.replace(/[A-Z]$/, '');
  const twoFields = new Set([...before].map((a) => bare(a).split(':').slice(0, 2).join(':')));
  const added = alleleNames('3.58.0').filter(
    (a) => !before.has(a) && bare(a).split(':').length >= 3 && twoFields.has(bare(a).split(':').slice(0, 2).join(':'))
  );

  it('reduces DRB4*01:03:22 through its parent DRB4*01:03, with a warning', () => {
    expect(before.has('DRB4*01:03:22')).toBe(false);
    expect(hla.reduce('DRB4*01:03:22', 'lgx')).toBe('DRB4*01:01');
    // The parent's expressed alleles only: the new name has no suffix.
    expect(hla.reduce('DRB4*01:03:22', 'W')).not.toContain('N');
    expect(hla.reduce('DRB4*01:03:22', 'U2')).toBe('DRB4*01:03');
    const warnings = hla.warnings('DRB4*01:01+DRB4*01:03:22');
    expect(warnings).toEqual([
      {
        code: 'newer-than-release',
        part: 'DRB4*01:03:22',
        message:
          'DRB4*01:03:22 is not in IMGT/HLA 3.44.0 (named in a later release?): reduced as its parent DRB4*01:03',
      },
    ]);
    const validated = hla.validate('DRB4*01:03:22');
    expect(validated.valid && validated.warnings.map((w) => w.code)).toEqual(['newer-than-release']);
    expect(hla.warnings('DRB4*01:03:01:01')).toEqual([]);
  });

  it('takes the longest parent the release has (a 4-field name under a known 3-field name)', () => {
    expect(
      hla
        .reduce('A*01:01:01:999', 'W')
        .split('/')
        .every((a) => a.startsWith('A*01:01:01:'))
    ).toBe(true);
    expect(hla.warnings('A*01:01:01:999')[0]?.message).toMatch(/reduced as its parent A\*01:01:01$/);
  });

  it('reduces every 3.58.0 name added under a known 2-field name, each with one warning', () => {
    expect(added.length).toBeGreaterThan(1000);
    for (const name of added) {
      expect(() => hla.reduce(name, 'lgx'), name).not.toThrow();
      expect(hla.warnings(name).map((w) => w.code)).toEqual(['newer-than-release']);
    }
  });

  it('refuses them with newerNames: refuse, naming the parent', () => {
    expect(() => refusing.reduce('DRB4*01:03:22', 'lgx')).toThrow(
      'DRB4*01:03:22 is not an allele of IMGT/HLA 3.44.0; its parent DRB4*01:03 is, but names newer than the loaded release are refused'
    );
    for (const name of added.slice(0, 200)) expect(refusing.validate(name).valid, name).toBe(false);
  });

  it('reads a WHO allele written with the suffix a later release gave it as that allele', () => {
    // 3.44.0 writes A*03:01:96 and DQB1*03:01:01:21Q; 3.58.0 A*03:01:96Q and DQB1*03:01:01:21N.
    expect(hla.reduce('A*03:01:96Q', 'W')).toBe('A*03:01:96');
    expect(hla.reduce('DQB1*03:01:01:21N', 'W')).toBe('DQB1*03:01:01:21Q');
    expect(hla.warnings('A*03:01:96Q')[0]?.message).toBe(
      'A*03:01:96Q is not in IMGT/HLA 3.44.0, which writes A*03:01:96 (suffix changed in a later release?): reduced as A*03:01:96'
    );
    expect(() => refusing.reduce('A*03:01:96Q', 'W')).toThrow(/it writes A\*03:01:96, but names newer/);
  });

  it('still refuses names with no parent in the release, and 2-field names', () => {
    expect(() => hla.reduce('A*01:999', 'lgx')).toThrow(HlaError);
    expect(() => hla.reduce('A*99:01:01', 'lgx')).toThrow(/A\*99:01:01 is not an allele of IMGT\/HLA 3.44.0$/);
  });
});
